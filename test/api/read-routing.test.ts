/**
 * DATABASE_READ_URL through the HTTP API (PostgreSQL only; the streaming replica itself, its lag
 * and a paused replay are proven by scripts/replica-topology.sh). Here the "replica" is the
 * primary's own database — a server not in recovery has everything it committed, so it counts
 * as caught up — or a port where nothing listens: heavy reads (worklists, reports) go to the
 * read pool, everything else stays on the primary, and an unreachable replica costs nothing but
 * the detour to the primary.
 */
import t from 'tap'
import { buildTestApp, createPerson, type TestContext } from '../helper.js'
import { migratedServerDatabase } from '../support/migrated-copies.js'
import { freePort } from '../reliability/support.js'

const adminUrl = process.env.DATABASE_URL ?? ''
const skip = adminUrl === '' ? 'read routing needs PostgreSQL (DATABASE_URL)' : false

async function heavyReads(ctx: TestContext): Promise<Record<string, number>> {
  const text = await ctx.app.metrics.registry.getSingleMetricAsString('db_heavy_reads_total')
  const counts: Record<string, number> = {}
  for (const [, servedBy, reason, n] of text.matchAll(/db_heavy_reads_total\{served_by="(\w+)",reason="(\w+)"\} (\d+)/g)) counts[`${servedBy}/${reason}`] = Number(n)
  return counts
}

t.test('with a read URL, worklists and reports run on it; single records and writes do not', { skip }, async (t) => {
  const url = await migratedServerDatabase(t, adminUrl)
  const ctx = await buildTestApp(t, { DATABASE_READ_URL: url }, { databaseUrl: url })
  t.ok(ctx.database.readReplica, 'a read pool is opened')
  const token = await ctx.token('case_worker')
  const manager = await ctx.token('unit_manager', { permissions: ['ivo_reporting'] })

  const person = await createPerson(ctx, token)
  t.equal((await ctx.call('GET', `/v1/persons/${person.id}`, { token })).status, 200)
  t.same(await heavyReads(ctx), {}, 'a write and a read of one record: nothing on the read pool')

  t.equal((await ctx.call('GET', '/v1/worklists', { token })).status, 200)
  t.equal((await ctx.call('GET', '/v1/worklists/test.case_worker', { token })).status, 200)
  t.equal((await ctx.call('GET', '/v1/reports/decisions-per-month?year=2026', { token: manager })).status, 200)
  t.equal((await ctx.call('GET', '/v1/reports/not-executed-decisions?quarter=2026-Q1', { token: manager })).status, 200)
  t.equal((await ctx.call('GET', '/v1/reports/caseload', { token: manager })).status, 200)
  t.same(await heavyReads(ctx), { 'replica/caught_up': 5 }, 'two worklists and three reports on the read pool')
})

t.test('an unreachable replica: the heavy read runs on the primary and answers', { skip }, async (t) => {
  const nowhere = `postgres://postgres@127.0.0.1:${await freePort()}/nowhere`
  const ctx = await buildTestApp(t, { DATABASE_READ_URL: nowhere, DATABASE_POOL_ACQUIRE_TIMEOUT_MS: '1000' })
  const token = await ctx.token('case_worker')
  const res = await ctx.call('GET', '/v1/worklists', { token })
  t.equal(res.status, 200, 'answered from the primary')
  t.same(await heavyReads(ctx), { 'primary/replica_unavailable': 1 })
})

t.test('without a read URL everything runs on the primary', async (t) => {
  const ctx = await buildTestApp(t)
  t.equal(ctx.database.readReplica, undefined)
  const token = await ctx.token('case_worker')
  t.equal((await ctx.call('GET', '/v1/worklists', { token })).status, 200)
  t.same(await heavyReads(ctx), { 'primary/no_replica': 1 })
})
