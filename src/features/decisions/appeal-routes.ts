/** Recording an appeal of a decision and its course: reconsideration, court referral, court outcome. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { callerOf } from '../../http/caller.js'
import { ActionHeaders, IdParams, problems, ref } from '../../http/schemas.js'
import { sendDecision } from './present.js'
import { recordAppealStep } from './service.js'
import { AppealReceivedBody, CourtOutcomeBody, CourtReferralBody, Decision, ReconsiderationBody } from './schemas.js'

const appealRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const writes = { preValidation: app.requireCapability('write_individual_data') }
  const responses = { 200: ref(Decision), ...problems(400, 403, 404, 409, 412, 422) }
  const common = { tags: ['Decisions'], params: IdParams, headers: ActionHeaders, response: responses }

  app.post('/decisions/:id/appeal', {
    ...writes,
    schema: {
      ...common, operationId: 'recordAppeal', summary: 'Record an appeal',
      description: 'Records that an appeal (överklagande) of a rejected or partly rejected decision was received. The unit then reconsiders it.',
      body: AppealReceivedBody
    }
  }, async (request, reply) => sendDecision(reply, await recordAppealStep(app.db, callerOf(request), request.params.id, 'receive', request.body.receivedDate,
    { appeal_received_date: request.body.receivedDate })))

  app.post('/decisions/:id/appeal/reconsideration', {
    ...writes,
    schema: {
      ...common, operationId: 'recordAppealReconsideration', summary: 'Record the reconsideration of an appeal',
      description: 'The unit\'s reconsideration (omprövning). If the decision is changed as requested, the appeal lapses; otherwise it is forwarded to court.',
      body: ReconsiderationBody
    }
  }, async (request, reply) => sendDecision(reply, await recordAppealStep(app.db, callerOf(request), request.params.id, 'reconsider', request.body.date,
    { appeal_reconsidered_date: request.body.date, appeal_reconsideration_outcome: request.body.outcome })))

  app.post('/decisions/:id/appeal/court-referral', {
    ...writes,
    schema: {
      ...common, operationId: 'recordAppealCourtReferral', summary: 'Record that the appeal was forwarded to court',
      description: 'The appeal was forwarded to the administrative court (förvaltningsrätten).',
      body: CourtReferralBody
    }
  }, async (request, reply) => sendDecision(reply, await recordAppealStep(app.db, callerOf(request), request.params.id, 'forward_to_court', request.body.date,
    { appeal_forwarded_to_court_date: request.body.date })))

  app.post('/decisions/:id/appeal/court-outcome', {
    ...writes,
    schema: {
      ...common, operationId: 'recordAppealCourtOutcome', summary: 'Record the court\'s outcome',
      body: CourtOutcomeBody
    }
  }, async (request, reply) => sendDecision(reply, await recordAppealStep(app.db, callerOf(request), request.params.id, 'record_court_outcome', request.body.date,
    { appeal_court_outcome: request.body.outcome, appeal_court_outcome_date: request.body.date })))
}

export default appealRoutes
