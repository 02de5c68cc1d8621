/**
 * A request's access-log entries as `access_log` rows: one row per kind of access (action,
 * resource type and the unit it is filed under), holding that kind's resources and persons as
 * parallel arrays in the order of the entries. A 50-row list is then one row, not fifty: one
 * heap tuple and one entry in each btree index (the GIN index on the persons still gets one
 * entry per person, which is what a person's extraction needs).
 */
import type { Insertable } from 'kysely'
import type { Actor } from '../auth/actor.js'
import type { AuditEntry } from '../service/caller.js'
import type { AccessLogTable } from './schema.js'

/** The most entries a row holds: the event id shown by the API is `row id × 1000 + position`. */
export const ENTRIES_PER_ROW = 1000

export function accessLogRows(actor: Actor, requestId: string, entries: readonly AuditEntry[]): Insertable<AccessLogTable>[] {
  const rows = new Map<string, Insertable<AccessLogTable> & { resource_ids: (string | null)[]; person_ids: (string | null)[] }>()
  const all: Insertable<AccessLogTable>[] = []
  for (const e of entries) {
    // A unit's own staff always log under their unit; a provider (no unit) under the record's.
    const unitId = actor.providerId === undefined ? actor.unitId : (e.unitId ?? null)
    const key = JSON.stringify([e.action, e.resourceType, unitId])
    let row = rows.get(key)
    if (row === undefined || row.person_ids.length >= ENTRIES_PER_ROW) {
      row = {
        actor: actor.subject, actor_roles: actor.roles, unit_id: unitId, action: e.action,
        resource_type: e.resourceType, request_id: requestId, resource_ids: [], person_ids: []
      }
      rows.set(key, row)
      all.push(row)
    }
    row.resource_ids.push(e.resourceId)
    row.person_ids.push(e.personId)
  }
  return all
}
