/** The command line of `npm run seed:scale`, parsed and checked without touching anything. */
import { parseArgs } from 'node:util'

export interface ScaleOptions {
  persons: number
  years: number
  seed: number
  reset: boolean
  /** Years of reads in the access log, ending today (0: none). */
  accessLogYears: number
  /** Only add the access log's reads to a city loaded before (access-log.ts). */
  accessLogOnly: boolean
}

export const DEFAULT_OPTIONS: ScaleOptions = { persons: 35_000, years: 10, seed: 1, reset: false, accessLogYears: 1, accessLogOnly: false }

export class OptionError extends Error {
  override name = 'OptionError'
}

function integer(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback
  if (!/^\d+$/.test(raw)) throw new OptionError(`--${name} must be a whole number (got '${raw}')`)
  const n = Number(raw)
  if (n < min || n > max) throw new OptionError(`--${name} must be between ${min} and ${max} (got ${n})`)
  return n
}

export function parseScaleOptions(argv: readonly string[]): ScaleOptions {
  let values
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        persons: { type: 'string' }, years: { type: 'string' }, seed: { type: 'string' }, reset: { type: 'boolean', default: false },
        'access-log-years': { type: 'string' }, 'access-log-only': { type: 'boolean', default: false }
      },
      strict: true,
      allowPositionals: false
    }))
  } catch (error) {
    throw new OptionError((error as Error).message)
  }
  const options: ScaleOptions = {
    persons: integer('persons', values.persons, DEFAULT_OPTIONS.persons, 1, 1_000_000),
    years: integer('years', values.years, DEFAULT_OPTIONS.years, 1, 30),
    seed: integer('seed', values.seed, DEFAULT_OPTIONS.seed, 0, 4_294_967_295),
    reset: values.reset ?? false,
    accessLogYears: integer('access-log-years', values['access-log-years'], DEFAULT_OPTIONS.accessLogYears, 0, 30),
    accessLogOnly: values['access-log-only'] ?? false
  }
  if (options.accessLogOnly && options.reset) throw new OptionError('--access-log-only adds to a loaded city: it cannot be combined with --reset')
  if (options.accessLogOnly && options.accessLogYears === 0) throw new OptionError('--access-log-only with --access-log-years 0 would load nothing')
  return options
}

/**
 * Where the city goes: a PostgreSQL server, never the embedded PGlite (a city is loaded into
 * a server). Returns the database name and the URL of the server's `postgres` database, from
 * which it can be created or dropped.
 */
export function targetDatabase(databaseUrl: string | undefined): { name: string; url: string; adminUrl: string } {
  if (databaseUrl === undefined || databaseUrl === '') {
    throw new OptionError('DATABASE_URL is required: the city is loaded into a PostgreSQL server, not the embedded PGlite database (e.g. DATABASE_URL=postgres://postgres@127.0.0.1:5432/city).')
  }
  let url: URL
  try {
    url = new URL(databaseUrl)
  } catch {
    throw new OptionError('DATABASE_URL is not a valid URL.')
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new OptionError(`DATABASE_URL must be a postgres:// URL (got ${url.protocol}).`)
  }
  const name = decodeURIComponent(url.pathname.replace(/^\//, ''))
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) {
    throw new OptionError(`DATABASE_URL must name a database of lower-case letters, digits and underscores (got '${name}').`)
  }
  if (name === 'postgres' || name === 'template0' || name === 'template1') {
    throw new OptionError(`Refusing to load the city into the '${name}' database: name a database of its own.`)
  }
  const admin = new URL(url.toString())
  admin.pathname = '/postgres'
  return { name, url: url.toString(), adminUrl: admin.toString() }
}
