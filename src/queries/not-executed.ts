/**
 * SQL read models of not-executed decisions (ej verkställda beslut), shared by the features
 * (the IVO report, the worklist, the execution view) and the computed indicator
 * `not_executed_decisions`:
 *
 * - the one mapping of stored rows to the domain's `ExecutionFacts`;
 * - the sub-selects that load a decision's executed hours and interruptions with it, in the
 *   same statement;
 * - the SQL bounds that narrow the decisions to those whose waits can still be open — always a
 *   superset: the rules in `domain/not-executed.ts` decide;
 * - the loader of the IVO report's candidates, which the indicator reuses for a single day.
 */
import { expressionBuilder, type Expression, type Kysely, type SqlBool, sql } from 'kysely'
import { jsonArrayFrom } from 'kysely/helpers/postgres'
import type { DB } from '../db/schema.js'
import { GRANTING_OUTCOMES } from '../domain/application-process.js'
import type { EndReason } from '../domain/execution.js'
import { latestLateClockStart, REPORTABLE_SCOPE, type ExecutionFacts } from '../domain/not-executed.js'

// ---------------------------------------------------------------------------------------------
// Rows → facts

/** The columns of a decision the rules read. */
export interface DecisionFactsRow {
  decision_date: string
  /** Set when a reconsideration or a court changed the decision in the applicant's favour: the clock runs from it. */
  executable_from?: string | null
  hours_per_month: number | null
  valid_to: string | null
}

/** The columns of its execution the rules read (no row yet: nothing has happened). */
export interface ExecutionFactsRow {
  started_date: string | null
  ended_date: string | null
  end_reason: EndReason | null
}

export interface HoursRow {
  effective_date: string
  hours_per_month: number
}

export interface InterruptionRow {
  start_date: string
  end_date: string | null
}

/** A decision's stored rows as the facts the pure rules take; hours and interruptions oldest first. */
export function toExecutionFacts(
  decision: DecisionFactsRow,
  execution: ExecutionFactsRow | null | undefined,
  hours: readonly HoursRow[],
  interruptions: readonly InterruptionRow[]
): ExecutionFacts {
  return {
    decisionDate: decision.executable_from ?? decision.decision_date,
    grantedHours: decision.hours_per_month,
    validTo: decision.valid_to,
    startedDate: execution?.started_date ?? null,
    hours: hours.map((h) => ({ effectiveDate: h.effective_date, hoursPerMonth: h.hours_per_month })),
    interruptions: interruptions.map((i) => ({ startDate: i.start_date, endDate: i.end_date })),
    endedDate: execution?.ended_date ?? null,
    endReason: execution?.end_reason ?? null
  }
}

// ---------------------------------------------------------------------------------------------
// SQL over a decision `d` and its execution `e` (left-joined): the queries that use these name
// their tables so.

type DecisionWithExecution = DB & { d: DB['decisions']; e: DB['executions'] }
const eb = expressionBuilder<DecisionWithExecution, 'd' | 'e'>()

/** The decision's executed hours, oldest first, as a JSON array in the same statement. */
export const hoursOfDecision = () => jsonArrayFrom(eb.selectFrom('execution_hours as h')
  .select(['h.effective_date', 'h.hours_per_month'])
  .whereRef('h.decision_id', '=', 'd.id').orderBy('h.effective_date')).as('hours')

/** The decision's interruptions, oldest first, as a JSON array in the same statement. */
export const interruptionsOfDecision = () => jsonArrayFrom(eb.selectFrom('execution_interruptions as i')
  .select(['i.start_date', 'i.end_date', 'i.reason'])
  .whereRef('i.decision_id', '=', 'd.id').orderBy('i.start_date')).as('interruptions')

/** Neither ended nor lapsed before `day`: the two ways every wait of the decision is resolved at once. */
export const notEndedBefore = (day: string): Expression<SqlBool> => eb.and([
  eb.or([eb('e.ended_date', 'is', null), eb('e.ended_date', '>=', day)]),
  eb.or([eb('d.valid_to', 'is', null), eb('d.valid_to', '>=', day)])
])

/**
 * The whole granted service was not executed before `day`: not started before it, or, granted
 * in hours, no executed level before it reached the granted hours. Then the wait from the
 * decision date may still be open on `day`.
 */
export const notFullyExecutedBefore = (day: string): Expression<SqlBool> => eb.or([
  eb('e.started_date', 'is', null),
  eb('e.started_date', '>=', day),
  eb.and([
    eb('d.hours_per_month', 'is not', null),
    eb.not(eb.exists(eb.selectFrom('execution_hours as h').select(sql`1`.as('x'))
      .whereRef('h.decision_id', '=', 'd.id').whereRef('h.hours_per_month', '>=', 'd.hours_per_month').where('h.effective_date', '<', day)))
  ])
])

/**
 * The decision's service type is within the duty to report (`REPORTABLE_SCOPE`): bistånd under
 * the social services act. The one SQL statement of the rule in `domain/not-executed.ts`.
 */
export const withinReportingScope = (): Expression<SqlBool> => eb.exists(eb.selectFrom('service_types as scope')
  .select(sql`1`.as('x'))
  .whereRef('scope.code', '=', 'd.service_type_code')
  .where('scope.decided_under', '=', REPORTABLE_SCOPE.decidedUnder)
  .where('scope.decided_as', '=', REPORTABLE_SCOPE.decidedAs))

/**
 * The executed hours fell below the granted on or before `latestStart` and were not restored
 * before `day` (reduced execution): a superset of the decisions with a late reduced stretch.
 */
export const reducedSince = (latestStart: string, day: string): Expression<SqlBool> =>
  eb.exists(eb.selectFrom('execution_hours as low').select(sql`1`.as('x'))
    .whereRef('low.decision_id', '=', 'd.id')
    .whereRef('low.hours_per_month', '<', 'd.hours_per_month')
    .where('low.effective_date', '<=', latestStart)
    .where((lb) => lb.not(lb.exists(lb.selectFrom('execution_hours as up').select(sql`1`.as('y'))
      .whereRef('up.decision_id', '=', 'd.id')
      .whereRef('up.hours_per_month', '>=', 'd.hours_per_month')
      .whereRef('up.effective_date', '>', 'low.effective_date')
      .where('up.effective_date', '<', day)))))

/** An interruption that began on or before `latestStart` and was not resumed before `day`. */
export const interruptedSince = (latestStart: string, day: string): Expression<SqlBool> =>
  eb.exists(eb.selectFrom('execution_interruptions as i').select(sql`1`.as('x'))
    .whereRef('i.decision_id', '=', 'd.id').where('i.start_date', '<=', latestStart)
    .where((ib) => ib.or([ib('i.end_date', 'is', null), ib('i.end_date', '>=', day)])))

// ---------------------------------------------------------------------------------------------
// The IVO report's candidates

/** The first and last day that matter (a quarter, or one day: `start` = `end`). */
export interface DateWindow {
  start: string
  end: string
}

/**
 * What the IVO report is derived from, for one unit and a window of days (a quarter, or a
 * single day), in one statement: the granted decisions that can still matter in the window —
 * a superset, narrowed with the domain's own bounds — each with its facts, its interruptions
 * (with their reasons) and its offers made by the window's end.
 */
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
      .where('d.outcome', 'in', GRANTING_OUTCOMES)
      .where(withinReportingScope())
      .where('d.decision_date', '<=', latest)
      // Ended or lapsed before the window: every wait was resolved before it began.
      .where(notEndedBefore(q.start))
      // Not (fully) executed before the window: the wait from the decision date may matter;
      // or interrupted or cut below the granted hours long enough ago to be late, and not
      // resumed or restored before the window.
      .where((w) => w.or([notFullyExecutedBefore(q.start), interruptedSince(latest, q.start), reducedSince(latest, q.start)])))
    .selectFrom('candidates as c')
    .innerJoin('decisions as d', 'd.id', 'c.id')
    .innerJoin('persons as p', 'p.id', 'd.person_id')
    .innerJoin('service_types as st', 'st.code', 'd.service_type_code')
    .leftJoin('executions as e', 'e.decision_id', 'd.id')
    .where('p.unit_id', '=', unitId)
    .select([
      'd.id', 'd.person_id', 'd.service_type_code', 'st.label_sv as service_type_label', 'd.legal_basis', 'd.decision_date',
      'd.executable_from', 'd.hours_per_month', 'd.valid_to', 'p.sex', 'p.birth_date', 'p.protected_identity',
      'p.identity_kind', 'p.personal_identity_number',
      'e.started_date', 'e.ended_date', 'e.end_reason', 'e.delay_reason', 'e.delay_consequences', 'e.interim_services'
    ])
    // Each candidate's executed hours, interruptions and offers in the same statement: looked up
    // by decision through their indexes, where a list of a thousand ids made the planner read
    // those tables whole.
    .select((s) => [
      hoursOfDecision(),
      interruptionsOfDecision(),
      jsonArrayFrom(s.selectFrom('execution_offers as o').select(['o.offered_date', 'o.description', 'o.response', 'o.response_date'])
        .whereRef('o.decision_id', '=', 'd.id').where('o.offered_date', '<=', q.end).orderBy('o.offered_date').orderBy('o.created_at')).as('offers')
    ])
    .orderBy('d.decision_date').orderBy('d.id')
    .execute()

  return rows.map(({ hours, interruptions, offers, ...decision }) => ({
    decision,
    facts: toExecutionFacts(decision, decision, hours, interruptions),
    interruptions,
    offers
  }))
}

export type NotExecutedCandidate = Awaited<ReturnType<typeof loadNotExecutedCandidates>>[number]
