/**
 * Heavy reads (reports, worklists) on a streaming replica (DATABASE_READ_URL), without ever
 * showing a caller less than it has already seen acknowledged.
 *
 * The rule: a read runs on the replica only when the replica has replayed all the WAL the
 * primary had flushed when the read began. Every write acknowledged before the read — by this
 * instance or another, by this caller or anyone — is then on the replica, so a caller always
 * sees its own writes, behind a load balancer that spreads one caller's requests over several
 * instances too (no sticky sessions, no per-caller memory). A replica that has not caught up
 * within `catchUpMs` (paused, lagging, or unreachable) is skipped: the read runs on the primary.
 * The price is one trivial query on each side per heavy read; reads of single records, lists
 * and everything else stay on the primary, and so do all writes and the access log (the read's
 * own access-log rows are written on the primary, see plugins/audit.ts).
 *
 * DATABASE_READ_URL must name one server (or a proxy that keeps to one): the replay position
 * is asked on one connection and the read may use others.
 */
import { sql, type Kysely } from 'kysely'
import type { DB } from './schema.js'

export type ServedBy = 'replica' | 'primary'
/** Why a heavy read went where it went (the metrics count them). */
export type RouteReason = 'caught_up' | 'replica_behind' | 'replica_unavailable' | 'no_replica'

export interface ReadRoutingOptions {
  /** The primary, asked where its WAL is (any pool of it). */
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
// recovery"), and a replica may be down: such a read is run again on the primary.
const REPLICA_FAILURE = /^(08|57P0[1-3]|53|40001)|^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|ENOTFOUND|EHOSTUNREACH)$/
const REPLICA_FAILURE_MESSAGE = /Connection terminated|timeout exceeded when trying to connect|connection error/i

function replicaFailed(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown }
  return (typeof code === 'string' && REPLICA_FAILURE.test(code)) || (typeof message === 'string' && REPLICA_FAILURE_MESSAGE.test(message))
}

/** Whether the replica has replayed up to `lsn` (a server that is not in recovery has everything it committed). */
async function hasReplayed(replica: Kysely<DB>, lsn: string): Promise<boolean> {
  const { rows: [row] } = await sql<{ caught_up: boolean | null }>`
    SELECT CASE WHEN pg_is_in_recovery() THEN pg_last_wal_replay_lsn() >= ${lsn}::pg_lsn ELSE true END AS caught_up`.execute(replica)
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
      const { rows: [flushed] } = await sql<{ lsn: string }>`SELECT pg_current_wal_flush_lsn()::text AS lsn`.execute(primary)
      const deadline = performance.now() + catchUpMs
      // Streaming replay is usually a millisecond or two behind: ask again after 1, 2, 4, … ms.
      for (let pause = 1; ; pause *= 2) {
        if (await hasReplayed(replica, flushed!.lsn)) {
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
