/**
 * Hospital discharge (utskrivning från sluten hälso- och sjukvård), lag (2017:612) om
 * samverkan vid utskrivning (LUS). The hospital notifies the municipality of an admission
 * (inskrivningsmeddelande) and later that the patient is ready for discharge
 * (utskrivningsklar). The municipality's payment responsibility (betalningsansvar) begins a
 * number of calendar days after the ready date: by the law's default (5 kap.) three calendar
 * days after the notice, unless region and municipality have agreed otherwise — hence a
 * configurable number (DISCHARGE_AGREEMENT_DAYS), kept on each episode when it is recorded.
 *
 * Counting, in calendar days (the Stockholm agreement counts calendar days and has a
 * "day 0": a patient who leaves on the ready date has 0 days):
 * - days ready for discharge = left date − ready date (0 on the same day);
 * - payment responsibility begins ("inträder") `agreementDays` days after the ready date, on
 *   ready + agreementDays; the agreement's last free day is the day before;
 * - the municipality pays for each day from then to the day the person leaves (that day not
 *   counted, as the ready date's "day 0" is not): paid days = left − (ready + agreementDays),
 *   never below zero. A person who leaves on the first day of payment responsibility has no
 *   paid day, so "within the agreement" means days ready ≤ agreementDays.
 */
import { addDays, daysBetween } from './calendar.js'

/** Who took part in a SIP meeting, by role (never by name). */
export const SIP_PARTICIPANT_ROLES = [
  'person', 'relative', 'representative', 'case_worker', 'primary_care', 'hospital_care', 'municipal_health_care', 'provider', 'interpreter', 'other'
] as const
export type SipParticipantRole = (typeof SIP_PARTICIPANT_ROLES)[number]

/** The law's default when no agreement says otherwise: three calendar days (LUS 5 kap.). */
export const LAW_DEFAULT_AGREEMENT_DAYS = 3

export interface DischargeDates {
  readyDate: string | null
  leftHospitalDate: string | null
  agreementDays: number
}

/** The first day of the municipality's payment responsibility, or null before the ready date is known. */
export function paymentResponsibilityFrom(readyDate: string | null, agreementDays: number): string | null {
  return readyDate === null ? null : addDays(readyDate, agreementDays)
}

/**
 * Days ready for discharge: to the day the person left, or — still in hospital — to `asOf`
 * (never before the ready date). Null before the ready date is known.
 */
export function daysReadyForDischarge(e: DischargeDates, asOf: string): number | null {
  if (e.readyDate === null) return null
  const end = e.leftHospitalDate ?? asOf
  return Math.max(0, daysBetween(e.readyDate, end))
}

/** Days the municipality pays for: from the first day of payment responsibility to the day the person left (or `asOf`). */
export function daysWithPaymentResponsibility(e: DischargeDates, asOf: string): number | null {
  const from = paymentResponsibilityFrom(e.readyDate, e.agreementDays)
  if (from === null) return null
  return Math.max(0, daysBetween(from, e.leftHospitalDate ?? asOf))
}

/** The person left hospital within the agreement's days (no paid day). Null while still in hospital or not yet ready. */
export function leftWithinAgreement(e: DischargeDates): boolean | null {
  if (e.readyDate === null || e.leftHospitalDate === null) return null
  return daysBetween(e.readyDate, e.leftHospitalDate) <= e.agreementDays
}

/**
 * Still in hospital on `asOf` and the municipality's payment responsibility has begun: the
 * episode belongs on the unit's worklist.
 */
export function isPastAgreement(e: DischargeDates, asOf: string): boolean {
  const from = paymentResponsibilityFrom(e.readyDate, e.agreementDays)
  return from !== null && e.leftHospitalDate === null && asOf >= from
}

export type DischargeState = 'admitted' | 'ready_for_discharge' | 'left_hospital'

export function dischargeState(e: DischargeDates): DischargeState {
  if (e.leftHospitalDate !== null) return 'left_hospital'
  return e.readyDate === null ? 'admitted' : 'ready_for_discharge'
}

/** What is wrong with an episode's dates (pointer → message): a ready or left date before the admission, a left date before the ready date. */
export function dischargeDateErrors(d: { admittedDate: string; readyDate: string | null; leftHospitalDate: string | null }): { pointer: string; message: string }[] {
  const errors: { pointer: string; message: string }[] = []
  if (d.readyDate !== null && d.readyDate < d.admittedDate) errors.push({ pointer: '/readyDate', message: 'The ready date cannot be before the admission.' })
  if (d.leftHospitalDate !== null && d.leftHospitalDate < d.admittedDate) errors.push({ pointer: '/leftHospitalDate', message: 'The person cannot leave hospital before the admission.' })
  if (d.leftHospitalDate !== null && d.readyDate !== null && d.leftHospitalDate < d.readyDate) {
    errors.push({ pointer: '/leftHospitalDate', message: 'The person cannot leave hospital before being ready for discharge.' })
  }
  return errors
}

/** The worklist's words for an episode past the agreement's days. */
export function dischargeWorklistItem(readyDate: string, paymentFrom: string, asOf: string) {
  const n = daysBetween(paymentFrom, asOf)
  return {
    kind: 'discharge_payment_responsibility' as const,
    dueDate: paymentFrom,
    why: `Ready for discharge since ${readyDate} and still in hospital: the municipality pays from ${paymentFrom}${n === 0 ? ', today' : ` (${n} day${n === 1 ? '' : 's'} so far)`}.`
  }
}
