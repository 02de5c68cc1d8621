/**
 * The appeal of a decision (överklagande, förvaltningslagen 40–46 §§): received → the unit
 * reconsiders (omprövning) → unless changed as requested, forwarded to the administrative
 * court (förvaltningsrätten) → the court's outcome. Only decisions that go against the
 * applicant in whole or in part carry appeal information.
 */
import type { DecisionOutcome } from './application-process.js'

/** The stages of an appeal once received; a decision without one is at stage 'none'. */
export const APPEAL_STAGES = ['received', 'reconsidered', 'forwarded_to_court', 'court_decided'] as const
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
}

export function appealStage(a: AppealState): AppealStage {
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
  if (action === 'receive' && a.outcome === 'granted') {
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
