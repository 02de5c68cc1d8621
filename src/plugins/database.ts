/**
 * Makes the Kysely instances available: `app.db` for requests, `app.reportsDb` for reports
 * (longer statement timeout, a pool of its own), `app.replicaOr` for heavy reads that a
 * streaming replica may serve, and `app.probeDatabase` for readiness. The caller owns their
 * lifecycle.
 */
import fp from 'fastify-plugin'
import { sql, type Kysely } from 'kysely'
import client from 'prom-client'
import type { Probe } from '../db/database.js'
import { replicaOr, type ReplicaOr } from '../db/read-routing.js'
import type { DB } from '../db/schema.js'

declare module 'fastify' {
  interface FastifyInstance {
    db: Kysely<DB>
    reportsDb: Kysely<DB>
    /**
     * A heavy read (a report, a worklist): on the replica (DATABASE_READ_URL) when it has caught
     * up with the primary, else on the primary pool given — `app.reportsDb` for reports,
     * `app.db` for reads that must not queue behind reports. Writes never go through it.
     */
    replicaOr: ReplicaOr
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

export interface DatabasePluginOptions {
  db: Kysely<DB>
  reportsDb: Kysely<DB>
  readReplica?: Kysely<DB> | undefined
  /** DATABASE_READ_CATCH_UP_MS. */
  catchUpMs: number
  probe: (timeoutMs: number) => Promise<Probe>
}

export default fp(async (app, opts: DatabasePluginOptions) => {
  app.decorate('db', opts.db)
  app.decorate('reportsDb', opts.reportsDb)
  const heavyReads = new client.Counter({
    name: 'db_heavy_reads_total',
    help: 'Heavy reads (reports, worklists) by where they ran and why: caught_up (on the replica), replica_behind, replica_unavailable, no_replica (on the primary).',
    labelNames: ['served_by', 'reason'], registers: [app.metrics.registry]
  })
  app.decorate('replicaOr', replicaOr({
    primary: opts.db, replica: opts.readReplica, catchUpMs: opts.catchUpMs,
    observe: (servedBy, reason) => heavyReads.inc({ served_by: servedBy, reason })
  }))
  app.decorate('probeDatabase', opts.probe)
}, { name: 'database', dependencies: ['metrics'] })
