/**
 * Builds the real application for a test file: over a fresh database on the server in
 * DATABASE_URL (created for this file, dropped afterwards) or an in-memory PGlite, with the
 * migrations applied, a development signing key in a temp dir, and helpers to call it.
 * The database starts as a copy of one migrated once per run (see support/migrated-copies.ts).
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import type { FastifyInstance, InjectOptions } from 'fastify'
import type { DestinationStream } from 'pino'
import { buildApp } from '../src/app.js'
import { signDevToken, type TokenRequest } from '../src/auth/tokens.js'
import { loadConfig, type Config } from '../src/config.js'
import { createDatabase, type Database } from '../src/db/database.js'
import { migrate } from '../src/db/migrate.js'
import type { Role } from '../src/domain/roles.js'
import { migratedPgliteSnapshot, migratedServerDatabase } from './support/migrated-copies.js'

interface Teardown { teardown(fn: () => unknown): void }

export interface Response<T = any> {
  status: number
  headers: Record<string, string | string[] | number | undefined>
  body: T
  raw: string
}

export interface TestContext {
  app: FastifyInstance
  database: Database
  config: Config
  token(roles: Role | Role[], options?: Partial<TokenRequest>): Promise<string>
  call<T = any>(method: InjectOptions['method'], url: string, options?: { token?: string; body?: unknown; headers?: Record<string, string> }): Promise<Response<T>>
  unitId(code: string): Promise<string>
}

/** A fresh, empty (unmigrated) database on the server named by DATABASE_URL, dropped at teardown. */
export async function freshServerDatabase(t: Teardown, adminUrl: string): Promise<string> {
  const name = `test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${name}`)
  await admin.end()
  t.teardown(async () => {
    const c = new pg.Client({ connectionString: adminUrl })
    await c.connect()
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
    await c.end()
  })
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  return url.toString()
}

export interface TestAppOptions {
  logStream?: DestinationStream
  /** Sees every SQL statement the app runs (see createDatabase). */
  onQuery?: (sql: string, parameters: readonly unknown[]) => void
  /**
   * Builds the app over an existing database (e.g. one a test filled with the city generator)
   * instead of a fresh one; the test owns that database.
   */
  databaseUrl?: string
}

export async function buildTestApp(t: Teardown, env: Record<string, string> = {}, options: TestAppOptions = {}): Promise<TestContext> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bea-test-'))
  const adminUrl = process.env.DATABASE_URL
  const databaseUrl = options.databaseUrl ?? (adminUrl ? await migratedServerDatabase(t, adminUrl) : undefined)
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    DATA_DIR: dataDir,
    RATE_LIMIT_MAX: '100000',
    // Booting several embedded databases in one process stalls the event loop for seconds.
    MAX_EVENT_LOOP_DELAY_MS: '0',
    // Tests send hundreds of requests at once through inject; test/api/admission.test.ts sets a limit.
    MAX_IN_FLIGHT_REQUESTS: '0',
    // The suite runs hundreds of concurrent requests on a small pool on busy CI machines: its
    // waits are bounded generously. The stall tests (test/reliability) set tight ones.
    DATABASE_POOL_ACQUIRE_TIMEOUT_MS: '30000',
    DATABASE_STATEMENT_TIMEOUT_MS: '30000',
    DATABASE_LOCK_TIMEOUT_MS: '30000',
    REQUEST_TIMEOUT_MS: '60000',
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    ...env
  })
  const pgliteLoadDataDir = databaseUrl ? undefined : await migratedPgliteSnapshot()
  const database = await createDatabase({ databaseUrl, databaseReadUrl: config.databaseReadUrl, pgliteDataDir: 'memory://', pgliteLoadDataDir, poolMax: Number(env.DATABASE_POOL_MAX ?? 5), preparedStatements: config.databasePreparedStatements, timeouts: config.databaseTimeouts, onQuery: options.onQuery })
  // Nothing to apply on a copy; a database the test brought (options.databaseUrl) may need it.
  await migrate(database)
  const app = await buildApp({ config, db: database.db, reportsDb: database.reportsDb, readReplica: database.readReplica, probe: database.probe, pool: database.pool, ...(options.logStream ? { logStream: options.logStream } : {}) })
  await app.ready()
  // Registered after the database teardown so that it runs first (teardowns run in reverse).
  t.teardown(async () => {
    await app.close()
    await database.close()
    fs.rmSync(dataDir, { recursive: true, force: true })
  })

  const unitIds = new Map<string, string>()
  return {
    app,
    database,
    config,
    token: (roles, options = {}) => signDevToken(config.auth.devKeyFile, config.auth.issuer, config.auth.audience, {
      subject: options.subject ?? `test.${Array.isArray(roles) ? roles.join('+') : roles}`,
      roles: Array.isArray(roles) ? roles : [roles],
      unit: options.unit ?? 'hagersten-alvsjo',
      ...(options.permissions ? { permissions: options.permissions } : {}),
      ...(options.expiresIn ? { expiresIn: options.expiresIn } : {}),
      ...(options.provider ? { provider: options.provider } : {})
    }),
    async call(method, url, options = {}) {
      const headers: Record<string, string> = { ...options.headers }
      if (options.token) headers.authorization = `Bearer ${options.token}`
      const response = await app.inject({ method, url, headers, ...(options.body !== undefined ? { payload: options.body as object } : {}) })
      let body: unknown = response.body
      try {
        body = JSON.parse(response.body)
      } catch {
        // not JSON: keep the text
      }
      return { status: response.statusCode, headers: response.headers, body: body as any, raw: response.body }
    },
    async unitId(code) {
      const known = unitIds.get(code)
      if (known) return known
      const unit = await database.db.selectFrom('units').select('id').where('code', '=', code).executeTakeFirstOrThrow()
      unitIds.set(code, unit.id)
      return unit.id
    }
  }
}

/** A valid personnummer (12 digits) for a birth date 'YYYYMMDD' and a three-digit serial. */
export function personnummer(birthDate: string, serial: string): string {
  const nine = birthDate.slice(2) + serial
  let sum = 0
  for (let i = 0; i < nine.length; i++) {
    const d = Number(nine[i]) * (i % 2 === 0 ? 2 : 1)
    sum += Math.floor(d / 10) + (d % 10)
  }
  return `${birthDate}${serial}${(10 - (sum % 10)) % 10}`
}

let serial = 100
/** A new valid personnummer for each call, so tests never collide. */
export function nextPersonnummer(birthDate = '19400612'): string {
  serial = serial >= 999 ? 100 : serial + 1
  return personnummer(birthDate, String(serial))
}

/** Creates a person through the API and returns it. */
export async function createPerson(ctx: TestContext, token: string, overrides: Record<string, unknown> = {}) {
  const res = await ctx.call('POST', '/v1/persons', {
    token,
    body: { personalIdentityNumber: nextPersonnummer(), firstName: 'Testa', lastName: 'Testsson', ...overrides }
  })
  if (res.status !== 201) throw new Error(`createPerson: ${res.status} ${res.raw}`)
  return res.body
}

/** Creates an application (person included unless given) through the API and returns it. */
export async function createApplication(ctx: TestContext, token: string, overrides: Record<string, unknown> = {}) {
  const personId = overrides.personId ?? (await createPerson(ctx, token)).id
  const res = await ctx.call('POST', '/v1/applications', {
    token,
    body: {
      personId,
      receivedDate: '2026-01-15',
      channel: 'phone',
      requestedServices: [{ serviceTypeCode: 'home_care', requestedHoursPerMonth: 40 }],
      ...overrides
    }
  })
  if (res.status !== 201) throw new Error(`createApplication: ${res.status} ${res.raw}`)
  return res.body
}

/**
 * Records an investigation and, unless told otherwise, communicates it — on 2026-02-01, or on
 * the date given (the units' default policy communicates every non-urgent investigation).
 */
export async function readyForDecision(ctx: TestContext, token: string, applicationId: string, options: { communicate?: boolean | string } = {}) {
  const inv = await ctx.call('PUT', `/v1/applications/${applicationId}/investigation`, {
    token, body: { method: 'home_visit', needsDescription: 'Behöver hjälp morgon och kväll.', assessment: 'Behovet bedöms föreligga.' }
  })
  if (inv.status !== 200) throw new Error(`investigation: ${inv.status} ${inv.raw}`)
  if (options.communicate === false) return
  const date = typeof options.communicate === 'string' ? options.communicate : '2026-02-01'
  const com = await ctx.call('POST', `/v1/applications/${applicationId}/communicate`, { token, body: { date, recipient: 'Sökanden' } })
  if (com.status !== 201) throw new Error(`communicate: ${com.status} ${com.raw}`)
}
