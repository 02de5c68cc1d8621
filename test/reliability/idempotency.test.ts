/**
 * Keyed retries across kills (npm run test:reliability). The service pauses every keyed write
 * at a deliberate point (FAULT_PAUSE_AT, announced in its log) so that each kill lands in the
 * window that matters, every time:
 *
 * - after-commit: the change and its stored response have committed, the client has no answer
 *   yet. The service process is killed (SIGKILL) or the database crashes (immediate stop). The
 *   client retries with the same key until it gets an answer: it must be the first result
 *   (replayed), and exactly one record exists.
 * - before-commit: the change is written but not committed. The database connection is killed
 *   or the database crashes. The request answers 503 problem+json; the retry runs anew and
 *   creates exactly one record.
 *
 * Printed at the end: kills, duplicates, 500s, hangs — all must be zero but the kills.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import t from 'tap'
import { signDevToken } from '../../src/auth/tokens.js'
import { request, sleep, startPrivatePostgres, startService, uniquePersonnummer, type Outcome, type PrivatePostgres, type ServiceProcess } from './support.js'

const DATABASE = 'bea_keyed'
// Kills per kind: process after commit, database after commit, database before commit (twice).
const ROUNDS = Number(process.env.RELIABILITY_KILL_ROUNDS ?? 5)

let cluster: PrivatePostgres
t.before(async () => {
  cluster = await startPrivatePostgres()
  await cluster.admin(`CREATE DATABASE ${DATABASE}`)
})
t.teardown(() => cluster?.destroy())

const tally = { kills: 0, duplicates: 0, serverErrors: 0, hangs: 0, replays: 0, reruns: 0 }

/** Counts what no fault may ever cause: a 500, and a request without an answer in 30 s. */
function note(o: Outcome): Outcome {
  if (typeof o.status === 'number' && o.status >= 500 && o.status !== 503) tally.serverErrors++
  if (o.status === 503 && !/^application\/problem\+json/.test(o.contentType)) tally.serverErrors++
  if (o.status === 'network-error' && /timeout|aborted/i.test(String(o.body))) tally.hangs++
  return o
}

async function waitFor(condition: () => boolean, ms: number): Promise<boolean> {
  const until = Date.now() + ms
  while (Date.now() < until) {
    if (condition()) return true
    await sleep(20)
  }
  return false
}

const pauses = (service: ServiceProcess) => service.logs().split('\n').filter((l) => l.includes('"faultPause"')).length

/** Retries with the same key until an answer other than 503 / a dropped connection (≤ 60 s). */
async function retry(service: () => ServiceProcess, url: string, token: string, body: unknown, key: string): Promise<Outcome> {
  let last: Outcome | undefined
  const until = Date.now() + 120_000
  while (Date.now() < until) {
    last = note(await request(service().baseUrl, 'POST', url, token, body, { 'idempotency-key': key }))
    if (last.status !== 503 && last.status !== 'network-error') return last
    await sleep(500)
  }
  throw new Error(`no answer for ${key}: last ${last?.status} ${JSON.stringify(last?.body)}`)
}

t.test('keyed retries after kills between commit and response create nothing twice', async (t) => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bea-keyed-'))
  t.teardown(() => fs.rmSync(dataDir, { recursive: true, force: true }))
  const token = await signDevToken(path.join(dataDir, 'dev-signing-key.json'), 'urn:bestallarenhet:dev', 'bestallarenhet-api', {
    subject: 'retrying.client', roles: ['case_worker'], unit: 'hagersten-alvsjo'
  })
  let service: ServiceProcess
  const start = async (at: 'before-commit' | 'after-commit') => {
    service = await startService({ DATABASE_URL: cluster.url(DATABASE), DATA_DIR: dataDir, DATABASE_POOL_MAX: '4', FAULT_PAUSE_AT: at, FAULT_PAUSE_MS: at === 'after-commit' ? '4000' : '1500' })
    t.teardown(() => { if (service.child.exitCode === null) service.child.kill('SIGKILL') })
  }
  const count = async (sqlText: string, param: string) => {
    // A client of its own each time: the database may just have crashed.
    for (let i = 0; ; i++) {
      const client = new pg.Client({ connectionString: cluster.url(DATABASE) })
      client.on('error', () => {})
      try {
        await client.connect()
        return Number((await client.query<{ n: string }>(sqlText, [param])).rows[0]!.n)
      } catch (error) {
        if (i > 50) throw error
        await sleep(200)
      } finally {
        await client.end().catch(() => {})
      }
    }
  }
  let n = 0
  /** One keyed write, one kill in its window, retries until answered; returns the two answers. */
  const round = async (kind: 'application' | 'person', kill: () => Promise<void>) => {
    n++
    const key = `round-${n}-${kind}`
    let url = '/v1/persons'
    let body: Record<string, unknown> = { personalIdentityNumber: uniquePersonnummer(700_000 + n), firstName: 'Ida', lastName: 'Empotent' }
    if (kind === 'application') {
      // The person comes first, without a key (no pause).
      const person = await retry(() => service, '/v1/persons', token, body, `person-for-${key}`)
      url = '/v1/applications'
      body = { personId: person.body.id, receivedDate: '2026-01-15', channel: 'phone', requestedServices: [{ serviceTypeCode: 'safety_alarm' }] }
    }
    const before = pauses(service)
    const first = request(service.baseUrl, 'POST', url, token, body, { 'idempotency-key': key }).then(note)
    if (!await waitFor(() => pauses(service) > before, 15_000)) throw new Error(`round ${n}: the write never reached its pause`)
    await kill()
    tally.kills++
    const firstAnswer = await first
    const again = await retry(() => service, url, token, body, key)
    const stored = kind === 'application'
      ? await count('SELECT count(*) AS n FROM applications WHERE person_id = $1', String(body.personId))
      : await count('SELECT count(*) AS n FROM persons WHERE personal_identity_number = $1', String(body.personalIdentityNumber))
    if (stored !== 1 || again.status !== 201) tally.duplicates++
    return { firstAnswer, again, stored }
  }

  // 1. After the commit: the process dies, then the database dies.
  await start('after-commit')
  for (let i = 0; i < ROUNDS; i++) {
    const kind = i % 2 === 0 ? 'application' : 'person'
    const { firstAnswer, again, stored } = await round(kind, async () => {
      service.child.kill('SIGKILL')
      await service.exited
      await start('after-commit')
    })
    t.equal(firstAnswer.status, 'network-error', `${kind} ${n}: the first request got no answer (process killed)`)
    t.equal(again.status, 201, `${kind} ${n}: the retry answers the first result`)
    t.equal(again.body?.id !== undefined, true)
    t.equal(stored, 1, `${kind} ${n}: exactly one stored`)
    tally.replays++
  }
  for (let i = 0; i < ROUNDS; i++) {
    const kind = i % 2 === 0 ? 'application' : 'person'
    const { firstAnswer, again, stored } = await round(kind, async () => {
      cluster.stop('immediate')
      setTimeout(() => cluster.start(), 1000)
    })
    t.equal(firstAnswer.status, 201, `${kind} ${n}: committed before the crash, so answered 201`)
    t.equal(again.body?.id, firstAnswer.body?.id, `${kind} ${n}: the retry replays the same record`)
    t.equal(stored, 1, `${kind} ${n}: exactly one stored`)
    tally.replays++
  }
  service!.child.kill('SIGTERM')
  await service!.exited

  // 2. Before the commit: the connection is killed, or the database crashes.
  await start('before-commit')
  for (let i = 0; i < 2 * ROUNDS; i++) {
    const kind = i % 2 === 0 ? 'application' : 'person'
    const crash = i % 4 >= 2
    const { firstAnswer, again, stored } = await round(kind, async () => {
      if (crash) {
        cluster.stop('immediate')
        setTimeout(() => cluster.start(), 1000)
      } else {
        await cluster.admin('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND application_name = $2', [DATABASE, 'bestallarenhet-aldre'])
      }
    })
    t.equal(firstAnswer.status, 503, `${kind} ${n}: the interrupted write answers 503 (${crash ? 'crash' : 'connection killed'})`)
    t.match(firstAnswer.contentType, /^application\/problem\+json/)
    t.equal(again.status, 201, `${kind} ${n}: the retry runs anew`)
    t.equal(stored, 1, `${kind} ${n}: exactly one stored`)
    tally.reruns++
  }
  service!.child.kill('SIGTERM')
  await service!.exited

  t.ok(tally.kills >= 20, `${tally.kills} kills (≥ 20)`)
  t.equal(tally.duplicates, 0, 'duplicates: 0')
  t.equal(tally.serverErrors, 0, '500s: 0')
  t.equal(tally.hangs, 0, 'hangs: 0')
  t.comment(`keyed retries: kills ${tally.kills}, replays ${tally.replays}, re-runs ${tally.reruns}; duplicates ${tally.duplicates}, 500s ${tally.serverErrors}, hangs ${tally.hangs}`)
})
