/** Follow-ups: creating, reading and listing. The process steps live in actions-routes.ts, the planning rules in rules-routes.ts. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { todayInStockholm } from '../../domain/calendar.js'
import { callerOf } from '../../http/caller.js'
import { setEtag } from '../../http/etag.js'
import { IdempotencyHeader, IdParams, page, problems, ref } from '../../http/schemas.js'
import actions from './actions-routes.js'
import { toFollowUp } from './present.js'
import rulesRoutes from './rules-routes.js'
import { createFollowUp, getFollowUp, listFollowUps, listKinQuestions } from './service.js'
import { FollowUp, FollowUpCreate, FollowUpListQuery, KinQuestion } from './schemas.js'

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const reads = { preValidation: app.requireCapability('read_individual_data') }
  const writes = { preValidation: app.requireCapability('write_individual_data') }

  app.post('/follow-ups', {
    ...writes,
    schema: {
      tags: ['Follow-ups'], operationId: 'createFollowUp', summary: 'Plan a follow-up by hand',
      description: [
        'Plans a follow-up (uppföljning) of a person of the caller\'s unit. Follow-ups the unit\'s rules ask for are planned automatically when a decision is taken',
        'or its dates or execution change (see `GET /v1/units/{id}/follow-up-rules`); this is for the others.',
        'A continuous follow-up needs a granted decision, a time-limited review a time-limited one (409 otherwise, naming the `rule`),',
        'a hospital-discharge follow-up an application that came through hospital discharge, and a KIN follow-up its `serviceContext`.'
      ].join(' '),
      headers: IdempotencyHeader,
      body: FollowUpCreate,
      response: { 201: ref(FollowUp), ...problems(400, 403, 404, 409, 422) }
    }
  }, async (request, reply) => {
    const followUp = await createFollowUp(app.db, callerOf(request), request.body)
    setEtag(reply, followUp.version)
    return reply.code(201).header('location', `/v1/follow-ups/${followUp.id}`).send(toFollowUp(followUp, [], todayInStockholm()))
  })

  app.get('/follow-ups', {
    ...reads,
    schema: {
      tags: ['Follow-ups'], operationId: 'listFollowUps', summary: 'List follow-ups',
      description: 'Follow-ups of the caller\'s unit, earliest due first. `overdue=true` gives those still planned after their due date (today in Europe/Stockholm); combine with `caseWorker` for a case worker\'s overdue list.',
      querystring: FollowUpListQuery,
      response: { 200: page(ref(FollowUp)), ...problems(400, 403) }
    }
  }, async (request) => {
    const today = todayInStockholm()
    const { items, nextCursor } = await listFollowUps(app.db, callerOf(request), request.query, today)
    return { items: items.map((f) => toFollowUp(f.followUp, f.answers, today)), nextCursor }
  })

  app.get('/follow-ups/:id', {
    ...reads,
    schema: {
      tags: ['Follow-ups'], operationId: 'getFollowUp', summary: 'Get a follow-up', description: 'One follow-up of a decision of the caller\'s unit: kind, due date, status and outcome, with its ETag. 404 when it does not exist or belongs to another unit (existence is never confirmed). The read is written to the access log.',
      params: IdParams,
      response: { 200: ref(FollowUp), ...problems(400, 403, 404) }
    }
  }, async (request, reply) => {
    const { followUp, answers } = await getFollowUp(app.db, callerOf(request), request.params.id)
    setEtag(reply, followUp.version)
    return toFollowUp(followUp, answers, todayInStockholm())
  })

  app.get('/kin-questions', {
    schema: {
      tags: ['Reference data'], operationId: 'listKinQuestions', summary: 'List the KIN questions',
      description: 'The city\'s standard questions of the individual quality follow-up (kvalitetsuppföljning på individnivå), verbatim, per service context, with their answer scales. Favourable answers are those a satisfaction share counts.',
      response: { 200: Type.Object({ items: Type.Array(ref(KinQuestion), { maxItems: 100, description: 'Reference data written by migrations (9 questions today).' }) }), ...problems() }
    }
  }, async () => ({
    items: (await listKinQuestions(app.db)).map((q) => ({
      code: q.code, textSv: q.textSv, serviceContext: q.serviceContext, answerScale: q.answerScale, options: q.labelled, active: q.active
    }))
  }))

  await app.register(actions)
  await app.register(rulesRoutes)
}

export default routes
