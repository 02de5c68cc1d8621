/**
 * Loads what the IVO report is derived from, for one unit and a window of days (a quarter,
 * or a single day), in a fixed number of queries: the granted decisions that can still
 * matter in the window, then their executed hours, interruptions and offers in one query
 * each. The IVO report and the computed indicator `not_executed_decisions` both use it.
 */
import { sql, type Kysely } from 'kysely'
import type { ExecutionFacts } from '../../domain/not-executed.js'
import type { DB } from '../../db/schema.js'

/** The first and last day that matter (a quarter, or one day: `start` = `end`). */
export interface DateWindow {
  start: string
  end: string
}

export async function loadNotExecutedCandidates(db: Kysely<DB>, unitId: string, q: DateWindow) {
  const decisions = await db.selectFrom('decisions as d')
    .innerJoin('persons as p', 'p.id', 'd.person_id')
    .innerJoin('service_types as st', 'st.code', 'd.service_type_code')
    .leftJoin('executions as e', 'e.decision_id', 'd.id')
    .select([
      'd.id', 'd.person_id', 'd.service_type_code', 'st.label_sv as service_type_label', 'd.legal_basis', 'd.decision_date',
      'd.hours_per_month', 'd.valid_to', 'p.sex', 'p.birth_date', 'p.protected_identity',
      'e.started_date', 'e.ended_date', 'e.end_reason', 'e.delay_reason', 'e.delay_consequences', 'e.interim_services'
    ])
    .where('d.unit_id', '=', unitId)
    .where('d.outcome', 'in', ['granted', 'partially_granted'])
    .where('d.decision_date', '<=', q.end)
    // Ended or lapsed before the quarter: every wait was resolved before it began.
    .where((eb) => eb.or([eb('e.ended_date', 'is', null), eb('e.ended_date', '>=', q.start)]))
    .where((eb) => eb.or([eb('d.valid_to', 'is', null), eb('d.valid_to', '>=', q.start)]))
    // Fully executed before the quarter and not interrupted in it: nothing to report.
    .where((eb) => eb.or([
      eb('e.started_date', 'is', null),
      eb('e.started_date', '>=', q.start),
      eb.and([
        eb('d.hours_per_month', 'is not', null),
        eb.not(eb.exists(eb.selectFrom('execution_hours as h').select(sql`1`.as('x'))
          .whereRef('h.decision_id', '=', 'd.id').whereRef('h.hours_per_month', '>=', 'd.hours_per_month').where('h.effective_date', '<', q.start)))
      ]),
      eb.exists(eb.selectFrom('execution_interruptions as i').select(sql`1`.as('x'))
        .whereRef('i.decision_id', '=', 'd.id').where('i.start_date', '<=', q.end)
        .where((ib) => ib.or([ib('i.end_date', 'is', null), ib('i.end_date', '>=', q.start)])))
    ]))
    .orderBy('d.decision_date').orderBy('d.id')
    .execute()

  const ids = decisions.map((d) => d.id)
  if (ids.length === 0) return { decisions, hours: [], interruptions: [], offers: [] }
  const [hours, interruptions, offers] = await Promise.all([
    db.selectFrom('execution_hours').select(['decision_id', 'effective_date', 'hours_per_month'])
      .where('decision_id', 'in', ids).orderBy('effective_date').execute(),
    db.selectFrom('execution_interruptions').select(['decision_id', 'start_date', 'end_date', 'reason'])
      .where('decision_id', 'in', ids).orderBy('start_date').execute(),
    db.selectFrom('execution_offers').select(['decision_id', 'offered_date', 'description', 'response', 'response_date'])
      .where('decision_id', 'in', ids).where('offered_date', '<=', q.end).orderBy('offered_date').orderBy('created_at').execute()
  ])
  return { decisions, hours, interruptions, offers }
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
