import { sql, type Kysely, type RawBuilder } from 'kysely'
import type { DB } from '../../db/schema.js'
import { ENTRIES_PER_ROW } from '../../db/access-log-rows.js'
import type { AuditAction } from '../../domain/audit.js'

/** One event: one person touched by one request (an element of an access_log row). */
export interface AuditEventRow {
  id: number
  occurred_at: string
  actor: string
  actor_roles: string[]
  unit_id: string | null
  action: AuditAction
  resource_type: string
  resource_id: string | null
  person_id: string | null
  request_id: string | null
}

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

/**
 * Events recorded by users of the unit, newest first; keyset on the event id (`row id × 1000 +
 * position`, see migration 0020). The unit's review walks the (unit_id, id) or (unit_id, actor,
 * id) index backwards; a person's extraction first takes the person's rows through the GIN
 * index on person_ids (materialized: walking the unit's rows backwards in the hope of meeting
 * a rarely read person could read a year of the unit's log), then orders those.
 */
export async function listAuditEvents(db: Kysely<DB>, unitId: string, f: AuditEventFilter, after: [number] | undefined, limit: number): Promise<AuditEventRow[]> {
  const rowFilters: RawBuilder<unknown>[] = [sql`l.unit_id = ${unitId}`]
  if (f.actor) rowFilters.push(sql`l.actor = ${f.actor}`)
  if (f.from) rowFilters.push(sql`l.occurred_at >= ${f.from}`)
  if (f.to) rowFilters.push(sql`l.occurred_at < ${f.to}`)
  if (f.personId) rowFilters.push(sql`l.person_ids @> ARRAY[${f.personId}]::uuid[]`)
  if (f.personId && f.hiddenPersonTypes?.length) rowFilters.push(sql`l.resource_type NOT IN (${sql.join(f.hiddenPersonTypes)})`)
  if (after) rowFilters.push(sql`l.id <= ${Math.floor(after[0] / ENTRIES_PER_ROW)}`)

  const eventFilters: RawBuilder<unknown>[] = [sql`true`]
  if (f.personId) eventFilters.push(sql`e.person_id = ${f.personId}`)
  if (after) eventFilters.push(sql`l.id * ${ENTRIES_PER_ROW} + e.ord - 1 < ${after[0]}`)
  if (f.withoutProtected) {
    eventFilters.push(sql`NOT EXISTS (SELECT 1 FROM persons p WHERE p.id = e.person_id AND p.protected_identity)`)
  }

  const rows = f.personId
    ? sql`(WITH hits AS MATERIALIZED (SELECT * FROM access_log l WHERE ${sql.join(rowFilters, sql` AND `)}) SELECT * FROM hits) l`
    : sql`access_log l`
  const rowWhere = f.personId ? sql`true` : sql.join(rowFilters, sql` AND `)
  const result = await sql<AuditEventRow>`
    SELECT l.id * ${ENTRIES_PER_ROW} + e.ord - 1 AS id, l.occurred_at, l.actor, l.actor_roles, l.unit_id, l.action, l.resource_type,
           e.resource_id, e.person_id, l.request_id
    FROM ${rows}
    CROSS JOIN LATERAL unnest(l.resource_ids, l.person_ids) WITH ORDINALITY AS e(resource_id, person_id, ord)
    WHERE ${rowWhere} AND ${sql.join(eventFilters, sql` AND `)}
    ORDER BY l.id DESC, e.ord DESC
    LIMIT ${limit + 1}`.execute(db)
  return result.rows
}
