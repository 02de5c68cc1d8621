/**
 * Granted home-care hours per month (ramtid) in force on the period's last day, summed over
 * the decisions; the basis is the number of decisions. The unit's monthly statistics follow
 * these hours (seed 000: "beviljade hemtjänsttimmar").
 */
import { sql } from 'kysely'
import { GRANTING_OUTCOMES } from '../domain/application-process.js'
import { defineFormula, type Sex } from './formula.js'
import { inForceOn } from './people-with-services.js'
import { sumBySex } from './split.js'

export interface GrantedHours {
  sex: Sex
  hoursPerMonth: number
  from: string
  to: string | null
}

export const grantedHomeCareHours = defineFormula<GrantedHours>({
  code: 'granted_home_care_hours',
  version: 1,
  title: 'Beviljade hemtjänsttimmar per månad',
  description: 'Sum of the hours per month of home-care decisions (granted or partly granted) in force on the period\'s last day.',
  unit: 'hours',
  direction: 'lower_is_better',
  params: [],
  load: (db, scope) => db.selectFrom('decisions as d')
    .innerJoin('persons as p', 'p.id', 'd.person_id')
    .select(['p.sex', sql<number>`coalesce(d.hours_per_month, 0)`.as('hoursPerMonth'), sql<string>`coalesce(d.valid_from, d.decision_date)`.as('from'), 'd.valid_to as to'])
    .where('d.unit_id', '=', scope.unitId)
    .where('p.unit_id', '=', scope.unitId)
    .where('d.service_type_code', '=', 'home_care')
    .where('d.outcome', 'in', GRANTING_OUTCOMES)
    .where(sql<boolean>`coalesce(d.valid_from, d.decision_date) <= ${scope.end}`)
    .where((eb) => eb.or([eb('d.valid_to', 'is', null), eb('d.valid_to', '>=', scope.end)]))
    .orderBy('d.id')
    .execute(),
  compute: (facts, scope) => sumBySex(facts.filter((f) => inForceOn(f, scope.end)), (f) => Number(f.hoursPerMonth))
})
