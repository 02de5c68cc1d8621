/** Deviations the unit sends to providers and health care: register, read, list, record the response, close. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { deviationAllowedIn, isDeviationActionAllowed, type DeviationAction } from '../../domain/deviation-process.js'
import { setEtag } from '../../http/etag.js'
import { decodeCursor, toPage } from '../../http/pagination.js'
import { invalidState, notFound } from '../../http/problem.js'
import { ActionHeaders, IdempotencyHeader, IdParams, page, problems, ref } from '../../http/schemas.js'
import { assertFactDate, latest } from '../../http/fact-dates.js'
import { resolveCaseLink } from '../quality/links.js'
import { qualityStep } from '../quality/step.js'
import { createDeviation } from './create.js'
import { toDeviation } from './present.js'
import { findDeviation, findVisibleDeviation, listVisibleDeviations, updateDeviation, type DeviationRow } from './repository.js'
import { CloseDeviationBody, Deviation, DeviationCreate, DeviationListQuery, ResponseBody } from './schemas.js'

const LABELS: Record<DeviationAction, string> = { record_response: 'record a response to the deviation', close: 'close the deviation' }

function checkAllowed(action: DeviationAction, current: DeviationRow) {
  if (!isDeviationActionAllowed(action, current.status)) throw invalidState(LABELS[action], current.status, deviationAllowedIn(action))
}

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const reads = { preValidation: app.requireCapability('read_quality_reports') }
  const handles = { preValidation: app.requireCapability('handle_quality_reports') }
  const stepResponses = { 200: ref(Deviation), ...problems(400, 403, 404, 409, 412, 422) }

  app.post('/deviations', {
    preValidation: app.requireCapability('register_quality_reports'),
    schema: {
      tags: ['Quality'], operationId: 'createDeviation', summary: 'Register a deviation sent to a provider or health care',
      description: 'Registers a deviation (avvikelse) the unit has sent, e.g. a missing implementation plan to a provider or a discharge problem to hospital care. A provider is named by its record (`providerId`) or, when it has none, by `providerName`. A person or decision must be of the caller\'s unit (otherwise 400, whether or not it exists elsewhere).',
      headers: IdempotencyHeader, body: DeviationCreate,
      response: { 201: ref(Deviation), ...problems(400, 403, 422) }
    }
  }, async (request, reply) => {
    const { personId, decisionId, ...body } = request.body
    const deviation = await app.db.transaction().execute(async (trx) =>
      createDeviation(app, request, trx, body, await resolveCaseLink(trx, request.actor, { personId, decisionId }), null))
    setEtag(reply, deviation.version)
    return reply.code(201).header('location', `/v1/deviations/${deviation.id}`).send(toDeviation(deviation))
  })

  app.get('/deviations', {
    ...reads,
    schema: {
      tags: ['Quality'], operationId: 'listDeviations', summary: 'List deviations',
      description: 'The caller\'s unit\'s deviations, newest sent first.',
      querystring: DeviationListQuery,
      response: { 200: page(ref(Deviation)), ...problems(400, 403) }
    }
  }, async (request) => {
    const { limit = 50, cursor, ...filter } = request.query
    const after = decodeCursor(cursor, ['string', 'string']) as [string, string] | undefined
    const result = toPage(await listVisibleDeviations(app.db, request.actor, filter, after, limit), limit, (d) => [d.sent_date, d.id])
    await app.audit(request, result.items.filter((d) => d.person_id !== null)
      .map((d) => ({ action: 'read' as const, resourceType: 'deviation', resourceId: d.id, personId: d.person_id })))
    return { items: result.items.map(toDeviation), nextCursor: result.nextCursor }
  })

  app.get('/deviations/:id', {
    ...reads,
    schema: {
      tags: ['Quality'], operationId: 'getDeviation', summary: 'Get a deviation',
      params: IdParams,
      response: { 200: ref(Deviation), ...problems(400, 403, 404) }
    }
  }, async (request, reply) => {
    const deviation = await findVisibleDeviation(app.db, request.actor, request.params.id)
    if (!deviation) throw notFound('Deviation')
    if (deviation.person_id !== null) {
      await app.audit(request, [{ action: 'read', resourceType: 'deviation', resourceId: deviation.id, personId: deviation.person_id }])
    }
    setEtag(reply, deviation.version)
    return toDeviation(deviation)
  })

  const step = (request: Parameters<typeof qualityStep>[1] & { params: { id: string } }, action: DeviationAction, apply: (current: DeviationRow) => Parameters<typeof updateDeviation>[2]) =>
    qualityStep(app, request, {
      resource: 'Deviation',
      resourceType: 'deviation',
      lock: (trx) => findVisibleDeviation(trx, request.actor, request.params.id, { forUpdate: true }),
      check: (current) => checkAllowed(action, current),
      apply: (current, trx) => updateDeviation(trx, current.id, apply(current)),
      reload: findDeviation
    })

  app.post('/deviations/:id/response', {
    ...handles,
    schema: {
      tags: ['Quality'], operationId: 'recordDeviationResponse', summary: 'Record the response to a deviation',
      description: 'Records the target\'s response; the deviation becomes `responded`. Allowed only while `sent` (409 with `currentState` otherwise).',
      params: IdParams, headers: ActionHeaders, body: ResponseBody, response: stepResponses
    }
  }, async (request, reply) => {
    const deviation = await step(request, 'record_response', (current) => {
      assertFactDate('/date', request.body.date, current.sent_date, 'when the deviation was sent')
      return { status: 'responded', response_date: request.body.date, response: request.body.response }
    })
    setEtag(reply, deviation.version)
    return toDeviation(deviation)
  })

  app.post('/deviations/:id/close', {
    ...handles,
    schema: {
      tags: ['Quality'], operationId: 'closeDeviation', summary: 'Close a deviation',
      description: 'Closes a deviation, with or without a response. A closed deviation takes no further action (409 with `currentState`).',
      params: IdParams, headers: ActionHeaders, body: CloseDeviationBody, response: stepResponses
    }
  }, async (request, reply) => {
    const deviation = await step(request, 'close', (current) => {
      assertFactDate('/date', request.body.date, latest(current.sent_date, current.response_date), 'the last date on record for this deviation')
      return { status: 'closed', closed_date: request.body.date, closing_note: request.body.note ?? null }
    })
    setEtag(reply, deviation.version)
    return toDeviation(deviation)
  })
}

export default routes
