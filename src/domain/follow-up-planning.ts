/**
 * Automatic planning of follow-ups (DOMAIN §2): from a decision's dates and execution, which
 * follow-ups the unit's rules ask for and when they are due. Pure: the re-plan in
 * src/routes/follow-ups/planning.ts compares this with what is on record.
 *
 * Each planned follow-up carries its basis date, the date the rule counted from. A follow-up
 * already performed (or cancelled by a person) for the same basis satisfies the rule, so a
 * re-plan does not ask for it again; a new basis (a later end date, a newer follow-up) does.
 */
import { addDays, addMonths } from './calendar.js'
import type { DecisionOutcome } from './application-process.js'
import type { FollowUpCanceller, FollowUpOrigin, FollowUpStatus } from './follow-up.js'

export interface FollowUpRules {
  timeLimitedReview: { enabled: boolean; daysBeforeEnd: number }
  hospitalDischarge: { enabled: boolean; withinMonths: number }
  continuous: { enabled: boolean; intervalMonths: number }
}

/** The defaults of every unit: review 30 days before the end, discharge within a month, yearly. */
export const DEFAULT_FOLLOW_UP_RULES: FollowUpRules = {
  timeLimitedReview: { enabled: true, daysBeforeEnd: 30 },
  hospitalDischarge: { enabled: true, withinMonths: 1 },
  continuous: { enabled: true, intervalMonths: 12 }
}

export type AutomaticKind = 'continuous' | 'time_limited_review' | 'hospital_discharge'

export interface PlannedFollowUp {
  kind: AutomaticKind
  basisDate: string
  dueDate: string
}

export interface DecisionFacts {
  outcome: DecisionOutcome
  decisionDate: string
  validFrom: string | null
  validTo: string | null
  executionStartedDate: string | null
  executionEndedDate: string | null
  /** The latest performed continuous follow-up of the decision, if any. */
  lastContinuousPerformedDate: string | null
}

const latest = (a: string, b: string | null) => (b !== null && b > a ? b : a)

/**
 * The follow-ups of one decision: a review before a time-limited decision ends, and a
 * continuous follow-up of an executing decision every interval from the execution start, then
 * from the last performed continuous follow-up. Nothing for a rejection or an ended service.
 * A continuous follow-up that would fall after the decision's end is not planned: the
 * decision is no longer in force then (its review before the end takes that place).
 */
export function decisionFollowUps(d: DecisionFacts, rules: FollowUpRules): PlannedFollowUp[] {
  if (d.outcome === 'rejected' || d.executionEndedDate !== null) return []
  const planned: PlannedFollowUp[] = []
  if (rules.timeLimitedReview.enabled && d.validTo !== null) {
    // A short decision cannot be reviewed before it was taken: due at the decision date then.
    planned.push({ kind: 'time_limited_review', basisDate: d.validTo, dueDate: latest(addDays(d.validTo, -rules.timeLimitedReview.daysBeforeEnd), d.decisionDate) })
  }
  if (rules.continuous.enabled && d.executionStartedDate !== null) {
    const basis = latest(d.executionStartedDate, d.lastContinuousPerformedDate)
    const due = addMonths(basis, rules.continuous.intervalMonths)
    if (d.validTo === null || due <= d.validTo) planned.push({ kind: 'continuous', basisDate: basis, dueDate: due })
  }
  return planned
}

export interface DischargeDecision {
  outcome: DecisionOutcome
  validFrom: string | null
  executionEndedDate: string | null
}

/**
 * The follow-up within a month after a hospital discharge (seed 003: "följa upp besluten inom
 * en månad"), one per application: counted from the earliest start of its granted services,
 * the person's first day home with the new support. None while nothing is granted, or once
 * every granted service has ended.
 */
export function hospitalDischargeFollowUp(
  application: { channel: string },
  decisions: readonly DischargeDecision[],
  rules: FollowUpRules
): PlannedFollowUp | null {
  if (!rules.hospitalDischarge.enabled || application.channel !== 'hospital_discharge') return null
  const granted = decisions.filter((d) => d.outcome !== 'rejected' && d.validFrom !== null)
  if (granted.length === 0 || granted.every((d) => d.executionEndedDate !== null)) return null
  const basis = granted.map((d) => d.validFrom as string).sort()[0] as string
  return { kind: 'hospital_discharge', basisDate: basis, dueDate: addMonths(basis, rules.hospitalDischarge.withinMonths) }
}

export interface RecordedFollowUp {
  id: string
  kind: string
  origin: FollowUpOrigin
  status: FollowUpStatus
  cancelledBy: FollowUpCanceller | null
  basisDate: string | null
  dueDate: string
}

export type PlanChange =
  | { op: 'create'; plan: PlannedFollowUp }
  | { op: 'move'; id: string; plan: PlannedFollowUp }
  | { op: 'cancel'; id: string }

/**
 * What to change so that the record matches the plan, for the given kinds. A plan is
 * satisfied by any follow-up of its kind and basis that was not cancelled by a re-plan
 * (performed, still planned, or cancelled by a person — then the person decided); otherwise
 * an open automatic follow-up is moved to it, or one is created. Open automatic follow-ups
 * no plan accounts for are cancelled. Running it again on its own result changes nothing.
 */
export function reconcile(kinds: readonly AutomaticKind[], plans: readonly PlannedFollowUp[], recorded: readonly RecordedFollowUp[]): PlanChange[] {
  const changes: PlanChange[] = []
  for (const kind of kinds) {
    const plan = plans.find((p) => p.kind === kind)
    const ofKind = recorded.filter((r) => r.kind === kind)
    const openAutomatic = ofKind.filter((r) => r.origin === 'automatic' && r.status === 'planned')
    let keep: string | undefined
    if (plan) {
      const satisfying = ofKind.find((r) => r.basisDate === plan.basisDate && r.cancelledBy !== 'replanned')
      if (satisfying) {
        if (satisfying.origin === 'automatic' && satisfying.status === 'planned') {
          keep = satisfying.id
          if (satisfying.dueDate !== plan.dueDate) changes.push({ op: 'move', id: satisfying.id, plan })
        }
      } else if (openAutomatic[0]) {
        keep = openAutomatic[0].id
        changes.push({ op: 'move', id: keep, plan })
      } else {
        changes.push({ op: 'create', plan })
      }
    }
    for (const r of openAutomatic) if (r.id !== keep) changes.push({ op: 'cancel', id: r.id })
  }
  return changes
}
