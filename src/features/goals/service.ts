/**
 * The unit's goals per plan year: the hierarchy, fulfilment per period and activities. Every
 * operation is scoped to the caller's unit (another unit's goal is not found). Other features
 * find a goal through `findGoal`; the demo seed loads goals
 * through the repository functions re-exported here.
 */
import type { Kysely } from 'kysely'
import type { Static } from 'typebox'
import type { DB, ReportingPeriodCode } from '../../db/schema.js'
import { parentLevelOf } from '../../domain/indicators/goal-tree.js'
import { toPage } from '../../http/pagination.js'
import { badRequest, notFound, stale } from '../../http/problem.js'
import type { Caller } from '../../service/caller.js'
import { assertExpectedVersion } from '../../service/step.js'
import { write } from '../../service/transaction.js'
import {
  detailsOf, findActivity, findAssessment, findGoal, insertActivity, insertGoal, listGoals, updateActivity, updateGoal, upsertAssessment,
  type GoalFilter, type GoalRow
} from './repository.js'
import type { ActivityCreate, ActivityUpdate, AssessmentBody, GoalCreate, GoalUpdate } from './schemas.js'

export { findGoal, findGoalByCode, insertActivity, insertGoal, upsertAssessment } from './repository.js'

type GoalTexts = Partial<Record<'number' | 'title' | 'description' | 'expectedResult' | 'wayOfWorking' | 'resourceUse' | 'followUp' | 'development', string | null> & { position: number }>

/** camelCase body fields → columns, leaving out what the body does not mention. */
function goalColumns(b: GoalTexts) {
  return {
    ...(b.number !== undefined ? { number: b.number } : {}),
    ...(b.title !== undefined && b.title !== null ? { title: b.title } : {}),
    ...(b.description !== undefined ? { description: b.description } : {}),
    ...(b.expectedResult !== undefined ? { expected_result: b.expectedResult } : {}),
    ...(b.wayOfWorking !== undefined ? { way_of_working: b.wayOfWorking } : {}),
    ...(b.resourceUse !== undefined ? { resource_use: b.resourceUse } : {}),
    ...(b.followUp !== undefined ? { follow_up: b.followUp } : {}),
    ...(b.development !== undefined ? { development: b.development } : {}),
    ...(b.position !== undefined ? { position: b.position } : {})
  }
}

function checkDates(start: string | null | undefined, end: string | null | undefined) {
  if (start && end && end < start) throw badRequest('/endDate', 'The end date cannot precede the start date.')
}

async function goalOrNotFound(db: Kysely<DB>, caller: Caller, id: string, options: { forUpdate?: boolean } = {}) {
  const goal = await findGoal(db, caller.actor.unitId, id, options)
  if (!goal) throw notFound('Goal')
  return goal
}

/** A goal with its assessments and activities. */
async function withDetails(db: Kysely<DB>, goal: GoalRow) {
  return { goal, ...await detailsOf(db, [goal.id]) }
}

/** Adds a goal to the caller's unit under a parent of the same unit and plan year one level up. */
export function addGoal(db: Kysely<DB>, caller: Caller, b: Static<typeof GoalCreate>) {
  const { unitId } = caller.actor
  return write(db, caller, async ({ trx }) => {
    const parentLevel = parentLevelOf(b.level)
    const parentId = b.parentId ?? null
    if (parentLevel === null && parentId !== null) throw badRequest('/parentId', 'A KF direction goal has no parent.')
    if (parentLevel !== null) {
      if (parentId === null) throw badRequest('/parentId', `A ${b.level} goal needs a parent goal (${parentLevel}).`)
      const parent = await findGoal(trx, unitId, parentId)
      if (!parent) throw badRequest('/parentId', 'The parent goal was not found in your unit.')
      if (parent.level !== parentLevel) throw badRequest('/parentId', `The parent of a ${b.level} goal must be a ${parentLevel} goal, not ${parent.level}.`)
      if (parent.plan_year !== b.planYear) throw badRequest('/parentId', `The parent goal belongs to plan year ${parent.plan_year}.`)
    }
    return insertGoal(trx, {
      unit_id: unitId, plan_year: b.planYear, level: b.level, parent_id: parentId, code: b.code, title: b.title,
      number: b.number ?? null, ...goalColumns({ ...b, title: undefined })
    })
  })
}

/** A page of the caller's unit's goals, with the assessments and activities of the goals on it. */
export async function goalPage(db: Kysely<DB>, caller: Caller, filter: GoalFilter, after: [number, number, string, string] | undefined, limit: number) {
  const rows = await listGoals(db, caller.actor.unitId, filter, after, limit)
  const page = toPage(rows, limit, (g) => [g.plan_year, g.position, g.code, g.id])
  return { ...page, ...await detailsOf(db, page.items.map((g) => g.id)) }
}

export async function readGoal(db: Kysely<DB>, caller: Caller, id: string) {
  return withDetails(db, await goalOrNotFound(db, caller, id))
}

/** Changes the printed number, the texts or the position (If-Match against the goal's version). */
export function changeGoal(db: Kysely<DB>, caller: Caller, id: string, b: Static<typeof GoalUpdate>) {
  return write(db, caller, async ({ trx }) => {
    const goal = await goalOrNotFound(trx, caller, id, { forUpdate: true })
    assertExpectedVersion(caller, goal.version)
    const updated = await updateGoal(trx, goal.id, goal.version, goalColumns(b))
    if (!updated) throw stale()
    return withDetails(trx, updated)
  })
}

/** Records or replaces the fulfilment for a period; If-Match names the assessment's version (0 before the first). */
export function assessGoal(db: Kysely<DB>, caller: Caller, id: string, period: ReportingPeriodCode, b: Static<typeof AssessmentBody>) {
  return write(db, caller, async ({ trx }) => {
    const goal = await goalOrNotFound(trx, caller, id)
    const current = await findAssessment(trx, goal.id, period)
    assertExpectedVersion(caller, current?.version ?? 0)
    return upsertAssessment(trx, {
      goal_id: goal.id, period, fulfilment: b.fulfilment, analysis: b.analysis ?? null, assessed_by: caller.actor.subject
    })
  })
}

export function addActivity(db: Kysely<DB>, caller: Caller, goalId: string, b: Static<typeof ActivityCreate>) {
  return write(db, caller, async ({ trx }) => {
    const goal = await goalOrNotFound(trx, caller, goalId)
    checkDates(b.startDate, b.endDate)
    return insertActivity(trx, {
      goal_id: goal.id, text: b.text, start_date: b.startDate ?? null, end_date: b.endDate ?? null,
      deviation: b.deviation ?? null, analysis: b.analysis ?? null, ...(b.position !== undefined ? { position: b.position } : {})
    })
  })
}

/** Changes an activity's text, dates, deviation, analysis or position (If-Match against its version). */
export function changeActivity(db: Kysely<DB>, caller: Caller, goalId: string, activityId: string, b: Static<typeof ActivityUpdate>) {
  return write(db, caller, async ({ trx }) => {
    const goal = await goalOrNotFound(trx, caller, goalId)
    const activity = await findActivity(trx, goal.id, activityId)
    if (!activity) throw notFound('Activity')
    assertExpectedVersion(caller, activity.version)
    checkDates(b.startDate === undefined ? activity.start_date : b.startDate, b.endDate === undefined ? activity.end_date : b.endDate)
    const updated = await updateActivity(trx, activity.id, activity.version, {
      ...(b.text !== undefined ? { text: b.text } : {}),
      ...(b.startDate !== undefined ? { start_date: b.startDate } : {}),
      ...(b.endDate !== undefined ? { end_date: b.endDate } : {}),
      ...(b.deviation !== undefined ? { deviation: b.deviation } : {}),
      ...(b.analysis !== undefined ? { analysis: b.analysis } : {}),
      ...(b.position !== undefined ? { position: b.position } : {})
    })
    if (!updated) throw stale()
    return updated
  })
}
