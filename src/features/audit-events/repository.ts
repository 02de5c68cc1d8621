import type { Kysely, Selectable } from 'kysely'
import type { AuditEventTable, DB } from '../../db/schema.js'

export type AuditEventRow = Selectable<AuditEventTable>

export interface AuditEventFilter {
  personId?: string | undefined
  actor?: string | undefined
  from?: string | undefined
  to?: string | undefined
  /** Leaves out events about protected-identity persons. */
  withoutProtected: boolean
  /** Resource types whose person the caller may not learn: never matched by `personId`. */
  hiddenPersonTypes?: string[] | undefined
}

/** Events recorded by users of the unit, newest first; keyset on the id. */
export function listAuditEvents(db: Kysely<DB>, unitId: string, f: AuditEventFilter, after: [number] | undefined, limit: number) {
  let query = db.selectFrom('audit_events').selectAll().where('unit_id', '=', unitId)
  if (f.withoutProtected) {
    query = query.where((eb) => eb.not(eb.exists(eb.selectFrom('persons').select('persons.id')
      .whereRef('persons.id', '=', 'audit_events.person_id').where('persons.protected_identity', '=', true))))
  }
  if (f.personId) query = query.where('person_id', '=', f.personId)
  if (f.personId && f.hiddenPersonTypes?.length) query = query.where('resource_type', 'not in', f.hiddenPersonTypes)
  if (f.actor) query = query.where('actor', '=', f.actor)
  if (f.from) query = query.where('occurred_at', '>=', f.from)
  if (f.to) query = query.where('occurred_at', '<', f.to)
  if (after) query = query.where('id', '<', after[0])
  return query.orderBy('id', 'desc').limit(limit + 1).execute()
}
