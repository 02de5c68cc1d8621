/** Recording an appeal of a decision and its course: reconsideration, court referral, court outcome. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { callerOf } from '../../http/caller.js'
import { ActionHeaders, IdParams, problems, ref } from '../../http/schemas.js'
import { sendDecision } from './present.js'
import { receiveAppeal, reconsiderAppeal, recordCourtOutcome, recordNotification } from './appeal-service.js'
import { recordAppealStep } from './service.js'
import { AppealReceivedBody, CourtOutcomeBody, CourtReferralBody, Decision, NotificationBody, ReconsiderationBody } from './schemas.js'

const appealRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const writes = { preValidation: app.requireCapability('write_individual_data') }
  const responses = { 200: ref(Decision), ...problems(400, 403, 404, 409, 412, 422) }
  const common = { tags: ['Decisions'], params: IdParams, headers: ActionHeaders, response: responses }

  app.post('/decisions/:id/notification', {
    ...writes,
    schema: {
      ...common, operationId: 'recordDecisionNotification', summary: 'Record when and how the decision reached the applicant',
      description: 'The day the applicant received the decision (fick del av beslutet) and how. The three weeks to appeal (FL 44 §) run from it. Recorded once (409 after); not before the decision date, not in the future, not after an appeal was received (400, naming the date).',
      body: NotificationBody
    }
  }, async (request, reply) => sendDecision(reply, await recordNotification(app.db, callerOf(request), request.params.id, request.body)))

  app.post('/decisions/:id/appeal', {
    ...writes,
    schema: {
      ...common, operationId: 'recordAppeal', summary: 'Record an appeal',
      description: 'Records that an appeal (överklagande) of a rejected or partly rejected decision was received. Received after the three weeks from the recorded notification (FL 44 §: the 21st day is in time, the 22nd late) it is dismissed (stage `dismissed`, FL 45 §) unless `lateAcceptedReason` records why it is accepted. Otherwise the unit then reconsiders it.',
      body: AppealReceivedBody
    }
  }, async (request, reply) => sendDecision(reply, await receiveAppeal(app.db, callerOf(request), request.params.id, request.body)))

  app.post('/decisions/:id/appeal/reconsideration', {
    ...writes,
    schema: {
      ...common, operationId: 'recordAppealReconsideration', summary: 'Record the reconsideration of an appeal',
      description: 'The unit\'s reconsideration (omprövning, FL 37–39 §§), within the decider\'s delegation. Changed in the applicant\'s favour (`changed_as_requested`, `partially_changed`) the decision itself changes: its outcome (and hours), the original kept in `originalOutcome`, executable from the reconsideration date — the IVO three months run from it. Changed as requested, the appeal lapses; otherwise it is to be forwarded to court within a week (`forwardingDueDate`, on the worklist).',
      body: ReconsiderationBody
    }
  }, async (request, reply) => sendDecision(reply, await reconsiderAppeal(app.db, callerOf(request), request.params.id, request.body)))

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
      description: 'A ruling for the applicant (`appeal_granted`, `appeal_partially_granted`) changes the decision the same way as a favourable reconsideration: executable from the ruling\'s date, which starts the IVO three months.',
      body: CourtOutcomeBody
    }
  }, async (request, reply) => sendDecision(reply, await recordCourtOutcome(app.db, callerOf(request), request.params.id, request.body)))
}

export default appealRoutes
