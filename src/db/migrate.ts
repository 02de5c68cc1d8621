/**
 * Forward-only SQL migrations from `migrations/`, applied in file-name order, each in its own
 * transaction together with its row in `schema_migrations`. On a real server an advisory lock
 * keeps two instances that start together from applying the same file twice.
 */
import fs from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { sql } from 'kysely'
import type { Database } from './database.js'

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations/', import.meta.url))
const LOCK_KEY = 727_115_001

export async function migrate(database: Database, dir = MIGRATIONS_DIR): Promise<string[]> {
  const files = (await fs.readdir(dir)).filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f)).sort()
  await sql`CREATE TABLE IF NOT EXISTS schema_migrations (
    name text PRIMARY KEY,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`.execute(database.db)

  const applyPending = async (): Promise<string[]> => {
    const done = await sql<{ name: string }>`SELECT name FROM schema_migrations`.execute(database.db)
    const known = new Set(done.rows.map((r) => r.name))
    const applied: string[] = []
    for (const file of files.filter((f) => !known.has(f))) {
      const body = await fs.readFile(path.join(dir, file), 'utf8')
      await database.runScript(`${body}\n;\nINSERT INTO schema_migrations (name) VALUES ('${file}');`)
      applied.push(file)
    }
    return applied
  }

  if (database.kind === 'pglite') return applyPending()
  return database.db.connection().execute(async (conn) => {
    await sql`SELECT pg_advisory_lock(${LOCK_KEY})`.execute(conn)
    try {
      return await applyPending()
    } finally {
      await sql`SELECT pg_advisory_unlock(${LOCK_KEY})`.execute(conn)
    }
  })
}
