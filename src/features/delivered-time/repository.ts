/** The rows of the monthly report of ordered against delivered time: Kysely only. */
import { sql, type Kysely } from 'kysely'
import type { DB } from '../../db/schema.js'

/**
 * A unit's accepted orders in hours that ran in the month — the execution started on or before
 * its last day and not ended before its first — or that have delivered time reported for it,
 * each with the month's delivered hours (null: not reported). The orders are found from the two
 * sides through indexes, not by reading every order of the unit's history: the executions of
 * the unit not ended before the month (the state the database keeps of each granted decision,
 * migration 0022) and the month's delivered time of the unit (migration 0023); the conditions
 * below then decide exactly as before.
 */
export function deliveredTimeRows(db: Kysely<DB>, unitId: string, first: string, last: string) {
  const accepted = ['id', 'decision_id', 'person_id', 'provider_id', 'service_type_code', 'hours_per_month'] as const
  return db
    // Each side reads its orders by key (by decision, by id); materialized, so that the orders
    // are never read as the unit's whole list.
    .with((cte) => cte('candidates').materialized(), (db) => db.selectFrom('granted_decision_states as s')
      .innerJoin('orders as ro', 'ro.decision_id', 's.decision_id')
      .select(accepted.map((c) => `ro.${c}` as const))
      .where('s.unit_id', '=', unitId)
      .where(sql<string>`coalesce(s.ended_date, 'infinity'::date)`, '>=', first)
      .where('s.started_date', '<=', last)
      .where('ro.unit_id', '=', unitId)
      .where('ro.state', '=', 'accepted')
      .where('ro.hours_per_month', 'is not', null)
      .union(db.selectFrom('delivered_time as rd')
        .innerJoin('orders as ro', 'ro.id', 'rd.order_id')
        .select(accepted.map((c) => `ro.${c}` as const))
        .where('rd.unit_id', '=', unitId)
        .where('rd.month', '=', first)
        .where('ro.unit_id', '=', unitId)
        .where('ro.state', '=', 'accepted')
        .where('ro.hours_per_month', 'is not', null)))
    .selectFrom('candidates as o')
    .innerJoin('persons as p', 'p.id', 'o.person_id')
    .innerJoin('providers as pr', 'pr.id', 'o.provider_id')
    .innerJoin('executions as e', 'e.decision_id', 'o.decision_id')
    .leftJoin('delivered_time as dt', (join) => join.onRef('dt.order_id', '=', 'o.id').on('dt.month', '=', first))
    .select(['o.id as order_id', 'o.decision_id', 'o.person_id', 'o.service_type_code', 'o.hours_per_month', 'p.first_name', 'p.last_name', 'p.sex',
      'p.protected_identity', 'pr.id as provider_id', 'pr.name as provider_name', 'dt.hours as delivered_hours'])
    .where((eb) => eb.or([
      eb('dt.order_id', 'is not', null),
      eb.and([eb('e.started_date', '<=', last), eb.or([eb('e.ended_date', 'is', null), eb('e.ended_date', '>=', first)])])
    ]))
    .orderBy('p.last_name').orderBy('p.first_name').orderBy('pr.name').orderBy('o.id')
    .execute()
}

export async function isLocked(db: Kysely<DB>, unitId: string, month: string): Promise<boolean> {
  return (await db.selectFrom('delivered_time_locks').select('month').where('unit_id', '=', unitId).where('month', '=', month).executeTakeFirst()) !== undefined
}

/**
 * Delivered against ordered hours of a unit's accepted orders in the given months (first days),
 * where delivered fell short in every one of them: the candidates for the worklist's follow-up
 * (the rule, with its tolerance, decides). Found from the unit's delivered months alone
 * (migration 0023: the unit and the ordered hours on each month), then the few orders read.
 */
export function shortfalls(db: Kysely<DB>, unitId: string, months: string[], caseWorker: string | null = null) {
  return db
    // The unit's orders below in every month first (from the covering index of the unit's
    // months): grouping the unit's below-months costs less than looking up each of them
    // (thousands) to find a case worker's; only the orders short in every month (a few hundred)
    // are then looked up.
    .with((cte) => cte('short').materialized(), (db) => db.selectFrom('delivered_time as b')
      .select('b.order_id')
      .where('b.unit_id', '=', unitId)
      .where('b.month', 'in', months)
      .whereRef('b.hours', '<', 'b.ordered_hours')
      .groupBy('b.order_id')
      // A month without a report, or not below, breaks the run.
      .having(sql<number>`count(*)`, '=', months.length))
    .selectFrom('short')
    .innerJoin('orders as o', 'o.id', 'short.order_id')
    // One case worker's worklist: only the orders under that case worker's decisions (the
    // execution state carries the application's case worker, migration 0025).
    .$if(caseWorker !== null, (q) => q
      .innerJoin('granted_decision_states as gs', 'gs.decision_id', 'o.decision_id')
      .where('gs.case_worker', '=', caseWorker))
    .innerJoin('delivered_time as dt', 'dt.order_id', 'o.id')
    .select(['o.id as order_id', 'o.decision_id', 'o.person_id', 'o.hours_per_month', 'dt.month', 'dt.hours'])
    .where('o.unit_id', '=', unitId)
    .where('o.state', '=', 'accepted')
    .where('dt.month', 'in', months)
    .where((eb) => eb('dt.hours', '<', eb.ref('o.hours_per_month')))
    .execute()
}

/**
 * The hours delivered per month under every order of a decision, oldest first, with the hours
 * ordered: the facts a rule about reduced execution (the IVO report) can read.
 */
export function deliveredMonthsOfDecision(db: Kysely<DB>, decisionId: string) {
  return db.selectFrom('delivered_time as dt')
    .innerJoin('orders as o', 'o.id', 'dt.order_id')
    .select(['dt.month', 'dt.hours as delivered', 'o.hours_per_month as ordered', 'o.provider_id'])
    .where('o.decision_id', '=', decisionId)
    .orderBy('dt.month')
    .execute()
}
