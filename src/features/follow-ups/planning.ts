/**
 * The re-plan of a decision's automatic follow-ups. Whatever changed — the decision was taken,
 * its dates were changed, its execution started or ended, a continuous follow-up was
 * performed — calling this in the same transaction makes the automatic follow-ups that are
 * not yet performed match the unit's rules and the decision's current facts: it creates,
 * moves or cancels them, and running it twice changes nothing the second time.
 *
 * It locks the decision, then its application (the hospital-discharge follow-up belongs to the
 * application, shared by its decisions); callers that lock a follow-up lock the decision first.
 */
import type { Kysely, Selectable } from 'kysely'
import type { ApplicationTable, DB, DecisionTable } from '../../db/schema.js'
import { todayInStockholm } from '../../domain/calendar.js'
import {
  decisionFollowUps, hospitalDischargeFollowUp, reconcile, type FollowUpRules, type PlanChange, type RecordedFollowUp
} from '../../domain/follow-up-planning.js'
import type { ChangeEventDraft } from '../../domain/change-events.js'
import type { AuditEntry } from '../../service/caller.js'
import { decisionsOfApplication, executionOf, lastContinuousPerformed, lockApplication, lockDecision, plannableFollowUps } from './planning-repository.js'
import { insertFollowUp, updateFollowUp, type FollowUpRow } from './repository.js'
import { findFollowUpRules } from './rules-repository.js'

const REPLANNED_REASON = 'No longer asked for by the unit\'s follow-up rules (re-planned from the decision\'s dates and execution).'

const toRecorded = (r: Pick<FollowUpRow, 'id' | 'kind' | 'origin' | 'status' | 'cancelled_by' | 'basis_date' | 'due_date'>): RecordedFollowUp =>
  ({ id: r.id, kind: r.kind, origin: r.origin, status: r.status, cancelledBy: r.cancelled_by, basisDate: r.basis_date, dueDate: r.due_date })

/**
 * A decision taken in the calling transaction, with its application locked before it: nothing
 * else can hold the new decision, and it has no execution and no performed follow-up yet, so
 * the re-plan need not lock or read them again (four round trips of every decision, issue 17).
 */
export interface TakenDecision {
  decision: Selectable<DecisionTable>
  application: Pick<Selectable<ApplicationTable>, 'id' | 'person_id' | 'channel' | 'assigned_case_worker'>
  /** The unit's planning rules, read in the same transaction with the step's other reference data. */
  rules: FollowUpRules
}

/**
 * Re-plans the decision's automatic follow-ups; returns the access-log entries of what changed
 * and emits a change event for each follow-up it plans, moves or cancels.
 */
export async function replanFollowUps(
  trx: Kysely<DB>, decisionId: string, emit: (...events: ChangeEventDraft[]) => void = () => {}, taken?: TakenDecision
): Promise<AuditEntry[]> {
  const decision = taken?.decision ?? await lockDecision(trx, decisionId)
  if (!decision) return []
  const application = taken?.application ?? await lockApplication(trx, decision.application_id)
  const discharge = application.channel === 'hospital_discharge'

  const [{ rules }, execution, lastContinuous, recorded, siblings] = await Promise.all([
    taken ? { rules: taken.rules } : findFollowUpRules(trx, decision.unit_id),
    taken ? undefined : executionOf(trx, decision.id),
    taken ? undefined : lastContinuousPerformed(trx, decision.id),
    plannableFollowUps(trx, decision.id, application.id),
    discharge ? decisionsOfApplication(trx, application.id) : Promise.resolve([])
  ])

  const plans = decisionFollowUps({
    outcome: decision.outcome,
    decisionDate: decision.decision_date,
    validFrom: decision.valid_from,
    validTo: decision.valid_to,
    executionStartedDate: execution?.started_date ?? null,
    executionEndedDate: execution?.ended_date ?? null,
    lastContinuousPerformedDate: lastContinuous?.date ?? null
  }, rules)
  const dischargePlan = hospitalDischargeFollowUp(application,
    siblings.map((s) => ({ outcome: s.outcome, validFrom: s.valid_from, executionEndedDate: s.ended_date })), rules)
  const changes: PlanChange[] = [
    ...reconcile(['time_limited_review', 'continuous'], plans, recorded.filter((r) => r.kind !== 'hospital_discharge').map(toRecorded)),
    ...reconcile(['hospital_discharge'], dischargePlan ? [dischargePlan] : [], recorded.filter((r) => r.kind === 'hospital_discharge').map(toRecorded))
  ]

  const entries: AuditEntry[] = []
  for (const change of changes) {
    if (change.op === 'create') {
      const { plan } = change
      const created = await insertFollowUp(trx, {
        unit_id: decision.unit_id,
        person_id: decision.person_id,
        // The discharge follow-up covers all the application's decisions, so it names none.
        decision_id: plan.kind === 'hospital_discharge' ? null : decision.id,
        application_id: application.id,
        kind: plan.kind,
        origin: 'automatic',
        basis_date: plan.basisDate,
        service_context: null,
        due_date: plan.dueDate,
        planned_date: null,
        assigned_case_worker: application.assigned_case_worker,
        performed_date: null, performed_by: null, method: null, findings: null,
        ordered_hours_per_month: null, delivered_hours_per_month: null, outcome: null, new_application_id: null,
        cancelled_date: null, cancellation_reason: null, cancelled_by: null
      })
      entries.push({ action: 'create', resourceType: 'follow_up', resourceId: created.id, personId: decision.person_id })
      emit({ type: 'follow_up.planned', subjectId: created.id, personId: decision.person_id, changes: { state: { from: null, to: created.status }, related: { decisionId: decision.id } } })
    } else {
      const changed = change.op === 'move'
        ? { due_date: change.plan.dueDate, basis_date: change.plan.basisDate }
        : { status: 'cancelled' as const, cancelled_by: 'replanned' as const, cancelled_date: todayInStockholm(), cancellation_reason: REPLANNED_REASON }
      await updateFollowUp(trx, change.id, changed)
      entries.push({ action: 'update', resourceType: 'follow_up', resourceId: change.id, personId: decision.person_id })
      emit(change.op === 'move'
        ? { type: 'follow_up.replanned', subjectId: change.id, personId: decision.person_id, changes: { fields: ['dueDate'] } }
        : { type: 'follow_up.cancelled', subjectId: change.id, personId: decision.person_id, changes: { state: { from: 'planned', to: 'cancelled' } } })
    }
  }
  return entries
}
