import type { FastifyReply } from 'fastify'
import { appealLastDay, appealStage, appealTimeliness, awaitsForwarding, forwardingDueDate } from '../../domain/appeal.js'
import { setEtag } from '../../http/etag.js'
import type { DecisionRow } from './repository.js'

export function appealStateOf(d: DecisionRow) {
  return {
    outcome: d.outcome,
    receivedDate: d.appeal_received_date,
    reconsideredDate: d.appeal_reconsidered_date,
    reconsiderationOutcome: d.appeal_reconsideration_outcome,
    forwardedToCourtDate: d.appeal_forwarded_to_court_date,
    courtOutcome: d.appeal_court_outcome,
    dismissedDate: d.appeal_dismissed_date
  }
}

export function toDecision(d: DecisionRow) {
  const state = appealStateOf(d)
  const stage = appealStage(state)
  const timeliness = d.appeal_received_date === null ? null : appealTimeliness(d.notified_date, d.appeal_received_date, d.appeal_late_accepted_reason)
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
    notification: d.notified_date === null || d.notification_method === null ? null
      : { date: d.notified_date, method: d.notification_method, appealLastDay: appealLastDay(d.notified_date) },
    executableFrom: d.executable_from ?? d.decision_date,
    originalOutcome: d.original_outcome,
    originalHoursPerMonth: d.original_hours_per_month,
    // stage 'none' is exactly a missing received date; both tests narrow the types.
    appeal: stage === 'none' || d.appeal_received_date === null || timeliness === null ? null : {
      stage,
      receivedDate: d.appeal_received_date,
      lastDay: timeliness.lastDay,
      inTime: timeliness.inTime,
      lateAcceptedReason: d.appeal_late_accepted_reason,
      dismissedDate: d.appeal_dismissed_date,
      forwardingDueDate: awaitsForwarding(state) && d.appeal_reconsidered_date !== null ? forwardingDueDate(d.appeal_reconsidered_date) : null,
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
