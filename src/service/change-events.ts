/**
 * Writes what every change commits with, just before its transaction commits: its access-log
 * rows and its change events (the outbox rows). The transaction id and the position of an event
 * come from the database (migration 0009).
 */
import type { Insertable, Kysely } from 'kysely'
import type { AccessLogTable, DB } from '../db/schema.js'
import { subjectTypeOf, type ChangeEventDraft } from '../domain/change-events.js'
import type { Caller } from './caller.js'

export async function insertLogAndEvents(
  trx: Kysely<DB>, caller: Caller, logRows: readonly Insertable<AccessLogTable>[], drafts: readonly ChangeEventDraft[]
): Promise<void> {
  const events = drafts.map((d) => ({
    type: d.type,
    actor: caller.actor.subject,
    unit_id: d.unitId ?? caller.actor.unitId,
    subject_type: subjectTypeOf(d.type),
    subject_id: d.subjectId,
    person_id: d.personId,
    changes: JSON.stringify(d.changes ?? {})
  }))
  if (logRows.length === 0 && events.length === 0) return
  if (events.length === 0) {
    await trx.insertInto('access_log').values([...logRows]).execute()
  } else if (logRows.length === 0) {
    await trx.insertInto('change_events').values(events).execute()
  } else {
    // One statement, one round trip (issue 17: round trips were most of a write's cost): a
    // data-modifying CTE always runs to completion, whether or not the outer statement reads it.
    await trx.with('logged', (db) => db.insertInto('access_log').values([...logRows]))
      .insertInto('change_events').values(events).execute()
  }
}
