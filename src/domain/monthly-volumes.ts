/**
 * Months as statistics periods (`2026-10`): the unit "stämmer månadsvis av enhetens
 * statistik" (seed 000) and reports full-month placements (helmånadsplaceringar, seed 004).
 */
import { addDays, addMonths } from './calendar.js'

export interface Month {
  /** `YYYY-MM` */
  label: string
  year: number
  month: number
  /** First and last day, as legal dates. */
  start: string
  end: string
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/

/** The month named `2026-10`, or null for anything else (years 2000–2100). */
export function parseMonth(value: string): Month | null {
  const match = MONTH.exec(value)
  if (!match) return null
  const year = Number(match[1])
  const month = Number(match[2])
  if (year < 2000 || year > 2100) return null
  const start = `${match[1]}-${match[2]}-01`
  return { label: value, year, month, start, end: addDays(addMonths(start, 1), -1) }
}

/** The same month a year earlier (the report's comparison column). */
export function sameMonthLastYear(m: Month): Month {
  return parseMonth(`${String(m.year - 1).padStart(4, '0')}-${String(m.month).padStart(2, '0')}`) as Month
}

export interface Placement {
  /** The first day of the placement (executed from, or in force from). */
  from: string
  /** The last day, or null while it continues. */
  to: string | null
}

/**
 * A full-month placement covers every day of the month: it began on or before the 1st and
 * had not ended before the month's last day (a placement ending on the last day counts).
 */
export function coversWholeMonth(p: Placement, m: Month): boolean {
  return p.from <= m.start && (p.to === null || p.to >= m.end)
}

/** In force on a day (the month's last day for "persons with a service"). */
export function inForceOn(p: Placement, date: string): boolean {
  return p.from <= date && (p.to === null || p.to >= date)
}
