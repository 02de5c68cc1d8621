/**
 * Writes the change events a transaction noted (the outbox rows), just before it commits.
 * The transaction id and the position come from the database (migration 0009).
 */
import type { Kysely } from 'kysely'
import type { DB } from '../db/schema.js'
import { subjectTypeOf, type ChangeEventDraft } from '../domain/change-events.js'
import type { Caller } from './caller.js'

export async function insertChangeEvents(trx: Kysely<DB>, caller: Caller, drafts: readonly ChangeEventDraft[]): Promise<void> {
  if (drafts.length === 0) return
  await trx.insertInto('change_events').values(drafts.map((d) => ({
    type: d.type,
    actor: caller.actor.subject,
    unit_id: d.unitId ?? caller.actor.unitId,
    subject_type: subjectTypeOf(d.type),
    subject_id: d.subjectId,
    person_id: d.personId,
    changes: JSON.stringify(d.changes ?? {})
  }))).execute()
}
