/**
 * Migrate once, copy per test file. Booting an empty embedded database runs initdb (most of the
 * cost of a test file's set-up), and migrating a server database costs a round of DDL, so:
 * - PGlite: the migrated data directory is dumped once (`dumpDataDir`) to a snapshot file in the
 *   OS temp dir and every test file starts its PGlite from it (`loadDataDir`);
 * - PostgreSQL: one migrated database is kept as a TEMPLATE on the server and every test file
 *   gets `CREATE DATABASE … TEMPLATE` of it.
 * Both are named by a hash of the migrations, so changing a migration builds a new one, and
 * copies made for another hash an hour or more ago are removed when a new one is built. Several
 * test files may start together: the snapshot is written to a temporary name and renamed into
 * place, the template is built under an advisory lock.
 */
import { createHash, randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import { createDatabase, type Database, type Session } from '../../src/db/database.js'
import { migrate, MIGRATIONS_DIR } from '../../src/db/migrate.js'

interface Teardown { teardown(fn: () => unknown): void }

/** Copies built for other migrations are removed once they are this old. */
const STALE_AFTER_MS = 60 * 60 * 1000
const TEMPLATE_LOCK_KEY = 727_115_002
const TEMPLATE_PREFIX = 'bea_test_template_'
const SNAPSHOT_PREFIX = 'bea-test-pglite-'

/** Names a copy by what it is made of: the migrations, and this file's recipe for it. */
function migrationsHash(extra = ''): string {
  const hash = createHash('sha256').update(extra).update(fs.readFileSync(fileURLToPath(import.meta.url)))
  for (const file of fs.readdirSync(MIGRATIONS_DIR).filter((f) => f.endsWith('.sql')).sort()) {
    hash.update(`\0${file}\0`).update(fs.readFileSync(path.join(MIGRATIONS_DIR, file)))
  }
  return hash.digest('hex').slice(0, 16)
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL: a template database

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`

async function buildTemplate(admin: pg.Client, adminUrl: string, name: string): Promise<void> {
  await admin.query('SELECT pg_advisory_lock($1)', [TEMPLATE_LOCK_KEY])
  try {
    const found = await admin.query<{ datistemplate: boolean }>('SELECT datistemplate FROM pg_database WHERE datname = $1', [name])
    if (found.rows[0]?.datistemplate) return // another test file built it while we waited
    // Left half-built by a run that died: start again.
    await admin.query(`DROP DATABASE IF EXISTS ${quote(name)} WITH (FORCE)`)
    await admin.query(`CREATE DATABASE ${quote(name)}`)
    const url = new URL(adminUrl)
    url.pathname = `/${name}`
    const database = await createDatabase({ databaseUrl: url.toString(), pgliteDataDir: '', poolMax: 1 })
    try {
      await migrate(database)
    } finally {
      await database.close()
    }
    // No connections: a template with a session open cannot be copied.
    await admin.query(`ALTER DATABASE ${quote(name)} WITH ALLOW_CONNECTIONS false`)
    await admin.query(`COMMENT ON DATABASE ${quote(name)} IS 'migrated template for the tests, built ${new Date().toISOString()}'`)
    // Marks it complete: copies are only made of a template.
    await admin.query(`ALTER DATABASE ${quote(name)} WITH IS_TEMPLATE true`)
    await dropStaleTemplates(admin, name)
  } finally {
    await admin.query('SELECT pg_advisory_unlock($1)', [TEMPLATE_LOCK_KEY])
  }
}

async function dropStaleTemplates(admin: pg.Client, current: string): Promise<void> {
  const { rows } = await admin.query<{ datname: string; note: string | null }>(
    `SELECT datname, shobj_description(oid, 'pg_database') AS note FROM pg_database
      WHERE starts_with(datname, $1) AND datname <> $2`, [TEMPLATE_PREFIX, current])
  for (const { datname, note } of rows) {
    const built = Date.parse(/built (\S+)$/.exec(note ?? '')?.[1] ?? '')
    if (Date.now() - built < STALE_AFTER_MS) continue // maybe in use by another checkout's run
    try {
      await admin.query(`ALTER DATABASE ${quote(datname)} WITH IS_TEMPLATE false`)
      await admin.query(`DROP DATABASE IF EXISTS ${quote(datname)} WITH (FORCE)`)
    } catch {
      // best effort: another run may be dropping it too
    }
  }
}

/**
 * A new database on the server named by DATABASE_URL, copied from the migrated template
 * (built first if this is the first test file since the migrations changed), dropped at teardown.
 */
export async function migratedServerDatabase(t: Teardown, adminUrl: string): Promise<string> {
  const template = `${TEMPLATE_PREFIX}${migrationsHash()}`
  const name = `test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  try {
    for (let attempt = 1; ; attempt++) {
      const found = await admin.query<{ datistemplate: boolean }>('SELECT datistemplate FROM pg_database WHERE datname = $1', [template])
      if (!found.rows[0]?.datistemplate) await buildTemplate(admin, adminUrl, template)
      try {
        await admin.query(`CREATE DATABASE ${quote(name)} TEMPLATE ${quote(template)}`)
        break
      } catch (error) {
        // 3D000: dropped meanwhile as stale by a run of other migrations; build it again.
        if ((error as { code?: string }).code !== '3D000' || attempt >= 3) throw error
      }
    }
  } finally {
    await admin.end()
  }
  t.teardown(async () => {
    const c = new pg.Client({ connectionString: adminUrl })
    await c.connect()
    await c.query(`DROP DATABASE IF EXISTS ${quote(name)} WITH (FORCE)`)
    await c.end()
  })
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  return url.toString()
}

// ---------------------------------------------------------------------------------------------
// PGlite: a data-directory snapshot

function pgliteVersion(): string {
  const entry = fileURLToPath(import.meta.resolve('@electric-sql/pglite'))
  let dir = path.dirname(entry)
  while (!fs.existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir)
  return (JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version: string }).version
}

async function buildSnapshot(file: string): Promise<void> {
  const { PGlite } = await import('@electric-sql/pglite')
  const pglite = await PGlite.create('memory://')
  try {
    const session: Session = {
      query: async <R>(text: string, params: unknown[] = []) => (await pglite.query<R>(text, params)).rows,
      runScript: async (script) => { await pglite.transaction(async (tx) => { await tx.exec(script) }) }
    }
    // migrate() needs nothing but a session.
    await migrate({ withSession: (work) => work(session) } as Database)
    // Every test file boots this data directory, and PGlite zeroes the whole buffer pool when it
    // starts: initdb's 128MB cost each file about half a second of CPU; a test database never
    // needs more than a few MB.
    await pglite.exec(`ALTER SYSTEM SET shared_buffers = '16MB'`)
    const dump = await pglite.dumpDataDir('gzip')
    // Written under a name of its own, then renamed: a test file never reads half a snapshot, and
    // two files building it at the same time both succeed.
    const partial = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.partial`
    fs.writeFileSync(partial, Buffer.from(await dump.arrayBuffer()))
    fs.renameSync(partial, file)
  } finally {
    await pglite.close()
  }
  removeStaleSnapshots(file)
}

function removeStaleSnapshots(current: string): void {
  const dir = path.dirname(current)
  for (const entry of fs.readdirSync(dir)) {
    const file = path.join(dir, entry)
    if (!entry.startsWith(SNAPSHOT_PREFIX) || file === current) continue
    try {
      if (Date.now() - fs.statSync(file).mtimeMs >= STALE_AFTER_MS) fs.rmSync(file, { force: true })
    } catch {
      // best effort: another run may be removing it too
    }
  }
}

let snapshot: Promise<Blob> | undefined

/** The migrated data directory to start an embedded test database from (built on first use). */
export function migratedPgliteSnapshot(): Promise<Blob> {
  snapshot ??= (async () => {
    const file = path.join(os.tmpdir(), `${SNAPSHOT_PREFIX}${migrationsHash(pgliteVersion())}.tgz`)
    if (!fs.existsSync(file)) await buildSnapshot(file)
    else {
      // In use: not stale for another checkout's clean-up.
      const now = new Date()
      fs.utimesSync(file, now, now)
    }
    return new Blob([fs.readFileSync(file)])
  })()
  return snapshot
}
