/**
 * Ordered against delivered time (beställd mot utförd tid, "avvikelsekundlista"): each month a
 * provider reports the hours it delivered on an order; the unit compares them with the hours
 * ordered. A month's difference is a deviation when it is outside the tolerance — more than
 * `percent` of the ordered hours or more than `hours` hours either way (default ±10 % or 8 h);
 * exactly at the limit is still within. Amounts are compared in hundredths of an hour (the
 * database keeps two decimals), so the edges are exact.
 */
import { addMonths } from './calendar.js'

export interface Tolerance { percent: number; hours: number }
export const DEFAULT_TOLERANCE: Tolerance = { percent: 10, hours: 8 }

export const DEVIATIONS = ['within', 'below', 'above', 'not_reported'] as const
export type Deviation = (typeof DEVIATIONS)[number]

const hundredths = (hours: number): number => Math.round(hours * 100)

/** Where delivered stands against ordered: within the tolerance, below or above it, or not reported. */
export function deviationOf(ordered: number, delivered: number | null, tolerance: Tolerance): Deviation {
  if (delivered === null) return 'not_reported'
  const o = hundredths(ordered)
  const diff = hundredths(delivered) - o
  const size = Math.abs(diff)
  const outside = size > tolerance.hours * 100 || size * 100 > tolerance.percent * o
  if (!outside) return 'within'
  return diff < 0 ? 'below' : 'above'
}

/** Delivered minus ordered, in hours with two decimals. */
export const differenceOf = (ordered: number, delivered: number): number => (hundredths(delivered) - hundredths(ordered)) / 100

/** Delivered against ordered as a percentage with one decimal; null when nothing was ordered. */
export const deliveredPercent = (ordered: number, delivered: number): number | null =>
  ordered > 0 ? Math.round((hundredths(delivered) * 1000) / hundredths(ordered)) / 10 : null

/** A month 'YYYY-MM' → its first day, or null when it is no month. */
export function monthStart(month: string): string | null {
  const match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month)
  return match ? `${match[1]}-${match[2]}-01` : null
}

/** The month's last day: 2026-02-01 → 2026-02-28. */
export const monthEnd = (firstDay: string): string => {
  // Day 0 of the next month, counted from the year and month alone: December 9999 has no next
  // month in ISO dates, but it has a last day.
  // (setUTCFullYear, not Date.UTC, which reads years 0–99 as 1900–1999.)
  const [year, month] = firstDay.split('-').map(Number) as [number, number]
  const lastDay = new Date(0)
  lastDay.setUTCFullYear(year, month, 0)
  return `${firstDay.slice(0, 8)}${String(lastDay.getUTCDate()).padStart(2, '0')}`
}

/** The `count` whole months before the month of `asOf`, oldest first, as first days. */
export function monthsBefore(asOf: string, count: number): string[] {
  const current = `${asOf.slice(0, 7)}-01`
  return Array.from({ length: count }, (_, i) => addMonths(current, i - count))
}

export interface DeliveredMonth { month: string; ordered: number; delivered: number }

/**
 * True when every one of `months` has a report below the ordered hours beyond the tolerance:
 * the customer then gets a follow-up on the case worker's worklist. A month without a report
 * breaks the run (a missing report is its own question to the provider).
 */
export function belowForMonths(reported: readonly DeliveredMonth[], months: readonly string[], tolerance: Tolerance): boolean {
  if (months.length === 0) return false
  return months.every((m) => {
    const r = reported.find((x) => x.month === m)
    return r !== undefined && deviationOf(r.ordered, r.delivered, tolerance) === 'below'
  })
}
