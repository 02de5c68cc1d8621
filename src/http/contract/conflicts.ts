/**
 * The 409 each operation answers, as an example: built with the same helpers (invalidState,
 * conflict) and the same domain tables of allowed states as the services, so the text is the
 * one the operation sends. Operations not listed answer the database's unique-value conflict.
 */
import { allowedIn, type ApplicationAction } from '../../domain/application-process.js'
import { complaintAllowedIn } from '../../domain/complaint-process.js'
import { deviationAllowedIn } from '../../domain/deviation-process.js'
import { ACTION_LABELS, allowedStates, type ExecutionAction } from '../../domain/execution.js'
import { FOLLOW_UP_ACTION_STATES } from '../../domain/follow-up.js'
import { lexSarahAllowedIn } from '../../domain/lex-sarah-process.js'
import { conflict, invalidState, type ProblemError } from '../problem.js'

const application = (action: ApplicationAction, label: string) => () => invalidState(label, 'decided', allowedIn(action))
const execution = (action: ExecutionAction) => () => invalidState(ACTION_LABELS[action], 'ended', allowedStates(action))
const order = (action: string) => () => invalidState(action, 'declined', ['sent'])
const report = (what: string) => () => invalidState(`report on the order (${what})`, 'sent', ['accepted'])
const appealAt = (label: string, required: string) => () => conflict(`Cannot ${label} when the appeal is at stage 'court_decided'; allowed at: ${required}.`, { currentState: 'court_decided' })

const CONFLICTS: Record<string, () => ProblemError> = {
  updateApplication: () => conflict('Cannot update the application: 1 of the requested services is already decided.', { currentState: 'communicated', rule: 'locked_by_decision' }),
  assignApplication: application('assign', 'assign a case worker'),
  recordInvestigation: application('record_investigation', 'record the investigation'),
  communicateInvestigation: application('communicate', 'communicate the investigation'),
  recordJointReview: application('record_joint_review', 'record a joint case review'),
  withdrawApplication: application('withdraw', 'withdraw the application'),
  decideService: () => conflict('A housing application needs a recorded joint case review before it is decided.', { rule: 'joint_review_required', currentState: 'communicated' }),
  recordDecisionNotification: () => conflict('The decision\'s notification is already recorded (2026-03-25, letter).', { currentState: 'notified' }),
  recordAppeal: () => conflict('A decision that grants the application in full cannot be appealed by the applicant.', { currentState: 'none' }),
  recordAppealReconsideration: appealAt('record the reconsideration', 'received'),
  recordAppealCourtReferral: appealAt('forward the appeal to court', 'reconsidered'),
  recordAppealCourtOutcome: appealAt('record the court\'s outcome', 'forwarded_to_court'),
  orderExecution: execution('order'),
  recordImplementationPlan: execution('record_implementation_plan'),
  startExecution: execution('start'),
  changeExecutedHours: execution('change_hours'),
  interruptExecution: execution('interrupt'),
  resumeExecution: execution('resume'),
  endExecution: execution('end'),
  recordExecutionOffer: execution('record_offer'),
  recordExecutionOfferResponse: () => conflict('The offer was already accepted on 2026-04-02.', { currentState: 'accepted' }),
  recordDelayAccount: () => conflict('A rejected decision cannot be executed.', { currentState: 'not_executable' }),
  acceptOrder: order('accept the order'),
  declineOrder: order('decline the order'),
  reportImplementationPlan: report('implementation-plan'),
  reportStart: report('start'),
  reportInterruption: report('interrupt'),
  reportResumption: report('resume'),
  reportEnd: report('end'),
  reportDeliveredTime: () => conflict('The unit has locked 2026-03: its delivered time can no longer change.', { currentState: 'locked' }),
  lockDeliveredTimeMonth: () => conflict('2026-03 is already locked.', { currentState: 'locked' }),
  createFollowUp: () => conflict('A rejected decision is not followed up.', { rule: 'decision_not_granted', currentState: 'rejected' }),
  planFollowUp: () => invalidState('plan the follow-up', 'performed', FOLLOW_UP_ACTION_STATES),
  performFollowUp: () => invalidState('perform the follow-up', 'cancelled', FOLLOW_UP_ACTION_STATES),
  cancelFollowUp: () => invalidState('cancel the follow-up', 'performed', FOLLOW_UP_ACTION_STATES),
  computeIndicatorValue: () => conflict('\'Nöjdhet med bemötande\' is not computed (source: survey); record its values instead.', { currentState: 'survey' }),
  getIndicatorMonths: () => conflict('\'Nöjdhet med bemötande\' is not computed (source: survey); only computed indicators have monthly values.', { currentState: 'survey' }),
  investigateComplaint: () => invalidState('start investigating the complaint', 'closed', complaintAllowedIn('investigate', 'person')),
  answerComplaint: () => invalidState('answer the complaint', 'closed', complaintAllowedIn('answer', 'person')),
  closeComplaint: () => invalidState('close the complaint', 'closed', complaintAllowedIn('close', 'person')),
  escalateComplaintToDeviation: () => invalidState('escalate the complaint', 'closed', complaintAllowedIn('escalate', 'person')),
  escalateComplaintToLexSarahReport: () => invalidState('escalate the complaint', 'closed', complaintAllowedIn('escalate', 'person')),
  recordDeviationResponse: () => invalidState('record a response to the deviation', 'closed', deviationAllowedIn('record_response')),
  closeDeviation: () => invalidState('close the deviation', 'closed', deviationAllowedIn('close')),
  investigateLexSarahReport: () => invalidState('start the investigation', 'closed', lexSarahAllowedIn('investigate', false)),
  assessLexSarahReport: () => invalidState('assess the report', 'closed', lexSarahAllowedIn('assess', false)),
  notifyIvoOfLexSarahReport: () => conflict('Only a report assessed as serious is notified to IVO.', { currentState: 'assessed', rule: 'not_serious' }),
  recordIvoResponse: () => invalidState('record IVO\'s response', 'closed', lexSarahAllowedIn('record_ivo_response', false)),
  closeLexSarahReport: () => conflict('A serious report must be notified to IVO before it is closed.', { currentState: 'assessed', rule: 'ivo_notification_required' })
}

/** The example's detail and extensions (and its `type` when it is not the status's own). */
export function conflictExample(operationId: string, method: string): Record<string, unknown> {
  const problem = CONFLICTS[operationId]?.()
    ?? (method === 'patch'
      ? conflict('A concurrent change conflicted with this request; retry it.')
      : conflict('A record with the same unique values already exists.'))
  return { detail: problem.message, ...problem.extras, type: problem.type }
}
