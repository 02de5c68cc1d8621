/**
 * `npm run bench:events`: what the change events cost on the write path, and how fast the feed
 * reads. On a scratch database (created on DATABASE_URL's server, dropped afterwards) the
 * service runs in this process; the write path of write-path.ts (register, investigate,
 * communicate, decide: 4 requests, ~6 events a flow with the follow-ups planned) runs alternately with
 * events on and off, `--rounds` times each, so drift on a shared machine hits both alike.
 *
 * "Off" is a rule that turns the outbox INSERT into nothing (`DO INSTEAD NOTHING`): the row,
 * its indexes and its WAL are gone, the statement's round trip stays — so the measured
 * overhead slightly understates the full cost. Then the feed is read from the start in pages
 * of 500 and timed.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:events -- --seconds 5 --rounds 2 --workers 4
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { sql } from 'kysely'
import pg from 'pg'
import { buildApp } from '../../src/app.js'
import { signDevToken } from '../../src/auth/tokens.js'
import { loadConfig } from '../../src/config.js'
import { createDatabase } from '../../src/db/database.js'
import { migrate } from '../../src/db/migrate.js'
import { todayInStockholm } from '../../src/domain/calendar.js'
import { personnummer } from '../helper.js'
import { writePath } from './write-path.js'

const { values: opt } = parseArgs({
  options: { seconds: { type: 'string', default: '5' }, rounds: { type: 'string', default: '2' }, workers: { type: 'string', default: '4' }, persons: { type: 'string', default: '200' } }
})
const adminUrl = process.env.DATABASE_URL
if (!adminUrl?.startsWith('postgres')) {
  console.error('Set DATABASE_URL to a PostgreSQL server (a scratch database is created there).')
  process.exit(2)
}
const name = `bench_events_${process.pid}`
const admin = new pg.Client({ connectionString: adminUrl })
await admin.connect()
await admin.query(`CREATE DATABASE ${name}`)
const url = new URL(adminUrl)
url.pathname = `/${name}`
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-events-'))
const config = loadConfig({ NODE_ENV: 'development', LOG_LEVEL: 'silent', DATABASE_URL: url.toString(), DATA_DIR: work, RATE_LIMIT_MAX: '10000000', MAX_EVENT_LOOP_DELAY_MS: '0', WEBHOOK_DISPATCH: 'false' })
const database = await createDatabase({ databaseUrl: config.databaseUrl, pgliteDataDir: 'memory://', poolMax: 10 })
try {
  await migrate(database)
  const app = await buildApp({ config, db: database.db })
  await app.listen({ port: 0, host: '127.0.0.1' })
  const address = app.server.address()
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
  const token = await signDevToken(config.auth.devKeyFile, config.auth.issuer, config.auth.audience, { subject: 'bench', roles: ['case_worker'], unit: 'hagersten-alvsjo' })
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' }

  const personIds: string[] = []
  for (let i = 0; personIds.length < Number(opt.persons); i++) {
    const number = personnummer(`19${20 + Math.floor(i / 900)}0612`, String(100 + (i % 900)))
    const res = await fetch(`${base}/v1/persons`, { method: 'POST', headers, body: JSON.stringify({ personalIdentityNumber: number, firstName: 'Bench', lastName: 'Person' }) })
    if (res.status === 201) personIds.push(((await res.json()) as { id: string }).id)
    else await res.arrayBuffer()
  }

  const today = todayInStockholm()
  const runs: Record<'on' | 'off', { flows: number; p50: number[]; p99: number[] }> = { on: { flows: 0, p50: [], p99: [] }, off: { flows: 0, p50: [], p99: [] } }
  let seconds = 0
  for (let round = 0; round < Number(opt.rounds); round++) {
    for (const mode of (round % 2 === 0 ? ['on', 'off'] : ['off', 'on']) as ('on' | 'off')[]) {
      await sql.raw('DROP RULE IF EXISTS bench_no_events ON change_events').execute(database.db)
      if (mode === 'off') await sql.raw('CREATE RULE bench_no_events AS ON INSERT TO change_events DO INSTEAD NOTHING').execute(database.db)
      const m = await writePath({ url: base, token, personIds, today, workers: Number(opt.workers), seconds: Number(opt.seconds) })
      runs[mode].flows += m.flowsPerSecond * Number(opt.seconds)
      runs[mode].p50.push(m.p50Ms)
      runs[mode].p99.push(m.p99Ms)
      if (mode === 'off') seconds += Number(opt.seconds)
    }
  }
  await sql.raw('DROP RULE IF EXISTS bench_no_events ON change_events').execute(database.db)
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

  // Feed read throughput: every event from the start, 500 a page.
  let events = 0
  let cursor: string | null = null
  const started = performance.now()
  for (;;) {
    const res = await fetch(`${base}/v1/events?limit=500${cursor ? `&after=${cursor}` : ''}`, { headers })
    const page = await res.json() as { items: unknown[]; nextCursor: string | null }
    events += page.items.length
    cursor = page.nextCursor
    if (page.items.length < 500) break
  }
  const feedSeconds = (performance.now() - started) / 1000

  const on = runs.on.flows / seconds
  const off = runs.off.flows / seconds
  console.log('| Measure | Events on | Events off | Ratio |')
  console.log('| --- | --- | --- | --- |')
  console.log(`| Write path, flows/s (4 requests a flow, ${opt.workers} workers) | ${on.toFixed(1)} | ${off.toFixed(1)} | ${(off / on).toFixed(3)} slower with events (target ≤ 1.10) |`)
  console.log(`| Write path p50 / p99 (ms) | ${median(runs.on.p50).toFixed(1)} / ${median(runs.on.p99).toFixed(1)} | ${median(runs.off.p50).toFixed(1)} / ${median(runs.off.p99).toFixed(1)} | |`)
  console.log(`| Feed read, events/s (pages of 500) | ${(events / feedSeconds).toFixed(0)} (${events} events in ${feedSeconds.toFixed(2)} s) | | |`)
  await app.close()
} finally {
  await database.close()
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
  await admin.end()
  fs.rmSync(work, { recursive: true, force: true })
}
