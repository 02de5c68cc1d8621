/**
 * Orders as documents: the unit sends one when it orders execution (`sendOrder`, called by
 * the execution's order action in the same transaction); the provider it is addressed to and
 * the unit read it; the provider reports the hours delivered each month until the unit locks
 * the month. Every read and write of an order is in the access log, filed under the order's
 * unit. The provider's answers and execution reports are in provider-service.ts.
 */
import type { Insertable, Kysely, Transaction } from 'kysely'
import type { DB } from '../../db/schema.js'
import { todayInStockholm } from '../../domain/calendar.js'
import { monthStart } from '../../domain/delivered-time.js'
import { canReport, type OrderState } from '../../domain/order.js'
import { decodeCursor, toPage } from '../../http/pagination.js'
import { badRequest, conflict, notFound } from '../../http/problem.js'
import type { Caller } from '../../service/caller.js'
import { assertExpectedVersion } from '../../service/step.js'
import { write } from '../../service/transaction.js'
import {
  findDeliveredTime, findVisibleOrder, insertMonthLock, insertOrder, isMonthLocked, listVisibleOrders, orderContext, saveDeliveredTime,
  type OrderRow
} from './repository.js'

export { findVisibleOrder, orderContext, type OrderRow }

export type OrderDocument = { order: OrderRow; context: Awaited<ReturnType<typeof orderContext>> }

export function sendOrder(trx: Transaction<DB>, row: Omit<Insertable<DB['orders']>, 'state'>): Promise<string> {
  return insertOrder(trx, { ...row, state: 'sent' })
}

const orderRead = (order: OrderRow) => ({ action: 'read' as const, resourceType: 'order', resourceId: order.id, personId: order.person_id, unitId: order.unit_id })

export async function getOrder(db: Kysely<DB>, caller: Caller, id: string): Promise<OrderDocument> {
  const order = await findVisibleOrder(db, caller.actor, id)
  if (!order) throw notFound('Order')
  const context = await orderContext(db, order)
  await caller.audit([orderRead(order)])
  return { order, context }
}

export async function listOrders(db: Kysely<DB>, caller: Caller, q: { state?: OrderState | undefined; limit?: number | undefined; cursor?: string | undefined }) {
  const limit = q.limit ?? 50
  const rows = await listVisibleOrders(db, { actor: caller.actor, state: q.state, limit, after: decodeCursor(q.cursor, ['string', 'string']) })
  const page = toPage(rows, limit, (o) => [o.ordered_date, o.id])
  await caller.audit(page.items.map((o) => ({ action: 'search' as const, resourceType: 'order', resourceId: o.id, personId: o.person_id, unitId: o.unit_id })))
  return page
}

/** The month of a path parameter 'YYYY-MM', as its first day; 400 for anything else. */
export function parseMonth(month: string, pointer = '/month', where = 'params'): string {
  const first = monthStart(month)
  if (first === null) throw badRequest(pointer, 'Expected a month like 2026-10.', where)
  return first
}

/**
 * The provider's hours delivered on an accepted order in a month: set, or corrected, until the
 * unit locks the month. If-Match is the month's version (0 before the first report).
 */
export function reportDeliveredTime(db: Kysely<DB>, caller: Caller, orderId: string, month: string, hours: number) {
  const first = parseMonth(month)
  return write(db, caller, async ({ trx, log, emit }) => {
    const order = await findVisibleOrder(trx, caller.actor, orderId, { forUpdate: true })
    if (!order) throw notFound('Order')
    if (!canReport(order.state)) throw conflict(`Delivered time is reported on an accepted order; this one is ${order.state}.`, { currentState: order.state })
    if (first > todayInStockholm()) throw badRequest('/month', 'The month has not begun.', 'params')
    if (first < `${order.ordered_date.slice(0, 7)}-01`) throw badRequest('/month', `The order was sent ${order.ordered_date}.`, 'params')
    if (await isMonthLocked(trx, order.unit_id, first)) throw conflict(`The unit has locked ${month}: its delivered time can no longer change.`, { currentState: 'locked' })
    const before = await findDeliveredTime(trx, order.id, first)
    assertExpectedVersion(caller, before?.version ?? 0)
    const saved = await saveDeliveredTime(trx, order, first, hours, caller.actor.subject)
    log({ action: before ? 'update' : 'create', resourceType: 'delivered_time', resourceId: order.id, personId: order.person_id, unitId: order.unit_id })
    emit({ type: 'order.delivered_time_reported', subjectId: order.id, personId: order.person_id, unitId: order.unit_id, changes: { fields: ['hours'] } })
    return { created: before === undefined, orderId: order.id, month: month, hours: saved.hours, reportedBy: saved.reported_by, version: saved.version }
  })
}

/** The unit locks a month once it has checked it: delivered time of that month no longer changes. */
export function lockMonth(db: Kysely<DB>, caller: Caller, month: string) {
  const first = parseMonth(month)
  return write(db, caller, async ({ trx }) => {
    if (first > todayInStockholm()) throw badRequest('/month', 'The month has not begun.', 'params')
    const lock = await insertMonthLock(trx, caller.actor.unitId, first, caller.actor.subject)
    if (!lock) throw conflict(`${month} is already locked.`, { currentState: 'locked' })
    return { month, lockedBy: lock.locked_by, lockedAt: lock.locked_at }
  })
}
