/**
 * Fault-test support: a private, throw-away PostgreSQL cluster (initdb + pg_ctl in a temp dir,
 * on a free port) that the tests may stop, crash and restart — never the shared server — and
 * the real service (src/server.ts) as a child process, plus a small HTTP load generator.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'

const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin'
const ROOT = new URL('../../', import.meta.url).pathname

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** initdb refuses to run as root: then every cluster command runs as the postgres user. */
export function asClusterUser(): { prefix: string[]; uid?: number; gid?: number } {
  if (process.getuid?.() !== 0) return { prefix: [] }
  const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim())
  const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim())
  return { prefix: ['runuser', '-u', 'postgres', '--'], uid, gid }
}

export interface PrivatePostgres {
  port: number
  dir: string
  /** postgres://… of a database on this cluster. */
  url(database?: string): string
  stop(mode?: 'fast' | 'immediate'): void
  start(): void
  destroy(): void
  /** Runs SQL as the superuser on the `postgres` database. */
  admin<T extends pg.QueryResultRow = pg.QueryResultRow>(text: string, params?: unknown[]): Promise<T[]>
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const user = asClusterUser()
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bea-pg-'))
  if (user.uid !== undefined) fs.chownSync(dir, user.uid, user.gid!)
  const data = path.join(dir, 'data')
  clusterCommand('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-locale', '--no-sync'])
  return runCluster(dir, await freePort())
}

/**
 * A streaming replica of `primary` (pg_basebackup -R: a standby.signal and primary_conninfo),
 * a hot standby on a port of its own that answers reads while it replays the primary's WAL.
 */
export async function startPrivateReplica(primary: PrivatePostgres): Promise<PrivatePostgres> {
  const user = asClusterUser()
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bea-pg-replica-'))
  if (user.uid !== undefined) fs.chownSync(dir, user.uid, user.gid!)
  clusterCommand('pg_basebackup', ['-h', '127.0.0.1', '-p', String(primary.port), '-U', 'postgres', '-D', path.join(dir, 'data'), '-R', '-X', 'stream', '--checkpoint=fast'])
  return runCluster(dir, await freePort())
}

/** Runs a PostgreSQL binary as the cluster's user. */
export function clusterCommand(bin: string, args: string[]): void {
  const [command, ...rest] = [...asClusterUser().prefix, path.join(PG_BIN, bin), ...args]
  execFileSync(command!, rest, { stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 })
}

/** Starts the cluster in `dir`/data on `port` and hands out its controls. */
function runCluster(dir: string, port: number): PrivatePostgres {
  const data = path.join(dir, 'data')
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=60`
  const start = () => clusterCommand('pg_ctl', ['-D', data, '-o', options, '-l', path.join(dir, 'server.log'), '-w', '-t', '60', 'start'])
  const stop = (mode: 'fast' | 'immediate' = 'fast') => clusterCommand('pg_ctl', ['-D', data, '-m', mode, '-w', '-t', '60', 'stop'])
  start()
  let destroyed = false
  const url = (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`
  return {
    port,
    dir,
    url,
    start,
    stop,
    destroy() {
      if (destroyed) return
      destroyed = true
      try {
        stop('immediate')
      } catch {
        // already stopped
      }
      fs.rmSync(dir, { recursive: true, force: true })
    },
    async admin(text, params = []) {
      const client = new pg.Client({ connectionString: url() })
      await client.connect()
      try {
        return (await client.query(text, params)).rows
      } finally {
        await client.end()
      }
    }
  }
}

export interface ServiceProcess {
  child: ChildProcess
  baseUrl: string
  logs: () => string
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
}

/** The parent's environment without what would change the service (tap's loaders, its database). */
function inherited(): Record<string, string> {
  const env = { ...process.env } as Record<string, string>
  for (const key of Object.keys(env)) {
    if (key === 'NODE_OPTIONS' || key.startsWith('TAP') || key === 'DATABASE_URL' || key === 'DATA_DIR') delete env[key]
  }
  return env
}

/**
 * Starts `src/server.ts` (through tsx), or the built `dist/server.js` when `entry` says so, and
 * waits until it answers /health/live. No load shedding unless `env` asks for it: the fault
 * tests read back hundreds of writes at once, which the admission limit would shed.
 */
export async function startService(env: Record<string, string>, entry: 'src' | 'dist' = 'src'): Promise<ServiceProcess> {
  const port = await freePort()
  let output = ''
  const child = spawn(process.execPath, entry === 'src' ? ['--import', 'tsx', 'src/server.ts'] : ['dist/server.js'], {
    cwd: ROOT,
    env: { ...inherited(), NODE_ENV: 'development', LOG_LEVEL: 'info', HOST: '127.0.0.1', PORT: String(port), RATE_LIMIT_MAX: '10000000', MAX_EVENT_LOOP_DELAY_MS: '0', MAX_IN_FLIGHT_REQUESTS: '0', METRICS_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  child.stdout!.on('data', (chunk: Buffer) => { output += chunk.toString() })
  child.stderr!.on('data', (chunk: Buffer) => { output += chunk.toString() })
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })))
  const baseUrl = `http://127.0.0.1:${port}`
  // Generous: on a loaded machine tsx alone can take half a minute to start.
  const until = Date.now() + 120_000
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`the service exited during start-up:\n${output}`)
    try {
      if ((await fetch(`${baseUrl}/health/live`)).ok) return { child, baseUrl, logs: () => output, exited }
    } catch {
      // not listening yet
    }
    await sleep(100)
  }
  child.kill('SIGKILL')
  throw new Error(`the service did not start:\n${output}`)
}

export interface Outcome {
  status: number | 'network-error'
  contentType: string
  body: any
  at: number
}

/** One HTTP call that never throws: a network failure is an outcome too. */
export async function request(baseUrl: string, method: string, url: string, token: string | undefined, body?: unknown, headers: Record<string, string> = {}): Promise<Outcome> {
  try {
    const res = await fetch(`${baseUrl}${url}`, {
      method,
      headers: { ...headers, ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(30_000)
    })
    const text = await res.text()
    let parsed: unknown = text
    try {
      parsed = JSON.parse(text)
    } catch {
      // keep the text
    }
    return { status: res.status, contentType: res.headers.get('content-type') ?? '', body: parsed, at: Date.now() }
  } catch (error) {
    return { status: 'network-error', contentType: '', body: String((error as Error).cause ?? error), at: Date.now() }
  }
}

/** A distinct valid personnummer for every n (birth dates 1920–1959, serials 100–999). */
export function uniquePersonnummer(n: number): string {
  const day = new Date(Date.UTC(1920, 0, 1) + (n % 14_000) * 86_400_000)
  const ymd = day.toISOString().slice(0, 10).replaceAll('-', '')
  const serial = String(100 + Math.floor(n / 14_000)).padStart(3, '0')
  const nine = ymd.slice(2) + serial
  let sum = 0
  for (let i = 0; i < nine.length; i++) {
    const d = Number(nine[i]) * (i % 2 === 0 ? 2 : 1)
    sum += Math.floor(d / 10) + (d % 10)
  }
  return `${ymd}${serial}${(10 - (sum % 10)) % 10}`
}
