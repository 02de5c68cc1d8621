/**
 * "Samtliga beslut är aktuella" (seed 000): of the time-limited decisions (granted or partly
 * granted, with an end date) that end in the period, the share that were re-assessed in time —
 * a later decision for the same person and service type dated on or before the end date.
 * The basis is the number of decisions that ended. Computed after the period, it is final;
 * during the period, decisions still ahead of their end date count as not yet re-assessed.
 */
import { sql } from 'kysely'
import { GRANTING_OUTCOMES } from '../domain/application-process.js'
import { defineFormula, type Sex } from './formula.js'
import { shareBySex } from './split.js'

export interface TimeLimited {
  sex: Sex
  validTo: string
  nextDecisionDate: string | null
}

export const isReassessedInTime = (f: TimeLimited) => f.nextDecisionDate !== null && f.nextDecisionDate <= f.validTo

export const shareCurrentDecisions = defineFormula<TimeLimited>({
  code: 'share_current_decisions',
  version: 1,
  title: 'Andel aktuella beslut bland tidsbegränsade beslut',
  description: 'Of the time-limited decisions ending in the period, the percentage re-assessed by a new decision (same person and service type) on or before the end date.',
  unit: 'percent',
  direction: 'higher_is_better',
  params: [{ name: 'serviceTypeCode', description: 'Only this service type.', required: false, kind: 'service_type_code' }],
  load(db, scope) {
    let query = db.selectFrom('decisions as d')
      .innerJoin('persons as p', 'p.id', 'd.person_id')
      .select(['p.sex', 'd.valid_to as validTo'])
      .select((eb) => eb.selectFrom('decisions as n')
        .select(sql<string>`min(n.decision_date)`.as('next'))
        .whereRef('n.person_id', '=', 'd.person_id')
        .whereRef('n.service_type_code', '=', 'd.service_type_code')
        .whereRef('n.id', '!=', 'd.id')
        .whereRef('n.decision_date', '>=', 'd.decision_date')
        .as('nextDecisionDate'))
      .where('d.unit_id', '=', scope.unitId)
      .where('p.unit_id', '=', scope.unitId)
      .where('d.outcome', 'in', GRANTING_OUTCOMES)
      .where('d.valid_to', '>=', scope.start)
      .where('d.valid_to', '<=', scope.end)
    if (scope.params.serviceTypeCode) query = query.where('d.service_type_code', '=', scope.params.serviceTypeCode)
    return query.orderBy('d.id').execute() as Promise<TimeLimited[]>
  },
  compute: (facts) => shareBySex(facts, isReassessedInTime)
})
