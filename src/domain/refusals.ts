/**
 * The closed vocabularies a refusal (409, and 403 for delegation) names, so that a client can
 * switch on them: the state a record is in (`currentState`) and the rule that refused
 * (`rule`). Problem details are typed with these (http/problem.ts), so code that names a
 * state or rule outside them does not compile; the contract publishes them as enums.
 */
import { APPEAL_STAGES } from './appeal.js'
import { APPLICATION_STATUSES, DECISION_OUTCOMES } from './application-process.js'
import { COMPLAINT_STATUSES } from './complaint-process.js'
import { DEVIATION_STATUSES } from './deviation-process.js'
import { EXECUTION_STATES, OFFER_RESPONSES } from './execution.js'
import { FOLLOW_UP_STATUSES } from './follow-up.js'
import { INDICATOR_SOURCES } from './indicators/indicator.js'
import { LEX_SARAH_STATUSES } from './lex-sarah-process.js'
import { ORDER_STATES } from './order.js'

const unique = <T extends string>(values: readonly T[]): T[] => [...new Set(values)]

export const CURRENT_STATES = unique([
  ...APPLICATION_STATUSES,
  // A follow-up of a rejected decision: the decision's outcome.
  ...DECISION_OUTCOMES,
  ...EXECUTION_STATES,
  // The execution of a rejected decision.
  'not_executable',
  ...OFFER_RESPONSES,
  ...ORDER_STATES,
  // A month of delivered time the unit has locked.
  'locked',
  // A decision whose notification is already recorded.
  'notified',
  'none',
  ...APPEAL_STAGES,
  ...FOLLOW_UP_STATUSES,
  ...COMPLAINT_STATUSES,
  ...DEVIATION_STATUSES,
  ...LEX_SARAH_STATUSES,
  // An indicator whose source does not allow the request (e.g. recording a computed one).
  ...INDICATOR_SOURCES
] as const)
export type CurrentState = (typeof CURRENT_STATES)[number]

/** Rules of the processes themselves (not of a unit's delegation order): always 409. */
export const PROCESS_RULES = [
  'joint_review_required',
  'communication_required',
  'locked_by_decision',
  'decision_not_granted',
  'decision_not_time_limited',
  'not_hospital_discharge',
  'ivo_notification_required',
  'not_serious'
] as const
export type ProcessRule = (typeof PROCESS_RULES)[number]

/**
 * A rule code of the unit's delegation order (403 on a decision outside the decider's
 * delegation). Delegation orders are data per unit (GET /v1/units/{id}/delegation-order), so
 * these codes are not a closed list; the contract gives their pattern.
 */
export type DelegationRuleCode = string & { readonly delegationRuleCode: unique symbol }
export const DELEGATION_RULE_CODE_PATTERN = '^[a-z0-9_]{1,64}$'
export const delegationRuleCode = (code: string): DelegationRuleCode => code as DelegationRuleCode
