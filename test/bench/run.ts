/**
 * `npm run bench`: the service on the scaled database (npm run seed:scale) against a baseline
 * measured in the same run, printed as one table with the ratio and the targets of issue 6.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/bestallarenhet_scale npm run bench
 *   options: --seconds 10 --warmup 3 --connections 50 --rate 500 --unit hagersten-alvsjo --json out.json
 *
 * Server, load generator and PostgreSQL share the machine, so absolute numbers drift from run
 * to run; the ratios against the baseline are what to compare.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { signDevToken } from '../../src/auth/tokens.js'
import { todayInStockholm } from '../../src/domain/calendar.js'
import type { Role } from '../../src/domain/roles.js'
import { closedLoop } from './closed-loop.js'
import { loadFixtures, pick } from './fixtures.js'
import type { Measurement } from './measurement.js'
import { openLoop } from './open-loop.js'
import { freePort, startServer, type ServerProcess } from './process.js'
import { table, verdicts, type Row } from './report.js'
import { timeSingle } from './single.js'
import { writePath } from './write-path.js'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const { values: opt } = parseArgs({
  options: {
    seconds: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '3' },
    connections: { type: 'string', default: '50' },
    rate: { type: 'string', default: '500' },
    // The overload row drives the list at this multiple of what it served at saturation.
    overload: { type: 'string', default: '3' },
    unit: { type: 'string', default: 'hagersten-alvsjo' },
    json: { type: 'string' },
    // `--only reports`: just the one-unit report timings (monthly volumes, caseload), no load scenarios;
    // `--only overload`: just the 50-row list at saturation and then far above it (a short run);
    // `--only execution`: the rows of issue 17's execution state — the unit-wide worklist and the IVO
    // report one at a time, the case worker's worklist at `--connections` — plus the unit reports and the write path.
    // `--only reads`: just the by-id and list rows (saturated and steady) with their baselines.
    only: { type: 'string' }
  }
})
const seconds = Number(opt.seconds)
const warmup = Number(opt.warmup)
const connections = Number(opt.connections)
const rate = Number(opt.rate)

const databaseUrl = process.env.DATABASE_URL
if (!databaseUrl?.startsWith('postgres')) {
  console.error('Set DATABASE_URL to the PostgreSQL database loaded by `npm run seed:scale` (see the README, Performance).')
  process.exit(2)
}
if (!fs.existsSync(path.join(root, 'dist/server.js'))) {
  console.error('dist/server.js is missing: run `npm run build` (npm run bench does).')
  process.exit(2)
}

const today = todayInStockholm()
const fixtures = await loadFixtures(databaseUrl, opt.unit ?? 'hagersten-alvsjo', new Date(`${today}T12:00:00Z`))
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-'))
const keyFile = path.join(work, 'dev-signing-key.json')
const issuer = 'urn:bestallarenhet:bench'
const audience = 'bestallarenhet-api'
const token = (role: Role, subject: string) =>
  signDevToken(keyFile, issuer, audience, { subject, roles: [role], unit: fixtures.unitCode, expiresIn: '2h', ...(role === 'unit_manager' ? { permissions: ['ivo_reporting' as const] } : {}) })
const caseWorker = await token('case_worker', fixtures.caseWorker)
const manager = await token('unit_manager', 'bench.unit-manager')
const bearer = (t: string) => ({ authorization: `Bearer ${t}` })

console.error(`bench: ${fixtures.decisionCount} decisions in the database; unit ${fixtures.unitCode}, case worker ${fixtures.caseWorker}; ` +
  `${seconds} s per scenario after ${warmup} s warm-up, ${connections} connections, steady rate ${rate}/s; logs in ${work}`)

const rows: Row[] = []
const record = (server: ServerProcess, scenario: string, m: Measurement, extra: Partial<Row> = {}) => {
  const row = { scenario, ...m, peakRssMb: server.peakRssMb(), ...extra }
  rows.push(row)
  console.error(`  ${scenario}: ${m.requestsPerSecond.toFixed(0)} req/s, p50 ${m.p50Ms.toFixed(1)} ms, p99 ${m.p99Ms.toFixed(1)} ms, ${m.errors} errors`)
  return row
}
/**
 * Waits until the server has finished what an earlier scenario left in flight (requests whose
 * client gave up keep running): readiness, which queries the database, must answer quickly
 * three times in a row.
 */
const settle = async (server: ServerProcess) => {
  for (let quick = 0, tries = 0; quick < 3 && tries < 600; tries++) {
    const started = performance.now()
    const res = await fetch(server.url + server.readyPath).catch(() => undefined)
    await res?.arrayBuffer()
    quick = res?.ok && performance.now() - started < 20 ? quick + 1 : 0
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}
const saturate = async (server: ServerProcess, path: () => string, headers?: Record<string, string>) => {
  await settle(server)
  if (warmup > 0) await closedLoop({ url: server.url, path, headers, connections, seconds: warmup })
  return closedLoop({ url: server.url, path, headers, connections, seconds })
}
const steady = async (server: ServerProcess, path: () => string, headers?: Record<string, string>) => {
  await settle(server)
  const m = await openLoop({ url: server.url, path, headers, rate, seconds })
  // At a rate the service is meant to sustain, a shed request is a failure like any other.
  return { ...m, errors: m.errors + m.shed }
}
/**
 * The list driven open-loop at `--overload` × what it served at saturation, from up to 1,000
 * connections: past capacity the service must shed (503 + Retry-After) and keep its memory
 * bounded instead of queueing every request. Peak RSS is the process's high-water mark.
 */
const overload = async (server: ServerProcess, path: () => string, headers: Record<string, string>, capacity: number) => {
  await settle(server)
  const overloadRate = Math.round(capacity * Number(opt.overload))
  const m = await openLoop({ url: server.url, path, headers, rate: overloadRate, seconds, maxSockets: 1000 })
  const answered = m.shed + m.served
  return record(server, `GET /v1/decisions?serviceType at ${overloadRate}/s (${opt.overload}× capacity)`, { ...m, requestsPerSecond: answered === 0 ? 0 : (m.requestsPerSecond * m.served) / answered }, {
    note: `${answered === 0 ? 0 : ((100 * m.shed) / answered).toFixed(0)} % shed (503), ${m.served} served`
  })
}
const byIdPath = () => `/decisions/${pick(fixtures.decisionIds)}`
const listQuery = () => `unitId=${fixtures.unitId}&serviceType=${pick(fixtures.serviceTypes)}`

/**
 * The service's heap bound, as `npm start` and the Dockerfile start it: V8 otherwise lets the
 * old generation grow far past what is live before it collects (RSS 280 MB at 50 connections
 * with 60 MB live). `BENCH_MAX_OLD_SPACE_MB=0` runs without it, for comparison.
 */
const heapMb = process.env.BENCH_MAX_OLD_SPACE_MB ?? '128'
const serviceArgs = [...(heapMb === '0' ? [] : [`--max-old-space-size=${heapMb}`]), path.join(root, 'dist/server.js')]

const serviceEnv = {
  DATABASE_URL: databaseUrl, DATABASE_POOL_MAX: process.env.DATABASE_POOL_MAX ?? '10', NODE_ENV: 'development', LOG_LEVEL: 'info', DATA_DIR: work,
  AUTH_DEV_KEY_FILE: keyFile, AUTH_ISSUER: issuer, AUTH_AUDIENCE: audience,
  // All the load comes from one client: the per-client limit would answer 429 after 600 requests.
  RATE_LIMIT_MAX: '10000000'
}

/** The monthly volumes (this month and a year earlier) and the caseload for the unit, one request at a time. */
async function timeUnitReports(server: ServerProcess, managerToken: string) {
  const month = today.slice(0, 7)
  const volumes = record(server, `monthly volumes ${month}`,
    await timeSingle({ url: server.url, path: `/v1/reports/monthly-volumes?month=${month}`, headers: bearer(managerToken), times: 5 }),
    { note: 'one at a time: median, slowest of 5' })
  const caseload = record(server, 'caseload per case worker',
    await timeSingle({ url: server.url, path: '/v1/reports/caseload', headers: bearer(managerToken), times: 5 }),
    { note: 'one at a time: median, slowest of 5' })
  return [
    { what: 'monthly volumes < 500 ms (one unit)', met: volumes.p99Ms < 500, measured: `${volumes.p99Ms.toFixed(0)} ms` },
    { what: 'caseload < 500 ms (one unit)', met: caseload.p99Ms < 500, measured: `${caseload.p99Ms.toFixed(0)} ms` }
  ]
}

if (opt.only === 'overload') {
  const server = await startServer({ name: 'service', args: serviceArgs, env: { ...serviceEnv, METRICS_PORT: '0' }, port: await freePort(), readyPath: '/health/ready', logFile: path.join(work, 'service.log') })
  try {
    const v1List = () => `/v1/decisions?limit=50&serviceType=${pick(fixtures.serviceTypes)}`
    const list = record(server, 'GET /v1/decisions?serviceType (50)', await saturate(server, v1List, bearer(caseWorker)))
    const over = await overload(server, v1List, bearer(caseWorker), list.requestsPerSecond)
    console.log(`\nBenchmark (overload only) ${new Date().toISOString()} — ${fixtures.decisionCount.toLocaleString('en')} decisions, unit ${fixtures.unitCode}, ` +
      `MAX_IN_FLIGHT_REQUESTS=${process.env.MAX_IN_FLIGHT_REQUESTS ?? 'default'}, ${os.cpus().length} cores, Node ${process.version}\n`)
    console.log(table(rows))
    console.log('\n' + verdicts([
      { what: 'peak RSS < 250 MB with the list far above capacity', met: over.peakRssMb < 250, measured: `${over.peakRssMb.toFixed(0)} MB` },
      { what: 'no failures but 503 past capacity', met: over.errors === 0, measured: `${over.errors} other errors` }
    ]))
    if (opt.json) fs.writeFileSync(opt.json, JSON.stringify({ at: new Date().toISOString(), fixtures: { unit: fixtures.unitCode, decisions: fixtures.decisionCount }, rows }, null, 2))
  } finally {
    await server.stop()
  }
  process.exit(0)
}

if (opt.only === 'reports') {
  const server = await startServer({ name: 'service', args: serviceArgs, env: serviceEnv, port: await freePort(), readyPath: '/health/ready', logFile: path.join(work, 'service.log') })
  try {
    await settle(server)
    const verdictRows = await timeUnitReports(server, manager)
    console.log(`\nBenchmark (reports only) ${new Date().toISOString()} — ${fixtures.decisionCount.toLocaleString('en')} decisions, unit ${fixtures.unitCode}, ${os.cpus().length} cores, Node ${process.version}\n`)
    console.log(table(rows))
    console.log('\n' + verdicts(verdictRows))
  } finally {
    await server.stop()
  }
  process.exit(0)
}

if (opt.only === 'execution') {
  const server = await startServer({ name: 'service', args: serviceArgs, env: { ...serviceEnv, METRICS_PORT: '0' }, port: await freePort(), readyPath: '/health/ready', logFile: path.join(work, 'service.log') })
  try {
    await settle(server)
    const unitWorklist = record(server, 'GET /v1/worklists (the unit)',
      await timeSingle({ url: server.url, path: '/v1/worklists', headers: bearer(caseWorker), times: 5 }), { note: 'one at a time: median, slowest of 5' })
    const report = record(server, `not-executed report ${fixtures.quarter}`,
      await timeSingle({ url: server.url, path: `/v1/reports/not-executed-decisions?quarter=${fixtures.quarter}`, headers: bearer(manager), times: 5 }),
      { note: 'one at a time: median, slowest of 5' })
    const worklist = record(server, 'GET /v1/worklists/{caseWorker}', await saturate(server, () => `/v1/worklists/${fixtures.caseWorker}`, bearer(caseWorker)))
    await settle(server)
    const deliveredMonth = lastWholeMonth(today)
    const delivered = record(server, `delivered-time report ${deliveredMonth}`,
      await timeSingle({ url: server.url, path: `/v1/reports/delivered-time?month=${deliveredMonth}`, headers: bearer(manager), times: 5 }),
      { note: 'one unit-month, one at a time: median, slowest of 5' })
    const verdictRows = await timeUnitReports(server, manager)
    await settle(server)
    // The facts' triggers (migration 0022) run in every decision's transaction: the write path shows their cost.
    const writes = await writePath({ url: server.url, token: caseWorker, personIds: fixtures.personIds, today, workers: 10, seconds })
    record(server, 'write: application, investigation, communication, decision', writes, { note: `${writes.flowsPerSecond.toFixed(0)} cases/s, 10 workers` })
    console.log(`\nBenchmark (execution state) ${new Date().toISOString()} — ${fixtures.decisionCount.toLocaleString('en')} decisions, unit ${fixtures.unitCode}, ${os.cpus().length} cores, Node ${process.version}, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}\n`)
    console.log(table(rows))
    console.log('\n' + verdicts([
      { what: `a case worker's worklist ≥ 150 req/s at ${connections} connections`, met: worklist.requestsPerSecond >= 150, measured: `${worklist.requestsPerSecond.toFixed(0)} req/s` },
      { what: 'the unit-wide worklist < 300 ms', met: unitWorklist.p99Ms < 300, measured: `${unitWorklist.p99Ms.toFixed(0)} ms` },
      { what: 'IVO quarter report < 300 ms', met: report.p99Ms < 300, measured: `${report.p99Ms.toFixed(0)} ms` },
      { what: 'delivered-time report (one unit-month) < 500 ms', met: delivered.p99Ms < 500, measured: `${delivered.p99Ms.toFixed(0)} ms` },
      ...verdictRows
    ]))
  } finally {
    await server.stop()
  }
  process.exit(0)
}

// The baseline first: the same SELECTs through bare Fastify + pg.
const pool = process.env.DATABASE_POOL_MAX ?? '10'
const baseline = await startServer({
  name: 'baseline', args: ['--import', 'tsx', path.join(root, 'test/bench/baseline-server.ts')],
  env: { DATABASE_URL: databaseUrl, DATABASE_POOL_MAX: pool }, port: await freePort(), readyPath: '/health',
  logFile: path.join(work, 'baseline.log')
})
const baseById = record(baseline, 'baseline: by primary key', await saturate(baseline, byIdPath))
const baseList = record(baseline, 'baseline: 50-row list', await saturate(baseline, () => `/decisions?${listQuery()}`))
record(baseline, `baseline: by primary key at ${rate}/s`, await steady(baseline, byIdPath))
await baseline.stop()

const service = await startServer({
  name: 'service', args: serviceArgs,
  env: {
    DATABASE_URL: databaseUrl, DATABASE_POOL_MAX: pool, NODE_ENV: 'development', LOG_LEVEL: 'info', DATA_DIR: work,
    AUTH_DEV_KEY_FILE: keyFile, AUTH_ISSUER: issuer, AUTH_AUDIENCE: audience,
    // All the load comes from one client: the per-client limit would answer 429 after 600 requests.
    RATE_LIMIT_MAX: '10000000',
    // Whatever else runs here may have the default metrics port.
    METRICS_PORT: '0'
  },
  port: await freePort(), readyPath: '/health/ready', logFile: path.join(work, 'service.log')
})
try {
  const v1ById = () => `/v1/decisions/${pick(fixtures.decisionIds)}`
  const v1List = () => `/v1/decisions?limit=50&serviceType=${pick(fixtures.serviceTypes)}`
  const byId = record(service, 'GET /v1/decisions/{id}', await saturate(service, v1ById, bearer(caseWorker)))
  byId.ratio = byId.requestsPerSecond / baseById.requestsPerSecond
  const list = record(service, 'GET /v1/decisions?serviceType (50)', await saturate(service, v1List, bearer(caseWorker)))
  list.ratio = list.requestsPerSecond / baseList.requestsPerSecond
  const caseWorkerList = opt.only === 'reads' ? undefined : record(service, 'GET /v1/worklists/{caseWorker}', await saturate(service, () => `/v1/worklists/${fixtures.caseWorker}`, bearer(caseWorker)))
  const steadyById = record(service, `GET /v1/decisions/{id} at ${rate}/s`, await steady(service, v1ById, bearer(caseWorker)))
  const steadyList = record(service, `GET /v1/decisions?serviceType at ${rate}/s`, await steady(service, v1List, bearer(caseWorker)))
  // Issue 17's targets for the reads, printed by the reads-only run and the full run alike.
  const readTargets = [
    { what: 'GET /v1/decisions/{id} ≥ 60 % of the baseline', met: (byId.ratio ?? 0) >= 0.6, measured: `${((byId.ratio ?? 0) * 100).toFixed(0)} %` },
    { what: 'decision list ≥ 60 % of the raw 50-row list', met: (list.ratio ?? 0) >= 0.6, measured: `${((list.ratio ?? 0) * 100).toFixed(0)} %` },
    { what: `p99 < 15 ms at ${rate}/s, by id`, met: steadyById.p99Ms < 15, measured: `${steadyById.p99Ms.toFixed(1)} ms` },
    { what: `p99 < 30 ms at ${rate}/s, list`, met: steadyList.p99Ms < 30, measured: `${steadyList.p99Ms.toFixed(1)} ms` }
  ]
  if (opt.only === 'reads') {
    console.log(`\nBenchmark (reads only) ${new Date().toISOString()} — ${fixtures.decisionCount.toLocaleString('en')} decisions, unit ${fixtures.unitCode}, ` +
      `${os.cpus().length} cores, Node ${process.version}, load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}\n`)
    console.log(table(rows))
    console.log('\n' + verdicts(readTargets))
    if (opt.json) fs.writeFileSync(opt.json, JSON.stringify({ at: new Date().toISOString(), fixtures: { unit: fixtures.unitCode, decisions: fixtures.decisionCount }, rows }, null, 2))
    await service.stop()
    process.exit(0)
  }
  const overloaded = await overload(service, v1List, bearer(caseWorker), list.requestsPerSecond)
  await settle(service)
  const writes = await writePath({ url: service.url, token: caseWorker, personIds: fixtures.personIds, today, workers: 10, seconds })
  record(service, 'write: application, investigation, communication, decision', writes, { note: `${writes.flowsPerSecond.toFixed(0)} cases/s, 10 workers` })
  await settle(service)
  const report = record(service, `not-executed report ${fixtures.quarter}`,
    await timeSingle({ url: service.url, path: `/v1/reports/not-executed-decisions?quarter=${fixtures.quarter}`, headers: bearer(manager), times: 3 }),
    { note: 'one at a time: median, slowest of 3' })
  const deliveredMonth = lastWholeMonth(today)
  const delivered = record(service, `delivered-time report ${deliveredMonth}`,
    await timeSingle({ url: service.url, path: `/v1/reports/delivered-time?month=${deliveredMonth}`, headers: bearer(manager), times: 5 }),
    { note: 'one unit-month, one at a time: median, slowest of 5' })
  const indicators = await timeIndicators(service, manager)
  const indicator = record(service, `indicator computation ${fixtures.year}`, indicators.measurement, { note: `median, slowest of ${indicators.count} formulas (${indicators.slowest})` })
  await settle(service)
  const unitReports = await timeUnitReports(service, manager)

  console.log(`\nBenchmark ${new Date().toISOString()} — ${fixtures.decisionCount.toLocaleString('en')} decisions, unit ${fixtures.unitCode}, ` +
    `${os.cpus().length} cores, Node ${process.version}\n`)
  console.log(table(rows))
  const peak = service.peakRssMb()
  console.log('\n' + verdicts([
    ...readTargets,
    { what: `a case worker's worklist ≥ 150 req/s at ${connections} connections`, met: (caseWorkerList?.requestsPerSecond ?? 0) >= 150, measured: `${(caseWorkerList?.requestsPerSecond ?? 0).toFixed(0)} req/s` },
    { what: 'the write path ≥ 100 cases/s', met: writes.flowsPerSecond >= 100, measured: `${writes.flowsPerSecond.toFixed(0)} cases/s (four requests a case)` },
    { what: 'no errors', met: rows.every((r) => r.errors === 0), measured: `${rows.reduce((n, r) => n + r.errors, 0)} errors` },
    { what: 'service peak RSS < 250 MB (every row, the overload row included)', met: peak < 250, measured: `${peak.toFixed(0)} MB` },
    { what: 'overload: past capacity only 503s, no other failures', met: overloaded.errors === 0, measured: `${overloaded.errors} other errors; ${overloaded.note ?? ''}` },
    { what: 'IVO quarter report < 300 ms', met: report.p99Ms < 300, measured: `${report.p99Ms.toFixed(0)} ms` },
    { what: 'delivered-time report (one unit-month) < 500 ms', met: delivered.p99Ms < 500, measured: `${delivered.p99Ms.toFixed(0)} ms` },
    { what: 'indicator computation < 2 s', met: indicator.p99Ms < 2000, measured: `${indicator.p99Ms.toFixed(0)} ms (${indicators.slowest})` },
    ...unitReports
  ]))
  if (opt.json) fs.writeFileSync(opt.json, JSON.stringify({ at: new Date().toISOString(), fixtures: { unit: fixtures.unitCode, decisions: fixtures.decisionCount }, rows }, null, 2))
} finally {
  await service.stop()
}

/** The month before `today`'s, YYYY-MM: the latest month whose delivered time is in. */
function lastWholeMonth(day: string): string {
  const [y, m] = day.split('-').map(Number) as [number, number]
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`
}

/** Computes one indicator per formula of the catalogue for the unit and last year, each timed. */
async function timeIndicators(server: ServerProcess, managerToken: string) {
  const headers = { ...bearer(managerToken), 'content-type': 'application/json' }
  const formulas = await (await fetch(`${server.url}/v1/indicator-formulas`, { headers })).json() as
    { items: { code: string; unit: string; direction: string; params: { name: string; required: boolean; kind: string }[] }[] }
  const existing = await (await fetch(`${server.url}/v1/indicators?source=computed&limit=200`, { headers })).json() as
    { items: { id: string; code: string }[] }
  const times: { code: string; ms: number; ok: boolean }[] = []
  for (const formula of formulas.items) {
    const code = `bench-${formula.code.replaceAll('_', '-')}`
    let id = existing.items.find((i) => i.code === code)?.id
    if (!id) {
      const params = Object.fromEntries(formula.params.filter((p) => p.required).map((p) => [p.name, p.kind === 'service_type_code' ? 'home_care' : 'granted']))
      const created = await fetch(`${server.url}/v1/indicators`, {
        method: 'POST', headers, body: JSON.stringify({
          code, name: `Bench: ${formula.code}`, unit: formula.unit, direction: formula.direction, periodicity: 'year',
          source: 'computed', level: 'council', formulaCode: formula.code, formulaParams: params
        })
      })
      if (!created.ok) throw new Error(`creating indicator ${code}: ${created.status} ${await created.text()}`)
      id = (await created.json() as { id: string }).id
    }
    const single = await timeSingle({
      url: server.url, path: `/v1/indicators/${id}/compute`, headers, times: 1, method: 'POST',
      body: JSON.stringify({ year: fixtures.year, period: 'year' })
    })
    times.push({ code: formula.code, ms: single.p99Ms, ok: single.errors === 0 })
  }
  times.sort((a, b) => a.ms - b.ms)
  const ms = times.map((t) => t.ms)
  const slowest = times.at(-1)
  return {
    count: times.length,
    slowest: slowest?.code ?? '–',
    measurement: {
      requestsPerSecond: Number.NaN, p50Ms: ms[Math.floor(ms.length / 2)] ?? Number.NaN, p99Ms: slowest?.ms ?? Number.NaN,
      requests: times.length, errors: times.filter((t) => !t.ok).length
    }
  }
}
