/**
 * Configuration from environment variables, validated once at start-up.
 * A bad value stops the service with a message naming the variable (see `.env.example`).
 */
import path from 'node:path'
import { DEFAULT_ACCESS_LOG_RETENTION_MONTHS } from './domain/audit.js'

export interface Config {
  nodeEnv: 'development' | 'production' | 'test'
  host: string
  port: number
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent'
  /** Real PostgreSQL when set; otherwise the embedded PGlite in `dataDir`. */
  databaseUrl: string | undefined
  /** A streaming replica for reports and worklists (see db/read-routing.ts); unset: all on the primary. */
  databaseReadUrl: string | undefined
  /** How long a heavy read waits for the replica to catch up before it runs on the primary. */
  databaseReadCatchUpMs: number
  databasePoolMax: number
  /** Named prepared statements on the request pool's connections (db/prepared-statements.ts); false behind PgBouncer < 1.21 in transaction mode. */
  databasePreparedStatements: boolean
  /** Bounds on every database wait (see DatabaseTimeouts). */
  databaseTimeouts: DatabaseTimeouts
  dataDir: string
  migrateOnStart: boolean
  /** NODE_ENV=production without DATABASE_URL is refused unless this is set (DATA_DIR must then be a mounted volume). */
  embeddedDatabaseInProduction: boolean
  /** Prometheus metrics on their own port (0: off), away from the public API; a bearer token if set. */
  metrics: { host: string; port: number; token: string | undefined }
  auth: {
    jwksUrl: string | undefined
    /** Local development signing key (JWK file); never used when `jwksUrl` is set. */
    devKeyFile: string
    issuer: string
    audience: string
    algorithms: string[]
  }
  rateLimit: { max: number; windowMs: number }
  /** Shed load (503) when the event loop lags more than this; 0 turns it off. */
  maxEventLoopDelayMs: number
  /** Requests this instance works on at once; the next answers 503 at once (0: no limit). */
  maxInFlightRequests: number
  bodyLimitBytes: number
  trustProxy: boolean
  shutdownGraceMs: number
  idempotencyTtlHours: number
  /** Longest a request may run before it answers 503 (REQUEST_TIMEOUT_MS). */
  requestTimeoutMs: number
  /** Fault tests only: pause keyed writes just before or after their commit (refused in production). */
  faultPause: { at: 'before-commit' | 'after-commit'; ms: number } | undefined
  defaultLegalBasis: string
  /** Days after an order within which the provider's implementation plan is due (seed 003: 15). */
  implementationPlanDueDays: number
  /** Calendar days after the ready-for-discharge date before the municipality's payment responsibility begins (LUS 5 kap.: 3). */
  dischargeAgreementDays: number
  /** Calendar days after receipt within which a complaint is to be answered (DOMAIN §3: 14). */
  complaintAnswerDays: number
  /** Calendar days after a serious Lex Sarah assessment within which IVO is to be notified ("snarast"; default 14). */
  lexSarahIvoNotificationDays: number
  /** Webhook delivery (issue 13). */
  webhooks: {
    /** Whether this instance dispatches deliveries (off by default under NODE_ENV=test). */
    dispatch: boolean
    /** Targets on loopback, link-local or private addresses are refused unless this is set. */
    allowInternalTargets: boolean
    /** Only https targets (always in production). */
    requireHttps: boolean
    pollIntervalMs: number
    /** A receiver that has not answered by then counts as failed. */
    timeoutMs: number
    retryBaseMs: number
    retryMaxMs: number
    /** After failing this long a subscription is marked failing (at least 24 hours in production). */
    retryWindowMs: number
    /** How long the previous secret still signs after a rotation. */
    secretOverlapMs: number
  }
  /** Lex Sarah "utan dröjsmål": days from the reported date to start and to finish (assess) the investigation. */
  lexSarahInvestigationStartDays: number
  lexSarahInvestigationDays: number
  /**
   * Ordered against delivered time: a month is a deviation outside ±`percent` % of the ordered
   * hours or more than `hours` hours (default 10 % or 8 h); a customer below that for
   * `followUpMonths` months running goes on the case worker's worklist (default 3).
   */
  deliveredTime: { percent: number; hours: number; followUpMonths: number }
}

export class ConfigError extends Error {
  constructor(variable: string, problem: string) {
    super(`Invalid configuration: ${variable} ${problem}`)
    this.name = 'ConfigError'
  }
}

type Env = Record<string, string | undefined>

function str(env: Env, name: string, fallback: string): string {
  const value = env[name]
  if (value === undefined || value === '') return fallback
  return value
}

function optionalStr(env: Env, name: string): string | undefined {
  const value = env[name]
  return value === undefined || value === '' ? undefined : value
}

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]
  if (raw === undefined || raw === '') return fallback
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `must be a whole number, got "${raw}"`)
  const value = Number(raw)
  if (value < min || value > max) throw new ConfigError(name, `must be between ${min} and ${max}, got ${value}`)
  return value
}

function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]
  if (raw === undefined || raw === '') return fallback
  if (raw === 'true' || raw === '1') return true
  if (raw === 'false' || raw === '0') return false
  throw new ConfigError(name, `must be true or false, got "${raw}"`)
}

function oneOf<T extends string>(env: Env, name: string, fallback: T, allowed: readonly T[]): T {
  const raw = str(env, name, fallback)
  if (!allowed.includes(raw as T)) throw new ConfigError(name, `must be one of ${allowed.join(', ')}, got "${raw}"`)
  return raw as T
}

function url(env: Env, name: string, protocols: string[]): string | undefined {
  const raw = optionalStr(env, name)
  if (raw === undefined) return undefined
  let parsed: URL
  try {
    parsed = new URL(raw)
  } catch {
    throw new ConfigError(name, 'must be a URL')
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(name, `must use ${protocols.join(' or ')}, got ${parsed.protocol}`)
  }
  return raw
}

const SUPPORTED_ALGORITHMS = ['ES256', 'ES384', 'RS256', 'RS384', 'RS512', 'PS256', 'EdDSA']

/** Every wait on the database is bounded; a wait that runs out answers 503 with Retry-After. */
export interface DatabaseTimeouts {
  /** One statement of an ordinary request (statement_timeout). */
  statementMs: number
  /** One statement of a report or indicator computation, which reads much more. */
  reportStatementMs: number
  /** Waiting for a row or table lock (lock_timeout). */
  lockMs: number
  /** A transaction left open without a statement (idle_in_transaction_session_timeout). */
  idleInTransactionMs: number
  /** Waiting for a free connection of the pool. */
  acquireMs: number
}

export type DatabaseConfig = Pick<Config, 'databaseUrl' | 'databaseReadUrl' | 'databaseReadCatchUpMs' | 'databasePoolMax' | 'databasePreparedStatements' | 'databaseTimeouts' | 'dataDir'>

/** The database settings alone: all that `npm run migrate` needs. */
export function loadDatabaseConfig(env: Env = process.env): DatabaseConfig {
  const databaseUrl = url(env, 'DATABASE_URL', ['postgres:', 'postgresql:'])
  const databaseReadUrl = url(env, 'DATABASE_READ_URL', ['postgres:', 'postgresql:'])
  if (databaseReadUrl !== undefined && databaseUrl === undefined) {
    throw new ConfigError('DATABASE_READ_URL', 'needs DATABASE_URL: the replica is of a PostgreSQL server, not of the embedded database')
  }
  return {
    databaseUrl,
    databaseReadUrl,
    databaseReadCatchUpMs: int(env, 'DATABASE_READ_CATCH_UP_MS', 100, 0, 10_000),
    databasePoolMax: int(env, 'DATABASE_POOL_MAX', 10, 1, 500),
    databasePreparedStatements: bool(env, 'DATABASE_PREPARED_STATEMENTS', true),
    databaseTimeouts: {
      statementMs: int(env, 'DATABASE_STATEMENT_TIMEOUT_MS', 5000, 100, 600_000),
      reportStatementMs: int(env, 'DATABASE_REPORT_STATEMENT_TIMEOUT_MS', 15_000, 100, 3_600_000),
      lockMs: int(env, 'DATABASE_LOCK_TIMEOUT_MS', 2000, 50, 600_000),
      idleInTransactionMs: int(env, 'DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS', 10_000, 100, 3_600_000),
      acquireMs: int(env, 'DATABASE_POOL_ACQUIRE_TIMEOUT_MS', 3000, 50, 600_000)
    },
    dataDir: path.resolve(str(env, 'DATA_DIR', '.data'))
  }
}

/** How long the access log stays in the database (`npm run access-log -- archive`). */
export function loadAccessLogConfig(env: Env = process.env): { retentionMonths: number } {
  return { retentionMonths: int(env, 'ACCESS_LOG_RETENTION_MONTHS', DEFAULT_ACCESS_LOG_RETENTION_MONTHS, 1, 1200) }
}

export function loadConfig(env: Env = process.env): Config {
  const nodeEnv = oneOf(env, 'NODE_ENV', 'development', ['development', 'production', 'test'] as const)
  const database = loadDatabaseConfig(env)
  const dataDir = database.dataDir
  const jwksUrl = url(env, 'AUTH_JWKS_URL', ['https:', 'http:'])
  if (nodeEnv === 'production' && jwksUrl === undefined) {
    throw new ConfigError('AUTH_JWKS_URL', 'is required when NODE_ENV=production (the local development key is refused)')
  }
  const embeddedDatabaseInProduction = bool(env, 'EMBEDDED_DATABASE_IN_PRODUCTION', false)
  if (nodeEnv === 'production' && database.databaseUrl === undefined && !embeddedDatabaseInProduction) {
    throw new ConfigError('DATABASE_URL', 'is required when NODE_ENV=production: the embedded database would keep its data inside the container and lose it with the container '
      + '(to run it anyway, mount a volume at DATA_DIR and set EMBEDDED_DATABASE_IN_PRODUCTION=true)')
  }
  const host = str(env, 'HOST', '127.0.0.1')
  const algorithms = str(env, 'AUTH_ALGORITHMS', 'ES256,RS256').split(',').map((a) => a.trim()).filter(Boolean)
  const unsupported = algorithms.filter((a) => !SUPPORTED_ALGORITHMS.includes(a))
  if (algorithms.length === 0 || unsupported.length > 0) {
    throw new ConfigError('AUTH_ALGORITHMS', `must list asymmetric algorithms among ${SUPPORTED_ALGORITHMS.join(', ')}`)
  }

  const faultPauseAt = optionalStr(env, 'FAULT_PAUSE_AT')
  if (faultPauseAt !== undefined && (nodeEnv === 'production' || !['before-commit', 'after-commit'].includes(faultPauseAt))) {
    throw new ConfigError('FAULT_PAUSE_AT', 'is for the fault tests only: before-commit or after-commit, never in production')
  }

  return {
    nodeEnv,
    host,
    port: int(env, 'PORT', 3000, 0, 65535),
    logLevel: oneOf(env, 'LOG_LEVEL', nodeEnv === 'test' ? 'silent' : 'info',
      ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const),
    ...database,
    migrateOnStart: bool(env, 'MIGRATE_ON_START', true),
    embeddedDatabaseInProduction,
    metrics: {
      host: str(env, 'METRICS_HOST', host),
      port: int(env, 'METRICS_PORT', 9464, 0, 65535),
      token: optionalStr(env, 'METRICS_TOKEN')
    },
    auth: {
      jwksUrl,
      devKeyFile: path.resolve(str(env, 'AUTH_DEV_KEY_FILE', path.join(dataDir, 'dev-signing-key.json'))),
      issuer: str(env, 'AUTH_ISSUER', 'urn:bestallarenhet:dev'),
      audience: str(env, 'AUTH_AUDIENCE', 'bestallarenhet-api'),
      algorithms
    },
    rateLimit: {
      max: int(env, 'RATE_LIMIT_MAX', 600, 1, 10_000_000),
      windowMs: int(env, 'RATE_LIMIT_WINDOW_MS', 60_000, 1000, 3_600_000)
    },
    maxEventLoopDelayMs: int(env, 'MAX_EVENT_LOOP_DELAY_MS', 1000, 0, 60_000),
    maxInFlightRequests: int(env, 'MAX_IN_FLIGHT_REQUESTS', 64, 0, 100_000),
    bodyLimitBytes: int(env, 'BODY_LIMIT_BYTES', 1_048_576, 1024, 50 * 1_048_576),
    trustProxy: bool(env, 'TRUST_PROXY', false),
    shutdownGraceMs: int(env, 'SHUTDOWN_GRACE_MS', 10_000, 0, 120_000),
    idempotencyTtlHours: int(env, 'IDEMPOTENCY_TTL_HOURS', 24, 1, 24 * 30),
    requestTimeoutMs: int(env, 'REQUEST_TIMEOUT_MS', 20_000, 100, 600_000),
    faultPause: faultPauseAt === undefined ? undefined : { at: faultPauseAt as 'before-commit' | 'after-commit', ms: int(env, 'FAULT_PAUSE_MS', 3000, 0, 600_000) },
    defaultLegalBasis: str(env, 'DEFAULT_LEGAL_BASIS', 'SoL 4 kap. 1 §'),
    implementationPlanDueDays: int(env, 'IMPLEMENTATION_PLAN_DUE_DAYS', 15, 1, 365),
    dischargeAgreementDays: int(env, 'DISCHARGE_AGREEMENT_DAYS', 3, 0, 60),
    complaintAnswerDays: int(env, 'COMPLAINT_ANSWER_DAYS', 14, 1, 365),
    lexSarahIvoNotificationDays: int(env, 'LEX_SARAH_IVO_NOTIFICATION_DAYS', 14, 1, 365),
    webhooks: {
      dispatch: bool(env, 'WEBHOOK_DISPATCH', nodeEnv !== 'test'),
      allowInternalTargets: bool(env, 'WEBHOOK_ALLOW_INTERNAL_TARGETS', false),
      requireHttps: nodeEnv === 'production' || bool(env, 'WEBHOOK_REQUIRE_HTTPS', false),
      pollIntervalMs: int(env, 'WEBHOOK_POLL_INTERVAL_MS', 1000, 10, 600_000),
      timeoutMs: int(env, 'WEBHOOK_TIMEOUT_MS', 10_000, 50, 120_000),
      retryBaseMs: int(env, 'WEBHOOK_RETRY_BASE_MS', 30_000, 10, 3_600_000),
      retryMaxMs: int(env, 'WEBHOOK_RETRY_MAX_MS', 3_600_000, 10, 86_400_000),
      retryWindowMs: int(env, 'WEBHOOK_RETRY_WINDOW_MS', 86_400_000, nodeEnv === 'production' ? 86_400_000 : 100, 14 * 86_400_000),
      secretOverlapMs: int(env, 'WEBHOOK_SECRET_OVERLAP_HOURS', 24, 0, 24 * 14) * 3_600_000
    },
    lexSarahInvestigationStartDays: int(env, 'LEX_SARAH_INVESTIGATION_START_DAYS', 7, 0, 365),
    lexSarahInvestigationDays: int(env, 'LEX_SARAH_INVESTIGATION_DAYS', 60, 1, 730),
    deliveredTime: {
      percent: int(env, 'DELIVERED_TIME_TOLERANCE_PERCENT', 10, 0, 100),
      hours: int(env, 'DELIVERED_TIME_TOLERANCE_HOURS', 8, 0, 744),
      followUpMonths: int(env, 'DELIVERED_TIME_FOLLOW_UP_MONTHS', 3, 1, 24)
    }
  }
}
