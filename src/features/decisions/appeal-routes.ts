/** Recording an appeal of a decision and its course: reconsideration, court referral, court outcome. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Updateable } from 'kysely'
import { appealRefusal, type AppealAction } from '../../domain/appeal.js'
import { todayInStockholm } from '../../domain/calendar.js'
import type { DecisionTable } from '../../db/schema.js'
import { assertVersion, setEtag } from '../../http/etag.js'
import { badRequest, conflict, notFound } from '../../http/problem.js'
import { ActionHeaders, IdParams, problems, ref } from '../../http/schemas.js'
import { appealStateOf, toDecision } from './present.js'
import { findVisibleDecision, updateDecision, type DecisionRow } from './repository.js'
import { AppealReceivedBody, CourtOutcomeBody, CourtReferralBody, Decision, ReconsiderationBody } from './schemas.js'

type Changes = Omit<Updateable<DecisionTable>, 'id' | 'version'>

/** The latest date already on record for the decision or its appeal; a later step cannot precede it. */
function lastRecordedDate(d: DecisionRow): string {
  return [d.decision_date, d.appeal_received_date, d.appeal_reconsidered_date, d.appeal_forwarded_to_court_date]
    .filter((x): x is string => x !== null).sort().at(-1) ?? d.decision_date
}

async function appealStep(
  app: FastifyInstance,
  request: FastifyRequest<{ Params: { id: string } }>,
  reply: FastifyReply,
  action: AppealAction,
  date: string,
  changes: Changes
) {
  const decision = await app.db.transaction().execute(async (trx) => {
    const current = await findVisibleDecision(trx, request.actor, request.params.id, { forUpdate: true })
    if (!current) throw notFound('Decision')
    assertVersion(request, current.version)
    const refusal = appealRefusal(action, appealStateOf(current))
    if (refusal) throw conflict(refusal.detail, { currentState: refusal.currentStage })
    const earliest = lastRecordedDate(current)
    if (date < earliest) throw badRequest('/date', `The date cannot be before ${earliest}, the last date on record for this decision.`)
    if (date > todayInStockholm()) throw badRequest('/date', 'The date cannot be in the future.')
    const updated = await updateDecision(trx, current.id, changes)
    await app.audit(request, [{ action: 'update', resourceType: 'decision', resourceId: current.id, personId: current.person_id }], trx)
    return updated
  })
  setEtag(reply, decision.version)
  return toDecision(decision)
}

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
  }, async (request, reply) => appealStep(app, request, reply, 'receive', request.body.receivedDate,
    { appeal_received_date: request.body.receivedDate }))

  app.post('/decisions/:id/appeal/reconsideration', {
    ...writes,
    schema: {
      ...common, operationId: 'recordAppealReconsideration', summary: 'Record the reconsideration of an appeal',
      description: 'The unit\'s reconsideration (omprövning). If the decision is changed as requested, the appeal lapses; otherwise it is forwarded to court.',
      body: ReconsiderationBody
    }
  }, async (request, reply) => appealStep(app, request, reply, 'reconsider', request.body.date,
    { appeal_reconsidered_date: request.body.date, appeal_reconsideration_outcome: request.body.outcome }))

  app.post('/decisions/:id/appeal/court-referral', {
    ...writes,
    schema: {
      ...common, operationId: 'recordAppealCourtReferral', summary: 'Record that the appeal was forwarded to court',
      description: 'The appeal was forwarded to the administrative court (förvaltningsrätten).',
      body: CourtReferralBody
    }
  }, async (request, reply) => appealStep(app, request, reply, 'forward_to_court', request.body.date,
    { appeal_forwarded_to_court_date: request.body.date }))

  app.post('/decisions/:id/appeal/court-outcome', {
    ...writes,
    schema: {
      ...common, operationId: 'recordAppealCourtOutcome', summary: 'Record the court\'s outcome',
      body: CourtOutcomeBody
    }
  }, async (request, reply) => appealStep(app, request, reply, 'record_court_outcome', request.body.date,
    { appeal_court_outcome: request.body.outcome, appeal_court_outcome_date: request.body.date }))
}

export default appealRoutes
