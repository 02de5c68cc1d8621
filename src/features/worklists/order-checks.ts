/**
 * The worklist's checks of providers, each a kind with a due date: orders not answered within
 * `orderAnswerDays` of the order, starts not reported by the wanted start (else `startReportDays`
 * after the order), and customers whose delivered time stayed below the ordered, beyond the
 * tolerance, for the configured number of whole months before the day.
 */
import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.js'
import { addDays } from '../../domain/calendar.js'
import type { Tolerance } from '../../domain/delivered-time.js'
import { answerDueDate, startDueDate } from '../../domain/order.js'
import { deliveredBelowOrderedItem, orderNotAcceptedItem, startNotReportedItem } from '../../domain/worklist-orders.js'
import { ordersBelowOrdered } from '../delivered-time/service.js'
import { ordersById, unansweredOrders, unreportedStarts } from './order-checks-repository.js'
import type { WorklistScope } from './repository.js'

export interface DeliveredTimeRules extends Tolerance { followUpMonths: number }

export async function orderCheckItems(db: Kysely<DB>, scope: WorklistScope, asOf: string, q: { orderAnswerDays: number; startReportDays: number }, rules: DeliveredTimeRules) {
  const [unanswered, starts, below] = await Promise.all([
    unansweredOrders(db, scope, addDays(asOf, -q.orderAnswerDays)),
    unreportedStarts(db, scope, asOf, q.startReportDays),
    ordersBelowOrdered(db, scope.actor.unitId, asOf, rules.followUpMonths, rules, scope.caseWorker)
  ])
  const belowRows = await ordersById(db, scope, below.map((b) => b.orderId))
  const belowById = new Map(below.map((b) => [b.orderId, b]))
  const common = (o: (typeof unanswered)[number]) => ({
    personId: o.person_id, personName: `${o.first_name} ${o.last_name}`, applicationId: o.application_id, decisionId: o.decision_id,
    followUpId: null, caseWorker: o.assigned_case_worker
  })
  const items = [
    ...unanswered.map((o) => ({ ...orderNotAcceptedItem(o.provider_name, o.ordered_date, answerDueDate(o.ordered_date, q.orderAnswerDays), asOf), ...common(o) })),
    ...starts.map((o) => ({ ...startNotReportedItem(o.provider_name, o.ordered_date, startDueDate(o.ordered_date, o.start_wanted_date, q.startReportDays), asOf), ...common(o) })),
    ...belowRows.slice(0, scope.limit).flatMap((o) => {
      const b = belowById.get(o.id)
      // Listed from the first day after the last month below: the month's report is in by then.
      return b ? [{ ...deliveredBelowOrderedItem(rules.followUpMonths, b.from, b.to, `${asOf.slice(0, 7)}-01`), ...common(o) }] : []
    })
  ]
  const count = (rows: { total: string }[]) => Number(rows[0]?.total ?? 0)
  return {
    items,
    counts: { order_not_accepted: count(unanswered), start_not_reported: count(starts), delivered_time_below_ordered: belowRows.length },
    truncated: count(unanswered) > unanswered.length || count(starts) > starts.length || belowRows.length > scope.limit
  }
}
