/**
 * The unit's goals per plan year (ILS): the hierarchy from KF's direction goals down to unit
 * goals, their fulfilment per period and their activities. Every role of the unit reads them;
 * unit managers, deputies and administrators keep them. Another unit's goal answers 404.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { parentLevelOf } from '../../domain/indicators/goal-tree.js'
import { assertVersion, expectedVersion, setEtag } from '../../http/etag.js'
import { decodeCursor, toPage } from '../../http/pagination.js'
import { badRequest, notFound, stale } from '../../http/problem.js'
import { IdempotencyHeader, IdParams, IfMatchHeader, page, problems, ref } from '../../http/schemas.js'
import { goalColumns, toActivity, toAssessment, toGoal } from './present.js'
import { detailsOf, findActivity, findAssessment, findGoal, insertActivity, insertGoal, listGoals, updateActivity, updateGoal, upsertAssessment } from './repository.js'
import { Activity, ActivityCreate, ActivityParams, ActivityUpdate, Assessment, AssessmentBody, Goal, GoalCreate, GoalListQuery, GoalUpdate, PeriodParams } from './schemas.js'

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const manage = { preValidation: app.requireCapability('manage_goals_and_indicators') }

  async function goalOrNotFound(unitId: string, id: string) {
    const goal = await findGoal(app.db, unitId, id)
    if (!goal) throw notFound('Goal')
    return goal
  }

  async function presentGoal(goal: Awaited<ReturnType<typeof goalOrNotFound>>) {
    const { assessments, activities } = await detailsOf(app.db, [goal.id])
    return toGoal(goal, assessments, activities)
  }

  const checkDates = (start: string | null | undefined, end: string | null | undefined) => {
    if (start && end && end < start) throw badRequest('/endDate', 'The end date cannot precede the start date.')
  }

  app.post('/goals', {
    ...manage,
    schema: {
      tags: ['Goals'], operationId: 'createGoal', summary: 'Add a goal',
      description: 'Adds a goal to the caller\'s unit for a plan year. The parent must be a goal of the same unit and plan year one level up: KF direction goal → KF goal for the area → council goal → unit goal. The code is unique per unit and plan year (409).',
      headers: IdempotencyHeader,
      body: GoalCreate,
      response: { 201: ref(Goal), ...problems(400, 403, 409, 422) }
    }
  }, async (request, reply) => {
    const b = request.body
    const parentLevel = parentLevelOf(b.level)
    const parentId = b.parentId ?? null
    if (parentLevel === null && parentId !== null) throw badRequest('/parentId', 'A KF direction goal has no parent.')
    if (parentLevel !== null) {
      if (parentId === null) throw badRequest('/parentId', `A ${b.level} goal needs a parent goal (${parentLevel}).`)
      const parent = await findGoal(app.db, request.actor.unitId, parentId)
      if (!parent) throw badRequest('/parentId', 'The parent goal was not found in your unit.')
      if (parent.level !== parentLevel) throw badRequest('/parentId', `The parent of a ${b.level} goal must be a ${parentLevel} goal, not ${parent.level}.`)
      if (parent.plan_year !== b.planYear) throw badRequest('/parentId', `The parent goal belongs to plan year ${parent.plan_year}.`)
    }
    const created = await insertGoal(app.db, {
      unit_id: request.actor.unitId, plan_year: b.planYear, level: b.level, parent_id: parentId, code: b.code, title: b.title,
      number: b.number ?? null, ...goalColumns({ ...b, title: undefined })
    })
    setEtag(reply, created.version)
    return reply.code(201).header('location', `/v1/goals/${created.id}`).send(toGoal(created, [], []))
  })

  app.get('/goals', {
    schema: {
      tags: ['Goals'], operationId: 'listGoals', summary: 'List goals',
      description: 'The caller\'s unit\'s goals, by plan year, position and code, with their assessments and activities. Filter by year, level or parent.',
      querystring: GoalListQuery,
      response: { 200: page(ref(Goal)), ...problems(400) }
    }
  }, async (request) => {
    const q = request.query
    const limit = q.limit ?? 50
    const after = decodeCursor(q.cursor, ['number', 'number', 'string', 'string']) as [number, number, string, string] | undefined
    const rows = await listGoals(app.db, request.actor.unitId, q, after, limit)
    const result = toPage(rows, limit, (g) => [g.plan_year, g.position, g.code, g.id])
    const { assessments, activities } = await detailsOf(app.db, result.items.map((g) => g.id))
    return { items: result.items.map((g) => toGoal(g, assessments, activities)), nextCursor: result.nextCursor }
  })

  app.get('/goals/:id', {
    schema: {
      tags: ['Goals'], operationId: 'getGoal', summary: 'Get a goal',
      params: IdParams,
      response: { 200: ref(Goal), ...problems(400, 404) }
    }
  }, async (request, reply) => {
    const goal = await goalOrNotFound(request.actor.unitId, request.params.id)
    setEtag(reply, goal.version)
    return presentGoal(goal)
  })

  app.patch('/goals/:id', {
    ...manage,
    schema: {
      tags: ['Goals'], operationId: 'updateGoal', summary: 'Change a goal\'s texts',
      description: 'Changes the printed number, the texts or the position. Plan year, level, parent and code are fixed: add a new goal instead.',
      params: IdParams,
      headers: IfMatchHeader,
      body: GoalUpdate,
      response: { 200: ref(Goal), ...problems(400, 403, 404, 412) }
    }
  }, async (request, reply) => {
    const goal = await goalOrNotFound(request.actor.unitId, request.params.id)
    assertVersion(request, goal.version)
    const updated = await updateGoal(app.db, goal.id, goal.version, goalColumns(request.body))
    if (!updated) throw stale()
    setEtag(reply, updated.version)
    return presentGoal(updated)
  })

  app.put('/goals/:id/assessments/:period', {
    ...manage,
    schema: {
      tags: ['Goals'], operationId: 'assessGoal', summary: 'Assess a goal\'s fulfilment for a period',
      description: 'Records (or replaces) the fulfilment — fully, partly or not met — and the analysis for T1, T2 or the year of the goal\'s plan year. With If-Match, the assessment\'s ETag from an earlier answer (412 if it changed since).',
      params: PeriodParams,
      headers: IfMatchHeader,
      body: AssessmentBody,
      response: { 200: ref(Assessment), ...problems(400, 403, 404, 412) }
    }
  }, async (request, reply) => {
    const goal = await goalOrNotFound(request.actor.unitId, request.params.id)
    const assessment = await app.db.transaction().execute(async (trx) => {
      const current = await findAssessment(trx, goal.id, request.params.period)
      const expected = expectedVersion(request)
      if (expected !== undefined && expected !== (current?.version ?? 0)) throw stale(current?.version ?? 0)
      return upsertAssessment(trx, {
        goal_id: goal.id, period: request.params.period, fulfilment: request.body.fulfilment,
        analysis: request.body.analysis ?? null, assessed_by: request.actor.subject
      })
    })
    setEtag(reply, assessment.version)
    return toAssessment(assessment)
  })

  app.post('/goals/:id/activities', {
    ...manage,
    schema: {
      tags: ['Goals'], operationId: 'addGoalActivity', summary: 'Add an activity to a goal',
      params: IdParams,
      headers: IdempotencyHeader,
      body: ActivityCreate,
      response: { 201: ref(Activity), ...problems(400, 403, 404, 422) }
    }
  }, async (request, reply) => {
    const goal = await goalOrNotFound(request.actor.unitId, request.params.id)
    const b = request.body
    checkDates(b.startDate, b.endDate)
    const created = await insertActivity(app.db, {
      goal_id: goal.id, text: b.text, start_date: b.startDate ?? null, end_date: b.endDate ?? null,
      deviation: b.deviation ?? null, analysis: b.analysis ?? null, ...(b.position !== undefined ? { position: b.position } : {})
    })
    setEtag(reply, created.version)
    return reply.code(201).header('location', `/v1/goals/${goal.id}/activities/${created.id}`).send(toActivity(created))
  })

  app.patch('/goals/:id/activities/:activityId', {
    ...manage,
    schema: {
      tags: ['Goals'], operationId: 'updateGoalActivity', summary: 'Change an activity (dates, deviation, analysis)',
      params: ActivityParams,
      headers: IfMatchHeader,
      body: ActivityUpdate,
      response: { 200: ref(Activity), ...problems(400, 403, 404, 412) }
    }
  }, async (request, reply) => {
    const goal = await goalOrNotFound(request.actor.unitId, request.params.id)
    const activity = await findActivity(app.db, goal.id, request.params.activityId)
    if (!activity) throw notFound('Activity')
    assertVersion(request, activity.version)
    const b = request.body
    checkDates(b.startDate === undefined ? activity.start_date : b.startDate, b.endDate === undefined ? activity.end_date : b.endDate)
    const updated = await updateActivity(app.db, activity.id, activity.version, {
      ...(b.text !== undefined ? { text: b.text } : {}),
      ...(b.startDate !== undefined ? { start_date: b.startDate } : {}),
      ...(b.endDate !== undefined ? { end_date: b.endDate } : {}),
      ...(b.deviation !== undefined ? { deviation: b.deviation } : {}),
      ...(b.analysis !== undefined ? { analysis: b.analysis } : {}),
      ...(b.position !== undefined ? { position: b.position } : {})
    })
    if (!updated) throw stale()
    setEtag(reply, updated.version)
    return toActivity(updated)
  })
}

export default routes
