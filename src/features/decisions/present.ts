import type { FastifyReply } from 'fastify'
import { appealStage } from '../../domain/appeal.js'
import { setEtag } from '../../http/etag.js'
import type { DecisionRow } from './repository.js'

export function appealStateOf(d: DecisionRow) {
  return {
    outcome: d.outcome,
    receivedDate: d.appeal_received_date,
    reconsideredDate: d.appeal_reconsidered_date,
    reconsiderationOutcome: d.appeal_reconsideration_outcome,
    forwardedToCourtDate: d.appeal_forwarded_to_court_date,
    courtOutcome: d.appeal_court_outcome
  }
}

export function toDecision(d: DecisionRow) {
  const stage = appealStage(appealStateOf(d))
  return {
    id: d.id,
    applicationId: d.application_id,
    personId: d.person_id,
    unitId: d.unit_id,
    serviceTypeCode: d.service_type_code,
    outcome: d.outcome,
    reason: d.reason,
    legalBasis: d.legal_basis,
    hoursPerMonth: d.hours_per_month,
    decisionDate: d.decision_date,
    validFrom: d.valid_from,
    validTo: d.valid_to,
    decidedBy: d.decided_by,
    decidedByRole: d.decided_by_role,
    delegationRuleCode: d.delegation_rule_code,
    // stage 'none' is exactly a missing received date; both tests narrow the types.
    appeal: stage === 'none' || d.appeal_received_date === null ? null : {
      stage,
      receivedDate: d.appeal_received_date,
      reconsideredDate: d.appeal_reconsidered_date,
      reconsiderationOutcome: d.appeal_reconsideration_outcome,
      forwardedToCourtDate: d.appeal_forwarded_to_court_date,
      courtOutcome: d.appeal_court_outcome,
      courtOutcomeDate: d.appeal_court_outcome_date
    },
    version: d.version,
    createdAt: d.created_at,
    updatedAt: d.updated_at
  }
}

/** A decision response, its version as the ETag. */
export function sendDecision(reply: FastifyReply, decision: DecisionRow) {
  setEtag(reply, decision.version)
  return toDecision(decision)
}
