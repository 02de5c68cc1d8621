/**
 * A year (or more) of the city's reads in the access log, generated inside PostgreSQL: one
 * `INSERT … SELECT generate_series` a working day, so the 29 million person-events never travel
 * through Node. Who reads what, each working day (Monday–Friday):
 *
 * - every case worker of a unit (25–46, staff.ts): 100 single reads (45 % a person, the rest a
 *   decision), 2 list pages of 50 decisions, 4 person searches (one in five finds no one);
 * - the unit's manager and two deputies: 30 single reads, 4 list pages and 2 searches each;
 * - every provider: one page of its orders (up to 50, filed under each order's unit) and 20
 *   single order reads.
 *
 * A city loaded with fewer persons than the full size gets that share of the requests.
 *
 * What staff read is drawn from the unit's decisions of the three years before the day,
 * leaning towards the newest (the decision k places back with a density falling as k^-⅓), as
 * a case load does; a provider's reads lean the same way over its orders. A year at full size:
 * 29 million person-events in 14.2 million rows. Request ids are `seed-<uuid>`, so a seeded
 * log is recognisable and is never loaded twice.
 */
import type pg from 'pg'
import { addDays, daysBetween } from './days.js'
import { caseWorker, caseWorkerCount, deputyUnitManager, unitManager } from './staff.js'

export interface AccessLogPlan {
  /** The first and last day with reads (inclusive), `YYYY-MM-DD`. */
  from: string
  to: string
  seed: number
  /**
   * The share of the full city's reads to generate (a city loaded with fewer persons than the
   * full 35,000 is read less: its staff is the same, so each request is kept with this chance).
   */
  share: number
}

/** Per working day, for each kind of reader: single reads, 50-row list pages, searches. */
const CASE_WORKER_DAY = { reads: 100, lists: 2, searches: 4 }
const MANAGER_DAY = { reads: 30, lists: 4, searches: 2 }
const PROVIDER_SINGLE_READS = 20
const PAGE = 50

type Log = (line: string) => void

/** Refuses a second load: a seeded log is loaded once (its request ids start with `seed-`). */
export async function hasSeededAccessLog(client: pg.ClientBase): Promise<boolean> {
  const r = await client.query(`SELECT 1 FROM access_log WHERE request_id LIKE 'seed-%' LIMIT 1`)
  return r.rowCount !== 0
}

/** The staff and the records they read, numbered per unit, as temporary tables of this session. */
async function prepare(client: pg.ClientBase): Promise<void> {
  const units = (await client.query<{ id: string; code: string }>('SELECT id, code FROM units ORDER BY code')).rows
  const staff: [string, string, string[], number, number, number][] = []
  for (const u of units) {
    for (let n = 1; n <= caseWorkerCount(u.code); n++) {
      staff.push([u.id, caseWorker(u.code, n), [n <= 2 ? 'case_worker_special_delegation' : 'case_worker'], CASE_WORKER_DAY.reads, CASE_WORKER_DAY.lists, CASE_WORKER_DAY.searches])
    }
    for (const manager of [unitManager(u.code), deputyUnitManager(u.code, 1), deputyUnitManager(u.code, 2)]) {
      staff.push([u.id, manager, ['unit_manager'], MANAGER_DAY.reads, MANAGER_DAY.lists, MANAGER_DAY.searches])
    }
  }
  await client.query(`CREATE TEMP TABLE seed_staff (unit_id uuid, actor text, roles text[], reads int, lists int, searches int) ON COMMIT PRESERVE ROWS`)
  await client.query(`INSERT INTO seed_staff SELECT * FROM json_to_recordset($1::json) AS s(unit_id uuid, actor text, roles text[], reads int, lists int, searches int)`,
    [JSON.stringify(staff.map(([unit_id, actor, roles, reads, lists, searches]) => ({ unit_id, actor, roles, reads, lists, searches })))])
  // The unit's decisions, oldest first: a list page is 50 neighbours, a read one of them.
  await client.query(`CREATE TEMP TABLE seed_decisions AS
    SELECT unit_id, row_number() OVER (PARTITION BY unit_id ORDER BY decision_date, id)::int AS n, decision_date, id AS decision_id, person_id
    FROM decisions`)
  await client.query('CREATE INDEX ON seed_decisions (unit_id, n)')
  await client.query('CREATE INDEX ON seed_decisions (unit_id, decision_date, n)')
  await client.query(`CREATE TEMP TABLE seed_units AS SELECT DISTINCT unit_id FROM seed_decisions`)
  await client.query(`CREATE TEMP TABLE seed_orders AS
    SELECT provider_id, row_number() OVER (PARTITION BY provider_id ORDER BY ordered_date, id)::int AS n, id AS order_id, person_id, unit_id
    FROM orders`)
  await client.query('CREATE INDEX ON seed_orders (provider_id, n)')
  await client.query(`CREATE TEMP TABLE seed_providers AS
    SELECT provider_id, 'provider.' || row_number() OVER (ORDER BY provider_id) AS actor, max(n) AS orders FROM seed_orders GROUP BY provider_id`)
  await client.query('ANALYZE seed_staff, seed_decisions, seed_units, seed_orders, seed_providers')
}

/**
 * One working day's requests as access_log rows, in time order (so ids grow with time, as
 * they do when the service writes them). $1 is the day.
 */
const DAY_ROWS = `
WITH units AS (
  -- The unit's newest decision on the day, and how many it took in the three years before.
  SELECT u.unit_id, last.n AS newest, greatest(1, last.n - coalesce(first.n, 0)) AS recent
  FROM seed_units u
  CROSS JOIN LATERAL (SELECT d.n FROM seed_decisions d WHERE d.unit_id = u.unit_id AND d.decision_date <= $1::date ORDER BY d.decision_date DESC, d.n DESC LIMIT 1) last
  LEFT JOIN LATERAL (SELECT d.n FROM seed_decisions d WHERE d.unit_id = u.unit_id AND d.decision_date <= $1::date - interval '3 years' ORDER BY d.decision_date DESC, d.n DESC LIMIT 1) first ON true
), requests AS (
  SELECT s.actor, s.roles, s.unit_id, u.newest, u.recent,
         CASE WHEN g.i <= s.reads THEN 'read' WHEN g.i <= s.reads + s.lists THEN 'list' ELSE 'search' END AS kind
  FROM seed_staff s
  JOIN units u USING (unit_id)
  CROSS JOIN LATERAL generate_series(1, s.reads + s.lists + s.searches) AS g(i)
  WHERE random() < $2
), picked AS (
  SELECT r.*, greatest(1, r.newest - floor(r.recent * power(random(), 1.5))::int) AS n, random() AS x,
         ($1::date + time '07:00' + random() * interval '570 minutes') AT TIME ZONE 'Europe/Stockholm' AS occurred_at
  FROM requests r
), staff_rows AS (
  SELECT p.occurred_at, p.actor, p.roles, p.unit_id,
         CASE p.kind WHEN 'search' THEN 'search' ELSE 'read' END AS action,
         CASE WHEN p.kind = 'search' OR (p.kind = 'read' AND p.x < 0.45) THEN 'person' ELSE 'decision' END AS resource_type,
         CASE
           WHEN p.kind = 'list' THEN w.decision_ids
           WHEN p.kind = 'search' AND p.x < 0.2 THEN ARRAY[NULL]::text[]
           WHEN p.kind = 'search' OR p.x < 0.45 THEN ARRAY[d.person_id::text]
           ELSE ARRAY[d.decision_id::text]
         END AS resource_ids,
         CASE
           WHEN p.kind = 'list' THEN w.person_ids
           WHEN p.kind = 'search' AND p.x < 0.2 THEN ARRAY[NULL]::uuid[]
           ELSE ARRAY[d.person_id]
         END AS person_ids
  FROM picked p
  LEFT JOIN seed_decisions d ON p.kind <> 'list' AND d.unit_id = p.unit_id AND d.n = p.n
  LEFT JOIN LATERAL (
    SELECT array_agg(l.decision_id::text ORDER BY l.n DESC) AS decision_ids, array_agg(l.person_id ORDER BY l.n DESC) AS person_ids
    FROM seed_decisions l WHERE p.kind = 'list' AND l.unit_id = p.unit_id AND l.n BETWEEN p.n - ${PAGE - 1} AND p.n
  ) w ON true
), provider_requests AS (
  SELECT sp.provider_id, sp.actor, g.i,
         greatest(1, sp.orders - floor(sp.orders * power(random(), 1.5))::int) AS n,
         ($1::date + time '07:00' + random() * interval '570 minutes') AT TIME ZONE 'Europe/Stockholm' AS occurred_at,
         'seed-' || gen_random_uuid() AS request_id
  FROM seed_providers sp
  CROSS JOIN generate_series(0, ${PROVIDER_SINGLE_READS}) AS g(i)
  WHERE random() < $2
), provider_rows AS (
  -- Request 0 is a page of the provider's orders (filed under each order's unit), the rest single reads.
  SELECT min(r.occurred_at) AS occurred_at, r.actor, ARRAY['provider'] AS roles, o.unit_id,
         CASE WHEN r.i = 0 THEN 'search' ELSE 'read' END AS action, 'order' AS resource_type, r.request_id,
         array_agg(o.order_id::text ORDER BY o.n DESC) AS resource_ids, array_agg(o.person_id ORDER BY o.n DESC) AS person_ids
  FROM provider_requests r
  JOIN seed_orders o ON o.provider_id = r.provider_id AND o.n BETWEEN (CASE WHEN r.i = 0 THEN r.n - ${PAGE - 1} ELSE r.n END) AND r.n
  GROUP BY r.request_id, r.actor, r.i, o.unit_id
)
INSERT INTO access_log (occurred_at, actor, actor_roles, unit_id, action, resource_type, request_id, resource_ids, person_ids)
SELECT occurred_at, actor, roles, unit_id, action, resource_type, request_id, resource_ids, person_ids
FROM (
  SELECT occurred_at, actor, roles, unit_id, action, resource_type, 'seed-' || gen_random_uuid() AS request_id, resource_ids, person_ids FROM staff_rows
  UNION ALL
  SELECT occurred_at, actor, roles, unit_id, action, resource_type, request_id, resource_ids, person_ids FROM provider_rows
) day
ORDER BY occurred_at`

/** Loads the reads of every working day from `plan.from` to `plan.to`; returns rows and person-events. */
export async function loadAccessLog(client: pg.ClientBase, plan: AccessLogPlan, log: Log): Promise<{ rows: number; events: number; seconds: number }> {
  const started = performance.now()
  await prepare(client)
  // Every month of the window has its partition (migration 0020's function), before any row.
  await client.query(`SELECT access_log_create_partition(m::date) FROM generate_series($1::date, $2::date, interval '1 month') AS m`,
    [plan.from.slice(0, 8) + '01', plan.to])
  // setseed makes the load repeatable for a seed (random() is the session's generator).
  await client.query('SELECT setseed($1)', [((plan.seed % 1_000_003) / 1_000_003) * 2 - 1])
  const days = daysBetween(plan.from, plan.to) + 1
  let rows = 0
  let month = ''
  for (let i = 0; i < days; i++) {
    const day = addDays(plan.from, i)
    const weekday = new Date(`${day}T12:00:00Z`).getUTCDay()
    if (weekday === 0 || weekday === 6) continue
    const r = await client.query(DAY_ROWS, [day, plan.share])
    rows += r.rowCount ?? 0
    if (day.slice(0, 7) !== month) {
      month = day.slice(0, 7)
      log(`${((performance.now() - started) / 1000).toFixed(1)} s  access log ${month}: ${rows.toLocaleString('en')} rows so far`)
    }
  }
  const events = await client.query<{ n: string }>(`SELECT coalesce(sum(cardinality(person_ids)), 0) AS n FROM access_log WHERE occurred_at >= $1::date AND occurred_at < $2::date + 1 AND request_id LIKE 'seed-%'`, [plan.from, plan.to])
  await client.query('ANALYZE access_log')
  for (const t of ['seed_staff', 'seed_decisions', 'seed_units', 'seed_orders', 'seed_providers']) await client.query(`DROP TABLE ${t}`)
  return { rows, events: Number(events.rows[0]?.n), seconds: (performance.now() - started) / 1000 }
}
