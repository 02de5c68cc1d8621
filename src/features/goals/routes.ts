/**
 * The unit's goals per plan year (ILS): the hierarchy from KF's direction goals down to unit
 * goals, their fulfilment per period and their activities. Every role of the unit reads them;
 * unit managers, deputies and administrators keep them. Another unit's goal answers 404.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { callerOf } from '../../http/caller.js'
import { setEtag } from '../../http/etag.js'
import { decodeCursor } from '../../http/pagination.js'
import { IdempotencyHeader, IdParams, IfMatchHeader, page, problems, ref } from '../../http/schemas.js'
import { toActivity, toAssessment, toGoal } from './present.js'
import { Activity, ActivityCreate, ActivityParams, ActivityUpdate, Assessment, AssessmentBody, Goal, GoalCreate, GoalListQuery, GoalUpdate, PeriodParams } from './schemas.js'
import { addActivity, addGoal, assessGoal, changeActivity, changeGoal, goalPage, readGoal } from './service.js'

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const manage = { preValidation: app.requireCapability('manage_goals_and_indicators') }

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
    const created = await addGoal(app.db, callerOf(request), request.body)
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
    const after = decodeCursor(q.cursor, ['number', 'number', 'string', 'string']) as [number, number, string, string] | undefined
    const { items, nextCursor, assessments, activities } = await goalPage(app.db, callerOf(request), q, after, q.limit ?? 50)
    return { items: items.map((g) => toGoal(g, assessments, activities)), nextCursor }
  })

  app.get('/goals/:id', {
    schema: {
      tags: ['Goals'], operationId: 'getGoal', summary: 'Get a goal', description: 'One goal of the caller\'s unit\'s plan (or a KF or council goal it works towards), with its assessments and activities, and its ETag.',
      params: IdParams,
      response: { 200: ref(Goal), ...problems(400, 404) }
    }
  }, async (request, reply) => {
    const { goal, assessments, activities } = await readGoal(app.db, callerOf(request), request.params.id)
    setEtag(reply, goal.version)
    return toGoal(goal, assessments, activities)
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
    const { goal, assessments, activities } = await changeGoal(app.db, callerOf(request), request.params.id, request.body)
    setEtag(reply, goal.version)
    return toGoal(goal, assessments, activities)
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
    const assessment = await assessGoal(app.db, callerOf(request), request.params.id, request.params.period, request.body)
    setEtag(reply, assessment.version)
    return toAssessment(assessment)
  })

  app.post('/goals/:id/activities', {
    ...manage,
    schema: {
      tags: ['Goals'], operationId: 'addGoalActivity', summary: 'Add an activity to a goal', description: 'Adds an activity the unit carries out towards the goal (what, when, who), answered with its own ETag for later changes.',
      params: IdParams,
      headers: IdempotencyHeader,
      body: ActivityCreate,
      response: { 201: ref(Activity), ...problems(400, 403, 404, 422) }
    }
  }, async (request, reply) => {
    const created = await addActivity(app.db, callerOf(request), request.params.id, request.body)
    setEtag(reply, created.version)
    return reply.code(201).header('location', `/v1/goals/${created.goal_id}/activities/${created.id}`).send(toActivity(created))
  })

  app.patch('/goals/:id/activities/:activityId', {
    ...manage,
    schema: {
      tags: ['Goals'], operationId: 'updateGoalActivity', summary: 'Change an activity (dates, deviation, analysis)', description: 'Changes an activity\'s dates, its deviation from the plan and the analysis of it. If-Match takes the activity\'s ETag.',
      params: ActivityParams,
      headers: IfMatchHeader,
      body: ActivityUpdate,
      response: { 200: ref(Activity), ...problems(400, 403, 404, 412) }
    }
  }, async (request, reply) => {
    const { id, activityId } = request.params
    const updated = await changeActivity(app.db, callerOf(request), id, activityId, request.body)
    setEtag(reply, updated.version)
    return toActivity(updated)
  })
}

export default routes
