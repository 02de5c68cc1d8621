/**
 * Fault injection (npm run test:reliability; not part of npm test). The real service runs as a
 * child process on a private, throw-away PostgreSQL cluster while load runs against it; the
 * test then kills the service's database connections, stops the server cleanly, crashes it
 * (immediate stop) and restarts it. Failing requests must be 503 problem+json (never a 500 or a
 * dropped connection), /health/ready must turn false and then true again on its own, and every
 * write answered 2xx must be readable afterwards. A second test sends SIGTERM under load:
 * in-flight requests finish and the process exits 0.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import t from 'tap'
import { signDevToken } from '../../src/auth/tokens.js'
import { request, sleep, startPrivatePostgres, startService, uniquePersonnummer, type Outcome, type PrivatePostgres } from './support.js'

const LOAD_WORKERS = Number(process.env.RELIABILITY_WORKERS ?? 8)
const DATABASE = 'bea_faults'

interface Ack { personId: string; pnr: string; applicationId?: string }

let cluster: PrivatePostgres
t.before(async () => {
  cluster = await startPrivatePostgres()
  await cluster.admin(`CREATE DATABASE ${DATABASE}`)
})
t.teardown(() => cluster?.destroy())

async function tokenFor(dataDir: string) {
  // Creates the development key the service will verify with (same DATA_DIR).
  return signDevToken(path.join(dataDir, 'dev-signing-key.json'), 'urn:bestallarenhet:dev', 'bestallarenhet-api', {
    subject: 'load.worker', roles: ['case_worker'], unit: 'hagersten-alvsjo'
  })
}

function tally(outcomes: Outcome[]) {
  const counts = new Map<string, number>()
  for (const o of outcomes) counts.set(String(o.status), (counts.get(String(o.status)) ?? 0) + 1)
  return [...counts.entries()].sort().map(([s, n]) => `${s}×${n}`).join(' ')
}

t.test('database faults under load: 503 while down, recovery by itself, zero lost writes', async (t) => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bea-faults-'))
  t.teardown(() => fs.rmSync(dataDir, { recursive: true, force: true }))
  const token = await tokenFor(dataDir)
  const service = await startService({ DATABASE_URL: cluster.url(DATABASE), DATA_DIR: dataDir, DATABASE_POOL_MAX: '6' })
  t.teardown(() => { if (service.child.exitCode === null) service.child.kill('SIGKILL') })

  const acked: Ack[] = []
  const outcomes: Outcome[] = []
  let sequence = 0
  let running = true
  // Each worker registers a person and then an application for them: two acknowledged writes.
  const worker = async () => {
    while (running) {
      const pnr = uniquePersonnummer(sequence++)
      const person = await request(service.baseUrl, 'POST', '/v1/persons', token, { personalIdentityNumber: pnr, firstName: 'Last', lastName: 'Testsson' })
      outcomes.push(person)
      if (person.status !== 201) {
        if (person.status === 'network-error') await sleep(50)
        continue
      }
      const ack: Ack = { personId: person.body.id, pnr }
      acked.push(ack)
      const application = await request(service.baseUrl, 'POST', '/v1/applications', token, { personId: ack.personId, receivedDate: '2026-01-15', channel: 'phone', requestedServices: [{ serviceTypeCode: 'safety_alarm' }] })
      outcomes.push(application)
      if (application.status === 201) ack.applicationId = application.body.id
    }
  }
  const ready = async () => (await request(service.baseUrl, 'GET', '/health/ready', undefined)).status
  /** Polls readiness until it reports `wanted`; returns how long that took. */
  const waitReady = async (wanted: number, timeoutMs: number) => {
    const started = Date.now()
    while (Date.now() - started < timeoutMs) {
      if ((await ready()) === wanted) return Date.now() - started
      await sleep(100)
    }
    return -1
  }

  const workers = Array.from({ length: LOAD_WORKERS }, worker)
  const faults: string[] = []
  await sleep(2000)
  t.equal(await ready(), 200, 'ready under load')

  // 1. Connections terminated under load, five times.
  let terminated = 0
  for (let i = 0; i < 5; i++) {
    const rows = await cluster.admin<{ ok: boolean }>(
      'SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity WHERE datname = $1 AND application_name = $2 AND pid <> pg_backend_pid()',
      [DATABASE, 'bestallarenhet-aldre']
    )
    terminated += rows.filter((r) => r.ok).length
    faults.push(`terminate ${rows.length} backends`)
    await sleep(700)
  }
  t.ok(terminated > 0, `${terminated} service connections terminated`)
  await sleep(1000)
  const afterTerminate = acked.length
  await sleep(1500)
  t.ok(acked.length > afterTerminate, 'writes succeed again after the connections were killed')

  // 2. The server stopped cleanly, then 3. crashed (immediate stop), each for a few seconds.
  const recoveries: number[] = []
  for (const mode of ['fast', 'immediate'] as const) {
    const before = outcomes.length
    cluster.stop(mode)
    faults.push(`server stop (${mode})`)
    const down = await waitReady(503, 10_000)
    t.ok(down >= 0, `${mode} stop: /health/ready turned 503 (after ${down} ms)`)
    await sleep(3000)
    const whileDown = outcomes.slice(before)
    t.ok(whileDown.some((o) => o.status === 503), `${mode} stop: requests were answered 503 while the database was down (${tally(whileDown)})`)
    cluster.start()
    const up = await waitReady(200, 30_000)
    t.ok(up >= 0, `${mode} stop: /health/ready turned 200 again by itself (after ${up} ms)`)
    recoveries.push(up)
    const resumed = acked.length
    await sleep(2500)
    t.ok(acked.length > resumed, `${mode} stop: writes succeed again after the restart`)
  }

  running = false
  await Promise.all(workers)

  // Every 503 was problem+json; nothing else failed.
  const failures = outcomes.filter((o) => o.status !== 201)
  const unexpected = failures.filter((o) => o.status !== 503)
  t.same(unexpected.map((o) => `${o.status} ${JSON.stringify(o.body).slice(0, 200)}`), [], 'the only failures are 503 (no 500, no dropped connection, no other error)')
  t.ok(failures.every((o) => o.status !== 503 || /^application\/problem\+json/.test(o.contentType)), 'every 503 is problem+json')
  t.ok(failures.filter((o) => o.status === 503).every((o) => o.body?.status === 503 && typeof o.body?.detail === 'string'), '503 bodies are problem details')

  // Zero lost: every acknowledged person and application is readable through the API.
  const apps = acked.filter((a) => a.applicationId)
  const readable = await Promise.all(acked.map(async (a) => {
    const res = await request(service.baseUrl, 'GET', `/v1/persons/${a.personId}`, token)
    return res.status === 200 && res.body.personalIdentityNumber === a.pnr
  }))
  const appsReadable = await Promise.all(apps.map(async (a) => (await request(service.baseUrl, 'GET', `/v1/applications/${a.applicationId}`, token)).status === 200))
  const lostPersons = readable.filter((ok) => !ok).length
  const lostApplications = appsReadable.filter((ok) => !ok).length
  t.equal(lostPersons, 0, `every acknowledged person is readable (${acked.length})`)
  t.equal(lostApplications, 0, `every acknowledged application is readable (${apps.length})`)

  // Every acknowledged write also left its access-log event (same transaction).
  const client = new pg.Client({ connectionString: cluster.url(DATABASE) })
  await client.connect()
  const logged = await client.query<{ n: string }>(`SELECT count(DISTINCT resource_id) AS n FROM audit_events WHERE action = 'create' AND resource_type = 'person' AND resource_id = ANY($1::text[])`, [acked.map((a) => a.personId)])
  await client.end()
  t.equal(Number(logged.rows[0]?.n), acked.length, 'every acknowledged person has its create event')

  service.child.kill('SIGTERM')
  const exit = await service.exited
  t.equal(exit.code, 0, 'the service exits 0 afterwards')
  t.comment(`faults: ${faults.length} injected (${terminated} connections terminated, 1 clean stop, 1 crash), ${outcomes.length} requests (${tally(outcomes)}), readiness back after ${recoveries.join(' / ')} ms`)
  t.comment(`acknowledged writes checked: ${acked.length + apps.length} (${acked.length} persons, ${apps.length} applications); writes lost: ${lostPersons + lostApplications}`)
})

t.test('SIGTERM under load: in-flight requests finish, exit code 0', async (t) => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bea-sigterm-'))
  t.teardown(() => fs.rmSync(dataDir, { recursive: true, force: true }))
  const token = await tokenFor(dataDir)
  // A small pool queues requests inside the service, so many are in flight at the signal. The
  // queue may wait as long as the grace period: this test is about draining, not back-pressure
  // (the bounded pool wait is tested in stalls.test.ts).
  const service = await startService({ DATABASE_URL: cluster.url(DATABASE), DATA_DIR: dataDir, DATABASE_POOL_MAX: '2', SHUTDOWN_GRACE_MS: '20000', DATABASE_POOL_ACQUIRE_TIMEOUT_MS: '20000' })
  t.teardown(() => { if (service.child.exitCode === null) service.child.kill('SIGKILL') })
  t.equal((await request(service.baseUrl, 'GET', '/health/ready', undefined)).status, 200)

  const total = 150
  let signalledAt = 0
  let answered = 0
  const pending = Array.from({ length: total }, (_, i) => request(service.baseUrl, 'POST', '/v1/persons', token, {
    personalIdentityNumber: uniquePersonnummer(500_000 + i), firstName: 'Sigrid', lastName: 'Termsson'
  }, { 'x-request-id': `term-${i}` }).then((o) => {
    answered++
    if (answered === 10) {
      signalledAt = Date.now()
      service.child.kill('SIGTERM')
    }
    return { ...o, id: `term-${i}` }
  }))
  const outcomes = await Promise.all(pending)
  const exit = await service.exited
  const drainMs = Date.now() - signalledAt

  // "In flight" as the service saw it: requests it had logged as incoming before it logged the
  // signal. A request still unread in a socket buffer at that moment is not in flight: Node
  // closes such idle-looking connections, and the client must retry elsewhere.
  const lines = service.logs().split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as { msg?: string; reqId?: string; signal?: string })
  const signalLine = lines.findIndex((l) => l.signal === 'SIGTERM')
  const begun = new Set(lines.slice(0, signalLine).filter((l) => l.msg === 'incoming request').map((l) => l.reqId))
  const completedBefore = new Set(lines.slice(0, signalLine).filter((l) => l.msg === 'request completed').map((l) => l.reqId))
  const inFlight = outcomes.filter((o) => begun.has(o.id) && !completedBefore.has(o.id))
  const unread = outcomes.filter((o) => !begun.has(o.id))
  const created = outcomes.filter((o) => o.status === 201)

  t.ok(signalledAt > 0 && signalLine > 0, 'SIGTERM was sent while requests were still running, and logged')
  t.ok(inFlight.length > 0, `${inFlight.length} requests were being handled at SIGTERM`)
  t.same(inFlight.filter((o) => o.status !== 201).map((o) => `${o.id}: ${o.status}`), [], `every request in flight at SIGTERM completed with 201 (${tally(inFlight)})`)
  t.notOk(outcomes.some((o) => typeof o.status === 'number' && o.status >= 500 && o.status !== 503), 'no server error')
  t.equal(exit.code, 0, `exit code 0 (signal ${exit.signal})`)
  if (exit.code !== 0) t.comment(service.logs().split('\n').filter((l) => !/incoming request|request completed/.test(l)).slice(-30).join('\n'))
  t.ok(drainMs < 20_000, `exited ${drainMs} ms after the signal, within the grace period (keep-alive connections do not hold it open)`)

  const client = new pg.Client({ connectionString: cluster.url(DATABASE) })
  await client.connect()
  const stored = await client.query<{ n: string }>(`SELECT count(*) AS n FROM persons WHERE id = ANY($1::uuid[])`, [created.map((o) => o.body.id)])
  await client.end()
  t.equal(Number(stored.rows[0]?.n), created.length, 'every 201 answered during shutdown was committed')
  t.comment(`SIGTERM: ${total} concurrent requests, signal after 10 answers; ${inFlight.length} in flight then, all finished (${tally(inFlight)}); ${unread.length} not yet read by the service (${tally(unread)}); exit code ${exit.code} after ${drainMs} ms`)
})
