/**
 * Changing a decision's validity period (e.g. extending a time-limited decision). It is held to
 * the rules of the decision itself — same draft validation, same delegation — and re-plans the
 * decision's automatic follow-ups in the same transaction.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { callerOf } from '../../http/caller.js'
import { IdParams, IfMatchHeader, problems, ref } from '../../http/schemas.js'
import { sendDecision } from './present.js'
import { Decision, DecisionDatesBody } from './schemas.js'
import { changeDecisionDates } from './service.js'

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.patch('/decisions/:id', {
    preValidation: app.requireCapability('decide'),
    schema: {
      tags: ['Decisions'], operationId: 'changeDecisionDates', summary: 'Change a decision\'s validity period',
      description: [
        'Changes `validFrom` and/or `validTo` of a decision, e.g. to extend a time-limited decision. The same rules apply as when deciding:',
        'a grant has a start, the end is not before the start, a rejection has no validity period (400), and the caller must be within the delegation order',
        'for the matter (403 naming the rule). The decision\'s automatic follow-ups are re-planned at once: the review before the end moves with `validTo`.',
        'Send If-Match with the decision\'s ETag.'
      ].join(' '),
      params: IdParams,
      headers: IfMatchHeader,
      body: DecisionDatesBody,
      response: { 200: ref(Decision), ...problems(400, 403, 404, 412) }
    }
  }, async (request, reply) => sendDecision(reply, await changeDecisionDates(app.db, callerOf(request), request.params.id, request.body)))
}

export default routes
