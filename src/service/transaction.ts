/**
 * Every write of the service runs through `write`: one transaction in which the change, its
 * access-log entries and — as the integration work lands — its change events and the stored
 * idempotent response commit together, or not at all.
 */
import type { Kysely, Transaction } from 'kysely'
import type { DB } from '../db/schema.js'
import type { ChangeEventDraft } from '../domain/change-events.js'
import type { AuditEntry, Caller } from './caller.js'
import { eventRows, insertLogAndEvents } from './change-events.js'

export interface Work {
  trx: Transaction<DB>
  /** Notes access-log entries; they are written just before the transaction commits. */
  log(...entries: AuditEntry[]): void
  /** Notes change events (the outbox); they are written just before the transaction commits. */
  emit(...events: ChangeEventDraft[]): void
}

// Serialization failure and deadlock: the transaction was rolled back whole, so running it
// again from the start is safe. Once: a second conflict answers 409 (see plugins/errors.ts).
const RETRYABLE = new Set(['40001', '40P01'])

export async function write<T>(db: Kysely<DB>, caller: Caller, work: (w: Work) => Promise<T>): Promise<T> {
  const body = async (trx: Transaction<DB>) => {
    const entries: AuditEntry[] = []
    const events: ChangeEventDraft[] = []
    const result = await work({ trx, log: (...more) => { entries.push(...more) }, emit: (...more) => { events.push(...more) } })
    // The single place where whatever must commit with every change is written.
    const pending = { logRows: entries.length === 0 ? [] : caller.accessLogRows(entries), events: eventRows(caller, events) }
    // A keyed request writes them with its stored response, in the same transaction (one round trip fewer).
    if (caller.idempotency) caller.idempotency.writeWithResponse(pending)
    else await insertLogAndEvents(trx, pending)
    return result
  }
  // A keyed request's transaction also reserves its Idempotency-Key and stays open until its
  // response is stored with it (service/idempotency.ts).
  const run = () => caller.idempotency ? caller.idempotency.transaction(db, body) : db.transaction().execute(body)
  try {
    return await run()
  } catch (error) {
    if (!RETRYABLE.has((error as { code?: string }).code ?? '')) throw error
    return run()
  }
}
