/**
 * The follow-up's process steps: plan (book, move, assign), perform, cancel. Each runs as one
 * step (lock, If-Match, state, change, follow-on re-plan, access log) in the service.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply } from 'fastify'
import { todayInStockholm } from '../../domain/calendar.js'
import { callerOf } from '../../http/caller.js'
import { setEtag } from '../../http/etag.js'
import { ActionHeaders, IdParams, problems, ref } from '../../http/schemas.js'
import { toFollowUp } from './present.js'
import { cancelFollowUp, performFollowUp, planFollowUp, type FollowUpView } from './service.js'
import { CancelBody, FollowUp, PerformBody, PlanBody } from './schemas.js'

function present(reply: FastifyReply, { followUp, answers }: FollowUpView) {
  setEtag(reply, followUp.version)
  return toFollowUp(followUp, answers, todayInStockholm())
}

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const writes = { preValidation: app.requireCapability('write_individual_data') }
  const common = {
    tags: ['Follow-ups'], params: IdParams, headers: ActionHeaders,
    response: { 200: ref(FollowUp), ...problems(400, 403, 404, 409, 412, 422) }
  }

  app.post('/follow-ups/:id/plan', {
    ...writes,
    schema: {
      ...common, operationId: 'planFollowUp', summary: 'Book, move or assign a follow-up',
      description: 'Sets the booked date, the due date or the assigned case worker of a planned follow-up (409 otherwise). A new due date on an automatic follow-up makes it manual: re-plans of its decision leave it alone from then on.',
      body: PlanBody
    }
  }, async (request, reply) => present(reply, await planFollowUp(app.db, callerOf(request), request.params.id, request.body)))

  app.post('/follow-ups/:id/perform', {
    ...writes,
    schema: {
      ...common, operationId: 'performFollowUp', summary: 'Record a performed follow-up',
      description: [
        'Records the performed date, method, findings, ordered vs delivered hours and the outcome. `changed` links the new application made for the changed needs',
        '(same person); a KIN follow-up records one answer per question of its service context (null: did not answer).',
        'Performing a follow-up of a decision re-plans the decision\'s automatic follow-ups: the next continuous follow-up counts from this one.'
      ].join(' '),
      body: PerformBody
    }
  }, async (request, reply) => present(reply, await performFollowUp(app.db, callerOf(request), request.params.id, request.body)))

  app.post('/follow-ups/:id/cancel', {
    ...writes,
    schema: {
      ...common, operationId: 'cancelFollowUp', summary: 'Cancel a planned follow-up',
      description: 'Cancels a planned follow-up with a reason. An automatic follow-up cancelled by a person is not planned again for the same basis date by later re-plans.',
      body: CancelBody
    }
  }, async (request, reply) => present(reply, await cancelFollowUp(app.db, callerOf(request), request.params.id, request.body)))
}

export default routes
