/**
 * Named prepared statements (src/db/prepared-statements.ts) on a real PostgreSQL server: what
 * is prepared, what is not, the bound per connection, the switch, and the recovery after a
 * migration changed the columns under a prepared statement.
 */
import t from 'tap'
import pg from 'pg'
import { sql } from 'kysely'
import { createDatabase } from '../../src/db/database.js'
import { prepareStatementsOn } from '../../src/db/prepared-statements.js'
import { freshServerDatabase } from '../helper.js'

const adminUrl = process.env.DATABASE_URL
if (!adminUrl) {
  t.pass('prepared statements are a PostgreSQL server feature; the embedded database runs without them')
} else {
  /** The statements prepared on the one connection of a pool of one, as PostgreSQL lists them. */
  const preparedOn = async (db: Awaited<ReturnType<typeof createDatabase>>['db']) =>
    (await sql<{ statement: string }>`SELECT statement FROM pg_prepared_statements ORDER BY prepare_time`.execute(db)).rows.map((r) => r.statement)

  t.test('a statement with parameters is prepared once per connection and reused', async (t) => {
    const url = await freshServerDatabase(t, adminUrl)
    const database = await createDatabase({ databaseUrl: url, pgliteDataDir: 'memory://', poolMax: 1 })
    t.teardown(() => database.close())
    const twice = [1, 2].map(async (n) => (await sql<{ n: number }>`SELECT ${n}::int + 1 AS n`.execute(database.db)).rows[0]?.n)
    t.same(await Promise.all(twice), [2, 3], 'each run binds its own parameters')
    const statements = await preparedOn(database.db)
    t.equal(statements.filter((s) => s.includes('::int + 1')).length, 1, 'one prepared statement for both runs')
    t.notOk(statements.some((s) => s.includes('pg_prepared_statements')), 'a statement without parameters runs unnamed')
    await sql`SELECT ${1}::int AS report`.execute(database.reportsDb)
    t.same(await preparedOn(database.reportsDb), [], 'the reports\' pool plans every statement afresh (nothing named)')
  })

  t.test('DATABASE_PREPARED_STATEMENTS=false (behind PgBouncer < 1.21): nothing is prepared', async (t) => {
    const url = await freshServerDatabase(t, adminUrl)
    const database = await createDatabase({ databaseUrl: url, pgliteDataDir: 'memory://', poolMax: 1, preparedStatements: false })
    t.teardown(() => database.close())
    await sql`SELECT ${1}::int AS n`.execute(database.db)
    t.same(await preparedOn(database.db), [])
  })

  t.test('a connection prepares at most its bound; more texts and many-parameter statements run unnamed', async (t) => {
    const url = await freshServerDatabase(t, adminUrl)
    const pool = new pg.Pool({ connectionString: url, max: 1 })
    pool.on('connect', (client) => prepareStatementsOn(client, 2))
    t.teardown(() => pool.end())
    const client = await pool.connect()
    try {
      for (const text of ['SELECT $1::int AS a', 'SELECT $1::int AS b', 'SELECT $1::int AS c', 'SELECT $1::int AS a']) await client.query(text, [1])
      const many = Array.from({ length: 101 }, (_, i) => `$${i + 1}::int`).join(' + ')
      t.equal((await client.query(`SELECT ${many} AS total`, Array.from({ length: 101 }, () => 1))).rows[0].total, 101)
      const { rows } = await client.query('SELECT statement FROM pg_prepared_statements ORDER BY statement')
      t.same(rows.map((r) => r.statement), ['SELECT $1::int AS a', 'SELECT $1::int AS b'], 'the first two texts; the third and the 101-parameter one unnamed')
    } finally {
      client.release()
    }
  })

  t.test('after a column is added under a prepared SELECT *, one run fails and the connection recovers', async (t) => {
    const url = await freshServerDatabase(t, adminUrl)
    const database = await createDatabase({ databaseUrl: url, pgliteDataDir: 'memory://', poolMax: 1 })
    t.teardown(() => database.close())
    await sql`CREATE TABLE things (id int PRIMARY KEY)`.execute(database.db)
    await sql`INSERT INTO things VALUES (1)`.execute(database.db)
    const read = async () => (await sql<Record<string, unknown>>`SELECT * FROM things WHERE id = ${1}`.execute(database.db)).rows[0]
    t.same(await read(), { id: 1 })
    // What a migration of a newer instance does while this one runs.
    await sql`ALTER TABLE things ADD COLUMN label text DEFAULT 'new'`.execute(database.db)
    await t.rejects(read(), { code: '0A000' }, 'PostgreSQL refuses the prepared statement whose columns changed')
    t.same(await read(), { id: 1, label: 'new' }, 'the next run prepares it again, with the new column')
    t.same(await read(), { id: 1, label: 'new' })
  })

  t.test('inside a failed transaction the connection forgets at its next chance', async (t) => {
    const url = await freshServerDatabase(t, adminUrl)
    const database = await createDatabase({ databaseUrl: url, pgliteDataDir: 'memory://', poolMax: 1 })
    t.teardown(() => database.close())
    await sql`CREATE TABLE things (id int PRIMARY KEY)`.execute(database.db)
    const read = (db: typeof database.db) => sql<Record<string, unknown>>`SELECT * FROM things WHERE id = ${1}`.execute(db)
    await read(database.db)
    await sql`ALTER TABLE things ADD COLUMN label text`.execute(database.db)
    await t.rejects(database.db.transaction().execute(async (tx) => {
      await t.rejects(read(tx), { code: '0A000' })
      // The transaction is aborted: forgetting (DEALLOCATE ALL) fails here too.
      await read(tx)
    }), { code: '25P02' })
    t.same((await read(database.db)).rows, [], 'after the rollback the statement is prepared again and runs')
  })
}
