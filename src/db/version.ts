/**
 * Optimistic concurrency: every update of a versioned row raises its version (the ETag the API
 * hands out and `If-Match` compares) and, where the table keeps one, stamps `updated_at`.
 */
import { sql, type RawBuilder } from 'kysely'

/** `"version" + 1`, for the `set` of an update of a table without `updated_at`. */
export const nextVersion = (): RawBuilder<number> => sql<number>`${sql.ref('version')} + 1`

/** What an update sets besides its changes: `.set({ ...changes, ...versionBump() })`. */
export const versionBump = (updatedAt: string = new Date().toISOString()) => ({ version: nextVersion(), updated_at: updatedAt })
