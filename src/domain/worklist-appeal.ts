/**
 * The worklist's item about an appeal that waits to be forwarded to the administrative court
 * (FL 46 §, "skyndsamt"): due a week after the reconsideration (`forwardingDueDate`).
 */
import { forwardingDueDate } from './appeal.js'
import { daysBetween } from './calendar.js'

const days = (n: number) => `${n} day${n === 1 ? '' : 's'}`

export function appealForwardingItem(serviceType: string, reconsideredDate: string, asOf: string) {
  const dueDate = forwardingDueDate(reconsideredDate)
  const left = daysBetween(asOf, dueDate)
  const when = left < 0 ? `was due ${dueDate} (${days(-left)} ago)` : left === 0 ? `is due today, ${dueDate}` : `is due ${dueDate} (${days(left)} left)`
  return {
    kind: 'appeal_forwarding_due' as const,
    dueDate,
    why: `The appeal of the decision on ${serviceType}, reconsidered ${reconsideredDate} without being changed as requested, must be forwarded to the administrative court without delay: forwarding ${when}.`
  }
}
