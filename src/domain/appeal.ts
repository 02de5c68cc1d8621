/**
 * The appeal of a decision (överklagande, förvaltningslagen 40–46 §§): received → the unit
 * reconsiders (omprövning) → unless changed as requested, forwarded to the administrative
 * court (förvaltningsrätten) → the court's outcome. Only decisions that go against the
 * applicant in whole or in part carry appeal information.
 */
import type { DecisionOutcome } from './application-process.js'
import { addDays } from './calendar.js'

/** How the decision reached the applicant (underrättelse / delgivning). */
export const NOTIFICATION_METHODS = ['letter', 'e_service', 'in_person', 'service_of_process'] as const
export type NotificationMethod = (typeof NOTIFICATION_METHODS)[number]

/**
 * FL (2017:900) 45 § second paragraph: a late appeal is not dismissed when the delay is due to
 * the unit's incorrect information on how to appeal, or when the appeal reached the court
 * within the time.
 */
export const LATE_ACCEPTANCE_REASONS = ['incorrect_appeal_information', 'reached_court_in_time'] as const
export type LateAcceptanceReason = (typeof LATE_ACCEPTANCE_REASONS)[number]

/** FL 44 §: within three weeks from the day the applicant received the decision. */
export const APPEAL_WINDOW_DAYS = 21

/** The last day an appeal is in time: three weeks after the day the decision reached the applicant. */
export const appealLastDay = (notifiedDate: string): string => addDays(notifiedDate, APPEAL_WINDOW_DAYS)

export type AppealTimeliness =
  | { inTime: true; lastDay: string | null }
  | { inTime: false; lastDay: string; accepted: LateAcceptanceReason | null }

/**
 * Whether an appeal received on `receivedDate` is in time. Without a recorded notification the
 * three weeks have not begun to run, so the appeal is in time.
 */
export function appealTimeliness(notifiedDate: string | null, receivedDate: string, accepted: LateAcceptanceReason | null): AppealTimeliness {
  if (notifiedDate === null) return { inTime: true, lastDay: null }
  const lastDay = appealLastDay(notifiedDate)
  if (receivedDate <= lastDay) return { inTime: true, lastDay }
  return { inTime: false, lastDay, accepted }
}

/** A late appeal without a recorded reason to accept it is dismissed (avvisas). */
export const isDismissed = (t: AppealTimeliness): boolean => !t.inTime && t.accepted === null

/**
 * The outcome after a reconsideration or a ruling in the applicant's favour, or null when the
 * decision stays as it was: changed as requested (or the appeal granted) grants the service;
 * changed in part (or the appeal granted in part) grants it at least in part.
 */
export function favourableOutcome(current: DecisionOutcome, change: ReconsiderationOutcome | CourtOutcome): DecisionOutcome | null {
  if (change === 'changed_as_requested' || change === 'appeal_granted') return 'granted'
  if (change === 'partially_changed' || change === 'appeal_partially_granted') return current === 'granted' ? 'granted' : 'partially_granted'
  return null
}

/** The stages of an appeal once received; a decision without one is at stage 'none'. */
export const APPEAL_STAGES = ['received', 'dismissed', 'reconsidered', 'forwarded_to_court', 'court_decided'] as const
export type AppealStage = 'none' | (typeof APPEAL_STAGES)[number]
export type AppealAction = 'receive' | 'reconsider' | 'forward_to_court' | 'record_court_outcome'
export const RECONSIDERATION_OUTCOMES = ['unchanged', 'partially_changed', 'changed_as_requested'] as const
export type ReconsiderationOutcome = (typeof RECONSIDERATION_OUTCOMES)[number]
/** The administrative court's outcome: the appeal rejected, granted (in part), or sent back for a new investigation. */
export const COURT_OUTCOMES = ['appeal_rejected', 'appeal_granted', 'appeal_partially_granted', 'returned_for_new_investigation'] as const
export type CourtOutcome = (typeof COURT_OUTCOMES)[number]

export interface AppealState {
  outcome: DecisionOutcome
  receivedDate: string | null
  reconsideredDate: string | null
  reconsiderationOutcome: ReconsiderationOutcome | null
  forwardedToCourtDate: string | null
  courtOutcome: string | null
  dismissedDate?: string | null
}

export function appealStage(a: AppealState): AppealStage {
  if (a.dismissedDate != null) return 'dismissed'
  if (a.courtOutcome !== null) return 'court_decided'
  if (a.forwardedToCourtDate !== null) return 'forwarded_to_court'
  if (a.reconsideredDate !== null) return 'reconsidered'
  if (a.receivedDate !== null) return 'received'
  return 'none'
}

const REQUIRED_STAGE: Record<AppealAction, AppealStage> = {
  receive: 'none',
  reconsider: 'received',
  forward_to_court: 'reconsidered',
  record_court_outcome: 'forwarded_to_court'
}

const ACTION_LABEL: Record<AppealAction, string> = {
  receive: 'record an appeal',
  reconsider: 'record the reconsideration',
  forward_to_court: 'forward the appeal to court',
  record_court_outcome: 'record the court\'s outcome'
}

export interface AppealRefusal {
  currentStage: AppealStage
  detail: string
}

/** Why the action is refused now, or undefined when it is allowed. */
export function appealRefusal(action: AppealAction, a: AppealState): AppealRefusal | undefined {
  const currentStage = appealStage(a)
  if (action === 'receive' && a.outcome === 'granted' && a.receivedDate === null) {
    return { currentStage, detail: 'A decision that grants the application in full cannot be appealed by the applicant.' }
  }
  if (currentStage !== REQUIRED_STAGE[action]) {
    return { currentStage, detail: `Cannot ${ACTION_LABEL[action]} when the appeal is at stage '${currentStage}'; allowed at: ${REQUIRED_STAGE[action]}.` }
  }
  if (action === 'forward_to_court' && a.reconsiderationOutcome === 'changed_as_requested') {
    return { currentStage, detail: 'The decision was changed as requested on reconsideration, so the appeal has lapsed and is not forwarded.' }
  }
  return undefined
}

/**
 * FL 46 §: an appeal that is not dismissed, and not made moot by a change as requested, is
 * forwarded to the court "skyndsamt". The service holds the unit to a week from the
 * reconsideration (or from receipt when the decision is not reconsidered first).
 */
export const FORWARDING_DAYS = 7

export const forwardingDueDate = (reconsideredOrReceived: string): string => addDays(reconsideredOrReceived, FORWARDING_DAYS)

/** The appeal waits to be forwarded to court: reconsidered without being changed as requested, and not yet forwarded. */
export function awaitsForwarding(a: AppealState): boolean {
  return appealStage(a) === 'reconsidered' && a.reconsiderationOutcome !== 'changed_as_requested'
}
