/**
 * Heavy reads (reports, worklists) on a streaming replica (DATABASE_READ_URL), without ever
 * showing a caller less than it has already seen acknowledged.
 *
 * The rule: a read runs on the replica only when every transaction that had ended on the
 * primary when the read began has ended on the replica too (its snapshot, compared with the
 * primary's). Every write acknowledged before the read — by this instance or another, by this
 * caller or anyone — is then visible there, so a caller always sees its own writes, also behind a
 * load balancer that spreads one caller's requests over several instances (no sticky sessions,
 * no per-caller memory). A replica that has not caught up within `catchUpMs` (paused, lagging or
 * unreachable) is skipped: the read runs on the primary. The price is one trivial query on each
 * side per heavy read. Reads of single records, lists and everything else stay on the primary,
 * and so do all writes and the access log (a read's own access-log rows are written on the
 * primary, see plugins/audit.ts).
 *
 * Why snapshots and not WAL positions: the primary's flush or insert position is often past the
 * last record a replica can replay (the rest of a WAL page, or a record that no commit has
 * flushed yet), so an idle, fully caught-up replica would never count as caught up.
 *
 * DATABASE_READ_URL must name one server (or a proxy that keeps to one): the check is asked on
 * one connection and the read may use others.
 */
import { sql, type Kysely } from 'kysely'
import type { DB } from './schema.js'

export type ServedBy = 'replica' | 'primary'
/** Why a heavy read went where it went (the metrics count them). */
export type RouteReason = 'caught_up' | 'replica_behind' | 'replica_unavailable' | 'no_replica'

export interface ReadRoutingOptions {
  /** The primary, asked for its snapshot (any pool of it). */
  primary: Kysely<DB>
  replica: Kysely<DB> | undefined
  /** How long a read may wait for the replica to catch up before it runs on the primary. */
  catchUpMs: number
  observe?: (servedBy: ServedBy, reason: RouteReason) => void
}

/** Runs `work` on the replica when it has caught up, else on `primaryPool` (a pool of the primary). */
export type ReplicaOr = <T>(primaryPool: Kysely<DB>, work: (db: Kysely<DB>) => Promise<T>) => Promise<T>

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

// A hot standby cancels a query whose rows recovery must remove (SQLSTATE 40001, "conflict with
// recovery"), and a replica may be down: such a read is run again on the primary. (Should the
// failed attempt already have logged its reads, the access log holds them twice: more, never less.)
const REPLICA_FAILURE = /^(08|57P0[1-3]|53|40001)|^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|ENOTFOUND|EHOSTUNREACH)$/
const REPLICA_FAILURE_MESSAGE = /Connection terminated|timeout exceeded when trying to connect|connection error/i

function replicaFailed(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown }
  return (typeof code === 'string' && REPLICA_FAILURE.test(code)) || (typeof message === 'string' && REPLICA_FAILURE_MESSAGE.test(message))
}

/**
 * Whether every transaction that had ended in the primary's `snapshot` has ended on the replica:
 * the replica knows of every transaction id below the snapshot's xmax, and none it still sees
 * running had ended on the primary. (Conservative: a subtransaction id the primary's snapshot
 * does not list counts as not caught up.)
 */
async function hasCaughtUp(replica: Kysely<DB>, snapshot: string): Promise<boolean> {
  const { rows: [row] } = await sql<{ caught_up: boolean | null }>`
    SELECT pg_snapshot_xmax(pg_current_snapshot()) >= pg_snapshot_xmax(${snapshot}::pg_snapshot)
       AND NOT EXISTS (SELECT 1 FROM pg_snapshot_xip(pg_current_snapshot()) AS running (xid)
                       WHERE pg_visible_in_snapshot(running.xid, ${snapshot}::pg_snapshot)) AS caught_up`.execute(replica)
  return row?.caught_up === true
}

export function replicaOr(options: ReadRoutingOptions): ReplicaOr {
  const { primary, replica, catchUpMs, observe } = options
  return async (primaryPool, work) => {
    if (replica === undefined) {
      observe?.('primary', 'no_replica')
      return work(primaryPool)
    }
    let reason: RouteReason = 'replica_behind'
    try {
      const { rows: [primaryState] } = await sql<{ snapshot: string }>`SELECT pg_current_snapshot()::text AS snapshot`.execute(primary)
      const deadline = performance.now() + catchUpMs
      // Streaming replay is usually a millisecond or two behind: ask again after 1, 2, 4, … ms.
      for (let pause = 1; ; pause *= 2) {
        if (await hasCaughtUp(replica, primaryState!.snapshot)) {
          reason = 'caught_up'
          break
        }
        const left = deadline - performance.now()
        if (left <= 0) break
        await sleep(Math.min(pause, left))
      }
    } catch (error) {
      // The primary's own failure is the request's: it answers 503 like any other.
      if (!replicaFailed(error)) throw error
      reason = 'replica_unavailable'
    }
    if (reason !== 'caught_up') {
      observe?.('primary', reason)
      return work(primaryPool)
    }
    try {
      const result = await work(replica)
      observe?.('replica', 'caught_up')
      return result
    } catch (error) {
      if (!replicaFailed(error)) throw error
      observe?.('primary', 'replica_unavailable')
      return work(primaryPool)
    }
  }
}
