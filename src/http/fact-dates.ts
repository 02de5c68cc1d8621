/** Dates of recorded events are facts: not in the future, not before what they follow. */
import { todayInStockholm } from '../domain/calendar.js'
import { badRequest } from './problem.js'

export function assertFactDate(pointer: string, date: string, notBefore: string | null, what: string): void {
  if (date > todayInStockholm()) throw badRequest(pointer, 'The date cannot be in the future.')
  if (notBefore !== null && date < notBefore) throw badRequest(pointer, `The date cannot be before ${notBefore}, ${what}.`)
}

/** The latest of the dates already on record: a new step cannot precede it. */
export function latest(...dates: (string | null)[]): string | null {
  return dates.reduce<string | null>((max, d) => (d !== null && (max === null || d > max) ? d : max), null)
}
