/**
 * Migration 0020 moves the access log's events into one row per request and kind without
 * losing or reordering any: the events of one request (same time, actor, roles, unit, action,
 * type and request id) become one row, and the audit_events view shows every event as before,
 * in the same order. Runs on PGlite and on the server in DATABASE_URL.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { sql } from 'kysely'
import t from 'tap'
import { createDatabase } from '../../src/db/database.js'
import { migrate, MIGRATIONS_DIR } from '../../src/db/migrate.js'
import { freshServerDatabase } from '../helper.js'

t.test('0020 keeps every event of the old access log, grouped by request, in order', async (t) => {
  const adminUrl = process.env.DATABASE_URL
  const databaseUrl = adminUrl ? await freshServerDatabase(t, adminUrl) : undefined
  const database = await createDatabase({ databaseUrl, pgliteDataDir: 'memory://', poolMax: 1 })
  t.teardown(() => database.close())
  const before = fs.mkdtempSync(path.join(os.tmpdir(), 'bea-before-0020-'))
  t.teardown(() => fs.rmSync(before, { recursive: true, force: true }))
  for (const f of fs.readdirSync(MIGRATIONS_DIR).filter((f) => f.endsWith('.sql') && f < '0020')) fs.copyFileSync(path.join(MIGRATIONS_DIR, f), path.join(before, f))
  await migrate(database, before)

  const unit = '11111111-1111-1111-1111-111111111111'
  const [p1, p2, p3] = ['aaaaaaaa-0000-0000-0000-000000000001', 'aaaaaaaa-0000-0000-0000-000000000002', 'aaaaaaaa-0000-0000-0000-000000000003']
  // A list of three decisions, a single read, a search that found no one, and a write of two
  // kinds in one request; one request id reused later (after a restart) at another time.
  await sql`INSERT INTO audit_events (occurred_at, actor, actor_roles, unit_id, action, resource_type, resource_id, person_id, request_id) VALUES
    ('2026-01-05T09:00:00Z', 'hk.a.01', '{case_worker}', ${unit}, 'read', 'decision', 'd1', ${p1}, 'req-1'),
    ('2026-01-05T09:00:00Z', 'hk.a.01', '{case_worker}', ${unit}, 'read', 'decision', 'd2', ${p2}, 'req-1'),
    ('2026-01-05T09:00:00Z', 'hk.a.01', '{case_worker}', ${unit}, 'read', 'decision', 'd3', ${p3}, 'req-1'),
    ('2026-01-05T09:00:01Z', 'hk.a.02', '{case_worker}', ${unit}, 'read', 'person', ${p1}, ${p1}, 'req-2'),
    ('2026-01-05T09:00:02Z', 'hk.a.02', '{case_worker}', ${unit}, 'search', 'person', NULL, NULL, 'req-3'),
    ('2026-02-10T10:00:00Z', 'hk.a.01', '{case_worker}', ${unit}, 'create', 'application', 'a1', ${p2}, 'req-4'),
    ('2026-02-10T10:00:00Z', 'hk.a.01', '{case_worker}', ${unit}, 'update', 'follow_up', 'f1', ${p2}, 'req-4'),
    ('2026-03-01T08:00:00Z', 'hk.a.01', '{case_worker}', ${unit}, 'read', 'decision', 'd1', ${p1}, 'req-1')`.execute(database.db)
  const columns = ['occurred_at', 'actor', 'actor_roles', 'unit_id', 'action', 'resource_type', 'resource_id', 'person_id', 'request_id'] as const
  const old = await sql<Record<string, unknown>>`SELECT ${sql.join(columns.map((c) => sql.ref(c)))} FROM audit_events ORDER BY id`.execute(database.db)

  t.equal((await migrate(database))[0], '0020_access_log_partitioned.sql', 'the access log\'s migration runs first over the old log')
  const events = await sql<Record<string, unknown>>`SELECT id, ${sql.join(columns.map((c) => sql.ref(c)))} FROM audit_events ORDER BY id`.execute(database.db)
  t.same(events.rows.map(({ id: _id, ...e }) => e), old.rows, 'every event, unchanged, in the same order')
  const rows = await sql<{ id: number; n: number; request_id: string }>`SELECT id, cardinality(person_ids) AS n, request_id FROM access_log ORDER BY id`.execute(database.db)
  t.same(rows.rows.map((r) => [r.request_id, r.n]), [['req-1', 3], ['req-2', 1], ['req-3', 1], ['req-4', 1], ['req-4', 1], ['req-1', 1]], 'one row per request and kind')
  t.same(events.rows.map((e) => Number(e.id)), [1000, 1001, 1002, 2000, 3000, 4000, 5000, 6000], 'event ids: row id × 1000 + position')
  const month = await sql<{ n: number }>`SELECT count(*)::int AS n FROM access_log_y2026m01`.execute(database.db)
  t.equal(month.rows[0]?.n, 3, 'in the month\'s partition')

  // New events continue after the migrated ones.
  await sql`INSERT INTO audit_events (actor, actor_roles, action, resource_type) VALUES ('later', '{case_worker}', 'read', 'person')`.execute(database.db)
  const last = await sql<{ id: number }>`SELECT max(id) AS id FROM audit_events`.execute(database.db)
  t.equal(Number(last.rows[0]?.id), 7000, 'the sequence continues')
})
