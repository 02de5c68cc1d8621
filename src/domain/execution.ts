/**
 * The execution (verkställighet) of a granted decision: ordered from a provider, started,
 * possibly interrupted and resumed, ended. The state is derived from the recorded dates, so
 * it cannot disagree with them; each action names the states it is allowed in.
 */
import type { DecisionOutcome } from './application-process.js'

export const EXECUTION_STATES = ['awaiting_order', 'ordered', 'executing', 'interrupted', 'ended'] as const
export type ExecutionState = (typeof EXECUTION_STATES)[number]

export const END_REASONS = ['deceased', 'moved', 'no_longer_needed', 'replaced_by_new_decision', 'declined_by_person'] as const
export type EndReason = (typeof END_REASONS)[number]

export const INTERRUPTION_REASONS = ['hospital_stay', 'person_request', 'provider_capacity', 'other'] as const
export type InterruptionReason = (typeof INTERRUPTION_REASONS)[number]

/** The person's answer to an offer (erbjudande) of the service; pending until answered. */
export const OFFER_ANSWERS = ['accepted', 'declined'] as const
export type OfferAnswer = (typeof OFFER_ANSWERS)[number]
export const OFFER_RESPONSES = ['pending', ...OFFER_ANSWERS] as const
export type OfferResponse = (typeof OFFER_RESPONSES)[number]

export type ExecutionAction = 'order' | 'record_implementation_plan' | 'start' | 'change_hours' | 'interrupt' | 'resume' | 'end' | 'record_offer'

const ALLOWED: Record<ExecutionAction, readonly ExecutionState[]> = {
  order: ['awaiting_order'],
  record_implementation_plan: ['ordered', 'executing', 'interrupted'],
  start: ['awaiting_order', 'ordered'],
  change_hours: ['executing', 'interrupted'],
  interrupt: ['executing'],
  resume: ['interrupted'],
  end: ['awaiting_order', 'ordered', 'executing', 'interrupted'],
  // Offers matter while the person waits, including for the missing part of a partial execution.
  record_offer: ['awaiting_order', 'ordered', 'executing', 'interrupted']
}

export const ACTION_LABELS: Record<ExecutionAction, string> = {
  order: 'order the service',
  record_implementation_plan: 'record the implementation plan',
  start: 'start the execution',
  change_hours: 'change the executed hours',
  interrupt: 'interrupt the execution',
  resume: 'resume the execution',
  end: 'end the service',
  record_offer: 'record an offer'
}

export interface ExecutionDates {
  orderedDate: string | null
  startedDate: string | null
  endedDate: string | null
  interrupted: boolean
}

export function executionState(e: ExecutionDates): ExecutionState {
  if (e.endedDate !== null) return 'ended'
  if (e.startedDate !== null) return e.interrupted ? 'interrupted' : 'executing'
  return e.orderedDate !== null ? 'ordered' : 'awaiting_order'
}

export const allowedStates = (action: ExecutionAction): readonly ExecutionState[] => ALLOWED[action]

export function isExecutionAllowed(action: ExecutionAction, state: ExecutionState): boolean {
  return ALLOWED[action].includes(state)
}

/** Only what was granted, in whole or in part, can be executed. */
export const isExecutable = (outcome: DecisionOutcome): boolean => outcome !== 'rejected'

/**
 * Executed hours per month on a date: the latest recorded level on or before it, or null
 * before the first one.
 */
export function executedHoursOn(levels: readonly { effectiveDate: string; hoursPerMonth: number }[], date: string): number | null {
  let hours: number | null = null
  for (const level of levels) if (level.effectiveDate <= date) hours = level.hoursPerMonth
  return hours
}
