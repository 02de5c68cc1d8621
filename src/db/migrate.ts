/**
 * Forward-only SQL migrations from `migrations/`, applied in file-name order, each in its own
 * transaction together with its row in `schema_migrations`. Everything runs on one connection,
 * under an advisory lock so that two instances starting together never apply a file twice.
 */
import fs from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Database } from './database.js'

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations/', import.meta.url))
const LOCK_KEY = 727_115_001

/** `onPending` hears which files are about to be applied (start-up says "applying N migrations"). */
export async function migrate(database: Database, dir = MIGRATIONS_DIR, onPending?: (pending: string[], total: number) => void): Promise<string[]> {
  const files = (await fs.readdir(dir)).filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f)).sort()
  return database.withSession(async (session) => {
    await session.query('SELECT pg_advisory_lock($1)', [LOCK_KEY])
    // A migration may rewrite a large table: it is not bounded like a request's statement
    // (DATABASE_STATEMENT_TIMEOUT_MS); the session's own setting comes back after (RESET).
    await session.query('SET statement_timeout = 0')
    try {
      await session.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
        name text PRIMARY KEY,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`)
      const known = new Set((await session.query<{ name: string }>('SELECT name FROM schema_migrations')).map((r) => r.name))
      const applied: string[] = []
      const pending = files.filter((f) => !known.has(f))
      onPending?.(pending, files.length)
      for (const file of pending) {
        const body = await fs.readFile(path.join(dir, file), 'utf8')
        await session.runScript(`${body}\n;\nINSERT INTO schema_migrations (name) VALUES ('${file}');`)
        applied.push(file)
      }
      return applied
    } finally {
      await session.query('RESET statement_timeout')
      await session.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY])
    }
  })
}
