/** The access log, for administrators of the unit: who read or changed whose data, when. */
import type { Kysely } from 'kysely'
import { seesProtectedIdentities } from '../../auth/access.js'
import type { DB } from '../../db/schema.js'
import { hasCapability, type Capability } from '../../domain/roles.js'
import { toPage } from '../../http/pagination.js'
import type { Caller } from '../../service/caller.js'
import { findVisiblePerson } from '../persons/service.js'
import { listAuditEvents, type AuditCursor, type AuditEventFilter } from './repository.js'

/**
 * Records whose person the record itself shows only to some roles: the access log must not
 * tell the others whom such a record concerns (a Lex Sarah report hides its person from an
 * administrator, so the administrator's view of the log does too).
 */
const PERSON_SHOWN_WITH: Record<string, Capability> = { lex_sarah_report: 'read_lex_sarah_details' }

/**
 * A page of the events recorded by users of the caller's unit. Who looked at a protected
 * person is itself protected; extracting a person's access log is an access to their data too,
 * logged only for a person the caller may see (an invisible id answers an empty page and is
 * not written anywhere).
 */
export async function auditEventPage(
  db: Kysely<DB>, caller: Caller, filter: Omit<AuditEventFilter, 'withoutProtected' | 'hiddenPersonTypes'>, after: AuditCursor | undefined, limit: number
) {
  const { actor } = caller
  if (filter.personId && !await findVisiblePerson(db, actor, filter.personId)) return { items: [], nextCursor: null }
  const hiddenPersonTypes = Object.entries(PERSON_SHOWN_WITH).filter(([, capability]) => !hasCapability(actor.roles, capability)).map(([type]) => type)
  const rows = await listAuditEvents(db, actor.unitId, { ...filter, withoutProtected: !seesProtectedIdentities(actor), hiddenPersonTypes }, after, limit)
  // A person's log pages by time and id, the unit's review by id (repository.ts).
  const page = toPage(rows, limit, (e) => filter.personId ? [e.id, e.occurred_us] : [e.id])
  if (filter.personId) await caller.audit([{ action: 'read', resourceType: 'audit_log', resourceId: null, personId: filter.personId }])
  return { ...page, items: page.items.map((e) => hiddenPersonTypes.includes(e.resource_type) ? { ...e, person_id: null } : e) }
}
