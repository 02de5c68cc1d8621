/**
 * Decisions taken in the period (by decision date), optionally of one service type or one
 * outcome — the yearly "beslut per månad och insats" report counts the same thing.
 */
import { defineFormula, type Sex } from './formula.js'
import { countBySex } from './split.js'

export interface DecisionFact {
  sex: Sex
  decisionDate: string
  serviceTypeCode: string
  outcome: string
}

export const decisionsInPeriod = defineFormula<DecisionFact>({
  code: 'decisions_in_period',
  version: 1,
  title: 'Antal beslut under perioden',
  description: 'Decisions with a decision date in the period; optionally only one service type and/or one outcome.',
  unit: 'count',
  direction: 'higher_is_better',
  params: [
    { name: 'serviceTypeCode', description: 'Only this service type.', required: false, kind: 'service_type_code' },
    { name: 'outcome', description: 'Only this outcome: granted, partially_granted or rejected.', required: false, kind: 'outcome' }
  ],
  load(db, scope) {
    let query = db.selectFrom('decisions as d')
      .innerJoin('persons as p', 'p.id', 'd.person_id')
      .select(['p.sex', 'd.decision_date as decisionDate', 'd.service_type_code as serviceTypeCode', 'd.outcome'])
      .where('d.unit_id', '=', scope.unitId)
      .where('p.unit_id', '=', scope.unitId)
      .where('d.decision_date', '>=', scope.start)
      .where('d.decision_date', '<=', scope.end)
    if (scope.params.serviceTypeCode) query = query.where('d.service_type_code', '=', scope.params.serviceTypeCode)
    return query.orderBy('d.id').execute()
  },
  compute: (facts, scope) => countBySex(facts.filter((f) =>
    f.decisionDate >= scope.start && f.decisionDate <= scope.end &&
    (scope.params.serviceTypeCode === undefined || f.serviceTypeCode === scope.params.serviceTypeCode) &&
    (scope.params.outcome === undefined || f.outcome === scope.params.outcome)))
})
