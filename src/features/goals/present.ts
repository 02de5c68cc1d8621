import { PERIODS } from '../../domain/indicators/period.js'
import type { ActivityRow, AssessmentRow, GoalRow } from './repository.js'

export const toAssessment = (a: AssessmentRow) => ({
  goalId: a.goal_id, period: a.period, fulfilment: a.fulfilment, analysis: a.analysis, assessedBy: a.assessed_by, assessedAt: a.assessed_at, version: a.version
})

export const toActivity = (a: ActivityRow) => ({
  id: a.id, goalId: a.goal_id, text: a.text, startDate: a.start_date, endDate: a.end_date, deviation: a.deviation, analysis: a.analysis,
  position: a.position, version: a.version, createdAt: a.created_at, updatedAt: a.updated_at
})

export function toGoal(g: GoalRow, assessments: readonly AssessmentRow[], activities: readonly ActivityRow[]) {
  return {
    id: g.id, unitId: g.unit_id, planYear: g.plan_year, level: g.level, parentId: g.parent_id, code: g.code, number: g.number, title: g.title,
    description: g.description, expectedResult: g.expected_result, wayOfWorking: g.way_of_working, resourceUse: g.resource_use,
    followUp: g.follow_up, development: g.development, position: g.position,
    assessments: assessments.filter((a) => a.goal_id === g.id)
      .sort((a, b) => PERIODS.indexOf(a.period) - PERIODS.indexOf(b.period)).map(toAssessment),
    activities: activities.filter((a) => a.goal_id === g.id).map(toActivity),
    version: g.version, createdAt: g.created_at, updatedAt: g.updated_at
  }
}
