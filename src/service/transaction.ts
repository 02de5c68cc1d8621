/**
 * Every write of the service runs through `write`: one transaction in which the change, its
 * access-log entries and — as the integration work lands — its change events and the stored
 * idempotent response commit together, or not at all.
 */
import type { Kysely, Transaction } from 'kysely'
import type { DB } from '../db/schema.js'
import type { AuditEntry, Caller } from './caller.js'

export interface Work {
  trx: Transaction<DB>
  /** Notes access-log entries; they are written just before the transaction commits. */
  log(...entries: AuditEntry[]): void
}

export function write<T>(db: Kysely<DB>, caller: Caller, work: (w: Work) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    const entries: AuditEntry[] = []
    const result = await work({ trx, log: (...more) => { entries.push(...more) } })
    // The single place where whatever must commit with every change is written.
    await caller.audit(entries, trx)
    return result
  })
}
