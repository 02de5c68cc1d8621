/**
 * The application's process (DOMAIN §2): received → investigating → (communicated) → decided,
 * or withdrawn before a decision. Each action names the states it is allowed in; anything
 * else is refused with the current state (409 at the HTTP edge).
 */
import { DEFAULT_COMMUNICATION_POLICY, type CommunicationPolicy } from './communication-policy.js'

export const APPLICATION_STATUSES = ['received', 'investigating', 'communicated', 'decided', 'withdrawn'] as const
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number]

export const CHANNELS = ['phone', 'aldre_direkt', 'letter_or_e_service', 'hospital_discharge', 'outreach'] as const
export type Channel = (typeof CHANNELS)[number]

export const INVESTIGATION_METHODS = ['home_visit', 'phone', 'video', 'office', 'hospital_or_sip_meeting'] as const
export type InvestigationMethod = (typeof INVESTIGATION_METHODS)[number]

export type ApplicationAction =
  | 'update'
  | 'assign'
  | 'record_investigation'
  | 'communicate'
  | 'record_joint_review'
  | 'withdraw'
  | 'decide'

const OPEN: readonly ApplicationStatus[] = ['received', 'investigating', 'communicated']

const ALLOWED_IN: Record<ApplicationAction, readonly ApplicationStatus[]> = {
  update: OPEN,
  assign: OPEN,
  record_investigation: OPEN,
  communicate: ['investigating', 'communicated'],
  record_joint_review: OPEN,
  withdraw: OPEN,
  decide: ['investigating', 'communicated']
}

/**
 * Once one requested service is decided, what that decision rests on is fixed: the
 * application can no longer be corrected, re-investigated, re-communicated or withdrawn
 * (withdrawal is "before the decision"). Its remaining services can still be decided.
 */
const LOCKED_BY_A_DECISION: readonly ApplicationAction[] = ['update', 'record_investigation', 'communicate', 'withdraw']

export function allowedIn(action: ApplicationAction): readonly ApplicationStatus[] {
  return ALLOWED_IN[action]
}

export function isAllowed(action: ApplicationAction, status: ApplicationStatus): boolean {
  return ALLOWED_IN[action].includes(status)
}

export function lockedByDecision(action: ApplicationAction, decidedServices: number): boolean {
  return decidedServices > 0 && LOCKED_BY_A_DECISION.includes(action)
}

/**
 * Urgency decides whether communication may be skipped, so it is settled at intake: it can be
 * changed only while the application is still `received`.
 */
export function canChangeUrgency(status: ApplicationStatus): boolean {
  return status === 'received'
}

/** Status after recording the investigation: any change after sharing must be shared again. */
export const STATUS_AFTER_INVESTIGATION: ApplicationStatus = 'investigating'

/** bifall, delvis avslag, avslag */
export const DECISION_OUTCOMES = ['granted', 'partially_granted', 'rejected'] as const
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number]
/** The outcomes that grant a service (in whole or in part): what is executed and counted as a service. */
export const GRANTING_OUTCOMES = ['granted', 'partially_granted'] as const satisfies readonly DecisionOutcome[]

export interface DecisionPreconditionInput {
  status: ApplicationStatus
  urgent: boolean
  /** The requested service being decided is a housing service. */
  housing: boolean
  outcome: DecisionOutcome
  hasJointReview: boolean
  /** The unit's communication policy; seeds 000/001 by default: every non-urgent investigation. */
  communicationPolicy?: CommunicationPolicy
}

export type PreconditionFailure = { rule: 'joint_review_required' | 'communication_required'; detail: string }

/**
 * What must have happened before a decision is legally sound:
 * - housing matters need a joint case review (ärendegenomgång), seeds 000/001;
 * - the investigation must have been shared (kommunicering) unless the matter is urgent: under
 *   the unit's policy `every_non_urgent` (seeds 000/001, the default) always; under
 *   `housing_and_adverse` for housing (seed 002) and whenever the decision goes against the
 *   applicant in whole or in part (förvaltningslagen 25 §).
 */
export function decisionPreconditionFailure(input: DecisionPreconditionInput): PreconditionFailure | undefined {
  if (input.housing && !input.hasJointReview) {
    return { rule: 'joint_review_required', detail: 'A housing application needs a recorded joint case review before it is decided.' }
  }
  const adverse = input.outcome !== 'granted'
  const policy = input.communicationPolicy ?? DEFAULT_COMMUNICATION_POLICY
  if (!input.urgent && (policy === 'every_non_urgent' || input.housing || adverse) && input.status !== 'communicated') {
    return {
      rule: 'communication_required',
      detail: policy === 'every_non_urgent' && !input.housing && !adverse
        ? 'The unit communicates every non-urgent investigation to the applicant before the decision (communication policy every_non_urgent, seeds 000/001).'
        : input.housing
        ? 'The investigation of a housing application must be communicated to the applicant before the decision.'
        : 'The investigation must be communicated to the applicant before a decision that rejects the application in whole or in part.'
    }
  }
  return undefined
}

/** The application is decided once every requested service has its decision. */
export function isFullyDecided(requested: readonly string[], decided: readonly string[]): boolean {
  return requested.every((code) => decided.includes(code))
}
