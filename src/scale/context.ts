/** What every part of the generator shares: the random stream, the dates, the buffers, the counters. */
import type { KinServiceContext } from '../domain/follow-up.js'
import type { Random } from './random.js'
import type { Tables } from './tables.js'

export interface KinQuestion {
  code: string
  serviceContext: KinServiceContext
  scale: string
}

export interface CityContext {
  random: Random
  today: string
  /** The first day of the generated history (`--years` back from today). */
  windowStart: string
  tables: Tables
  /** Providers offering each service type. */
  providersByService: ReadonlyMap<string, readonly string[]>
  kinQuestions: readonly KinQuestion[]
  /** The last number taken from each case-number sequence (the sequences are set past them). */
  counters: { application: number; complaint: number; deviation: number; lexSarah: number }
}

/** Human case numbers as the repositories write them: ANS-2026-000042. */
export const caseNumber = (prefix: string, date: string, n: number): string => `${prefix}-${date.slice(0, 4)}-${String(n).padStart(6, '0')}`

/** An instant on a legal date (mid-morning in Stockholm), for created_at and similar stamps. */
export const instantOn = (date: string, hour = 9): string => `${date}T${String(hour - 1).padStart(2, '0')}:00:00.000Z`
