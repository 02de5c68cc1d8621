/**
 * Stalls and refusals (npm run test:reliability), on a private PostgreSQL cluster: a table
 * locked past the timeouts, the pool run dry behind that lock, the request deadline, and a
 * read-only database. Every request must answer — 503 problem+json with Retry-After where the
 * database cannot do the work now, 200 for what does not need the stalled table — and
 * readiness must follow the database, not the pool. Printed at the end: 500s and hangs (zero).
 */
import t from 'tap'
import pg from 'pg'
import { buildTestApp, createPerson, nextPersonnummer, type Response, type TestContext } from '../helper.js'
import { startPrivatePostgres, type PrivatePostgres } from './support.js'

let cluster: PrivatePostgres
t.before(async () => {
  cluster = await startPrivatePostgres()
})
t.teardown(() => cluster?.destroy())

const tally = { requests: 0, serverErrors: 0, hangs: 0, unavailable: 0 }
const HANG_MS = 10_000

/** One request through the app, timed; a 500, a 503 that is no problem+json or lacks Retry-After, or an answer after 10 s counts against the service. */
async function timed(ctx: TestContext, method: string, url: string, token: string, body?: unknown): Promise<Response & { ms: number }> {
  const started = Date.now()
  const res = await ctx.call(method, url, { token, ...(body === undefined ? {} : { body }) })
  const ms = Date.now() - started
  tally.requests++
  if (ms > HANG_MS) tally.hangs++
  if (res.status >= 500 && res.status !== 503) tally.serverErrors++
  if (res.status === 503) {
    tally.unavailable++
    if (!/^application\/problem\+json/.test(String(res.headers['content-type'])) || res.headers['retry-after'] === undefined) tally.serverErrors++
  }
  return { ...res, ms }
}

async function database(name: string) {
  await cluster.admin(`CREATE DATABASE ${name}`)
  return cluster.url(name)
}

/** Holds an ACCESS EXCLUSIVE lock on `table` (like a migration would) until released. */
async function lockTable(url: string, table: string) {
  const client = new pg.Client({ connectionString: url })
  client.on('error', () => {})
  await client.connect()
  await client.query('BEGIN')
  await client.query(`LOCK TABLE ${table} IN ACCESS EXCLUSIVE MODE`)
  return async () => {
    await client.query('ROLLBACK')
    await client.end()
  }
}

t.test('a table locked past the lock timeout: 503 quickly, the rest of the service unaffected', async (t) => {
  const url = await database('bea_locked')
  const ctx = await buildTestApp(t, { DATABASE_LOCK_TIMEOUT_MS: '500', DATABASE_STATEMENT_TIMEOUT_MS: '2000' }, { databaseUrl: url })
  const token = await ctx.token('case_worker')
  const person = await createPerson(ctx, token)
  const release = await lockTable(url, 'persons')
  const blocked = await Promise.all(Array.from({ length: 12 }, (_, i) => i % 2 === 0
    ? timed(ctx, 'GET', `/v1/persons/${person.id}`, token)
    : timed(ctx, 'POST', '/v1/persons', token, { personalIdentityNumber: nextPersonnummer(), firstName: 'Låst', lastName: 'Tabell' })))
  t.ok(blocked.every((r) => r.status === 503), `every request on the locked table answers 503 (${blocked.map((r) => r.status).join(',')})`)
  t.ok(blocked.every((r) => r.ms < 4000), `within the lock timeout, not the lock's duration (slowest ${Math.max(...blocked.map((r) => r.ms))} ms)`)
  t.match(blocked[0]!.body.detail, /locked|too long/)
  const unrelated = await timed(ctx, 'GET', '/v1/service-types', token)
  t.equal(unrelated.status, 200, 'what does not touch the locked table answers')
  t.equal((await ctx.call('GET', '/health/ready')).status, 200, 'readiness: the database answers')
  await release()
  t.equal((await timed(ctx, 'GET', `/v1/persons/${person.id}`, token)).status, 200, 'answers again once the lock is gone')
})

t.test('the pool run dry and the request deadline: 503 with Retry-After, readiness stays 200', async (t) => {
  const url = await database('bea_pool')
  const ctx = await buildTestApp(t, {
    DATABASE_POOL_MAX: '2', DATABASE_POOL_ACQUIRE_TIMEOUT_MS: '300', DATABASE_LOCK_TIMEOUT_MS: '4000', REQUEST_TIMEOUT_MS: '1500'
  }, { databaseUrl: url })
  const token = await ctx.token('case_worker')
  const person = await createPerson(ctx, token)
  const release = await lockTable(url, 'persons')
  // Two requests hold both connections waiting on the lock; the others find no connection.
  const pending = Array.from({ length: 10 }, () => timed(ctx, 'GET', `/v1/persons/${person.id}`, token))
  const ready = await ctx.call('GET', '/health/ready')
  t.equal(ready.status, 200, 'readiness asks on its own connection: a busy pool is not a dead database')
  const answers = await Promise.all(pending)
  t.ok(answers.every((r) => r.status === 503), `all answered 503 (${answers.map((r) => `${r.status}/${r.ms}ms`).join(',')})`)
  t.ok(answers.some((r) => /took too long/.test(r.body.detail)), 'some by the request deadline')
  t.ok(answers.some((r) => /unavailable/.test(r.body.detail)), 'some by the pool acquisition timeout')
  t.ok(answers.every((r) => r.ms < 3000), 'none waited past the deadline')
  await release()
  await new Promise((resolve) => setTimeout(resolve, 500))
  t.equal((await timed(ctx, 'GET', `/v1/persons/${person.id}`, token)).status, 200, 'answers again once the lock is gone')
})

t.test('a read-only database: writes 503, reference reads 200, readiness 503 until it accepts changes', async (t) => {
  const url = await database('bea_readonly')
  const ctx = await buildTestApp(t, {}, { databaseUrl: url })
  const token = await ctx.token('case_worker')
  const person = await createPerson(ctx, token)
  // As after a failover to a standby: sessions started from now on refuse every change.
  const reconnect = () => cluster.admin("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = 'bea_readonly' AND pid <> pg_backend_pid()")
  await cluster.admin('ALTER DATABASE bea_readonly SET default_transaction_read_only = on')
  await reconnect()
  // The first request after the reconnect may meet a terminated connection (503 too).
  for (let i = 0; i < 3; i++) await timed(ctx, 'GET', '/v1/service-types', token)

  const write = await timed(ctx, 'POST', '/v1/persons', token, { personalIdentityNumber: nextPersonnummer(), firstName: 'Läs', lastName: 'Endast' })
  t.equal(write.status, 503, 'a write answers 503')
  t.match(write.body.detail, /accepts no changes/)
  const patch = await timed(ctx, 'PATCH', `/v1/persons/${person.id}`, token, { language: 'finska' })
  t.equal(patch.status, 503)
  const read = await timed(ctx, 'GET', `/v1/persons/${person.id}`, token)
  t.equal(read.status, 503, 'a read of individual data answers 503 too: its access-log entry cannot be written, and no access goes unlogged')
  t.equal((await timed(ctx, 'GET', '/v1/service-types', token)).status, 200, 'reference data is read')
  const ready = await ctx.call('GET', '/health/ready')
  t.equal(ready.status, 503, 'readiness turns 503')
  t.same(ready.body, { status: 'unavailable', database: true, writable: false })

  await cluster.admin('ALTER DATABASE bea_readonly RESET default_transaction_read_only')
  await reconnect()
  for (let i = 0; i < 3; i++) await timed(ctx, 'GET', '/v1/service-types', token)
  t.equal((await ctx.call('GET', '/health/ready')).status, 200, 'ready again')
  t.equal((await timed(ctx, 'POST', '/v1/persons', token, { personalIdentityNumber: nextPersonnummer(), firstName: 'Skriv', lastName: 'Bar' })).status, 201, 'writes again')
})

t.test('counts', async (t) => {
  t.equal(tally.serverErrors, 0, '500s: 0')
  t.equal(tally.hangs, 0, 'hangs: 0')
  t.comment(`stalls: ${tally.requests} requests, ${tally.unavailable} answered 503 with Retry-After; 500s ${tally.serverErrors}, hangs ${tally.hangs}`)
})
