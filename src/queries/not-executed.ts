/**
 * SQL read models of not-executed decisions (ej verkställda beslut), shared by the features
 * (the IVO report, the worklist, the execution view) and the computed indicator
 * `not_executed_decisions`:
 *
 * - the one mapping of stored rows to the domain's `ExecutionFacts`;
 * - the sub-selects that load a decision's executed hours and interruptions with it, in the
 *   same statement;
 * - the SQL bounds that narrow the decisions, through the state the database keeps of each
 *   granted decision (migration 0022), to those whose waits can still be open — always a
 *   superset: the rules in `domain/not-executed.ts` decide;
 * - the loader of the IVO report's candidates, which the indicator reuses for a single day.
 */
import { expressionBuilder, type Expression, type Kysely, type SqlBool, sql } from 'kysely'
import { jsonArrayFrom } from 'kysely/helpers/postgres'
import type { DB } from '../db/schema.js'
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
// SQL over a decision `d`, and the bounds over its maintained state `s` (`granted_decision_states`,
// migration 0022: the decision's unit, dates and hours, its execution's start and the day its
// service stopped, kept by the database from the facts): the queries that use these name their
// tables so. The bounds read the state, not the decision and execution rows, so that a query
// narrows from the state's index alone and reads the rows of the few decisions left.

type DecisionWithState = DB & { d: DB['decisions']; s: DB['granted_decision_states'] }
const eb = expressionBuilder<DecisionWithState, 'd' | 's'>()

/** The decision's executed hours, oldest first, as a JSON array in the same statement. */
export const hoursOfDecision = () => jsonArrayFrom(eb.selectFrom('execution_hours as h')
  .select(['h.effective_date', 'h.hours_per_month'])
  .whereRef('h.decision_id', '=', 'd.id').orderBy('h.effective_date')).as('hours')

/** The decision's interruptions, oldest first, as a JSON array in the same statement. */
export const interruptionsOfDecision = () => jsonArrayFrom(eb.selectFrom('execution_interruptions as i')
  .select(['i.start_date', 'i.end_date', 'i.reason'])
  .whereRef('i.decision_id', '=', 'd.id').orderBy('i.start_date')).as('interruptions')

/**
 * The decision's waits were not all settled before `day`: the indexed narrowing to the few
 * granted decisions of a unit whose waits can be open on `day` or later. A superset — the state
 * is an upper bound of the day the rules' last wait was resolved (`waitsSettledOn`) — so the
 * rules of `domain/not-executed.ts` decide.
 */
export const waitsNotSettledBefore = (day: string): Expression<SqlBool> =>
  eb.or([eb('s.waits_settled_on', 'is', null), eb('s.waits_settled_on', '>=', day)])

/** Neither ended nor lapsed before `day` (the execution's end or the decision's last valid day): every wait of the decision is resolved by then. */
export const notEndedBefore = (day: string): Expression<SqlBool> =>
  eb.or([eb('s.service_ends_on', 'is', null), eb('s.service_ends_on', '>=', day)])

/**
 * The whole granted service was not executed before `day`: not started before it, or, granted
 * in hours, no executed level before it reached the granted hours. Then the wait from the
 * decision date may still be open on `day`.
 */
export const notFullyExecutedBefore = (day: string): Expression<SqlBool> => eb.or([
  eb('s.started_date', 'is', null),
  eb('s.started_date', '>=', day),
  eb.and([
    eb('s.hours_per_month', 'is not', null),
    eb.not(eb.exists(eb.selectFrom('execution_hours as h').select(sql`1`.as('x'))
      .whereRef('h.decision_id', '=', 's.decision_id').whereRef('h.hours_per_month', '>=', 's.hours_per_month').where('h.effective_date', '<', day)))
  ])
])

/**
 * The decision's service type is within the duty to report (`REPORTABLE_SCOPE`): bistånd under
 * the social services act. The one SQL statement of the rule in `domain/not-executed.ts`.
 */
export const withinReportingScope = (): Expression<SqlBool> => eb.exists(eb.selectFrom('service_types as scope')
  .select(sql`1`.as('x'))
  .whereRef('scope.code', '=', 's.service_type_code')
  .where('scope.decided_under', '=', REPORTABLE_SCOPE.decidedUnder)
  .where('scope.decided_as', '=', REPORTABLE_SCOPE.decidedAs))

/**
 * The executed hours fell below the granted on or before `latestStart` and were not restored
 * before `day` (reduced execution): a superset of the decisions with a late reduced stretch.
 */
export const reducedSince = (latestStart: string, day: string): Expression<SqlBool> =>
  eb.exists(eb.selectFrom('execution_hours as low').select(sql`1`.as('x'))
    .whereRef('low.decision_id', '=', 's.decision_id')
    .whereRef('low.hours_per_month', '<', 's.hours_per_month')
    .where('low.effective_date', '<=', latestStart)
    .where((lb) => lb.not(lb.exists(lb.selectFrom('execution_hours as up').select(sql`1`.as('y'))
      .whereRef('up.decision_id', '=', 's.decision_id')
      .whereRef('up.hours_per_month', '>=', 's.hours_per_month')
      .whereRef('up.effective_date', '>', 'low.effective_date')
      .where('up.effective_date', '<', day)))))

/** An interruption that began on or before `latestStart` and was not resumed before `day`. */
export const interruptedSince = (latestStart: string, day: string): Expression<SqlBool> =>
  eb.exists(eb.selectFrom('execution_interruptions as i').select(sql`1`.as('x'))
    .whereRef('i.decision_id', '=', 's.decision_id').where('i.start_date', '<=', latestStart)
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
    // The candidates first, in two steps, and only then the rows shown, for those alone. First
    // through the state's index: the decisions whose waits were not all settled before the
    // window, none whose clock can have started too late to matter, none ended or lapsed before
    // it. Materialized, so that the bounds below, which look up executed hours and
    // interruptions, run once per decision left and are costed as such (costed over the
    // index's estimate instead, the statement was planned as expensive enough to compile).
    .with((cte) => cte('narrowed').materialized(), (db) => db.selectFrom('granted_decision_states as s')
      .selectAll('s')
      .where('s.unit_id', '=', unitId)
      .where(waitsNotSettledBefore(q.start))
      .where('s.decision_date', '<=', latest)
      .where(withinReportingScope())
      .where(notEndedBefore(q.start)))
    // Then: not (fully) executed before the window — the wait from the decision date may
    // matter — or interrupted or cut below the granted hours long enough ago to be late, and
    // not resumed or restored before the window.
    .with((cte) => cte('candidates').materialized(), (db) => db.selectFrom('narrowed as s')
      .select('s.decision_id as id')
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
