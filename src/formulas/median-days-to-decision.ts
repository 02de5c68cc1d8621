/**
 * Median days from the application's received date to the decision, over the decisions taken
 * in the period (one per decided service); the basis is the number of decisions.
 */
import { daysBetween } from '../domain/calendar.js'
import { defineFormula, type Sex } from './formula.js'
import { medianBySex } from './split.js'

export interface Handling {
  sex: Sex
  receivedDate: string
  decisionDate: string
}

export const medianDaysToDecision = defineFormula<Handling>({
  code: 'median_days_to_decision',
  version: 1,
  title: 'Handläggningstid i dagar (median)',
  description: 'Median number of days from the application\'s received date to the decision date, for decisions taken in the period.',
  unit: 'days',
  direction: 'lower_is_better',
  params: [{ name: 'serviceTypeCode', description: 'Only this service type.', required: false, kind: 'service_type_code' }],
  load(db, scope) {
    let query = db.selectFrom('decisions as d')
      .innerJoin('persons as p', 'p.id', 'd.person_id')
      .innerJoin('applications as a', 'a.id', 'd.application_id')
      .select(['p.sex', 'a.received_date as receivedDate', 'd.decision_date as decisionDate'])
      .where('d.unit_id', '=', scope.unitId)
      .where('p.unit_id', '=', scope.unitId)
      .where('d.decision_date', '>=', scope.start)
      .where('d.decision_date', '<=', scope.end)
    if (scope.params.serviceTypeCode) query = query.where('d.service_type_code', '=', scope.params.serviceTypeCode)
    return query.orderBy('d.id').execute()
  },
  compute: (facts) => medianBySex(facts, (f) => daysBetween(f.receivedDate, f.decisionDate))
})
