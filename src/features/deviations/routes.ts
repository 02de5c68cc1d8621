/** Deviations the unit sends to providers and health care: register, read, list, record the response, close. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { callerOf } from '../../http/caller.js'
import { ActionHeaders, IdempotencyHeader, IdParams, page, problems, ref } from '../../http/schemas.js'
import { sendDeviation, toDeviation } from './present.js'
import { CloseDeviationBody, Deviation, DeviationCreate, DeviationListQuery, ResponseBody } from './schemas.js'
import { closeDeviation, createDeviation, getDeviation, listDeviations, recordResponse } from './service.js'

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
    const deviation = await createDeviation(app.db, callerOf(request), request.body)
    return reply.code(201).header('location', `/v1/deviations/${deviation.id}`).send(sendDeviation(reply, deviation))
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
    const result = await listDeviations(app.db, callerOf(request), request.query)
    return { items: result.items.map(toDeviation), nextCursor: result.nextCursor }
  })

  app.get('/deviations/:id', {
    ...reads,
    schema: {
      tags: ['Quality'], operationId: 'getDeviation', summary: 'Get a deviation', description: 'One deviation the caller\'s unit sent to a provider or to health care, with the response and its ETag. 404 when it does not exist or belongs to another unit (existence is never confirmed). The read is written to the access log.',
      params: IdParams,
      response: { 200: ref(Deviation), ...problems(400, 403, 404) }
    }
  }, async (request, reply) => sendDeviation(reply, await getDeviation(app.db, callerOf(request), request.params.id)))

  app.post('/deviations/:id/response', {
    ...handles,
    schema: {
      tags: ['Quality'], operationId: 'recordDeviationResponse', summary: 'Record the response to a deviation',
      description: 'Records the target\'s response; the deviation becomes `responded`. Allowed only while `sent` (409 with `currentState` otherwise).',
      params: IdParams, headers: ActionHeaders, body: ResponseBody, response: stepResponses
    }
  }, async (request, reply) => sendDeviation(reply, await recordResponse(app.db, callerOf(request), request.params.id, request.body)))

  app.post('/deviations/:id/close', {
    ...handles,
    schema: {
      tags: ['Quality'], operationId: 'closeDeviation', summary: 'Close a deviation',
      description: 'Closes a deviation, with or without a response. A closed deviation takes no further action (409 with `currentState`).',
      params: IdParams, headers: ActionHeaders, body: CloseDeviationBody, response: stepResponses
    }
  }, async (request, reply) => sendDeviation(reply, await closeDeviation(app.db, callerOf(request), request.params.id, request.body)))
}

export default routes
