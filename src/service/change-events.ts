/**
 * What every change commits with, written just before its transaction commits: its access-log
 * rows and its change events (the outbox rows). The transaction id and the position of an event
 * come from the database (migration 0009).
 *
 * Each round trip to PostgreSQL was most of a write's cost (issue 17), so they go in one
 * statement: as data-modifying CTEs ahead of the statement that follows them (a keyed request's
 * stored response, see service/idempotency.ts), or of the events' own INSERT. PostgreSQL runs a
 * data-modifying CTE to completion whether or not the statement reads it.
 */
import type { Insertable, Kysely, QueryCreator } from 'kysely'
import type { AccessLogTable, DB } from '../db/schema.js'
import { subjectTypeOf, type ChangeEventDraft } from '../domain/change-events.js'
import type { Caller } from './caller.js'

/** A transaction's access-log rows and change events, not yet written. */
export interface LogAndEvents {
  logRows: Insertable<AccessLogTable>[]
  events: Insertable<DB['change_events']>[]
}

export function eventRows(caller: Caller, drafts: readonly ChangeEventDraft[]): Insertable<DB['change_events']>[] {
  return drafts.map((d) => ({
    type: d.type,
    actor: caller.actor.subject,
    unit_id: d.unitId ?? caller.actor.unitId,
    subject_type: subjectTypeOf(d.type),
    subject_id: d.subjectId,
    person_id: d.personId,
    changes: JSON.stringify(d.changes ?? {})
  }))
}

/** `db` with the rows' INSERTs as CTEs, for the statement built on it to run them too. */
export function withLogAndEvents(db: Kysely<DB>, { logRows, events }: LogAndEvents): QueryCreator<DB> {
  let query: QueryCreator<DB> = db
  if (logRows.length > 0) query = query.with('logged', (q) => q.insertInto('access_log').values(logRows))
  if (events.length > 0) query = query.with('emitted', (q) => q.insertInto('change_events').values(events))
  return query
}

/** Writes the rows in one statement (of a transaction that stores no response with them). */
export async function insertLogAndEvents(trx: Kysely<DB>, { logRows, events }: LogAndEvents): Promise<void> {
  if (events.length > 0) await withLogAndEvents(trx, { logRows, events: [] }).insertInto('change_events').values(events).execute()
  else if (logRows.length > 0) await trx.insertInto('access_log').values(logRows).execute()
}
