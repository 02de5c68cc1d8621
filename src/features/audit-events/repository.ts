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
  /** occurred_at in microseconds since 1970: the keyset of a person's log (exact, unlike a Date). */
  occurred_us: number
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

/** Keyset position: the last event's id, and for a person's log also its time (µs since 1970). */
export type AuditCursor = [number] | [number, number]

/**
 * Events recorded by users of the unit, newest first. The unit's review (no person) orders by
 * event id (`row id × 1000 + position`, see migration 0020) and walks the (unit_id, id) or
 * (unit_id, actor, id) index backwards. A person's log orders by time, then id, and is read
 * window by window of months, newest first (1, 2, 4, … 32 months, then the rest): each window
 * takes the person's rows through the GIN index of its months' partitions only, so a page of a
 * person read thousands of times a year costs about one month of their rows, not ten years.
 */
export async function listAuditEvents(db: Kysely<DB>, unitId: string, f: AuditEventFilter, after: AuditCursor | undefined, limit: number, now = new Date()): Promise<AuditEventRow[]> {
  if (!f.personId) return listRows(db, unitId, f, after, limit + 1, sql`ORDER BY l.id DESC, e.ord DESC`, [])
  const rows: AuditEventRow[] = []
  // The windows start from the month of the cursor's event (the next page), or this month.
  const base = after?.length === 2 ? new Date(Math.floor(after[1] / 1000)) : now
  const monthStart = Date.UTC(base.getUTCFullYear(), base.getUTCMonth(), 1)
  const monthsBack = (n: number) => { const d = new Date(monthStart); d.setUTCMonth(d.getUTCMonth() - n); return d.toISOString() }
  // Windows [from, to): that month (and anything later), then 1, 2, 4 … 32 more, then the rest.
  let to: string | undefined
  for (let back = 0, size = 1; rows.length <= limit; back += size, size *= 2) {
    const from = back + size > 63 ? undefined : monthsBack(back + size - 1)
    const window = [...(from ? [sql`l.occurred_at >= ${from}`] : []), ...(to ? [sql`l.occurred_at < ${to}`] : [])]
    rows.push(...await listRows(db, unitId, f, after, limit + 1 - rows.length, sql`ORDER BY l.occurred_at DESC, l.id DESC, e.ord DESC`, window))
    if (from === undefined) break
    to = from
  }
  return rows
}

/** Up to `take` events of the filter within `window` (conditions on the time), in `order`. */
async function listRows(db: Kysely<DB>, unitId: string, f: AuditEventFilter, after: AuditCursor | undefined, take: number, order: RawBuilder<unknown>, window: RawBuilder<unknown>[]): Promise<AuditEventRow[]> {
  const rowFilters: RawBuilder<unknown>[] = [sql`l.unit_id = ${unitId}`, ...window]
  if (f.actor) rowFilters.push(sql`l.actor = ${f.actor}`)
  if (f.from) rowFilters.push(sql`l.occurred_at >= ${f.from}`)
  if (f.to) rowFilters.push(sql`l.occurred_at < ${f.to}`)
  if (f.personId) rowFilters.push(sql`l.person_ids @> ARRAY[${f.personId}]::uuid[]`)
  if (f.personId && f.hiddenPersonTypes?.length) rowFilters.push(sql`l.resource_type NOT IN (${sql.join(f.hiddenPersonTypes)})`)

  const eventFilters: RawBuilder<unknown>[] = []
  if (f.personId) eventFilters.push(sql`e.person_id = ${f.personId}`)
  if (after && after.length === 2) {
    const at = sql`(timestamptz 'epoch' + ${after[1]} * interval '1 microsecond')`
    rowFilters.push(sql`(l.occurred_at, l.id) <= (${at}, ${Math.floor(after[0] / ENTRIES_PER_ROW)})`)
    eventFilters.push(sql`(l.occurred_at, l.id * ${ENTRIES_PER_ROW} + e.ord - 1) < (${at}, ${after[0]})`)
  } else if (after) {
    rowFilters.push(sql`l.id <= ${Math.floor(after[0] / ENTRIES_PER_ROW)}`)
    eventFilters.push(sql`l.id * ${ENTRIES_PER_ROW} + e.ord - 1 < ${after[0]}`)
  }
  if (f.withoutProtected) {
    eventFilters.push(sql`NOT EXISTS (SELECT 1 FROM persons p WHERE p.id = e.person_id AND p.protected_identity)`)
  }
  const rowsWhere = sql.join(rowFilters, sql` AND `)
  // A person's log unnests only the newest rows that hold them: each holds at least one of their
  // events, so `take` rows (and the cursor's own row, whose events may all be on the previous
  // page) are enough. Unnesting every row of the window first took 250 ms for a person read
  // 81,000 times in a month of the seeded city; this takes 85.
  const rows = f.personId
    ? sql`(SELECT * FROM access_log l WHERE ${rowsWhere} ORDER BY l.occurred_at DESC, l.id DESC LIMIT ${take + 1})`
    : sql`access_log`
  const where = f.personId ? eventFilters : [rowsWhere, ...eventFilters]
  const result = await sql<AuditEventRow>`
    SELECT l.id * ${ENTRIES_PER_ROW} + e.ord - 1 AS id, l.occurred_at, l.actor, l.actor_roles, l.unit_id, l.action, l.resource_type,
           e.resource_id, e.person_id, l.request_id, (extract(epoch FROM l.occurred_at) * 1000000)::bigint AS occurred_us
    FROM ${rows} l
    CROSS JOIN LATERAL unnest(l.resource_ids, l.person_ids) WITH ORDINALITY AS e(resource_id, person_id, ord)
    WHERE ${sql.join(where, sql` AND `)}
    ${order}
    LIMIT ${take}`.execute(db)
  return result.rows
}
