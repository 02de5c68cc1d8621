/**
 * Makes the Kysely instances available: `app.db` for requests, `app.reportsDb` for reports
 * (longer statement timeout, a pool of its own), and `app.probeDatabase` for readiness. The
 * caller owns their lifecycle.
 */
import fp from 'fastify-plugin'
import { sql, type Kysely } from 'kysely'
import type { Probe } from '../db/database.js'
import type { DB } from '../db/schema.js'

declare module 'fastify' {
  interface FastifyInstance {
    db: Kysely<DB>
    reportsDb: Kysely<DB>
    probeDatabase(timeoutMs: number): Promise<Probe>
  }
}

/** A probe through an ordinary Kysely instance (for apps built without a Database). */
export function probeThrough(db: Kysely<DB>) {
  return async (timeoutMs: number): Promise<Probe> => {
    let timer: NodeJS.Timeout | undefined
    const query = sql<{ writable: boolean }>`SELECT current_setting('transaction_read_only') = 'off' AND NOT pg_is_in_recovery() AS writable`.execute(db)
      .then(({ rows: [row] }) => ({ answers: true, writable: row?.writable === true }), () => ({ answers: false, writable: false }))
    const result = await Promise.race([query, new Promise<Probe>((resolve) => { timer = setTimeout(() => resolve({ answers: false, writable: false }), timeoutMs) })])
    clearTimeout(timer)
    return result
  }
}

export default fp(async (app, opts: { db: Kysely<DB>; reportsDb: Kysely<DB>; probe: (timeoutMs: number) => Promise<Probe> }) => {
  app.decorate('db', opts.db)
  app.decorate('reportsDb', opts.reportsDb)
  app.decorate('probeDatabase', opts.probe)
}, { name: 'database' })
