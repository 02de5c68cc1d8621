/**
 * A small, deterministic set of generated persons and cases for the demo unit: applications
 * received in the demo year, decided a few weeks later, some time-limited and re-assessed in
 * time, some not. Names are common Swedish names; the personal identity numbers are valid in
 * form (check digit) but generated. The same input always gives the same cases.
 */
import { addDays, addMonths } from '../domain/calendar.js'
import type { Channel, DecisionOutcome } from '../domain/application-process.js'
import { luhnCheckDigit } from '../domain/identity-number.js'
import type { Sex } from '../domain/person.js'

export interface DemoCase {
  personalIdentityNumber: string
  birthDate: string
  sex: Sex
  firstName: string
  lastName: string
  receivedDate: string
  channel: Channel
  serviceTypeCode: 'home_care' | 'care_home' | 'safety_alarm' | 'day_activity'
  requestedHours: number | null
  decision: { outcome: DecisionOutcome; date: string; hours: number | null; validFrom: string | null; validTo: string | null }
  /** A re-assessment: a second application and decision for the same service. */
  reassessment: { receivedDate: string; date: string; hours: number | null; validTo: string | null } | null
}

const WOMEN = ['Anna', 'Margareta', 'Elisabeth', 'Eva', 'Kristina', 'Birgitta', 'Karin', 'Marie', 'Ingrid', 'Gunnel', 'Maj-Britt', 'Ulla', 'Kerstin', 'Inger', 'Solveig', 'Berit']
const MEN = ['Lars', 'Karl', 'Anders', 'Johan', 'Per', 'Erik', 'Nils', 'Bengt', 'Sven', 'Gunnar', 'Göran', 'Rolf', 'Lennart', 'Åke']
const LAST = ['Andersson', 'Johansson', 'Karlsson', 'Nilsson', 'Eriksson', 'Larsson', 'Olsson', 'Persson', 'Svensson', 'Gustafsson', 'Pettersson', 'Jonsson', 'Lindberg', 'Lindqvist', 'Bergström', 'Holm']
const CHANNELS: DemoCase['channel'][] = ['phone', 'aldre_direkt', 'hospital_discharge', 'letter_or_e_service', 'phone', 'outreach']

/** Luhn check digit over the ten-digit form (YYMMDDNNN). */
function withCheckDigit(birthDate: string, serial: string): string {
  return `${birthDate.replaceAll('-', '')}${serial}${luhnCheckDigit(birthDate.slice(2).replaceAll('-', '') + serial)}`
}

/** A tiny deterministic generator (LCG): the demo is the same on every machine. */
function random(seed: number) {
  let state = seed
  return (n: number) => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648
    return state % n
  }
}

const pick = <T>(list: readonly T[], r: (n: number) => number): T => list[r(list.length)] as T
const pad = (n: number) => String(n).padStart(2, '0')

export function demoCases(year: number, count = 36): DemoCase[] {
  const r = random(year)
  const cases: DemoCase[] = []
  for (let i = 0; i < count; i++) {
    const sex = i % 5 < 3 ? 'female' : 'male'
    const birthDate = `${1925 + r(25)}-${pad(1 + r(12))}-${pad(1 + r(28))}`
    // The serial's last digit is odd for men and even for women.
    const serial = `${pad(10 + r(89))}${sex === 'male' ? 2 * r(5) + 1 : 2 * r(5)}`
    const receivedDate = `${year}-${pad(1 + (i % 11))}-${pad(1 + r(27))}`
    const serviceTypeCode = (['home_care', 'home_care', 'home_care', 'care_home', 'safety_alarm', 'day_activity'] as const)[i % 6] as DemoCase['serviceTypeCode']
    const hoursBased = serviceTypeCode === 'home_care'
    const requestedHours = hoursBased ? 10 + 5 * r(20) : null
    const date = addDays(receivedDate, 3 + r(35))
    const outcome: DemoCase['decision']['outcome'] = i % 9 === 8 ? 'rejected' : i % 7 === 6 && hoursBased ? 'partially_granted' : 'granted'
    const granted = outcome !== 'rejected'
    const hours = hoursBased && granted ? (outcome === 'partially_granted' ? Math.max(5, (requestedHours ?? 10) - 10) : requestedHours) : null
    // Home care is time-limited to six months; housing and alarms are not.
    const validTo = granted && hoursBased ? addDays(addMonths(date, 6), -1) : null
    const reassessed = validTo !== null && validTo <= `${year}-12-31` && i % 3 !== 2
    const reassessmentDate = validTo === null ? null : addDays(validTo, -(5 + r(20)))
    cases.push({
      personalIdentityNumber: withCheckDigit(birthDate, serial),
      birthDate, sex,
      firstName: pick(sex === 'female' ? WOMEN : MEN, r),
      lastName: pick(LAST, r),
      receivedDate,
      channel: pick(CHANNELS, r),
      serviceTypeCode,
      requestedHours,
      decision: { outcome, date, hours, validFrom: granted ? date : null, validTo },
      reassessment: reassessed && reassessmentDate !== null
        ? { receivedDate: addDays(reassessmentDate, -10), date: reassessmentDate, hours, validTo: addDays(addMonths(reassessmentDate, 12), -1) }
        : null
    })
  }
  return cases
}
