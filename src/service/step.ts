/**
 * One step of a process, the same way for every record that has one (applications, appeals,
 * execution, follow-ups, complaints, deviations, Lex Sarah reports): lock the record, check the
 * caller's If-Match against its version, check that the step is allowed now, apply the change
 * and its follow-on work, and log the access — in one transaction (see `write`).
 */
import type { Kysely, Transaction } from 'kysely'
import type { DB } from '../db/schema.js'
import type { ChangeEventDraft } from '../domain/change-events.js'
import { notFound, stale } from '../http/problem.js'
import type { AuditEntry, Caller } from './caller.js'
import { write, type Work } from './transaction.js'

/** What a step needs of the locked record: its id, version and person (for the access log). */
export interface Lockable {
  id: string
  version: number
  person_id: string | null
  /** The record's unit, for the access log of an actor that belongs to none (see AuditEntry.unitId). */
  unit_id?: string
}

export interface Step<Row extends Lockable, Result> {
  /** The record as a 404 names it ("Application"). */
  resource: string
  /** The record in the access log ("application"). */
  resourceType: string
  /** Finds the record the caller may see and locks it; undefined answers 404. */
  lock(trx: Transaction<DB>): Promise<Row | undefined>
  /** Throws (409, or 400 for input that contradicts the record) when the step is not allowed now. */
  check(current: Row, trx: Transaction<DB>): void | Promise<void>
  /**
   * Applies the change. Returns the access-log entries of follow-on work (re-planned
   * follow-ups); follow-on work emits its own change events with `emit`.
   */
  apply(current: Row, trx: Transaction<DB>, emit: Work['emit']): Promise<AuditEntry[] | void>
  /** Reads what the step answers with, after the change. */
  result(current: Row, trx: Transaction<DB>): Promise<Result>
  /**
   * The change event(s) of the step, from the record before and the answer after it — its type
   * and, where the step moves a state, from → to. Unless `apply` emitted the step's own event
   * already (when only it knows what it created), every step has one.
   */
  event?(current: Row, result: Result): ChangeEventDraft | ChangeEventDraft[]
}

/** Throws 412 when the caller's If-Match does not name the current version. */
export function assertExpectedVersion(caller: Caller, current: number): void {
  if (caller.expectedVersion !== undefined && caller.expectedVersion !== current) throw stale(current)
}

export function runStep<Row extends Lockable, Result>(db: Kysely<DB>, caller: Caller, step: Step<Row, Result>): Promise<Result> {
  return write(db, caller, async ({ trx, log, emit }) => {
    const current = await step.lock(trx)
    if (!current) throw notFound(step.resource)
    assertExpectedVersion(caller, current.version)
    await step.check(current, trx)
    let emitted = 0
    const followOn = await step.apply(current, trx, (...events) => { emitted += events.length; emit(...events) })
    const unit = current.unit_id === undefined ? {} : { unitId: current.unit_id }
    log({ action: 'update', resourceType: step.resourceType, resourceId: current.id, personId: current.person_id, ...unit }, ...(followOn ?? []))
    const result = await step.result(current, trx)
    const own = step.event ? [step.event(current, result)].flat() : []
    // A change other systems never hear of is a bug of the step, not something to commit.
    if (own.length + emitted === 0) throw new Error(`The ${step.resourceType} step records no change event.`)
    emit(...own)
    return result
  })
}
