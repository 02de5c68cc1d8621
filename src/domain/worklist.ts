/**
 * The case worker's worklist (DOMAIN §2: "overdue lists per case worker and per unit are a
 * core view"): what needs doing, why, and by when. The dates that make an item due are
 * decided here; the texts say why in words a case worker reads.
 */
import { addDays, daysBetween } from './calendar.js'
import { lastOnTimeDay } from './not-executed.js'

export const WORKLIST_ITEM_KINDS = [
  'follow_up_overdue',
  'follow_up_upcoming',
  'time_limited_decision_expiring',
  'execution_deadline_approaching',
  'execution_deadline_passed',
  'implementation_plan_missing',
  'application_waiting',
  'discharge_payment_responsibility',
  'appeal_forwarding_due',
  // The checks of providers (worklist-orders.ts).
  'order_not_accepted',
  'start_not_reported',
  'delivered_time_below_ordered'
] as const
export type WorklistItemKind = (typeof WORKLIST_ITEM_KINDS)[number]

/** The last on-time day of execution (IVO's three months): 2026-03-31 → 2026-06-30. */
export const executionDeadline = lastOnTimeDay

/** The latest decision date that is warned about on `asOf`: warnings start `warnFromDays` after the decision. */
export const warnDecidedOnOrBefore = (asOf: string, warnFromDays: number): string => addDays(asOf, -warnFromDays)

const FOLLOW_UP_NAMES: Record<string, string> = {
  continuous: 'Continuous follow-up',
  kin: 'Individual quality follow-up (KIN)',
  hospital_discharge: 'Follow-up after hospital discharge',
  time_limited_review: 'Review of a time-limited decision'
}

const days = (n: number) => `${n} day${n === 1 ? '' : 's'}`

export function followUpItem(kind: string, dueDate: string, asOf: string): { kind: WorklistItemKind; why: string } {
  const name = FOLLOW_UP_NAMES[kind] ?? 'Follow-up'
  const left = daysBetween(asOf, dueDate)
  if (left < 0) return { kind: 'follow_up_overdue', why: `${name} was due ${dueDate}: ${days(-left)} overdue.` }
  return { kind: 'follow_up_upcoming', why: `${name} is due ${dueDate}${left === 0 ? ', today' : `, in ${days(left)}`}.` }
}

export function expiringItem(serviceType: string, validTo: string, asOf: string) {
  const left = daysBetween(asOf, validTo)
  return { kind: 'time_limited_decision_expiring' as const, why: `The time-limited decision on ${serviceType} ends ${validTo}${left === 0 ? ', today' : `, in ${days(left)}`}: re-assess it before then.` }
}

export function executionItem(serviceType: string, decisionDate: string, asOf: string): { kind: WorklistItemKind; why: string; dueDate: string } {
  const dueDate = executionDeadline(decisionDate)
  const left = daysBetween(asOf, dueDate)
  if (left < 0) {
    return { kind: 'execution_deadline_passed', dueDate, why: `The decision on ${serviceType} of ${decisionDate} is not executed; the 3-month limit passed ${dueDate} (${days(-left)} ago): it belongs to the IVO report of not-executed decisions.` }
  }
  return { kind: 'execution_deadline_approaching', dueDate, why: `The decision on ${serviceType} of ${decisionDate} is not executed; it must be by ${dueDate} (${days(left)} left) or be reported to IVO.` }
}

export function implementationPlanItem(orderedDate: string | null, dueDate: string, asOf: string) {
  return { kind: 'implementation_plan_missing' as const, why: `The provider's implementation plan was due ${dueDate}${orderedDate ? ` (ordered ${orderedDate})` : ''} and has not been received: ${days(daysBetween(dueDate, asOf))} late.` }
}

export function waitingItem(receivedDate: string, waitingDays: number, asOf: string) {
  return { kind: 'application_waiting' as const, dueDate: addDays(receivedDate, waitingDays), why: `The application received ${receivedDate} has waited ${days(daysBetween(receivedDate, asOf))} for a decision (more than ${days(waitingDays)}).` }
}
