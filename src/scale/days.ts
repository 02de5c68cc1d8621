/**
 * addDays and daysBetween with the same results as domain/calendar.ts, for the generator's
 * millions of calls: dates are turned into day numbers through caches instead of parsing and
 * formatting each time (the generator spent more time in date arithmetic than anywhere else).
 */
import { addDays as calendarAddDays, daysBetween as calendarDaysBetween } from '../domain/calendar.js'

const EPOCH = '1970-01-01'
const numberOf = new Map<string, number>()
const dateOf = new Map<number, string>()

function dayNumber(date: string): number {
  let n = numberOf.get(date)
  if (n === undefined) {
    n = calendarDaysBetween(EPOCH, date)
    numberOf.set(date, n)
    dateOf.set(n, date)
  }
  return n
}

function dateFor(n: number): string {
  let date = dateOf.get(n)
  if (date === undefined) {
    date = calendarAddDays(EPOCH, n)
    dateOf.set(n, date)
    numberOf.set(date, n)
  }
  return date
}

export const addDays = (date: string, days: number): string => dateFor(dayNumber(date) + days)

export const daysBetween = (from: string, to: string): number => dayNumber(to) - dayNumber(from)
