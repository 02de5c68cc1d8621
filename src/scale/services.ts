/**
 * The service-type mix and how each service behaves in the generated history: how often it
 * is requested, rejected or partly granted, how long a grant runs, whether a provider executes
 * it and how long the person waits for it. The weights follow the seeds: home care is by far
 * the most common decision, then safety alarms, then care homes and short-term care
 * (seed 000: of 2,654 clients, 1,525 had home care and 566 lived in a care home).
 */
import { Weighted, clamp, type Random } from './random.js'

export interface ServiceProfile {
  code: string
  /** Relative share among requested services. */
  weight: number
  housing: boolean
  hoursBased: boolean
  /** Needs no provider: decided and in force at once (fee reductions, investigations for the region). */
  providerless: boolean
  rejectShare: number
  /** Months of a time-limited grant, drawn by weight; 0 means open-ended. */
  validity: Weighted<number>
  /** Median days from the decision to the start, and the spread (log-normal sigma). */
  waitMedianDays: number
  waitSigma: number
  /** Requested hours per month: median and spread (hours-based services only). */
  hoursMedian: number
  hoursSigma: number
  /** Relative share among what a person living in a care home applies for; 0: not asked for there. */
  careHomeWeight: number
}

type ProfileOptions = Partial<Omit<ServiceProfile, 'validity'>> & { validityMonths?: readonly (readonly [number, number])[] }

const p = (code: string, weight: number, { validityMonths, ...o }: ProfileOptions): ServiceProfile => ({
  code, weight, housing: false, hoursBased: false, providerless: false, rejectShare: 0.07,
  validity: new Weighted(validityMonths ?? [[0, 0.6], [12, 0.4]]), waitMedianDays: 10, waitSigma: 0.8, hoursMedian: 0, hoursSigma: 0, careHomeWeight: 0, ...o
})

export const SERVICES: readonly ServiceProfile[] = [
  p('home_care', 45, { hoursBased: true, validityMonths: [[12, 0.55], [6, 0.25], [0, 0.2]], waitMedianDays: 4, hoursMedian: 28, hoursSigma: 0.75, rejectShare: 0.05 }),
  p('safety_alarm', 18, { validityMonths: [[0, 1]], waitMedianDays: 6, waitSigma: 0.6, rejectShare: 0.03 }),
  p('care_home', 2.5, { housing: true, validityMonths: [[0, 1]], waitMedianDays: 38, waitSigma: 0.62, rejectShare: 0.18, careHomeWeight: 30 }),
  p('short_term_care', 3.5, { housing: true, validityMonths: [[1, 0.7], [3, 0.3]], waitMedianDays: 3, rejectShare: 0.1 }),
  p('day_activity', 3, { waitMedianDays: 14 }),
  p('respite_care', 4, { housing: true, validityMonths: [[6, 0.5], [12, 0.5]], waitMedianDays: 14 }),
  p('relief_at_home', 3, { hoursBased: true, hoursMedian: 12, hoursSigma: 0.4 }),
  p('housing_support', 2.5, { hoursBased: true, hoursMedian: 8, hoursSigma: 0.4 }),
  p('escort_service', 2.5, { hoursBased: true, hoursMedian: 6, hoursSigma: 0.4, careHomeWeight: 15 }),
  p('service_housing', 1.5, { housing: true, validityMonths: [[0, 1]], waitMedianDays: 45, waitSigma: 0.6, rejectShare: 0.2 }),
  p('contact_person', 2, { waitMedianDays: 25, careHomeWeight: 10 }),
  p('meal_company', 1, {}),
  p('social_companionship', 1.5, { careHomeWeight: 10 }),
  p('home_care_allowance', 0.5, { providerless: true }),
  p('fee_reduction', 2, { providerless: true, rejectShare: 0.25, validityMonths: [[12, 1]], careHomeWeight: 25 }),
  p('national_transport', 1, { providerless: true, rejectShare: 0.15, validityMonths: [[12, 1]], careHomeWeight: 5 }),
  p('transport_investigation', 2, { providerless: true, rejectShare: 0.12, validityMonths: [[12, 1]], careHomeWeight: 5 }),
  p('dental_care_support', 1, { providerless: true, rejectShare: 0.2, validityMonths: [[12, 1]], careHomeWeight: 10 })
]

export const PROFILES: ReadonlyMap<string, ServiceProfile> = new Map(SERVICES.map((s) => [s.code, s]))

export function profile(code: string): ServiceProfile {
  const found = PROFILES.get(code)
  if (!found) throw new Error(`no profile for service type ${code}`)
  return found
}

export const HOME_PHASE_MIX = new Weighted(SERVICES.map((s) => [s.code, s.weight] as const))
/** Once in a care home, a person applies only for what a care home does not give, or to move to another one. */
export const CARE_HOME_PHASE_MIX = new Weighted(SERVICES.filter((s) => s.careHomeWeight > 0).map((s) => [s.code, s.careHomeWeight] as const))

/** People in a care home apply far less often than people living at home. */
export const CARE_HOME_APPLICATION_RATE = 0.25

/** Ends when the person moves into a care home (a care home gives it). */
export const endsInCareHome = (s: ServiceProfile): boolean => s.careHomeWeight === 0

/** Requested hours per month, to the half hour, within what a decision can carry. */
export function requestedHours(random: Random, s: ServiceProfile): number | null {
  if (!s.hoursBased) return null
  return Math.round(clamp(random.logNormal(s.hoursMedian, s.hoursSigma), 2, 320) * 2) / 2
}

/** Hours of a partial grant: between half and nine tenths of the request, at least one hour. */
export function partlyGrantedHours(random: Random, requested: number): number {
  return Math.max(1, Math.round(requested * (0.5 + 0.4 * random.float()) * 2) / 2)
}

