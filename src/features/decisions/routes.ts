/** Deciding a requested service under the unit's delegation order; reading and listing decisions. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { callerOf } from '../../http/caller.js'
import { ActionHeaders, IdParams, page, problems, ref } from '../../http/schemas.js'
import appealRoutes from './appeal-routes.js'
import datesRoutes from './dates-routes.js'
import { sendDecision, toDecision } from './present.js'
import { decideService, getDecision, listDecisions } from './service.js'
import { DecideBody, Decision, DecisionListQuery } from './schemas.js'

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const reads = { preValidation: app.requireCapability('read_individual_data') }

  app.post('/applications/:id/decisions', {
    preValidation: app.requireCapability('decide'),
    schema: {
      tags: ['Decisions'], operationId: 'decideService', summary: 'Decide a requested service',
      description: [
        'Decides one requested service of the application: granted, partially granted or rejected.',
        'Refused with 403 naming the rule when the unit\'s delegation order does not let the caller decide the matter',
        '(by default: housing needs a unit manager or deputy; home care over 99 hours/month a manager or a specially delegated case worker).',
        'The hours of a matter are the larger of the requested and the decided hours: rejecting or partly granting 300 requested hours is a matter over 99 hours.',
        'Refused with 409 when the application is not in a decidable state, the service is already decided, a housing matter lacks its joint case review,',
        'or the investigation was not communicated before a housing or adverse decision (unless urgent).',
        'The decision date cannot precede the received date, the communication or (for housing) the joint case review, nor lie in the future.',
        'The application becomes `decided` when every requested service has its decision.',
        'If-Match refers to the application\'s ETag; the response carries the decision\'s ETag, so GET the application again for its new one.'
      ].join(' '),
      params: IdParams,
      headers: ActionHeaders,
      body: DecideBody,
      response: { 201: ref(Decision), ...problems(400, 403, 404, 409, 412, 422) }
    }
  }, async (request, reply) => {
    const decision = await decideService(app.db, callerOf(request), request.params.id, request.body, app.legalBasisDefault)
    return reply.code(201).header('location', `/v1/decisions/${decision.id}`).send(sendDecision(reply, decision))
  })

  app.get('/decisions/:id', {
    ...reads,
    schema: {
      tags: ['Decisions'], operationId: 'getDecision', summary: 'Get a decision', description: 'One decision of the caller\'s unit: outcome, hours, validity, legal basis, who decided under which delegation rule, notification and appeal. 404 when it does not exist or belongs to another unit (existence is never confirmed). The read is written to the access log.',
      params: IdParams,
      response: { 200: ref(Decision), ...problems(400, 403, 404) }
    }
  }, async (request, reply) => sendDecision(reply, await getDecision(app.db, callerOf(request), request.params.id)))

  app.get('/decisions', {
    ...reads,
    schema: {
      tags: ['Decisions'], operationId: 'listDecisions', summary: 'List decisions',
      description: 'Decisions of the caller\'s unit, newest decision date first. `currentOn` gives the decisions in force on a date; `expiringBefore` the time-limited ones ending before a date (to re-assess in time). A `unitId` other than the caller\'s gives an empty list.',
      querystring: DecisionListQuery,
      response: { 200: page(ref(Decision)), ...problems(400, 403) }
    }
  }, async (request) => {
    const page = await listDecisions(app.db, callerOf(request), request.query)
    return { items: page.items.map(toDecision), nextCursor: page.nextCursor }
  })

  await app.register(appealRoutes)
  await app.register(datesRoutes)
}

export default routes
