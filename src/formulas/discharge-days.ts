/**
 * "Lägsta antalet utskrivningsklara dagar på sjukhus per vårdtillfälle" (seed 003): the days
 * each discharge episode's person stayed in hospital after being declared ready, for the
 * episodes that ended (the person left hospital) in the period — median, mean, and the share
 * that left within the agreement's days (no day of municipal payment responsibility), split
 * women/men. Day 0 is the ready date (see `domain/discharge.ts`).
 */
import { sql, type Kysely } from 'kysely'
import type { DB } from '../db/schema.js'
import { leftWithinAgreement } from '../domain/discharge.js'
import { daysBetween } from '../domain/calendar.js'
import { defineFormula, type FormulaResult, type FormulaScope, type Sex } from './formula.js'
import { medianBySex, NO_RECORDS, round4, shareBySex } from './split.js'

export interface DischargeFact {
  sex: Sex
  readyDate: string
  leftHospitalDate: string
  agreementDays: number
}

const daysReady = (f: DischargeFact) => daysBetween(f.readyDate, f.leftHospitalDate)

export function meanBySex<T extends { sex: Sex }>(facts: readonly T[], value: (fact: T) => number): FormulaResult {
  const mean = (list: readonly T[]) => (list.length === 0 ? null : round4(list.reduce((a, f) => a + value(f), 0) / list.length))
  const women = facts.filter((f) => f.sex === 'female')
  const men = facts.filter((f) => f.sex === 'male')
  return { total: mean(facts), women: mean(women), men: mean(men), basis: { total: facts.length, women: women.length, men: men.length }, missingReason: facts.length === 0 ? NO_RECORDS : null }
}

const common = {
  version: 1,
  params: [],
  load: (db: Kysely<DB>, scope: FormulaScope) =>
    db.selectFrom('discharge_episodes as e')
      .innerJoin('persons as p', 'p.id', 'e.person_id')
      .select(['p.sex', sql<string>`e.ready_date`.as('readyDate'), sql<string>`e.left_hospital_date`.as('leftHospitalDate'), 'e.agreement_days as agreementDays'])
      .where('e.unit_id', '=', scope.unitId)
      .where('p.unit_id', '=', scope.unitId)
      .where('e.ready_date', 'is not', null)
      .where('e.left_hospital_date', '>=', scope.start)
      .where('e.left_hospital_date', '<=', scope.end)
      .orderBy('e.id')
      .execute() as Promise<DischargeFact[]>
}

const BASIS = 'Episodes whose person left hospital in the period, having been declared ready for discharge; days ready = the day they left − the ready date (0 when the same day).'

export const dischargeDaysMedian = defineFormula<DischargeFact>({
  ...common,
  code: 'discharge_days_ready_median',
  title: 'Utskrivningsklara dagar på sjukhus per vårdtillfälle (median)',
  description: `${BASIS} The median of the days ready.`,
  unit: 'days',
  direction: 'lower_is_better',
  compute: (facts) => medianBySex(facts, daysReady)
})

export const dischargeDaysMean = defineFormula<DischargeFact>({
  ...common,
  code: 'discharge_days_ready_mean',
  title: 'Utskrivningsklara dagar på sjukhus per vårdtillfälle (medelvärde)',
  description: `${BASIS} The mean of the days ready.`,
  unit: 'days',
  direction: 'lower_is_better',
  compute: (facts) => meanBySex(facts, daysReady)
})

export const dischargeWithinAgreement = defineFormula<DischargeFact>({
  ...common,
  code: 'discharge_within_agreement',
  title: 'Andel vårdtillfällen där den utskrivningsklara lämnat sjukhuset inom överenskomna dagar',
  description: `${BASIS} The percentage that left within the agreement's days kept on each episode (no day of the municipality's payment responsibility: days ready ≤ agreement days).`,
  unit: 'percent',
  direction: 'higher_is_better',
  compute: (facts) => shareBySex(facts, (f) => leftWithinAgreement(f) === true)
})
