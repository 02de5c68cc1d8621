/**
 * Date rules of the generated history, kept pure so they can be tested: nothing happens
 * before what it rests on, and nothing after today. Dates are 'YYYY-MM-DD' strings (they
 * compare correctly as strings).
 */
import { addMonths } from '../domain/calendar.js'
import { addDays, daysBetween } from './days.js'
import type { Random } from './random.js'

export const earliest = (a: string, b: string): string => (a <= b ? a : b)
export const latest = (a: string, b: string): string => (a >= b ? a : b)

/** A uniformly drawn day in [from, to]; `from` when the range is empty. */
export function dayBetween(random: Random, from: string, to: string): string {
  const span = daysBetween(from, to)
  return span <= 0 ? from : addDays(from, random.int(0, span))
}

/** `date` plus a number of days, never earlier than `date` itself (negative draws count as 0). */
export const daysAfter = (date: string, days: number): string => addDays(date, Math.max(0, Math.round(days)))

/**
 * The day an execution starts: the decision date plus the wait, never before the order (a
 * provider cannot start what it was not asked for) nor before the decision itself.
 */
export function startAfterWait(decisionDate: string, orderedDate: string | null, waitDays: number): string {
  return latest(daysAfter(decisionDate, waitDays), orderedDate ?? decisionDate)
}

/** The last valid day of a grant of `months` from `validFrom`; null for an open-ended one. */
export const grantEnd = (validFrom: string, months: number): string | null =>
  months <= 0 ? null : addDays(addMonths(validFrom, months), -1)

/** Whole years from `from` to `to` (the age on a date, for a birth date). */
export function yearsBetween(from: string, to: string): number {
  let years = Number(to.slice(0, 4)) - Number(from.slice(0, 4))
  if (to.slice(5) < from.slice(5)) years--
  return years
}

/** The date when something is first on or after `date` but not later than `cap`: null if it would be. */
export const onOrBefore = (date: string, cap: string): string | null => (date <= cap ? date : null)
