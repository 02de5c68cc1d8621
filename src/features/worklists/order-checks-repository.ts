/** The worklist's checks of providers: orders not answered, starts not reported, and the persons and case workers of orders. */
import { sql, type Kysely, type QueryCreator } from 'kysely'
import { personVisibleTo } from '../../auth/access.js'
import type { DB } from '../../db/schema.js'
import type { WorklistScope } from './repository.js'

/** An order a check found, before its person, provider and case worker are looked up. */
interface FoundOrder { id: string; decision_id: string; person_id: string; provider_id: string; ordered_date: string; start_wanted_date: string | null }

const foundColumns = ['o.id', 'o.decision_id', 'o.person_id', 'o.provider_id', 'o.ordered_date', 'o.start_wanted_date'] as const

/**
 * The orders in `found` with their person, provider and the application's case worker, as the
 * scope allows. Each check first finds its orders (materialized) from its own index, and only
 * these are joined for reading: planning one seven-table join took PostgreSQL 12–35 ms on a
 * city's statistics, more than running it; a narrow search and then four lookups plan in ~1 ms.
 */
function withDetails(db: QueryCreator<DB & { found: FoundOrder }>, s: WorklistScope) {
  let query = db.selectFrom('found as o')
    .innerJoin('persons', 'persons.id', 'o.person_id')
    .innerJoin('providers as pr', 'pr.id', 'o.provider_id')
    .innerJoin('decisions as d', 'd.id', 'o.decision_id')
    .innerJoin('applications as a', 'a.id', 'd.application_id')
    .select(['o.id', 'o.decision_id', 'o.person_id', 'o.ordered_date', 'o.start_wanted_date', 'd.application_id', 'a.assigned_case_worker',
      'pr.name as provider_name', 'persons.first_name', 'persons.last_name', sql<string>`count(*) over ()`.as('total')])
    .where(personVisibleTo(s.actor))
  if (s.caseWorker !== null) query = query.where('a.assigned_case_worker', '=', s.caseWorker)
  return query
}

/** The unit's orders that have an execution. */
const ordersWithExecution = (db: QueryCreator<DB>, s: WorklistScope) => db.selectFrom('orders as o')
  .innerJoin('executions as e', 'e.decision_id', 'o.decision_id')
  .select(foundColumns)
  .where('o.unit_id', '=', s.actor.unitId)

/** Orders still `sent`, ordered before `orderedBefore` (their answer was due before the day). */
export function unansweredOrders(db: Kysely<DB>, s: WorklistScope, orderedBefore: string) {
  return withDetails(db.with((cte) => cte('found').materialized(), (db) => ordersWithExecution(db, s)
    .where('o.state', '=', 'sent')
    .where('o.ordered_date', '<', orderedBefore)), s)
    .orderBy('o.ordered_date').orderBy('o.id').limit(s.limit).execute()
}

/** Live orders whose execution has not started nor ended, and whose start — wanted, else `startDays` after the order — was due before `asOf`. */
export function unreportedStarts(db: Kysely<DB>, s: WorklistScope, asOf: string, startDays: number) {
  // The same words inside and outside: the found orders are `o` there too.
  const due = sql<string>`coalesce(o.start_wanted_date, o.ordered_date + ${startDays}::int)`
  return withDetails(db.with((cte) => cte('found').materialized(), (db) => ordersWithExecution(db, s)
    // The executions neither started nor ended, through the state's index (migration 0022), not
    // every order of the unit; a case worker's, through their range of it (migration 0025).
    .innerJoin('granted_decision_states as gs', 'gs.decision_id', 'o.decision_id')
    .where('gs.unit_id', '=', s.actor.unitId)
    .where('gs.started_date', 'is', null)
    .where('gs.ended_date', 'is', null)
    .$if(s.caseWorker !== null, (q) => q.where('gs.case_worker', '=', s.caseWorker))
    .where('o.state', 'in', ['sent', 'accepted'])
    .where('e.started_date', 'is', null)
    .where('e.ended_date', 'is', null)
    .where(due, '<', asOf)), s)
    .orderBy(due).orderBy('o.id').limit(s.limit).execute()
}

/** The given orders, as the scope allows. */
export function ordersById(db: Kysely<DB>, s: WorklistScope, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([])
  return withDetails(db.with((cte) => cte('found').materialized(), (db) => ordersWithExecution(db, s).where('o.id', 'in', ids)), s)
    .orderBy('o.ordered_date').orderBy('o.id').execute()
}
