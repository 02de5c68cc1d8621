/** The access log, for administrators of the unit: who read or changed whose data, when. */
import type { Kysely } from 'kysely'
import { seesProtectedIdentities } from '../../auth/access.js'
import type { DB } from '../../db/schema.js'
import { toPage } from '../../http/pagination.js'
import type { Caller } from '../../service/caller.js'
import { listAuditEvents, type AuditEventFilter } from './repository.js'

/**
 * A page of the events recorded by users of the caller's unit. Who looked at a protected
 * person is itself protected; extracting a person's access log is an access to their data too.
 */
export async function auditEventPage(
  db: Kysely<DB>, caller: Caller, filter: Omit<AuditEventFilter, 'withoutProtected'>, after: [number] | undefined, limit: number
) {
  const rows = await listAuditEvents(db, caller.actor.unitId, { ...filter, withoutProtected: !seesProtectedIdentities(caller.actor) }, after, limit)
  const page = toPage(rows, limit, (e) => [e.id])
  if (filter.personId) await caller.audit([{ action: 'read', resourceType: 'audit_log', resourceId: null, personId: filter.personId }])
  return page
}
