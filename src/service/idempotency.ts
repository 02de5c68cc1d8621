/**
 * A keyed request's hold on its Idempotency-Key. The key is reserved inside the request's own
 * write transaction, which then stays open until the response the client will get is stored
 * with it: change, access log and stored response commit together or not at all. So after any
 * crash either both exist (a retry replays the answer) or neither (a retry runs anew); a
 * reservation of a request that died is released by the rollback, never by a timer.
 *
 * The HTTP layer makes one per keyed POST (plugins/idempotency.ts), hands it to the service in
 * the Caller, and ends it when the response is rendered: `store` for a success, `release` for
 * anything else.
 */
import type { ControlledTransaction, Kysely, Transaction } from 'kysely'
import type { DB } from '../db/schema.js'
import { ProblemError } from '../http/problem.js'
import { withLogAndEvents, type LogAndEvents } from './change-events.js'

export interface StoredResponse {
  statusCode: number
  headers: Record<string, string>
  body: string
  personIds: string[]
}

/** Where the fault tests pause a keyed write (FAULT_PAUSE_AT): never set in production. */
export type FaultPause = { at: 'before-commit' | 'after-commit'; ms: number; announce: (at: string) => void } | undefined

export class HeldKey {
  private trx: ControlledTransaction<DB> | undefined
  private ended = false
  /** The access-log rows and change events of the writes in the transaction, written by `store`. */
  private pending: LogAndEvents = { logRows: [], events: [] }

  constructor(
    readonly principal: string,
    readonly key: string,
    readonly requestHash: string,
    private readonly pause: FaultPause = undefined
  ) {}

  /** Whether a transaction is open and waiting for the response. */
  get open(): boolean {
    return this.trx !== undefined && !this.ended
  }

  /**
   * Runs `work` in the request's transaction. The first call reserves the key (a concurrent
   * request with the same key waits here on the primary key, bounded by lock_timeout) and
   * leaves the transaction open; a second write of the same request joins it.
   */
  async transaction<T>(db: Kysely<DB>, work: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
    if (this.ended) throw new Error('the idempotent request has already ended')
    if (this.trx) return work(this.trx)
    const trx = await db.startTransaction().execute()
    // A transaction run again (service/transaction.ts) starts with nothing noted.
    this.pending = { logRows: [], events: [] }
    try {
      const reserved = await trx.insertInto('idempotency_keys')
        .values({ principal: this.principal, key: this.key, request_hash: this.requestHash })
        .onConflict((oc) => oc.columns(['principal', 'key']).doNothing())
        .returning('key')
        .executeTakeFirst()
      if (!reserved) {
        throw new ProblemError(409, 'A request with this Idempotency-Key completed meanwhile; retry it to get its response.', {})
      }
      const result = await work(trx)
      // The client went away meanwhile: nobody will store a response, so keep nothing.
      if (this.ended) throw new ProblemError(503, 'The request was abandoned before it completed.')
      this.trx = trx
      return result
    } catch (error) {
      await trx.rollback().execute().catch(() => {})
      throw error
    }
  }

  /**
   * Notes a write's access-log rows and change events: `store` writes them in the statement that
   * stores the response, before the commit (a response that is not stored commits none of them).
   */
  writeWithResponse(rows: LogAndEvents): void {
    this.pending.logRows.push(...rows.logRows)
    this.pending.events.push(...rows.events)
  }

  /** Stores the response with the change, its access log and its change events, and commits them. */
  async store(response: StoredResponse): Promise<void> {
    const trx = this.take()
    if (!trx) return
    try {
      await withLogAndEvents(trx, this.pending).updateTable('idempotency_keys')
        .set({
          status_code: response.statusCode,
          response_headers: JSON.stringify(response.headers),
          response_body: response.body,
          person_ids: [...new Set(response.personIds)]
        })
        .where('principal', '=', this.principal).where('key', '=', this.key)
        .execute()
      await this.pauseAt('before-commit')
      await trx.commit().execute()
    } catch (error) {
      // Also after a failed commit: only a rollback gives the connection back to the pool.
      await trx.rollback().execute().catch(() => {})
      throw error
    }
    await this.pauseAt('after-commit')
  }

  /** Rolls back the change and the reservation: the request answered with an error or died. */
  async release(): Promise<void> {
    const trx = this.take()
    if (trx) await trx.rollback().execute().catch(() => {})
  }

  private take(): ControlledTransaction<DB> | undefined {
    if (this.ended) return undefined
    this.ended = true
    return this.trx
  }

  private async pauseAt(at: 'before-commit' | 'after-commit'): Promise<void> {
    if (this.pause?.at !== at) return
    this.pause.announce(at)
    await new Promise((resolve) => setTimeout(resolve, this.pause!.ms))
  }
}
