import fs from 'node:fs'
import { sql } from 'kysely'
import t from 'tap'
import { createDatabase } from '../../src/db/database.js'
import { migrate, MIGRATIONS_DIR } from '../../src/db/migrate.js'
import { freshServerDatabase } from '../helper.js'

const files = fs.readdirSync(MIGRATIONS_DIR).filter((f) => f.endsWith('.sql')).sort()

t.test('migrations run on one connection, once, even when two instances start together', async (t) => {
  const adminUrl = process.env.DATABASE_URL
  const databaseUrl = adminUrl ? await freshServerDatabase(t, adminUrl) : undefined
  if (!databaseUrl) {
    const db = await createDatabase({ databaseUrl: undefined, pgliteDataDir: 'memory://', poolMax: 1 })
    t.teardown(() => db.close())
    t.same(await migrate(db), files)
    t.same(await migrate(db), [], 'nothing the second time')
    return
  }
  // A pool of one connection must be enough (the migration never asks the pool for a second).
  const a = await createDatabase({ databaseUrl, pgliteDataDir: 'memory://', poolMax: 1 })
  const b = await createDatabase({ databaseUrl, pgliteDataDir: 'memory://', poolMax: 1 })
  t.teardown(async () => {
    await a.close()
    await b.close()
  })
  const [first, second] = await Promise.all([migrate(a), migrate(b)])
  t.same([...first, ...second].sort(), files, 'each file applied exactly once between the two')
  const recorded = await a.db.selectFrom('schema_migrations' as never).select('name' as never).execute()
  t.equal(recorded.length, files.length)
})

t.test('a failing migration changes nothing and is not recorded', async (t) => {
  const adminUrl = process.env.DATABASE_URL
  const databaseUrl = adminUrl ? await freshServerDatabase(t, adminUrl) : undefined
  const db = await createDatabase({ databaseUrl, pgliteDataDir: 'memory://', poolMax: 1 })
  t.teardown(() => db.close())
  const dir = fs.mkdtempSync('/tmp/bea-migrations-')
  t.teardown(() => fs.rmSync(dir, { recursive: true, force: true }))
  fs.writeFileSync(`${dir}/0001_ok.sql`, 'CREATE TABLE first_table (id int);')
  fs.writeFileSync(`${dir}/0002_broken.sql`, 'CREATE TABLE half_done (id int);\nSELECT no_such_function();')
  await t.rejects(migrate(db, dir))
  const tables = await db.withSession((s) => s.query<{ table_name: string }>(
    "SELECT table_name FROM information_schema.tables WHERE table_name IN ('first_table', 'half_done')"))
  t.same(tables.map((r) => r.table_name), ['first_table'], 'the broken file left no half-done table')
  const recorded = await db.withSession((s) => s.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY name'))
  t.same(recorded.map((r) => r.name), ['0001_ok.sql'])
})

t.test('a migration is not bounded by the statement timeout of requests', async (t) => {
  const adminUrl = process.env.DATABASE_URL
  if (!adminUrl) return t.pass('the embedded database has no statement timeout')
  const databaseUrl = await freshServerDatabase(t, adminUrl)
  const timeouts = { statementMs: 100, reportStatementMs: 100, lockMs: 1000, idleInTransactionMs: 10_000, acquireMs: 5000 }
  const db = await createDatabase({ databaseUrl, pgliteDataDir: 'memory://', poolMax: 1, timeouts })
  t.teardown(() => db.close())
  const dir = fs.mkdtempSync('/tmp/bea-migrations-')
  t.teardown(() => fs.rmSync(dir, { recursive: true, force: true }))
  // Stands for a rewrite of a large table (a backfill of the city's data took seconds).
  fs.writeFileSync(`${dir}/0001_slow.sql`, 'SELECT pg_sleep(0.4);')
  t.same(await migrate(db, dir), ['0001_slow.sql'])
  await t.rejects(sql`SELECT pg_sleep(0.4)`.execute(db.db), { code: '57014' }, 'afterwards the same connection is bounded again')
})
