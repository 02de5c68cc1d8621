/** Hospital discharge episodes: inbound notices (created or corrected), planning, reading, the monthly list. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { todayInStockholm } from '../../domain/calendar.js'
import { callerOf } from '../../http/caller.js'
import { IdempotencyHeader, IdParams, IfMatchHeader, page, problems, ref } from '../../http/schemas.js'
import { sendEpisode, toEpisode } from './present.js'
import { DischargeEpisode, DischargeListQuery, DischargeNotice, DischargePlanning } from './schemas.js'
import { getEpisode, listEpisodes, planDischarge, receiveNotice } from './service.js'

const routes: FastifyPluginAsyncTypebox<{ agreementDays: number }> = async (app, opts) => {
  const reads = { preValidation: app.requireCapability('read_individual_data') }
  const writes = { preValidation: app.requireCapability('write_individual_data') }

  app.post('/discharge-episodes', {
    ...writes,
    schema: {
      tags: ['Hospital discharge'], operationId: 'receiveDischargeNotice', summary: 'Receive a notice from the region\'s discharge system',
      description: [
        'For the region\'s system (a `system_client`, LifeCare SP style) or a case worker: the notice of admission (inskrivningsmeddelande),',
        'the ready-for-discharge date (utskrivningsklar) and the discharge, as the whole current state of one episode named by `source` + `externalReference`.',
        'A new reference creates the episode (201 with Location); a known one corrects it (200; `corrections` counts them; an identical notice changes nothing).',
        'Send an Idempotency-Key: a retried delivery answers the first result.',
        `Payment responsibility begins DISCHARGE_AGREEMENT_DAYS (now ${opts.agreementDays}) calendar days after the ready date — lag (2017:612) 5 kap. by default.`,
        'The person must be of the caller\'s unit (otherwise 400).'
      ].join(' '),
      headers: IdempotencyHeader, body: DischargeNotice,
      response: { 200: ref(DischargeEpisode), 201: ref(DischargeEpisode), ...problems(400, 403, 409, 422) }
    }
  }, async (request, reply) => {
    const { created, episode } = await receiveNotice(app.db, callerOf(request), opts.agreementDays, request.body)
    if (created) reply.code(201).header('location', `/v1/discharge-episodes/${episode.episode.id}`)
    return sendEpisode(reply, episode, todayInStockholm())
  })

  app.get('/discharge-episodes', {
    ...reads,
    schema: {
      tags: ['Hospital discharge'], operationId: 'listDischargeEpisodes', summary: 'List discharge episodes (the monthly list)',
      description: 'The unit\'s episodes, newest admission first. `readyMonth=2026-10` gives the month\'s list (ready date in the month); `pastAgreement=true` those still in hospital with payment responsibility begun. Day counts are as of today.',
      querystring: DischargeListQuery,
      response: { 200: page(ref(DischargeEpisode)), ...problems(400, 403) }
    }
  }, async (request) => {
    const asOf = todayInStockholm()
    const result = await listEpisodes(app.db, callerOf(request), asOf, request.query)
    return { items: result.items.map((e) => toEpisode(e, asOf)), nextCursor: result.nextCursor }
  })

  app.get('/discharge-episodes/:id', {
    ...reads,
    schema: {
      tags: ['Hospital discharge'], operationId: 'getDischargeEpisode', summary: 'Get a discharge episode', description: 'One hospital discharge episode of the caller\'s unit: the notices from the region, planning, ready date and payment responsibility, with its ETag. 404 when it does not exist or belongs to another unit (existence is never confirmed). The read is written to the access log.',
      params: IdParams, response: { 200: ref(DischargeEpisode), ...problems(400, 403, 404) }
    }
  }, async (request, reply) => sendEpisode(reply, await getEpisode(app.db, callerOf(request), request.params.id), todayInStockholm()))

  app.patch('/discharge-episodes/:id', {
    ...writes,
    schema: {
      tags: ['Hospital discharge'], operationId: 'planDischarge', summary: 'Record the planning of a discharge',
      description: 'The unit\'s planning: the SIP meeting (date, participants by role; null removes it), the services applied for, the applications the episode led to (replacing the list; each must be the person\'s own), or the day the person left when the hospital did not send it. Send If-Match (412 when stale).',
      params: IdParams, headers: IfMatchHeader, body: DischargePlanning,
      response: { 200: ref(DischargeEpisode), ...problems(400, 403, 404, 412) }
    }
  }, async (request, reply) => sendEpisode(reply, await planDischarge(app.db, callerOf(request), request.params.id, request.body), todayInStockholm()))
}

export default routes
