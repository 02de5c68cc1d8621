/**
 * Loads a whole city into a PostgreSQL database: creates the database if needed (dropping it
 * first with `reset`), migrates it, refuses to add a city to one that already holds persons,
 * then generates persons in batches and sends each batch with COPY, table by table in
 * foreign-key order, so memory stays bounded by one batch. Ends by setting the case-number
 * sequences past the loaded numbers, ANALYZE, and counting the rows.
 */
import pg from 'pg'
import { addMonths, todayInStockholm } from '../domain/calendar.js'
import { addDays, daysBetween } from './days.js'
import { createDatabase } from '../db/database.js'
import { migrate } from '../db/migrate.js'
import type { CityContext, KinQuestion } from './context.js'
import { danglingReferences } from './foreign-keys.js'
import { generateGoals } from './goals.js'
import { generateHistory, type PersonSummary } from './history.js'
import type { ScaleOptions } from './options.js'
import { OptionError, targetDatabase } from './options.js'
import { drawPerson, type Person, type Unit } from './persons.js'
import { generateProviders } from './providers.js'
import { FULL_SIZE, generateComplaints, generateDeviations, generateLexSarah, qualityVolume } from './quality.js'
import { Random, Weighted } from './random.js'
import { UNIT_WEIGHTS, caseWorkerCount } from './staff.js'
import { createTables, type Tables } from './tables.js'
import { hasSeededAccessLog, loadAccessLog } from './access-log.js'
import { earliest } from './timeline.js'

/** Applications per person and year of the window at full size: 600,000 over 35,000 persons and ten years. */
export const APPLICATIONS_PER_PERSON_YEAR = 600_000 / (FULL_SIZE.persons * FULL_SIZE.years)
const BATCH_PERSONS = 500

export interface LoadResult {
  database: string
  today: string
  windowStart: string
  counts: { table: string; rows: number }[]
  /** The reads added to the access log (none with --access-log-years 0). */
  accessLog?: { from: string; to: string; rows: number; events: number; seconds: number }
  seconds: number
}

type Log = (line: string) => void

async function prepareDatabase(target: ReturnType<typeof targetDatabase>, reset: boolean, log: Log): Promise<void> {
  const admin = new pg.Client({ connectionString: target.adminUrl })
  await admin.connect()
  try {
    const exists = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [target.name])).rowCount !== 0
    if (exists && reset) {
      log(`dropping database ${target.name} (--reset)`)
      await admin.query(`DROP DATABASE "${target.name}" WITH (FORCE)`)
    }
    if (!exists || reset) {
      log(`creating database ${target.name}`)
      await admin.query(`CREATE DATABASE "${target.name}"`)
    }
  } finally {
    await admin.end()
  }
}

async function flushAll(client: pg.ClientBase, tables: Tables): Promise<void> {
  for (const buffer of Object.values(tables)) await buffer.flush(client)
}

/** The mean days between a person's applications that gives the city its number of applications. */
const activeDays = (p: Person, today: string) => Math.max(0, daysBetween(p.careStart, earliest(p.careEnd ?? today, today)))

export function meanGapDays(persons: readonly Person[], today: string, years: number): number {
  let days = 0
  for (const p of persons) days += activeDays(p, today)
  // The first application falls on the first day of care; the rest are spread over the days in care.
  const target = Math.max(1, persons.length * years * APPLICATIONS_PER_PERSON_YEAR - persons.length)
  return Math.max(14, days / target)
}

export async function loadCity(options: ScaleOptions, databaseUrl: string | undefined, log: Log, now = new Date()): Promise<LoadResult> {
  const target = targetDatabase(databaseUrl)
  const started = performance.now()
  const elapsed = () => ((performance.now() - started) / 1000).toFixed(1)
  await prepareDatabase(target, options.reset, log)

  const database = await createDatabase({ databaseUrl: target.url, pgliteDataDir: 'memory://', poolMax: 2 })
  try {
    const applied = await migrate(database)
    if (applied.length > 0) log(`migrated: ${applied.join(', ')}`)
  } finally {
    await database.close()
  }

  const client = new pg.Client({ connectionString: target.url, application_name: 'seed-scale' })
  await client.connect()
  try {
    if (options.accessLogOnly) {
      const held = await client.query<{ n: string }>('SELECT count(*) AS n FROM persons')
      if (Number(held.rows[0]?.n) === 0) throw new OptionError(`Database ${target.name} holds no city: load one first (npm run seed:scale without --access-log-only).`)
      const today = todayInStockholm(now)
      const accessLog = await seedAccessLog(client, options, today, log)
      return { database: target.name, today, windowStart: accessLog.from, counts: await countRows(client, ['access_log']), accessLog, seconds: (performance.now() - started) / 1000 }
    }
    const held = await client.query<{ n: string }>('SELECT count(*) AS n FROM persons')
    if (Number(held.rows[0]?.n) > 0) {
      throw new OptionError(`Database ${target.name} already holds ${held.rows[0]?.n} persons; run again with --reset to drop and recreate it (everything in it is lost).`)
    }
    // The load can be redone from scratch; losing its last commits in a crash costs nothing.
    await client.query('SET synchronous_commit = off')
    // Foreign keys are checked once at the end (foreign-keys.ts), not row by row.
    await client.query('SET session_replication_role = replica')

    const today = todayInStockholm(now)
    const windowStart = addDays(addMonths(today, -12 * options.years), 1)
    const unitRows = (await client.query<{ id: string; code: string; district: string }>('SELECT id, code, district FROM units ORDER BY code')).rows
    const units: Unit[] = unitRows.map((u) => ({ ...u, caseWorkers: caseWorkerCount(u.code) }))
    const kinQuestions = (await client.query<KinQuestion>(
      'SELECT code, service_context AS "serviceContext", answer_scale AS scale FROM kin_questions WHERE active ORDER BY position')).rows

    const random = new Random(options.seed)
    const tables = createTables()
    const providers = generateProviders(random, tables, units.map((u) => u.district))
    const ctx: CityContext = {
      random, today, windowStart, tables, providersByService: providers.byService, kinQuestions,
      counters: { application: 0, complaint: 0, deviation: 0, lexSarah: 0 }
    }
    await flushAll(client, tables)

    const unitChoice = new Weighted(units.map((u) => [u, UNIT_WEIGHTS[u.code] ?? 0.05] as const))
    const plan = { windowStart, today }
    const persons = Array.from({ length: options.persons }, () => drawPerson(random, plan, unitChoice))
    const gap = meanGapDays(persons, today, options.years)
    log(`generating ${options.persons} persons over ${options.years} years (${windowStart} – ${today}), seed ${options.seed}; mean ${gap.toFixed(0)} days between a person's applications`)

    const usedNumbers = new Set<string>()
    const summaries: PersonSummary[] = []
    let nextReport = 0
    // People in care homes apply less often than the base rate assumes: every hundred persons,
    // the gap is scaled by how far the applications fell short of (or beyond) the target.
    const steer = { scale: 1, expected: 0, actual: 0, from: 0 }
    for (let i = 0; i < persons.length; i++) {
      const person = persons[i] as Person
      // Counted before the history: a move into a care home can shorten the person's care.
      steer.expected += 1 + activeDays(person, today) / gap
      summaries.push(generateHistory(ctx, person, gap * steer.scale, usedNumbers))
      if ((i + 1) % 100 === 0) {
        const actual = ctx.counters.application - steer.from
        steer.scale *= Math.min(1.25, Math.max(0.8, actual / steer.expected))
        steer.expected = 0
        steer.from = ctx.counters.application
      }
      if ((i + 1) % BATCH_PERSONS === 0 || i + 1 === persons.length) {
        await flushAll(client, tables)
        if (i + 1 >= nextReport || i + 1 === persons.length) {
          log(`${elapsed()} s  persons ${tables.persons.loaded}/${options.persons} · applications ${tables.applications.loaded} · decisions ${tables.decisions.loaded} · executions ${tables.executions.loaded} · follow-ups ${tables.follow_ups.loaded}`)
          nextReport = i + 1 + Math.max(BATCH_PERSONS, Math.round(options.persons / 10))
        }
      }
    }

    const unitsById = new Map(units.map((u) => [u.id, u]))
    const inputs = { persons: summaries, units: unitsById, providers }
    generateComplaints(ctx, inputs, qualityVolume(options.persons, options.years, FULL_SIZE.complaints))
    generateDeviations(ctx, inputs, qualityVolume(options.persons, options.years, FULL_SIZE.deviations))
    generateLexSarah(ctx, inputs, qualityVolume(options.persons, options.years, FULL_SIZE.lexSarah))
    generateGoals(ctx, units, Number(windowStart.slice(0, 4)), Number(today.slice(0, 4)))
    await flushAll(client, tables)
    log(`${elapsed()} s  complaints ${tables.complaints.loaded} · deviations ${tables.deviations.loaded} · Lex Sarah ${tables.lex_sarah_reports.loaded} · goals ${tables.goals.loaded} · indicator values ${tables.indicator_values.loaded}`)

    // New case numbers from the API continue after the loaded ones.
    for (const [sequence, last] of [
      ['application_case_number_seq', ctx.counters.application], ['complaint_case_number_seq', ctx.counters.complaint],
      ['deviation_case_number_seq', ctx.counters.deviation], ['lex_sarah_case_number_seq', ctx.counters.lexSarah]
    ] as const) {
      if (last > 0) await client.query('SELECT setval($1::regclass, $2, true)', [sequence, last])
    }

    await client.query('SET session_replication_role = DEFAULT')
    log(`${elapsed()} s  checking every foreign key`)
    const dangling = await danglingReferences(client)
    if (dangling.length > 0) {
      throw new Error(`The generated city breaks foreign keys (a bug in the generator): ${dangling.map((d) => `${d.name}: ${d.rows} rows`).join(', ')}. Drop the database (--reset) after fixing it.`)
    }

    // The COPY ran with triggers off: the state the database keeps from the execution facts
    // (migration 0022) is filled from them in one statement, by the same definition.
    log(`${elapsed()} s  granted-decision states`)
    await client.query('INSERT INTO granted_decision_states SELECT * FROM granted_decision_states_from_facts')

    // VACUUM as well: a loaded table has no visibility map until autovacuum comes by, and without
    // it the covering indexes (delivered_time's unit months, the state's running range) are read
    // through the heap; a city's database in service has had its vacuum.
    log(`${elapsed()} s  VACUUM (ANALYZE)`)
    await client.query('VACUUM (ANALYZE)')
    const accessLog = options.accessLogYears > 0 ? await seedAccessLog(client, options, today, log) : undefined
    const counts = await countRows(client, [...Object.keys(tables), ...(accessLog ? ['access_log'] : [])])
    return { database: target.name, today, windowStart, counts, ...(accessLog ? { accessLog } : {}), seconds: (performance.now() - started) / 1000 }
  } finally {
    await client.end()
  }
}

async function countRows(client: pg.ClientBase, tables: readonly string[]): Promise<{ table: string; rows: number }[]> {
  const counts: { table: string; rows: number }[] = []
  for (const table of tables) {
    const r = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)
    counts.push({ table, rows: Number(r.rows[0]?.n) })
  }
  return counts
}

/** The access log's reads of the last `accessLogYears` years up to yesterday (access-log.ts), once. */
async function seedAccessLog(client: pg.ClientBase, options: ScaleOptions, today: string, log: Log): Promise<NonNullable<LoadResult['accessLog']>> {
  if (await hasSeededAccessLog(client)) {
    throw new OptionError('The access log already holds seeded reads (request ids seed-…): they are loaded once.')
  }
  const from = addMonths(today, -12 * options.accessLogYears)
  const to = addDays(today, -1)
  log(`access log: the reads of every working day ${from} – ${to}`)
  // Rows of reads that never happened: losing the last commits in a crash costs nothing (the
  // load refuses to run twice, so redo it on a fresh copy).
  await client.query('SET synchronous_commit = off')
  const share = Math.min(1, options.persons / FULL_SIZE.persons)
  return { from, to, ...await loadAccessLog(client, { from, to, seed: options.seed, share }, log) }
}
