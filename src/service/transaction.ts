/**
 * Every write of the service runs through `write`: one transaction in which the change, its
 * access-log entries and — as the integration work lands — its change events and the stored
 * idempotent response commit together, or not at all.
 */
import type { Kysely, Transaction } from 'kysely'
import type { DB } from '../db/schema.js'
import type { ChangeEventDraft } from '../domain/change-events.js'
import type { AuditEntry, Caller } from './caller.js'
import { insertChangeEvents } from './change-events.js'

export interface Work {
  trx: Transaction<DB>
  /** Notes access-log entries; they are written just before the transaction commits. */
  log(...entries: AuditEntry[]): void
  /** Notes change events (the outbox); they are written just before the transaction commits. */
  emit(...events: ChangeEventDraft[]): void
}

export function write<T>(db: Kysely<DB>, caller: Caller, work: (w: Work) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    const entries: AuditEntry[] = []
    const events: ChangeEventDraft[] = []
    const result = await work({ trx, log: (...more) => { entries.push(...more) }, emit: (...more) => { events.push(...more) } })
    // The single place where whatever must commit with every change is written.
    await caller.audit(entries, trx)
    await insertChangeEvents(trx, caller, events)
    return result
  })
}
