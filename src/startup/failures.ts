/**
 * Start-up failures a person can fix, each as one line naming the setting to change and a
 * distinct exit code (sysexits' EX_CONFIG, 78, for bad values; 80–86 for the rest), instead of
 * a stack trace. `exitOnFailure` prints the line and exits; anything unrecognised is rethrown.
 */
import path from 'node:path'
import { ConfigError } from '../config.js'

export const EXIT_CODES = {
  /** A setting has a bad value (or production without DATABASE_URL). */
  config: 78,
  portInUse: 80,
  host: 81,
  dataDir: 82,
  dataDirInUse: 83,
  databaseUnreachable: 84,
  databaseMissing: 85,
  databaseAuthentication: 86
} as const

export class StartupFailure extends Error {
  constructor(message: string, readonly exitCode: number) {
    super(message)
    this.name = 'StartupFailure'
  }
}

/** The URL as the operator wrote it, minus the password. */
export function withoutPassword(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl)
    if (url.password !== '') url.password = '***'
    return url.toString()
  } catch {
    return '(unparseable URL)'
  }
}

/** A path as the operator would write it: relative to the working directory when inside it. */
export function shownPath(dir: string): string {
  const relative = path.relative(process.cwd(), dir)
  return relative === '' ? '.' : relative.startsWith('..') || path.isAbsolute(relative) ? dir : relative
}

type NodeError = Error & { code?: string; errors?: unknown[] }

/** The error code of an error, or of the first inner one (net's AggregateError for several addresses). */
function codeOf(error: unknown): string | undefined {
  const e = error as NodeError | undefined
  if (typeof e?.code === 'string') return e.code
  const first = Array.isArray(e?.errors) ? (e.errors[0] as NodeError | undefined) : undefined
  return typeof first?.code === 'string' ? first.code : undefined
}

const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET'])

/** A failure to connect to DATABASE_URL, or undefined when the error is something else. */
export function databaseFailure(error: unknown, databaseUrl: string): StartupFailure | undefined {
  const code = codeOf(error)
  const url = withoutPassword(databaseUrl)
  const database = (() => { try { return decodeURIComponent(new URL(databaseUrl).pathname.slice(1)) } catch { return '' } })()
  const message = error instanceof Error ? error.message : String(error)
  if (code === '3D000') {
    return new StartupFailure(`DATABASE_URL (${url}): database "${database}" does not exist — create it (createdb ${database}) or correct the name`, EXIT_CODES.databaseMissing)
  }
  if (code === '28P01' || code === '28000') {
    return new StartupFailure(`DATABASE_URL (${url}): authentication failed (${message}) — check the user and password`, EXIT_CODES.databaseAuthentication)
  }
  // Only a driver-level failure (no SQLSTATE) is about reaching the server: a statement timeout
  // (57014) reached it.
  if ((code !== undefined && UNREACHABLE.has(code)) || (code === undefined && /timeout|terminated unexpectedly/i.test(message))) {
    return new StartupFailure(`DATABASE_URL (${url}): cannot reach the server (${code ?? message}) — is PostgreSQL running there?`, EXIT_CODES.databaseUnreachable)
  }
  return undefined
}

/** A failure to listen on HOST:PORT, or undefined when the error is something else. */
export function listenFailure(error: unknown, host: string, port: number, names = { host: 'HOST', port: 'PORT' }): StartupFailure | undefined {
  const code = codeOf(error)
  if (code === 'EADDRINUSE') {
    return new StartupFailure(`${names.port}=${port} is already in use on ${host} — stop what listens there, or set ${names.port} to a free port`, EXIT_CODES.portInUse)
  }
  if (code === 'EACCES') {
    return new StartupFailure(`${names.port}=${port} needs privileges this process lacks — use a port above 1023`, EXIT_CODES.portInUse)
  }
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME' || code === 'EINVAL') {
    return new StartupFailure(`${names.host}=${host} is not an address of this machine (${code}) — use 127.0.0.1, 0.0.0.0, :: or one of its interfaces`, EXIT_CODES.host)
  }
  return undefined
}

/** A data directory that cannot be created or written, or undefined when the error is something else. */
export function dataDirFailure(error: unknown, dataDir: string): StartupFailure | undefined {
  const code = codeOf(error)
  const reasons: Record<string, string> = {
    ENOTDIR: 'is not a directory (or lies under a file)',
    EEXIST: 'exists and is not a directory',
    EACCES: 'is not writable by this user',
    EPERM: 'is not writable by this user',
    EROFS: 'is on a read-only file system',
    ENOSPC: 'is on a full disk'
  }
  const reason = code === undefined ? undefined : reasons[code]
  if (reason === undefined) return undefined
  return new StartupFailure(`DATA_DIR=${shownPath(dataDir)} ${reason} — point DATA_DIR at a writable directory`, EXIT_CODES.dataDir)
}

/** Prints a known failure as one line on stderr and exits with its code; rethrows anything else. */
export function exitOnFailure(error: unknown): never {
  if (error instanceof ConfigError) {
    console.error(error.message)
    process.exit(EXIT_CODES.config)
  }
  if (error instanceof StartupFailure) {
    console.error(error.message)
    process.exit(error.exitCode)
  }
  throw error
}
