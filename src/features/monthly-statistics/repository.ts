/**
 * The month's volumes and the caseload, aggregated in SQL where they can be (counts by sex,
 * service type, outcome, case worker) — no person data leaves these queries. The persons are
 * the unit's (a person never changes unit): said so, the planner reads only those.
 */
import { sql, type Kysely } from 'kysely'
import type { DB } from '../../db/schema.js'
import { GRANTING_OUTCOMES } from '../../domain/application-process.js'

/**
 * Granted decisions in force on `day` (the month's last day) whose service had not ended before
 * it, with what the month's measures need: the person and sex (persons per service type), the
 * hours (granted home care) and the execution's start and end (full-month care-home placements
 * are among these: a placement that covers the month is in force on its last day). Read from the
 * state the database keeps of each granted decision (migration 0022): its index on the day the
 * service stopped holds the rest, so only the decisions still running on `day` are read, not the
 * unit's whole history.
 */
export function grantedInForceOn(db: Kysely<DB>, unitId: string, day: string) {
  return db.selectFrom('granted_decision_states as s')
    .innerJoin('persons as p', 'p.id', 's.person_id')
    .select(['s.person_id as personId', 'p.sex', 's.service_type_code as serviceTypeCode', 's.hours_per_month as hoursPerMonth',
      's.started_date as startedDate', 's.service_ends_on as endDate'])
    .where('s.unit_id', '=', unitId)
    .where('p.unit_id', '=', unitId)
    // In force on the day (valid from, else the decision date), and neither the execution ended
    // nor the decision lapsed before it: the execution's end said as the index says it (one not
    // ended sorts after every day), the lapse read from the same index entries.
    .where(sql<string>`coalesce(s.ended_date, 'infinity'::date)`, '>=', day)
    .where('s.in_force_from', '<=', day)
    .where((eb) => eb.or([eb('s.service_ends_on', 'is', null), eb('s.service_ends_on', '>=', day)]))
    .execute()
}

/** Decisions dated in the month, by outcome and sex. */
export function decisionsByOutcome(db: Kysely<DB>, unitId: string, start: string, end: string) {
  return db.selectFrom('decisions as d')
    .innerJoin('persons as p', 'p.id', 'd.person_id')
    .select(['d.outcome', 'p.sex', sql<number>`count(*)::int`.as('decisions')])
    .where('d.unit_id', '=', unitId)
    .where('p.unit_id', '=', unitId)
    .where('d.decision_date', '>=', start)
    .where('d.decision_date', '<=', end)
    .groupBy(['d.outcome', 'p.sex'])
    .execute()
}

/** Open applications per assigned case worker. */
export function openApplicationsPerCaseWorker(db: Kysely<DB>, unitId: string) {
  return db.selectFrom('applications as a')
    .select(['a.assigned_case_worker as caseWorker', sql<number>`count(*)::int`.as('n')])
    .where('a.unit_id', '=', unitId)
    .where('a.status', 'in', ['received', 'investigating', 'communicated'])
    .groupBy('a.assigned_case_worker')
    .execute()
}

/** Granted time-limited decisions ending from `from` to `to`, service not ended, per the application's case worker. */
export function expiringDecisionsPerCaseWorker(db: Kysely<DB>, unitId: string, from: string, to: string) {
  return db.selectFrom('decisions as d')
    .innerJoin('applications as a', 'a.id', 'd.application_id')
    .leftJoin('executions as e', 'e.decision_id', 'd.id')
    .select(['a.assigned_case_worker as caseWorker', sql<number>`count(*)::int`.as('n')])
    .where('d.unit_id', '=', unitId)
    .where('a.unit_id', '=', unitId)
    .where('d.outcome', 'in', GRANTING_OUTCOMES)
    .where('d.valid_to', '>=', from)
    .where('d.valid_to', '<=', to)
    .where('e.ended_date', 'is', null)
    .groupBy('a.assigned_case_worker')
    .execute()
}

/** Planned follow-ups per assigned case worker, and how many of them are overdue on `asOf`. */
export function plannedFollowUpsPerCaseWorker(db: Kysely<DB>, unitId: string, asOf: string) {
  return db.selectFrom('follow_ups as f')
    .select(['f.assigned_case_worker as caseWorker', sql<number>`count(*)::int`.as('planned'), sql<number>`(count(*) filter (where f.due_date < ${asOf}::date))::int`.as('overdue')])
    .where('f.unit_id', '=', unitId)
    .where('f.status', '=', 'planned')
    .groupBy('f.assigned_case_worker')
    .execute()
}
