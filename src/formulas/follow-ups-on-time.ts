/**
 * Share of follow-ups performed on time: of the follow-ups due in the period (all kinds,
 * cancelled ones left out), the percentage performed on or before the due date. One still
 * planned, or performed after its due date, counts as not on time; the basis is the number
 * of follow-ups due.
 */
import { defineFormula, type Sex } from './formula.js'
import { shareBySex } from './split.js'

export interface DueFollowUp {
  sex: Sex
  dueDate: string
  performedDate: string | null
}

export const isPerformedOnTime = (f: DueFollowUp): boolean => f.performedDate !== null && f.performedDate <= f.dueDate

export const followUpsOnTime = defineFormula<DueFollowUp>({
  code: 'follow_ups_on_time',
  version: 1,
  title: 'Andel uppföljningar utförda i tid',
  description: 'Of the follow-ups (all kinds) due in the period and not cancelled, the percentage performed on or before the due date; a follow-up still planned or performed late is not on time. The basis is the number of follow-ups due.',
  unit: 'percent',
  direction: 'higher_is_better',
  params: [],
  load: (db, scope) => db.selectFrom('follow_ups as f')
    .innerJoin('persons as p', 'p.id', 'f.person_id')
    .select(['p.sex', 'f.due_date as dueDate', 'f.performed_date as performedDate'])
    .where('f.unit_id', '=', scope.unitId)
    .where('p.unit_id', '=', scope.unitId)
    .where('f.status', '!=', 'cancelled')
    .where('f.due_date', '>=', scope.start)
    .where('f.due_date', '<=', scope.end)
    .orderBy('f.id')
    .execute(),
  compute: (facts, scope) => shareBySex(facts.filter((f) => f.dueDate >= scope.start && f.dueDate <= scope.end), isPerformedOnTime)
})
