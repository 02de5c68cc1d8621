/**
 * `npm run test:topology` (not part of CI or `npm test`): the scale-out topology of the README
 * on this machine, end to end, with throw-away pieces only —
 *
 *   client → HAProxy (round robin) → two service instances (node dist/server.js)
 *              writes, the access log, single reads → PgBouncer (transaction mode) → primary
 *              reports, worklists                  → streaming replica (pg_basebackup -R)
 *
 * It runs a case process (person, application, investigation, communication, decision) and the
 * reports and worklists through the load balancer, checks that the heavy reads ran on the
 * replica (the instances' metrics and the replica's pg_stat_activity), then pauses replay on
 * the replica (pg_wal_replay_pause) and checks that a decision written through one instance is
 * in the report read through the other (served by the primary, the replica provably without it),
 * resumes replay and checks that the replica serves again. Everything is torn down at the end.
 *
 * Needs the PostgreSQL 15 binaries (PG_BIN, default /usr/lib/postgresql/15/bin), HAProxy and
 * PgBouncer from Debian's packages: apt-get install -y haproxy pgbouncer.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import t from 'tap'
import { signDevToken } from '../../src/auth/tokens.js'
import { createDatabase } from '../../src/db/database.js'
import { migrate } from '../../src/db/migrate.js'
import { todayInStockholm } from '../../src/domain/calendar.js'
import {
  asClusterUser, freePort, request, sleep, startPrivatePostgres, startPrivateReplica, startService, uniquePersonnummer,
  type PrivatePostgres, type ServiceProcess
} from '../reliability/support.js'

const ROOT = new URL('../../', import.meta.url).pathname
const DATABASE = 'bea_topology'

function binary(name: string): string | undefined {
  try {
    return execFileSync('sh', ['-c', `command -v ${name} || ls /usr/sbin/${name}`]).toString().trim().split('\n')[0]
  } catch {
    return undefined
  }
}

const haproxy = binary('haproxy')
const pgbouncer = binary('pgbouncer')
if (!haproxy || !pgbouncer) {
  t.fail(`missing ${[!haproxy && 'haproxy', !pgbouncer && 'pgbouncer'].filter(Boolean).join(' and ')}: install with \`apt-get install -y haproxy pgbouncer\``)
  process.exit(1)
}
if (!fs.existsSync(path.join(ROOT, 'dist/server.js'))) {
  t.fail('dist/server.js is missing: run `npm run build` (npm run test:topology does)')
  process.exit(1)
}

const children: ChildProcess[] = []
const cleanups: (() => unknown)[] = []
t.teardown(async () => {
  for (const child of children.reverse()) if (child.exitCode === null) child.kill('SIGTERM')
  await sleep(500)
  for (const cleanup of cleanups.reverse()) {
    try {
      await cleanup()
    } catch {
      // keep tearing down
    }
  }
})

/** Starts a long-running child and remembers it for the teardown. */
function daemon(command: string, args: string[], options: { uid?: number | undefined; gid?: number | undefined; log: string }) {
  const out = fs.openSync(options.log, 'a')
  const child = spawn(command, args, {
    stdio: ['ignore', out, out],
    ...(options.uid !== undefined ? { uid: options.uid, gid: options.gid } : {})
  })
  children.push(child)
  return child
}

async function until<T>(what: string, probe: () => Promise<T | undefined | false>, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms
  for (;;) {
    const value = await probe().catch(() => undefined)
    if (value !== undefined && value !== false) return value
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await sleep(200)
  }
}

async function query<R extends pg.QueryResultRow>(url: string, text: string): Promise<R[]> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return (await client.query<R>(text)).rows
  } finally {
    await client.end()
  }
}

/** The heavy-read counters of one instance's /metrics, as { 'replica/caught_up': n, … }. */
async function heavyReads(metricsPort: number): Promise<Record<string, number>> {
  const text = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text()
  const counts: Record<string, number> = {}
  for (const [, servedBy, reason, n] of text.matchAll(/db_heavy_reads_total\{served_by="(\w+)",reason="(\w+)"\} (\d+)/g)) counts[`${servedBy}/${reason}`] = Number(n)
  return counts
}
async function requestsServed(metricsPort: number): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text()
  return [...text.matchAll(/^http_requests_total\{[^}]*\} (\d+)/gm)].reduce((sum, [, n]) => sum + Number(n), 0)
}

let primary: PrivatePostgres
let replica: PrivatePostgres

t.test('primary, streaming replica, PgBouncer, two instances behind HAProxy', async (t) => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'bea-topology-'))
  cleanups.push(() => fs.rmSync(work, { recursive: true, force: true }))
  const user = asClusterUser()
  if (user.uid !== undefined) fs.chownSync(work, user.uid, user.gid!)

  // --- The primary and its streaming replica --------------------------------------------
  primary = await startPrivatePostgres()
  cleanups.push(() => primary.destroy())
  await primary.admin(`CREATE DATABASE ${DATABASE}`)
  // Migrations take a session-level advisory lock and SET/RESET a session setting: they run on
  // the primary directly, never through PgBouncer (npm run migrate; the instances don't).
  const migrator = await createDatabase({ databaseUrl: primary.url(DATABASE), pgliteDataDir: 'memory://', poolMax: 1 })
  await migrate(migrator)
  await migrator.close()
  // Through PgBouncer the timeouts pg sends at connect are ignored (see the README): the
  // server applies them to every session of the database instead.
  for (const setting of ["statement_timeout = '15s'", "lock_timeout = '2s'", "idle_in_transaction_session_timeout = '10s'"]) {
    await primary.admin(`ALTER DATABASE ${DATABASE} SET ${setting}`)
  }
  replica = await startPrivateReplica(primary)
  cleanups.push(() => replica.destroy())
  const [{ standby }] = await query<{ standby: boolean }>(replica.url(DATABASE), 'SELECT pg_is_in_recovery() AS standby') as [{ standby: boolean }]
  t.ok(standby, `replica on port ${replica.port} is a hot standby of the primary on ${primary.port}`)
  const [streaming] = await primary.admin<{ state: string }>('SELECT state FROM pg_stat_replication')
  t.equal(streaming?.state, 'streaming', 'the primary streams WAL to it')

  // --- PgBouncer in transaction mode in front of the primary -----------------------------
  const bouncerPort = await freePort()
  const bouncerDir = path.join(work, 'pgbouncer')
  fs.mkdirSync(bouncerDir)
  fs.writeFileSync(path.join(bouncerDir, 'userlist.txt'), '"postgres" ""\n')
  fs.writeFileSync(path.join(bouncerDir, 'pgbouncer.ini'), [
    '[databases]',
    `${DATABASE} = host=127.0.0.1 port=${primary.port} dbname=${DATABASE}`,
    '[pgbouncer]',
    'listen_addr = 127.0.0.1', `listen_port = ${bouncerPort}`, `unix_socket_dir = ${bouncerDir}`,
    'auth_type = trust', `auth_file = ${path.join(bouncerDir, 'userlist.txt')}`, 'admin_users = postgres',
    'pool_mode = transaction', 'max_client_conn = 500', 'default_pool_size = 20',
    // pg sends the service's timeouts as startup parameters; PgBouncer refuses those it does not know.
    'ignore_startup_parameters = statement_timeout,lock_timeout,idle_in_transaction_session_timeout,options',
    `pidfile = ${path.join(bouncerDir, 'pgbouncer.pid')}`
  ].join('\n') + '\n')
  if (user.uid !== undefined) execFileSync('chown', ['-R', `${user.uid}:${user.gid}`, bouncerDir])
  daemon(pgbouncer, [path.join(bouncerDir, 'pgbouncer.ini')], { uid: user.uid, gid: user.gid, log: path.join(work, 'pgbouncer.log') })
  const viaBouncer = `postgres://postgres@127.0.0.1:${bouncerPort}/${DATABASE}`
  await until('PgBouncer', async () => (await query(viaBouncer, 'SELECT 1')).length === 1)

  // --- Two identical instances -----------------------------------------------------------
  const keyFile = path.join(work, 'dev-signing-key.json')
  const token = await signDevToken(keyFile, 'urn:bestallarenhet:dev', 'bestallarenhet-api', { subject: 'hk.topology.01', roles: ['case_worker'], unit: 'hagersten-alvsjo' })
  const manager = await signDevToken(keyFile, 'urn:bestallarenhet:dev', 'bestallarenhet-api', { subject: 'ec.topology', roles: ['unit_manager'], unit: 'hagersten-alvsjo', permissions: ['ivo_reporting'] })
  const instances: { service: ServiceProcess; metricsPort: number; port: number }[] = []
  for (const name of ['a', 'b']) {
    const metricsPort = await freePort()
    const dataDir = path.join(work, `instance-${name}`)
    fs.mkdirSync(dataDir)
    const service = await startService({
      // Debian's PgBouncer (1.18) in transaction mode knows no prepared statements: without this
      // the first write fails with "prepared statement … does not exist" (500).
      DATABASE_URL: viaBouncer, DATABASE_PREPARED_STATEMENTS: 'false', DATABASE_READ_URL: replica.url(DATABASE), MIGRATE_ON_START: 'false',
      DATA_DIR: dataDir, AUTH_DEV_KEY_FILE: keyFile, METRICS_PORT: String(metricsPort), TRUST_PROXY: 'true', LOG_LEVEL: 'warn'
    }, 'dist')
    children.push(service.child)
    instances.push({ service, metricsPort, port: Number(new URL(service.baseUrl).port) })
  }
  t.pass(`instances on ports ${instances.map((i) => i.port).join(' and ')}, metrics on ${instances.map((i) => i.metricsPort).join(' and ')}`)

  // --- HAProxy in front of them ------------------------------------------------------------
  const lbPort = await freePort()
  const haproxyConfig = path.join(work, 'haproxy.cfg')
  fs.writeFileSync(haproxyConfig, [
    'global', '  maxconn 2000',
    'defaults', '  mode http', '  timeout connect 2s', '  timeout client 30s', '  timeout server 30s', '  option forwardfor',
    'frontend api', `  bind 127.0.0.1:${lbPort}`, '  default_backend instances',
    'backend instances', '  balance roundrobin', '  option httpchk GET /health/ready', '  http-check expect status 200',
    ...instances.map((i, n) => `  server instance-${n} 127.0.0.1:${i.port} check inter 500 fall 2 rise 1`)
  ].join('\n') + '\n')
  daemon(haproxy, ['-f', haproxyConfig, '-db'], { log: path.join(work, 'haproxy.log') })
  const lb = `http://127.0.0.1:${lbPort}`
  await until('HAProxy to see both instances ready', async () => {
    const answers = await Promise.all([1, 2, 3, 4].map(() => request(lb, 'GET', '/health/ready', undefined)))
    return answers.every((a) => a.status === 200)
  })
  t.pass(`HAProxy on ${lb}`)

  // --- A case process through the load balancer -----------------------------------------
  const today = todayInStockholm()
  const year = Number(today.slice(0, 4))
  let serial = 0
  const caseProcess = async () => {
    const step = async (method: string, url: string, body: unknown, expected: number) => {
      const res = await request(lb, method, url, token, body, method === 'POST' ? { 'idempotency-key': `topology-${Date.now()}-${serial++}` } : {})
      if (res.status !== expected) throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(res.body)}`)
      return res.body as { id: string }
    }
    const person = await step('POST', '/v1/persons', { personalIdentityNumber: uniquePersonnummer(Date.now() % 100_000 + serial), firstName: 'Topo', lastName: 'Logi' }, 201)
    const application = await step('POST', '/v1/applications', {
      personId: person.id, receivedDate: today, channel: 'phone', requestedServices: [{ serviceTypeCode: 'home_care', requestedHoursPerMonth: 30 }]
    }, 201)
    await step('PUT', `/v1/applications/${application.id}/investigation`, {
      method: 'home_visit', needsDescription: 'Behöver hjälp med personlig omvårdnad.', assessment: 'Behovet bedöms föreligga.'
    }, 200)
    await step('POST', `/v1/applications/${application.id}/communicate`, { date: today, recipient: 'Sökanden' }, 201)
    const decision = await step('POST', `/v1/applications/${application.id}/decisions`, {
      serviceTypeCode: 'home_care', outcome: 'granted', reason: 'Behov av stöd i hemmet.', hoursPerMonth: 30, decisionDate: today, validFrom: today
    }, 201)
    return { person, application, decision }
  }
  const decisionsThisYear = async () => {
    const res = await request(lb, 'GET', `/v1/reports/decisions-per-month?year=${year}`, manager)
    if (res.status !== 200) throw new Error(`decisions per month: ${res.status} ${JSON.stringify(res.body)}`)
    return (res.body as { total: number }).total
  }
  const sumOf = async (key: string) => (await Promise.all(instances.map((i) => heavyReads(i.metricsPort)))).reduce((n, c) => n + (c[key] ?? 0), 0)

  const first = await caseProcess()
  t.ok(first.decision.id, 'person, application, investigation, communication and decision through the load balancer')
  // The replica replays the case within moments; then the heavy reads are served there.
  await until('the replica to replay the case', async () =>
    (await query<{ n: number }>(replica.url(DATABASE), `SELECT count(*)::int AS n FROM decisions WHERE id = '${first.decision.id}'`))[0]?.n === 1)
  const before = { replica: await sumOf('replica/caught_up'), requests: await Promise.all(instances.map((i) => requestsServed(i.metricsPort))) }
  t.equal(await decisionsThisYear(), 1, 'the report counts the decision')
  for (const path of ['/v1/worklists', '/v1/worklists/hk.topology.01', '/v1/reports/caseload', `/v1/reports/not-executed-decisions?quarter=${year}-Q1`]) {
    const res = await request(lb, 'GET', path, path.includes('worklists') ? token : manager)
    t.equal(res.status, 200, `GET ${path}`)
  }
  t.equal(await sumOf('replica/caught_up') - before.replica, 5, 'all five heavy reads ran on the replica (db_heavy_reads_total{served_by="replica"})')
  const after = await Promise.all(instances.map((i) => requestsServed(i.metricsPort)))
  t.ok(after.every((n, i) => n > (before.requests[i] ?? 0)), `HAProxy spread them over both instances (${after.map((n, i) => n - (before.requests[i] ?? 0)).join(' + ')} requests)`)
  const onReplica = await query<{ query: string }>(replica.url(DATABASE),
    `SELECT query FROM pg_stat_activity WHERE datname = '${DATABASE}' AND application_name = 'bestallarenhet-aldre' AND query ILIKE '%from%decisions%'`)
  t.ok(onReplica.length > 0, `the replica's pg_stat_activity shows the service's report queries (${onReplica.length} sessions)`)

  // --- Replay paused: a read that must see its own write goes to the primary ---------------
  await query(replica.url(), 'SELECT pg_wal_replay_pause()')
  await until('replay to pause', async () => (await query<{ state: string }>(replica.url(), 'SELECT pg_get_wal_replay_pause_state() AS state'))[0]?.state === 'paused')
  const behindBefore = await sumOf('primary/replica_behind')
  const second = await caseProcess()
  const started = performance.now()
  const counted = await decisionsThisYear()
  const ms = performance.now() - started
  t.equal(counted, 2, 'with replay paused, the report read right after the decision counts it (read-your-own-write)')
  t.equal(await sumOf('primary/replica_behind') - behindBefore, 1, 'it was served by the primary: the replica was behind')
  t.ok(ms < 2000, `after waiting at most DATABASE_READ_CATCH_UP_MS for the replica (${ms.toFixed(0)} ms)`)
  const [{ n: onStandby }] = await query<{ n: number }>(replica.url(DATABASE), `SELECT count(*)::int AS n FROM decisions WHERE id = '${second.decision.id}'`) as [{ n: number }]
  t.equal(onStandby, 0, 'and the replica really did not have the decision yet')
  const [{ lag }] = await query<{ lag: string }>(replica.url(), "SELECT coalesce(round(extract(epoch FROM now() - pg_last_xact_replay_timestamp()) * 1000)::text, '?') AS lag") as [{ lag: string }]
  t.pass(`replica lag by pg_last_xact_replay_timestamp(): ${lag} ms`)
  const worklist = await request(lb, 'GET', '/v1/worklists', token)
  t.equal(worklist.status, 200, 'the worklist answers too (from the primary)')

  // --- Replay resumed: the replica serves again ---------------------------------------------
  await query(replica.url(), 'SELECT pg_wal_replay_resume()')
  await until('the replica to catch up', async () =>
    (await query<{ n: number }>(replica.url(DATABASE), `SELECT count(*)::int AS n FROM decisions WHERE id = '${second.decision.id}'`))[0]?.n === 1)
  const replicaBefore = await sumOf('replica/caught_up')
  t.equal(await decisionsThisYear(), 2, 'after replay resumes the report still counts both')
  t.equal(await sumOf('replica/caught_up') - replicaBefore, 1, 'and the replica serves it again')
  // Why the routing compares snapshots, not WAL positions: a caught-up replica's replay position
  // is usually short of the primary's flush position (the rest of a WAL page).
  const [{ flushed }] = await primary.admin<{ flushed: string }>('SELECT pg_current_wal_flush_lsn()::text AS flushed') as [{ flushed: string }]
  const [{ replayed }] = await query<{ replayed: string }>(replica.url(), 'SELECT pg_last_wal_replay_lsn()::text AS replayed') as [{ replayed: string }]
  t.comment(`caught up: primary flushed to ${flushed}, replica replayed to ${replayed}`)

  // --- PgBouncer carried the primary's traffic ------------------------------------------------
  const stats = await query<{ database: string; total_xact_count: string }>(`postgres://postgres@127.0.0.1:${bouncerPort}/pgbouncer`, 'SHOW STATS')
  const transactions = Number(stats.find((s) => s.database === DATABASE)?.total_xact_count ?? 0)
  t.ok(transactions > 0, `PgBouncer (transaction mode) carried ${transactions} transactions of the instances to the primary`)
  const [{ n: serverConnections }] = await primary.admin<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = '${DATABASE}'`) as [{ n: number }]
  t.pass(`the primary holds ${serverConnections} connections of the database for two instances with pools of 10 + 3 + 1 each`)
  const logs = instances.map((i) => i.service.logs()).join('\n')
  t.notMatch(logs, /"level":(50|60)/, 'no errors in the instances\' logs')
})
