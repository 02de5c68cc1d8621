/**
 * One query per kind of worklist item, each with the person's name (a worklist is read by
 * people) and the total before the limit (`count(*) over ()`), scoped to the caller's unit
 * and to the persons they may see, optionally to one case worker. The execution items are the
 * exception: their query returns every candidate with its execution facts, because the IVO rule
 * in `domain/not-executed.ts` decides which are on the list, and the counts are of those.
 */
import { sql, type Kysely, type QueryCreator } from 'kysely'
import type { DB } from '../../db/schema.js'
import type { Actor } from '../../auth/actor.js'
import { addDays } from '../../domain/calendar.js'
import { personVisibleTo } from '../../auth/access.js'
import {
  hoursOfDecision, interruptionsOfDecision, notEndedBefore, notFullyExecutedBefore, toExecutionFacts, waitsNotSettledBefore, withinReportingScope
} from '../../queries/not-executed.js'

export interface WorklistScope {
  actor: Actor
  /** Only items assigned to this case worker (the application's, or the follow-up's). */
  caseWorker: string | null
  limit: number
}

const total = sql<string>`count(*) over ()`.as('total')

/** Planned follow-ups due on or before `dueOnOrBefore`; `earlier_total` counts those due before `asOf` (overdue). */
export function openFollowUps(db: Kysely<DB>, s: WorklistScope, asOf: string, dueOnOrBefore: string) {
  let query = db.selectFrom('follow_ups as f')
    .innerJoin('persons', 'persons.id', 'f.person_id')
    .select(['f.id', 'f.kind', 'f.due_date', 'f.person_id', 'f.decision_id', 'f.application_id', 'f.assigned_case_worker',
      'persons.first_name', 'persons.last_name', total, sql<string>`count(*) filter (where f.due_date < ${asOf}) over ()`.as('earlier_total')])
    .where('f.unit_id', '=', s.actor.unitId)
    .where(personVisibleTo(s.actor))
    .where('f.status', '=', 'planned')
    .where('f.due_date', '<=', dueOnOrBefore)
  if (s.caseWorker !== null) query = query.where('f.assigned_case_worker', '=', s.caseWorker)
  return query.orderBy('f.due_date').orderBy('f.id').limit(s.limit).execute()
}

const decisionColumns = ['d.id', 'd.person_id', 'd.application_id', 'd.decision_date', 'd.valid_to', 'st.label_en as service_type',
  'a.assigned_case_worker', 'persons.first_name', 'persons.last_name'] as const

/**
 * The decisions whose state `found` lists (a narrow search of the state's index, materialized),
 * with their person, service type and the application's case worker, as the scope allows. Only
 * the found few are joined for reading: planning the search and the reading as one six-table
 * join took PostgreSQL 3–12 ms on a city's statistics, several times what running it took.
 */
function grantedWithDetails(db: QueryCreator<DB & { found: { decision_id: string } }>, s: WorklistScope) {
  let query = db.selectFrom('found as f')
    .innerJoin('decisions as d', 'd.id', 'f.decision_id')
    .innerJoin('persons', 'persons.id', 'd.person_id')
    .innerJoin('applications as a', 'a.id', 'd.application_id')
    .innerJoin('service_types as st', 'st.code', 'd.service_type_code')
    .where('d.unit_id', '=', s.actor.unitId)
    .where(personVisibleTo(s.actor))
  if (s.caseWorker !== null) query = query.where('a.assigned_case_worker', '=', s.caseWorker)
  return query
}

/** The scope's granted decisions in the state table (migration 0022; a case worker's range of it, 0025). */
const statesOfScope = (db: QueryCreator<DB>, s: WorklistScope) => db.selectFrom('granted_decision_states as s')
  .select('s.decision_id')
  .where('s.unit_id', '=', s.actor.unitId)
  .$if(s.caseWorker !== null, (q) => q.where('s.case_worker', '=', s.caseWorker))

/** Running granted decisions whose last valid day is in [from, to] (the state's service end, while the service runs, is the last valid day). */
export function expiringDecisions(db: Kysely<DB>, s: WorklistScope, from: string, to: string) {
  return grantedWithDetails(db.with((cte) => cte('found').materialized(), (db) => statesOfScope(db, s)
    .where('s.ended_date', 'is', null)
    .where('s.service_ends_on', '>=', from).where('s.service_ends_on', '<=', to)), s)
    .select([...decisionColumns, total])
    .orderBy('d.valid_to').orderBy('d.id').limit(s.limit).execute()
}

/**
 * Granted decisions decided on or before `decidedOnOrBefore` whose wait from the decision date
 * may still be open on `asOf` — not ended, lapsed or executed in full by then — each with its
 * execution facts, oldest decision first. All of them, not a page: the rule in
 * `domain/not-executed.ts` decides which are on the list, and the counts are of those.
 */
export async function executionWaitCandidates(db: Kysely<DB>, s: WorklistScope, asOf: string, decidedOnOrBefore: string) {
  const dayAfter = addDays(asOf, 1)
  let query = db
    // Through the index of the maintained state (migration 0022), for the unit and a case worker
    // alike: the few decisions whose waits were not all settled by `asOf`, instead of every
    // granted decision of the unit or of the case worker's applications. Materialized, so that
    // a case worker's list starts from these and not from their applications.
    .with((cte) => cte('open_waits').materialized(), (db) => db.selectFrom('granted_decision_states as s')
      .select('s.decision_id')
      .where('s.unit_id', '=', s.actor.unitId)
      .where(waitsNotSettledBefore(dayAfter))
      .where('s.decision_date', '<=', decidedOnOrBefore)
      // Within the duty to report (issue 15): the same scope as the IVO report.
      .where(withinReportingScope())
      .where(notEndedBefore(dayAfter))
      .where(notFullyExecutedBefore(dayAfter))
      // A case worker's: their range of the state's index (migration 0025), not the unit's.
      .$if(s.caseWorker !== null, (q) => q.where('s.case_worker', '=', s.caseWorker)))
    .selectFrom('open_waits as w')
    .innerJoin('decisions as d', 'd.id', 'w.decision_id')
    .innerJoin('persons', 'persons.id', 'd.person_id')
    .innerJoin('applications as a', 'a.id', 'd.application_id')
    .innerJoin('service_types as st', 'st.code', 'd.service_type_code')
    .leftJoin('executions as e', 'e.decision_id', 'd.id')
    .where(personVisibleTo(s.actor))
  if (s.caseWorker !== null) query = query.where('a.assigned_case_worker', '=', s.caseWorker)
  const rows = await query
    .select([...decisionColumns, 'd.hours_per_month', 'd.executable_from', 'e.started_date', 'e.ended_date', 'e.end_reason', hoursOfDecision(), interruptionsOfDecision()])
    .orderBy('d.decision_date').orderBy('d.id').execute()
  return rows.map(({ hours, interruptions, ...d }) => ({ ...d, facts: toExecutionFacts(d, d, hours, interruptions) }))
}

/**
 * Executions whose implementation plan was due before `asOf` and has not arrived. Found through
 * the state the database keeps of each granted decision (migration 0022: the plan's due date
 * while it is missing and the service runs), not by reading the unit's decisions.
 */
export function missingImplementationPlans(db: Kysely<DB>, s: WorklistScope, asOf: string) {
  return grantedWithDetails(db.with((cte) => cte('found').materialized(), (db) => statesOfScope(db, s)
    .where('s.plan_due_date', '<', asOf)), s)
    .innerJoin('executions as e', 'e.decision_id', 'd.id')
    .select([...decisionColumns, 'e.ordered_date', 'e.implementation_plan_due_date', total])
    .orderBy('e.implementation_plan_due_date').orderBy('d.id').limit(s.limit).execute()
}

/** Applications not yet decided (nor withdrawn), received before `receivedBefore`. */
export function waitingApplications(db: Kysely<DB>, s: WorklistScope, receivedBefore: string) {
  let query = db.selectFrom('applications as a')
    .innerJoin('persons', 'persons.id', 'a.person_id')
    .select(['a.id', 'a.person_id', 'a.received_date', 'a.case_number', 'a.assigned_case_worker', 'persons.first_name', 'persons.last_name', total])
    .where('a.unit_id', '=', s.actor.unitId)
    .where(personVisibleTo(s.actor))
    .where('a.status', 'in', ['received', 'investigating', 'communicated'])
    .where('a.received_date', '<', receivedBefore)
  if (s.caseWorker !== null) query = query.where('a.assigned_case_worker', '=', s.caseWorker)
  return query.orderBy('a.received_date').orderBy('a.id').limit(s.limit).execute()
}

/**
 * Discharge episodes still in hospital whose payment responsibility has begun on `asOf` (ready
 * date + the episode's agreement days). For a case worker: those linked to their applications.
 */
export function dischargesPastAgreement(db: Kysely<DB>, s: WorklistScope, asOf: string) {
  const paymentFrom = sql<string>`(e.ready_date + e.agreement_days)`
  let query = db.selectFrom('discharge_episodes as e')
    .innerJoin('persons', 'persons.id', 'e.person_id')
    .select(['e.id', 'e.person_id', 'e.ready_date', 'e.agreement_days', paymentFrom.as('payment_from'), 'persons.first_name', 'persons.last_name', total,
      sql<string | null>`(select a.id from discharge_episode_applications l join applications a on a.id = l.application_id where l.episode_id = e.id order by a.received_date desc, a.id limit 1)`.as('application_id'),
      sql<string | null>`(select a.assigned_case_worker from discharge_episode_applications l join applications a on a.id = l.application_id where l.episode_id = e.id order by a.received_date desc, a.id limit 1)`.as('assigned_case_worker')])
    .where('e.unit_id', '=', s.actor.unitId)
    .where(personVisibleTo(s.actor))
    .where('e.left_hospital_date', 'is', null)
    .where('e.ready_date', 'is not', null)
    .where(sql<boolean>`${paymentFrom} <= ${asOf}::date`)
  if (s.caseWorker !== null) {
    const caseWorker = s.caseWorker
    query = query.where(({ exists, selectFrom }) => exists(selectFrom('discharge_episode_applications as l')
      .innerJoin('applications as a', 'a.id', 'l.application_id')
      .select('l.episode_id').whereRef('l.episode_id', '=', 'e.id').where('a.assigned_case_worker', '=', caseWorker)))
  }
  return query.orderBy('e.ready_date').orderBy('e.id').limit(s.limit).execute()
}

/** Appeals reconsidered without being changed as requested, not yet forwarded to court nor dismissed (FL 46 §). */
export function appealsAwaitingForwarding(db: Kysely<DB>, s: WorklistScope, asOf: string) {
  return grantedOrNotDecisionsOfScope(db, s)
    .select([...decisionColumns, 'd.appeal_reconsidered_date', total])
    .where('d.appeal_reconsidered_date', '<=', asOf)
    .where('d.appeal_forwarded_to_court_date', 'is', null)
    .where('d.appeal_dismissed_date', 'is', null)
    .where('d.appeal_reconsideration_outcome', '!=', 'changed_as_requested')
    .orderBy('d.appeal_reconsidered_date').orderBy('d.id').limit(s.limit).execute()
}

/** Every decision of the unit (any outcome: an appeal is of a decision against the applicant), with its case worker. */
function grantedOrNotDecisionsOfScope(db: Kysely<DB>, s: WorklistScope) {
  let query = db.selectFrom('decisions as d')
    .innerJoin('persons', 'persons.id', 'd.person_id')
    .innerJoin('applications as a', 'a.id', 'd.application_id')
    .innerJoin('service_types as st', 'st.code', 'd.service_type_code')
    .where('d.unit_id', '=', s.actor.unitId)
    .where(personVisibleTo(s.actor))
  if (s.caseWorker !== null) query = query.where('a.unit_id', '=', s.actor.unitId).where('a.assigned_case_worker', '=', s.caseWorker)
  return query
}
