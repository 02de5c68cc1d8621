/**
 * One Kysely instance over either a real PostgreSQL server (`pg` pool, when DATABASE_URL is
 * set) or the embedded PGlite (data in DATA_DIR). Both drivers are given the same value
 * parsers so that no `Date` object ever shifts a legal date: `date` stays 'YYYY-MM-DD',
 * `timestamptz` becomes an ISO string, `numeric` and `int8` become numbers.
 */
import fs from 'node:fs'
import path from 'node:path'
import { Kysely, PGliteDialect, PostgresDialect, type KyselyConfig } from 'kysely'
import pg from 'pg'
import type { DatabaseTimeouts } from '../config.js'
import { lockDatabaseDir } from './data-dir-lock.js'
import { prepareStatementsOn } from './prepared-statements.js'
import type { DB } from './schema.js'

const OID = { int8: 20, numeric: 1700, date: 1082, timestamp: 1114, timestamptz: 1184 } as const

const parseInstant = (value: string): string => new Date(value).toISOString()

const parsers: Record<number, (value: string) => unknown> = {
  [OID.int8]: Number,
  [OID.numeric]: Number,
  [OID.date]: (value: string) => value,
  [OID.timestamp]: parseInstant,
  [OID.timestamptz]: parseInstant
}

/** One database connection for work that must not be spread over a pool (migrations). */
export interface Session {
  query<R>(text: string, params?: unknown[]): Promise<R[]>
  /** Runs a multi-statement SQL script in one transaction. */
  runScript(script: string): Promise<void>
}

/** What readiness needs to know: does the database answer, and does it accept changes. */
export interface Probe {
  answers: boolean
  writable: boolean
}

export interface Database {
  db: Kysely<DB>
  /**
   * For reports and indicator computations: a small pool of its own whose statements may run
   * longer, so that a long report neither times out like a single read nor takes every
   * connection from ordinary requests. The same instance as `db` on the embedded database.
   */
  reportsDb: Kysely<DB>
  /**
   * A streaming replica (DATABASE_READ_URL) for heavy reads, with the reports' statement
   * timeout; undefined when there is none. Used only through read-routing.ts, which checks
   * that it has caught up first.
   */
  readReplica?: Kysely<DB> | undefined
  /** Asks the database on a connection of its own (not the busy pool); never throws. */
  probe(timeoutMs: number): Promise<Probe>
  withSession<T>(work: (session: Session) => Promise<T>): Promise<T>
  kind: 'postgres' | 'pglite'
  /** The pool's connections (PostgreSQL only; the embedded database is one connection): for the metrics. */
  pool?: { readonly totalCount: number; readonly idleCount: number; readonly waitingCount: number }
  close(): Promise<void>
}

export interface DatabaseOptions {
  databaseUrl: string | undefined
  /** A streaming replica of `databaseUrl` for heavy reads (PostgreSQL only). */
  databaseReadUrl?: string | undefined
  /** Directory for the embedded database, or 'memory://' for an in-memory one. */
  pgliteDataDir: string
  /**
   * A data-directory snapshot (PGlite's `dumpDataDir()`) to start the embedded database from
   * instead of an empty one: the tests start each file from one migrated snapshot.
   */
  pgliteLoadDataDir?: Blob | undefined
  poolMax: number
  /**
   * Named prepared statements on the request pool's connections (see prepared-statements.ts); default
   * true. False behind PgBouncer in transaction mode before 1.21 (DATABASE_PREPARED_STATEMENTS).
   */
  preparedStatements?: boolean | undefined
  /** Bounds on every wait (real server only; defaults for programs that run no requests). */
  timeouts?: DatabaseTimeouts | undefined
  /**
   * Sees every statement Kysely runs (also failed ones), with its parameters: for the query-plan
   * test and `npm run explain`. Not given in production, where Kysely logs nothing.
   */
  onQuery?: ((sql: string, parameters: readonly unknown[]) => void) | undefined
}

/** Kysely's `log` option for an `onQuery` hook, or nothing at all. */
function queryLog(onQuery: DatabaseOptions['onQuery']): Pick<KyselyConfig, 'log'> {
  if (onQuery === undefined) return {}
  return { log: (event) => onQuery(event.query.sql, event.query.parameters) }
}

export async function createDatabase(options: DatabaseOptions): Promise<Database> {
  const log = queryLog(options.onQuery)
  return options.databaseUrl === undefined
    ? createPglite(options.pgliteDataDir, log, options.pgliteLoadDataDir)
    : createPostgres(options.databaseUrl, options.poolMax, log, options.timeouts, options.databaseReadUrl, options.preparedStatements ?? true)
}

/** Gives up after `ms`: the probe never waits longer than readiness allows. */
async function within<T>(ms: number, work: Promise<T>, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const result = await Promise.race([work.catch(() => fallback), new Promise<T>((resolve) => { timer = setTimeout(() => resolve(fallback), ms) })])
  clearTimeout(timer)
  return result
}

/** Statement texts one connection prepares at most (PostgreSQL keeps each one in the backend's memory). */
const STATEMENTS_PER_CONNECTION = 250

const DOWN: Probe = { answers: false, writable: false }
// A standby (after a failover) or default_transaction_read_only refuses every change.
const WRITABLE_QUERY = `SELECT current_setting('transaction_read_only') = 'off' AND NOT pg_is_in_recovery() AS writable`


function createPostgres(primaryUrl: string, max: number, log: Pick<KyselyConfig, 'log'>, timeouts: DatabaseTimeouts | undefined, readUrl: string | undefined, prepared: boolean): Database {
  const types = {
    getTypeParser: (oid: number, format?: 'text' | 'binary') =>
      parsers[oid] ?? pg.types.getTypeParser(oid, format ?? 'text')
  }
  const makePool = (size: number, statementMs: number | undefined, connectionString = primaryUrl, namesStatements = false) => {
    const made = new pg.Pool({
      connectionString,
      max: size,
      types,
      connectionTimeoutMillis: timeouts?.acquireMs ?? 5000,
      idleTimeoutMillis: 30_000,
      application_name: 'bestallarenhet-aldre',
      // Sent with the connection: every session of the service is bounded by the server itself.
      ...(timeouts && statementMs !== undefined
        ? {
            statement_timeout: statementMs, lock_timeout: timeouts.lockMs, idle_in_transaction_session_timeout: timeouts.idleInTransactionMs,
            // No JIT: the service's statements are short index reads, and a plan costed above
            // jit_above_cost paid tens of milliseconds compiling what ran in a few (issue 17).
            options: '-c jit=off'
          }
        : {})
    })
    // An idle client whose connection dies must not crash the process; the pool replaces it.
    made.on('error', () => {})
    // Nor one in use: its query fails (and answers 503), but pg also emits the error on the client,
    // where an unhandled 'error' event would take the whole process down. On release the pool
    // drops the broken client.
    made.on('connect', (client) => {
      client.on('error', () => {})
      if (namesStatements) prepareStatementsOn(client, STATEMENTS_PER_CONNECTION)
    })
    return made
  }
  // Only the requests' pool names its statements: its reads are short, so parsing was much of
  // their cost, and PostgreSQL's generic plans suit them. A report's statement runs long, parsing
  // it is nothing beside that, and a generic plan chosen for it without its dates could be far
  // worse: the reports' pool and the replica plan every statement afresh, as before.
  const pool = makePool(max, timeouts?.statementMs, primaryUrl, prepared)
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), ...log })
  const reportsPool = makePool(Math.max(1, Math.floor(max / 3)), timeouts?.reportStatementMs)
  const reportsDb = new Kysely<DB>({ dialect: new PostgresDialect({ pool: reportsPool }), ...log })
  // Readiness asks on a connection of its own, so a pool busy with slow requests does not make
  // a healthy instance look dead (and get it restarted in the middle of its work).
  const probePool = makePool(1, timeouts ? 2000 : undefined)
  // The replica serves reports and worklists: as many connections as the request pool, and the
  // reports' statement timeout.
  const replicaPool = readUrl === undefined ? undefined : makePool(max, timeouts?.reportStatementMs, readUrl)
  const readReplica = replicaPool && new Kysely<DB>({ dialect: new PostgresDialect({ pool: replicaPool }), ...log })
  return {
    db,
    reportsDb,
    readReplica,
    probe: (timeoutMs) => within(timeoutMs, probePool.query<{ writable: boolean }>(WRITABLE_QUERY)
      .then(({ rows: [row] }) => ({ answers: true, writable: row?.writable === true })), DOWN),
    kind: 'postgres',
    pool,
    async withSession(work) {
      const client = await pool.connect()
      try {
        return await work({
          query: async <R>(text: string, params: unknown[] = []) => (await client.query(text, params)).rows as R[],
          async runScript(script) {
            // A script is sent as one simple query (no parameters), so it may hold many statements.
            await client.query('BEGIN')
            try {
              await client.query(script)
              await client.query('COMMIT')
            } catch (error) {
              await client.query('ROLLBACK').catch(() => {})
              throw error
            }
          }
        })
      } finally {
        client.release()
      }
    },
    async close() {
      await db.destroy()
      await reportsDb.destroy()
      await readReplica?.destroy()
      // Kysely ends a pool only if it ever queried through it; a session-only user (migrations)
      // would otherwise leave an idle client holding the process open for idleTimeoutMillis.
      for (const each of [pool, reportsPool, probePool, replicaPool]) if (each && !each.ended) await each.end()
    }
  }
}

async function createPglite(dataDir: string, log: Pick<KyselyConfig, 'log'>, loadDataDir?: Blob): Promise<Database> {
  const { PGlite } = await import('@electric-sql/pglite')
  let unlock = () => {}
  if (!dataDir.startsWith('memory://')) {
    fs.mkdirSync(path.resolve(dataDir), { recursive: true })
    // One process at a time on these files (see data-dir-lock.ts).
    unlock = lockDatabaseDir(dataDir)
  }
  const pglite = await PGlite.create(dataDir, { parsers, ...(loadDataDir ? { loadDataDir } : {}) })
    .catch((error: unknown) => { unlock(); throw error })
  const db = new Kysely<DB>({ dialect: new PGliteDialect({ pglite }), ...log })
  return {
    db,
    reportsDb: db,
    // One connection: readiness asks through it like everything else.
    probe: (timeoutMs) => within(timeoutMs, pglite.query<{ writable: boolean }>(WRITABLE_QUERY)
      .then(({ rows: [row] }) => ({ answers: true, writable: row?.writable === true })), DOWN),
    kind: 'pglite',
    // PGlite is a single connection already.
    withSession: (work) => work({
      query: async <R>(text: string, params: unknown[] = []) => (await pglite.query<R>(text, params)).rows,
      async runScript(script) {
        await pglite.transaction(async (tx) => {
          await tx.exec(script)
        })
      }
    }),
    async close() {
      await db.destroy()
      // Kysely closes PGlite only if it ever queried through it; migrations may not have.
      if (!pglite.closed) await pglite.close()
      unlock()
    }
  }
}
