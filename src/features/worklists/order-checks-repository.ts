/** The worklist's checks of providers: orders not answered, starts not reported, and the persons and case workers of orders. */
import { sql, type Kysely } from 'kysely'
import { personVisibleTo } from '../../auth/access.js'
import type { DB } from '../../db/schema.js'
import type { WorklistScope } from './repository.js'

/** The unit's orders with their person, provider and the application's case worker, as the scope allows. */
function ordersOfScope(db: Kysely<DB>, s: WorklistScope) {
  let query = db.selectFrom('orders as o')
    .innerJoin('persons', 'persons.id', 'o.person_id')
    .innerJoin('providers as pr', 'pr.id', 'o.provider_id')
    .innerJoin('decisions as d', 'd.id', 'o.decision_id')
    .innerJoin('applications as a', 'a.id', 'd.application_id')
    .innerJoin('executions as e', 'e.decision_id', 'o.decision_id')
    .select(['o.id', 'o.decision_id', 'o.person_id', 'o.ordered_date', 'o.start_wanted_date', 'd.application_id', 'a.assigned_case_worker',
      'pr.name as provider_name', 'persons.first_name', 'persons.last_name', sql<string>`count(*) over ()`.as('total')])
    .where('o.unit_id', '=', s.actor.unitId)
    .where(personVisibleTo(s.actor))
  if (s.caseWorker !== null) query = query.where('a.unit_id', '=', s.actor.unitId).where('a.assigned_case_worker', '=', s.caseWorker)
  return query
}

/** Orders still `sent`, ordered before `orderedBefore` (their answer was due before the day). */
export function unansweredOrders(db: Kysely<DB>, s: WorklistScope, orderedBefore: string) {
  return ordersOfScope(db, s)
    .where('o.state', '=', 'sent')
    .where('o.ordered_date', '<', orderedBefore)
    .orderBy('o.ordered_date').orderBy('o.id').limit(s.limit).execute()
}

/** Live orders whose execution has not started nor ended, and whose start — wanted, else `startDays` after the order — was due before `asOf`. */
export function unreportedStarts(db: Kysely<DB>, s: WorklistScope, asOf: string, startDays: number) {
  const due = sql<string>`coalesce(o.start_wanted_date, o.ordered_date + ${startDays}::int)`
  return ordersOfScope(db, s)
    // The executions neither started nor ended, through the state's index (migration 0022), not
    // every order of the unit.
    .innerJoin('granted_decision_states as gs', 'gs.decision_id', 'o.decision_id')
    .where('gs.unit_id', '=', s.actor.unitId)
    .where('gs.started_date', 'is', null)
    .where('gs.ended_date', 'is', null)
    .$if(s.caseWorker !== null, (q) => q.where('gs.case_worker', '=', s.caseWorker))
    .where('o.state', 'in', ['sent', 'accepted'])
    .where('e.started_date', 'is', null)
    .where('e.ended_date', 'is', null)
    .where(due, '<', asOf)
    .orderBy(due).orderBy('o.id').limit(s.limit).execute()
}

/** The given orders, as the scope allows. */
export function ordersById(db: Kysely<DB>, s: WorklistScope, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([])
  return ordersOfScope(db, s).where('o.id', 'in', ids).orderBy('o.ordered_date').orderBy('o.id').execute()
}
