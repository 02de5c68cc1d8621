/**
 * The worklist's checks of providers (seed 003: "kontroll av bevakningsfliken …
 * utförarrapportering"): an order not answered in time, a start not reported by its due date,
 * and a customer whose delivered time stayed below the ordered for months. The implementation
 * plan's check is `implementation_plan_missing` (worklist.ts), read from the same execution
 * facts whoever recorded them. Each item is listed once its due date has passed.
 */
import { daysBetween } from './calendar.js'

const days = (n: number) => `${n} day${n === 1 ? '' : 's'}`

export function orderNotAcceptedItem(providerName: string, orderedDate: string, dueDate: string, asOf: string) {
  return { kind: 'order_not_accepted' as const, dueDate, why: `The order to ${providerName} of ${orderedDate} has not been answered; an answer was due ${dueDate} (${days(daysBetween(dueDate, asOf))} late).` }
}

export function startNotReportedItem(providerName: string, orderedDate: string, dueDate: string, asOf: string) {
  return { kind: 'start_not_reported' as const, dueDate, why: `${providerName} has not reported the start of the order of ${orderedDate}; it was due ${dueDate} (${days(daysBetween(dueDate, asOf))} late).` }
}

export function deliveredBelowOrderedItem(months: number, from: string, to: string, dueDate: string) {
  return { kind: 'delivered_time_below_ordered' as const, dueDate, why: `Delivered time stayed below the ordered, beyond the tolerance, for ${months} month${months === 1 ? '' : 's'} running (${from.slice(0, 7)} – ${to.slice(0, 7)}): follow up whether the services given match the decision.` }
}
