/**
 * Regenerates src/db/generated.ts from a freshly migrated database (`npm run db:types`), or with
 * `--check` fails, showing the difference, when the committed file is not what the migrations
 * give (CI). With DATABASE_URL, a scratch database is created on that server, migrated, read
 * and dropped (the user needs CREATEDB); without, an in-memory embedded database is used.
 */
import fs from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { DiffChecker } from 'kysely-codegen'
import pg from 'pg'
import { generateTableTypes } from '../db/codegen.js'
import { createDatabase, type Database } from '../db/database.js'
import { migrate } from '../db/migrate.js'
import { configuredDatabase } from './configured-database.js'
import { databaseFailure, exitOnFailure } from '../startup/failures.js'

const TARGET = fileURLToPath(new URL('../db/generated.ts', import.meta.url))

const { values } = parseArgs({ options: { check: { type: 'boolean', default: false } } })

const { databaseUrl } = configuredDatabase()

/** Runs `work` on a new, migrated database that is gone afterwards. */
async function withFreshDatabase<T>(work: (database: Database) => Promise<T>): Promise<T> {
  if (databaseUrl === undefined) return onMigrated(undefined, work)
  const name = `db_types_${process.pid}_${Date.now()}`
  const admin = new pg.Client({ connectionString: databaseUrl })
  await admin.connect().catch((error: unknown) => exitOnFailure(databaseFailure(error, databaseUrl) ?? error))
  try {
    await admin.query(`CREATE DATABASE ${name}`)
    try {
      const url = new URL(databaseUrl)
      url.pathname = `/${name}`
      return await onMigrated(url.toString(), work)
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
    }
  } finally {
    await admin.end()
  }
}

async function onMigrated<T>(url: string | undefined, work: (database: Database) => Promise<T>): Promise<T> {
  const database = await createDatabase({ databaseUrl: url, pgliteDataDir: 'memory://', poolMax: 1 })
  try {
    await migrate(database)
    return await work(database)
  } finally {
    await database.close()
  }
}

const generated = await withFreshDatabase((database) => generateTableTypes(database.db))
const where = databaseUrl === undefined ? 'the embedded database' : 'a scratch database on DATABASE_URL\'s server'

if (values.check) {
  const committed = fs.existsSync(TARGET) ? fs.readFileSync(TARGET, 'utf8') : ''
  const diff = new DiffChecker().diff(generated, committed)
  if (diff) {
    console.error(`src/db/generated.ts differs from what the migrations give (read from ${where}); - generated, + committed:`)
    console.error(diff)
    console.error('Run `npm run db:types` and commit the result.')
    process.exit(1)
  }
  console.log(`src/db/generated.ts matches the migrations (read from ${where}).`)
} else {
  fs.writeFileSync(TARGET, generated)
  console.log(`Wrote ${TARGET} (read from ${where}).`)
}
