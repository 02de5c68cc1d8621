/**
 * Loads what the IVO report is derived from, for one unit and a window of days (a quarter,
 * or a single day), in a fixed number of queries: the granted decisions that can still
 * matter in the window — a superset, narrowed in SQL with the domain's own bounds; the rules
 * in `domain/not-executed.ts` decide — with their executed hours, interruptions and offers, in
 * one statement. The IVO report and the computed indicator `not_executed_decisions` both use it.
 */
import { sql, type Kysely } from 'kysely'
import { jsonArrayFrom } from 'kysely/helpers/postgres'
import { latestLateClockStart, type ExecutionFacts } from '../../domain/not-executed.js'
import type { DB } from '../../db/schema.js'

/** The first and last day that matter (a quarter, or one day: `start` = `end`). */
export interface DateWindow {
  start: string
  end: string
}

export async function loadNotExecutedCandidates(db: Kysely<DB>, unitId: string, q: DateWindow) {
  const latest = latestLateClockStart(q.end)
  const rows = await db
    // The candidates first, from the decision index and the execution facts alone; the rows
    // shown are read for those only. Materialized: otherwise the planner reads every granted
    // decision's row of the unit before the facts rule most of them out.
    .with((cte) => cte('candidates').materialized(), (db) => db.selectFrom('decisions as d')
      .leftJoin('executions as e', 'e.decision_id', 'd.id')
      .select('d.id')
      .where('d.unit_id', '=', unitId)
      .where('d.outcome', 'in', ['granted', 'partially_granted'])
      .where('d.decision_date', '<=', latest)
      // Ended or lapsed before the window: every wait was resolved before it began.
      .where((eb) => eb.or([eb('e.ended_date', 'is', null), eb('e.ended_date', '>=', q.start)]))
      .where((eb) => eb.or([eb('d.valid_to', 'is', null), eb('d.valid_to', '>=', q.start)]))
      .where((eb) => eb.or([
        // Not (fully) executed before the window: the wait from the decision date may matter.
        eb('e.started_date', 'is', null),
        eb('e.started_date', '>=', q.start),
        eb.and([
          eb('d.hours_per_month', 'is not', null),
          eb.not(eb.exists(eb.selectFrom('execution_hours as h').select(sql`1`.as('x'))
            .whereRef('h.decision_id', '=', 'd.id').whereRef('h.hours_per_month', '>=', 'd.hours_per_month').where('h.effective_date', '<', q.start)))
        ]),
        // Or interrupted long enough ago to be late, and not resumed before the window.
        eb.exists(eb.selectFrom('execution_interruptions as i').select(sql`1`.as('x'))
          .whereRef('i.decision_id', '=', 'd.id').where('i.start_date', '<=', latest)
          .where((ib) => ib.or([ib('i.end_date', 'is', null), ib('i.end_date', '>=', q.start)])))
      ])))
    .selectFrom('candidates as c')
    .innerJoin('decisions as d', 'd.id', 'c.id')
    .innerJoin('persons as p', 'p.id', 'd.person_id')
    .innerJoin('service_types as st', 'st.code', 'd.service_type_code')
    .leftJoin('executions as e', 'e.decision_id', 'd.id')
    .where('p.unit_id', '=', unitId)
    .select([
      'd.id', 'd.person_id', 'd.service_type_code', 'st.label_sv as service_type_label', 'd.legal_basis', 'd.decision_date',
      'd.hours_per_month', 'd.valid_to', 'p.sex', 'p.birth_date', 'p.protected_identity',
      'e.started_date', 'e.ended_date', 'e.end_reason', 'e.delay_reason', 'e.delay_consequences', 'e.interim_services'
    ])
    // Each candidate's executed hours, interruptions and offers in the same statement: looked up
    // by decision through their indexes, where a list of a thousand ids made the planner read
    // those tables whole.
    .select((eb) => [
      jsonArrayFrom(eb.selectFrom('execution_hours as h').select(['h.decision_id', 'h.effective_date', 'h.hours_per_month'])
        .whereRef('h.decision_id', '=', 'd.id').orderBy('h.effective_date')).as('hours'),
      jsonArrayFrom(eb.selectFrom('execution_interruptions as i').select(['i.decision_id', 'i.start_date', 'i.end_date', 'i.reason'])
        .whereRef('i.decision_id', '=', 'd.id').orderBy('i.start_date')).as('interruptions'),
      jsonArrayFrom(eb.selectFrom('execution_offers as o').select(['o.decision_id', 'o.offered_date', 'o.description', 'o.response', 'o.response_date'])
        .whereRef('o.decision_id', '=', 'd.id').where('o.offered_date', '<=', q.end).orderBy('o.offered_date').orderBy('o.created_at')).as('offers')
    ])
    .orderBy('d.decision_date').orderBy('d.id')
    .execute()

  return {
    decisions: rows.map(({ hours: _h, interruptions: _i, offers: _o, ...decision }) => decision),
    hours: rows.flatMap((r) => r.hours),
    interruptions: rows.flatMap((r) => r.interruptions),
    offers: rows.flatMap((r) => r.offers)
  }
}

export type NotExecutedCandidates = Awaited<ReturnType<typeof loadNotExecutedCandidates>>

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>()
  for (const row of rows) {
    const list = groups.get(key(row))
    if (list) list.push(row)
    else groups.set(key(row), [row])
  }
  return groups
}

/** Each loaded decision with the facts the pure rules in `domain/not-executed.ts` take. */
export function withExecutionFacts(c: NotExecutedCandidates) {
  const hours = groupBy(c.hours, (h) => h.decision_id)
  const interruptions = groupBy(c.interruptions, (i) => i.decision_id)
  const offers = groupBy(c.offers, (o) => o.decision_id)
  return c.decisions.map((d) => {
    const ownInterruptions = interruptions.get(d.id) ?? []
    const facts: ExecutionFacts = {
      decisionDate: d.decision_date,
      grantedHours: d.hours_per_month,
      validTo: d.valid_to,
      startedDate: d.started_date,
      hours: (hours.get(d.id) ?? []).map((h) => ({ effectiveDate: h.effective_date, hoursPerMonth: h.hours_per_month })),
      interruptions: ownInterruptions.map((i) => ({ startDate: i.start_date, endDate: i.end_date })),
      endedDate: d.ended_date,
      endReason: d.end_reason
    }
    return { decision: d, facts, interruptions: ownInterruptions, offers: offers.get(d.id) ?? [] }
  })
}
