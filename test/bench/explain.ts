/**
 * `npm run explain`: the query-plan walk of test/db/query-plans.test.ts against the scaled
 * database in DATABASE_URL, with real statistics (seqscans allowed). For each endpoint and
 * formula it prints the request's time and, per statement, `EXPLAIN (ANALYZE, BUFFERS)`'s
 * execution time and scan nodes. Exits 1 on a Seq Scan of a large table or a statement slower
 * than --max-ms (default 200); 2 when it cannot run. A large table with fewer than 1,000 rows
 * in this database (say, no communications generated) may be scanned.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/city npm run explain -- [--unit CODE] [--max-ms 200] [--plans]
 *
 * It applies pending migrations first, ANALYZEs tables that were never analysed, and picks a
 * unit (the one with the most decisions) and real ids from the database itself. Reads append
 * access-log events, as they would in production; nothing else is written.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { sql, type Kysely } from 'kysely'
import { buildApp } from '../../src/app.js'
import { signDevToken } from '../../src/auth/tokens.js'
import { loadConfig } from '../../src/config.js'
import { createDatabase } from '../../src/db/database.js'
import { migrate } from '../../src/db/migrate.js'
import type { DB } from '../../src/db/schema.js'
import { addDays, addMonths } from '../../src/domain/calendar.js'
import { quarterOf } from '../../src/domain/not-executed.js'
import { runWalk, walkSteps, type WalkFixture, type WalkRole } from '../support/endpoint-walk.js'
import { describeScan, explain, isRead, LARGE_TABLES, QueryRecorder, seqScansOfLargeTables, shortSql } from '../support/query-plans.js'

const { values: args } = parseArgs({
  options: {
    unit: { type: 'string' },
    'max-ms': { type: 'string', default: '200' },
    plans: { type: 'boolean', default: false }
  }
})
const maxMs = Number(args['max-ms'])
/** Below this many rows a "large" table (e.g. no communications yet) may be scanned. */
const SMALL_TABLE_ROWS = 1000
const databaseUrl = process.env.DATABASE_URL
if (!databaseUrl) {
  console.error('npm run explain needs DATABASE_URL: the scaled database (see npm run seed:scale).')
  process.exit(2)
}

const recorder = new QueryRecorder()
const database = await createDatabase({ databaseUrl, pgliteDataDir: 'memory://', poolMax: 4, onQuery: recorder.onQuery })
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bea-explain-'))

/** The first row of a setup query, or an error naming what the database lacks. */
async function one<T>(what: string, query: ReturnType<typeof sql<T>>, db: Kysely<DB>): Promise<T> {
  const { rows } = await query.execute(db)
  if (rows[0] === undefined) throw new Error(`The database has no ${what}; load it with npm run seed:scale.`)
  return rows[0]
}

async function analyzeFresh(db: Kysely<DB>) {
  const { rows } = await sql<{ relname: string }>`
    SELECT relname FROM pg_stat_user_tables WHERE last_analyze IS NULL AND last_autoanalyze IS NULL`.execute(db)
  for (const { relname } of rows) if (LARGE_TABLES.has(relname)) await sql`ANALYZE ${sql.table(relname)}`.execute(db)
  return rows.filter((r) => LARGE_TABLES.has(r.relname)).map((r) => r.relname)
}

/** A unit and real records of it: the unit with the most decisions unless --unit names one. */
async function pickFixture(db: Kysely<DB>): Promise<{ unitId: string; unitCode: string; fixture: WalkFixture }> {
  const unit = args.unit
    ? await one('such unit', sql<{ id: string; code: string }>`SELECT id, code FROM units WHERE code = ${args.unit}`, db)
    : await one('decisions', sql<{ id: string; code: string }>`
        SELECT u.id, u.code FROM units u JOIN LATERAL (SELECT count(*) AS n FROM decisions d WHERE d.unit_id = u.id) c ON true
        ORDER BY c.n DESC LIMIT 1`, db)
  const u = unit.id
  const person = await one('decisions in the unit', sql<{ person_id: string; personal_identity_number: string }>`
    SELECT d.person_id, p.personal_identity_number FROM decisions d JOIN persons p ON p.id = d.person_id
    WHERE d.unit_id = ${u} AND NOT p.protected_identity GROUP BY 1, 2 ORDER BY count(*) DESC LIMIT 1`, db)
  const decision = await one('decisions of the person', sql<{ id: string; application_id: string }>`
    SELECT id, application_id FROM decisions WHERE person_id = ${person.person_id} ORDER BY decision_date DESC, id DESC LIMIT 1`, db)
  const followUp = await one('follow-ups', sql<{ id: string }>`SELECT f.id FROM follow_ups f JOIN persons p ON p.id = f.person_id
    WHERE f.unit_id = ${u} AND NOT p.protected_identity ORDER BY f.due_date DESC LIMIT 1`, db)
  const complaint = await one('complaints', sql<{ id: string }>`SELECT id FROM complaints WHERE unit_id = ${u} ORDER BY received_date DESC LIMIT 1`, db)
  const deviation = await one('deviations', sql<{ id: string }>`SELECT id FROM deviations WHERE unit_id = ${u} ORDER BY sent_date DESC LIMIT 1`, db)
  const report = await one('Lex Sarah reports', sql<{ id: string }>`SELECT id FROM lex_sarah_reports WHERE unit_id = ${u} ORDER BY reported_date DESC LIMIT 1`, db)
  const caseWorker = await one('assigned case workers', sql<{ name: string }>`SELECT assigned_case_worker AS name FROM applications
    WHERE unit_id = ${u} AND assigned_case_worker IS NOT NULL ORDER BY received_date DESC LIMIT 1`, db)
  const latest = await one('decision dates', sql<{ day: string }>`SELECT max(decision_date)::text AS day FROM decisions WHERE unit_id = ${u}`, db)
  // The last full year and the last full quarter before the newest decision.
  const year = Number(latest.day.slice(0, 4)) - 1
  return {
    unitId: u,
    unitCode: unit.code,
    fixture: {
      personId: person.person_id,
      personalIdentityNumber: person.personal_identity_number,
      applicationId: decision.application_id,
      decisionId: decision.id,
      followUpId: followUp.id,
      complaintId: complaint.id,
      deviationId: deviation.id,
      lexSarahReportId: report.id,
      caseWorker: caseWorker.name,
      auditActor: caseWorker.name,
      year,
      quarter: quarterOf(addMonths(latest.day, -3)),
      day: addDays(latest.day, -30)
    }
  }
}

let failures = 0
try {
  await migrate(database)
  const analyzed = await analyzeFresh(database.db)
  const { unitId, unitCode, fixture } = await pickFixture(database.db)
  const config = loadConfig({ NODE_ENV: 'development', LOG_LEVEL: 'silent', DATA_DIR: dataDir, DATABASE_URL: databaseUrl, RATE_LIMIT_MAX: '1000000', MAX_EVENT_LOOP_DELAY_MS: '0' })
  const app = await buildApp({ config, db: database.db })
  await app.ready()
  const token = (role: WalkRole) => signDevToken(config.auth.devKeyFile, config.auth.issuer, config.auth.audience,
    { subject: role === 'case_worker' ? fixture.caseWorker : `explain.${role}`, roles: [role], unit: unitCode, ...(role === 'unit_manager' ? { permissions: ['ivo_reporting' as const] } : {}) })
  const tokens: Record<WalkRole, string> = {
    case_worker: await token('case_worker'), unit_manager: await token('unit_manager'),
    administrator: await token('administrator'), quality_officer: await token('quality_officer')
  }
  const counts = await sql<{ relname: string; n: string }>`
    SELECT relname, n_live_tup::text AS n FROM pg_stat_user_tables WHERE relname IN (${sql.join([...LARGE_TABLES])}) ORDER BY n_live_tup DESC`.execute(database.db)
  console.log(`Unit ${unitCode}; year ${fixture.year}, quarter ${fixture.quarter}, day ${fixture.day}; statement limit ${maxMs} ms.`)
  console.log(`Rows: ${counts.rows.map((r) => `${r.relname} ${Number(r.n).toLocaleString('en')}`).join(', ')}`)
  if (analyzed.length > 0) console.log(`Analysed first: ${analyzed.join(', ')}`)

  const walked = await runWalk(walkSteps(fixture, unitId), recorder, async (step, url) => {
    const res = await app.inject({ method: step.method, url, headers: { authorization: `Bearer ${tokens[step.role]}` }, ...(step.body === undefined ? {} : { payload: step.body as object }) })
    return { status: res.statusCode, body: res.headers['content-type']?.toString().includes('json') ? res.json() : res.body }
  }, database.db)
  await app.close()

  const summary: string[] = []
  // A table this small is read whole whatever its indexes; the planner is right to.
  const rowsOf = new Map(counts.rows.map((r) => [r.relname, Number(r.n)]))
  const isSmall = (relation: string | null) => relation !== null && (rowsOf.get(relation) ?? 0) < SMALL_TABLE_ROWS
  for (const { step, statements, ms } of walked) {
    const lines: string[] = []
    let worst = 0
    for (const statement of statements.filter(isRead)) {
      const plan = await explain(database, statement, { analyze: true })
      const exec = plan.executionMs ?? 0
      worst = Math.max(worst, exec)
      const seq = seqScansOfLargeTables(plan.scans).filter((scan) => !isSmall(scan.relation))
      const slow = exec > maxMs
      const flag = seq.length > 0 ? 'SEQ ' : slow ? 'SLOW' : 'ok  '
      if (seq.length > 0 || slow) {
        failures++
        summary.push(`${step.name}: ${seq.length > 0 ? `Seq Scan on ${seq.map((s) => s.relation).join(', ')}` : `${exec.toFixed(1)} ms`} — ${shortSql(statement.sql, 160)}`)
      }
      lines.push(`  ${flag} ${exec.toFixed(1).padStart(8)} ms  ${shortSql(statement.sql, 110)}`)
      for (const scan of plan.scans) if (scan.relation === null || LARGE_TABLES.has(scan.relation) || scan.nodeType === 'Seq Scan') lines.push(`              ${describeScan(scan)}`)
      if ((seq.length > 0 || slow) && args.plans) {
        const text = await database.withSession((s) => s.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${statement.sql}`, [...statement.parameters]))
        for (const row of text) lines.push(`              | ${row['QUERY PLAN']}`)
      }
    }
    console.log(`${step.name}  [${'run' in step ? 'formula' : 'request'} ${ms.toFixed(0)} ms]  [slowest statement ${worst.toFixed(1)} ms]`)
    for (const line of lines) console.log(line)
  }
  console.log('')
  console.log(failures === 0
    ? `explain: ${walked.length} endpoints and formulas, no Seq Scan of a large table, no statement over ${maxMs} ms.`
    : `explain: ${failures} problem(s):\n${summary.map((s) => `  ${s}`).join('\n')}`)
} catch (error) {
  console.error(error instanceof Error ? error.message : error)
  failures = -1
} finally {
  await database.close()
  fs.rmSync(dataDir, { recursive: true, force: true })
}
process.exit(failures === -1 ? 2 : failures > 0 ? 1 : 0)
