/**
 * Number of people with a service of a given type on the period's last day
 * (helmånadsinsatser: seed 000 counts 2,654 people in December 2021). A person counts once,
 * whatever the number of decisions; a decision is in force from its validity start (or its
 * decision date when it has none) to its end date, if any.
 */
import { sql } from 'kysely'
import { GRANTING_OUTCOMES } from '../domain/application-process.js'
import { defineFormula, type Sex } from './formula.js'
import { countBySex } from './split.js'

export interface PersonService {
  personId: string
  sex: Sex
  from: string
  to: string | null
}

export const inForceOn = (fact: { from: string; to: string | null }, date: string) => fact.from <= date && (fact.to === null || fact.to >= date)

export const peopleWithServices = defineFormula<PersonService>({
  code: 'people_with_services',
  version: 1,
  title: 'Antal personer med insats',
  description: 'People with a granted (or partly granted) decision of the service type in force on the period\'s last day, counted once each.',
  unit: 'persons',
  direction: 'higher_is_better',
  params: [{ name: 'serviceTypeCode', description: 'The service type, e.g. home_care.', required: true, kind: 'service_type_code' }],
  load: (db, scope) => db.selectFrom('decisions as d')
    .innerJoin('persons as p', 'p.id', 'd.person_id')
    .select(['d.person_id as personId', 'p.sex', sql<string>`coalesce(d.valid_from, d.decision_date)`.as('from'), 'd.valid_to as to'])
    .where('d.unit_id', '=', scope.unitId)
    .where('p.unit_id', '=', scope.unitId)
    .where('d.service_type_code', '=', scope.params.serviceTypeCode ?? '')
    .where('d.outcome', 'in', GRANTING_OUTCOMES)
    .where(sql<boolean>`coalesce(d.valid_from, d.decision_date) <= ${scope.end}`)
    .where((eb) => eb.or([eb('d.valid_to', 'is', null), eb('d.valid_to', '>=', scope.end)]))
    .orderBy('d.person_id').orderBy('d.id')
    .execute(),
  compute(facts, scope) {
    const people = new Map<string, PersonService>()
    for (const fact of facts) if (inForceOn(fact, scope.end)) people.set(fact.personId, fact)
    return countBySex([...people.values()])
  }
})
