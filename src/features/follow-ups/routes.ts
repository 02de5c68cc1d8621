/** Follow-ups: creating, reading and listing. The process steps live in actions.ts. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Kysely } from 'kysely'
import { Type } from 'typebox'
import type { DB } from '../../db/schema.js'
import { todayInStockholm } from '../../domain/calendar.js'
import type { FollowUpKind } from '../../domain/follow-up.js'
import type { Actor } from '../../auth/actor.js'
import { setEtag } from '../../http/etag.js'
import { decodeCursor, toPage } from '../../http/pagination.js'
import { badRequest, conflict, notFound } from '../../http/problem.js'
import { IdempotencyHeader, IdParams, page, problems, ref } from '../../http/schemas.js'
import { findVisibleApplication, type ApplicationRow } from '../applications/repository.js'
import { findVisibleDecision, type DecisionRow } from '../decisions/repository.js'
import { findVisiblePerson } from '../persons/service.js'
import actions from './actions.js'
import { toFollowUp } from './present.js'
import { findVisibleFollowUp, insertFollowUp, kinAnswersOf, listKinQuestions, listVisibleFollowUps } from './repository.js'
import rulesRoutes from './rules-routes.js'
import { FollowUp, FollowUpCreate, FollowUpListQuery, KinQuestion } from './schemas.js'

interface Links { kind: FollowUpKind; decisionId?: string | undefined; applicationId?: string | undefined; personId?: string | undefined }

/**
 * What a new follow-up is about: the decision, application and person it names must be
 * visible and agree with each other, and its kind must fit them.
 */
async function resolveLinks(db: Kysely<DB>, actor: Actor, b: Links) {
  let decision: DecisionRow | undefined
  let application: ApplicationRow | undefined
  if (b.decisionId) {
    decision = await findVisibleDecision(db, actor, b.decisionId)
    if (!decision) throw notFound('Decision')
    if (b.applicationId && b.applicationId !== decision.application_id) throw badRequest('/applicationId', 'The decision belongs to another application.')
  }
  const applicationId = b.applicationId ?? decision?.application_id
  if (applicationId) {
    application = await findVisibleApplication(db, actor, applicationId)
    if (!application) throw notFound('Application')
  }
  const personId = decision?.person_id ?? application?.person_id ?? b.personId
  if (!personId) throw badRequest('', 'Name the decision, application or person the follow-up is about.')
  if (b.personId && b.personId !== personId) throw badRequest('/personId', 'The decision or application is about another person.')
  if (!decision && !application && !(await findVisiblePerson(db, actor, personId))) throw notFound('Person')

  if (b.kind === 'continuous' || b.kind === 'time_limited_review') {
    if (!decision) throw badRequest('/decisionId', `A ${b.kind} follow-up is of a decision: decisionId is required.`)
    if (decision.outcome === 'rejected') throw conflict('A rejected decision is not followed up.', { rule: 'decision_not_granted', currentState: decision.outcome })
    if (b.kind === 'time_limited_review' && decision.valid_to === null) {
      throw conflict('Only a time-limited decision (with validTo) is reviewed before it ends.', { rule: 'decision_not_time_limited' })
    }
  }
  if (b.kind === 'hospital_discharge') {
    if (!application) throw badRequest('/applicationId', 'A hospital-discharge follow-up is of an application: applicationId or decisionId is required.')
    if (application.channel !== 'hospital_discharge') {
      throw conflict(`The application came by '${application.channel}', not through hospital discharge.`, { rule: 'not_hospital_discharge' })
    }
  }
  return { decision, application, personId }
}

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const reads = { preValidation: app.requireCapability('read_individual_data') }
  const writes = { preValidation: app.requireCapability('write_individual_data') }

  app.post('/follow-ups', {
    ...writes,
    schema: {
      tags: ['Follow-ups'], operationId: 'createFollowUp', summary: 'Plan a follow-up by hand',
      description: [
        'Plans a follow-up (uppföljning) of a person of the caller\'s unit. Follow-ups the unit\'s rules ask for are planned automatically when a decision is taken',
        'or its dates or execution change (see `GET /v1/units/{id}/follow-up-rules`); this is for the others.',
        'A continuous follow-up needs a granted decision, a time-limited review a time-limited one (409 otherwise, naming the `rule`),',
        'a hospital-discharge follow-up an application that came through hospital discharge, and a KIN follow-up its `serviceContext`.'
      ].join(' '),
      headers: IdempotencyHeader,
      body: FollowUpCreate,
      response: { 201: ref(FollowUp), ...problems(400, 403, 404, 409, 422) }
    }
  }, async (request, reply) => {
    const b = request.body
    if (b.kind === 'kin' && !b.serviceContext) throw badRequest('/serviceContext', 'A KIN follow-up is of home care or of a care home: serviceContext is required.')
    if (b.kind !== 'kin' && b.serviceContext) throw badRequest('/serviceContext', 'Only a KIN follow-up has a service context.')
    const followUp = await app.db.transaction().execute(async (trx) => {
      const { decision, application, personId } = await resolveLinks(trx, request.actor, b)
      const created = await insertFollowUp(trx, {
        unit_id: request.actor.unitId,
        person_id: personId,
        decision_id: decision?.id ?? null,
        application_id: application?.id ?? null,
        kind: b.kind,
        origin: 'manual',
        // A review is of the decision's current end: a re-plan then sees the rule satisfied.
        basis_date: b.kind === 'time_limited_review' ? decision?.valid_to ?? null : null,
        service_context: b.serviceContext ?? null,
        due_date: b.dueDate,
        planned_date: b.plannedDate ?? null,
        assigned_case_worker: b.assignedCaseWorker ?? application?.assigned_case_worker ?? null,
        performed_date: null, performed_by: null, method: null, findings: null,
        ordered_hours_per_month: null, delivered_hours_per_month: null, outcome: null, new_application_id: null,
        cancelled_date: null, cancellation_reason: null, cancelled_by: null
      })
      await app.audit(request, [{ action: 'create', resourceType: 'follow_up', resourceId: created.id, personId }], trx)
      return created
    })
    setEtag(reply, followUp.version)
    return reply.code(201).header('location', `/v1/follow-ups/${followUp.id}`).send(toFollowUp(followUp, [], todayInStockholm()))
  })

  app.get('/follow-ups', {
    ...reads,
    schema: {
      tags: ['Follow-ups'], operationId: 'listFollowUps', summary: 'List follow-ups',
      description: 'Follow-ups of the caller\'s unit, earliest due first. `overdue=true` gives those still planned after their due date (today in Europe/Stockholm); combine with `caseWorker` for a case worker\'s overdue list.',
      querystring: FollowUpListQuery,
      response: { 200: page(ref(FollowUp)), ...problems(400, 403) }
    }
  }, async (request) => {
    const q = request.query
    const limit = q.limit ?? 50
    const today = todayInStockholm()
    const after = decodeCursor(q.cursor, ['string', 'string']) as [string, string] | undefined
    const rows = await listVisibleFollowUps(app.db, request.actor, q, today, after, limit)
    const result = toPage(rows, limit, (f) => [f.due_date, f.id])
    const answers = await kinAnswersOf(app.db, result.items.filter((f) => f.kind === 'kin').map((f) => f.id))
    await app.audit(request, result.items.map((f) => ({ action: 'read' as const, resourceType: 'follow_up', resourceId: f.id, personId: f.person_id })))
    return { items: result.items.map((f) => toFollowUp(f, answers.get(f.id), today)), nextCursor: result.nextCursor }
  })

  app.get('/follow-ups/:id', {
    ...reads,
    schema: {
      tags: ['Follow-ups'], operationId: 'getFollowUp', summary: 'Get a follow-up',
      params: IdParams,
      response: { 200: ref(FollowUp), ...problems(400, 403, 404) }
    }
  }, async (request, reply) => {
    const followUp = await findVisibleFollowUp(app.db, request.actor, request.params.id)
    if (!followUp) throw notFound('Follow-up')
    const answers = await kinAnswersOf(app.db, [followUp.id])
    await app.audit(request, [{ action: 'read', resourceType: 'follow_up', resourceId: followUp.id, personId: followUp.person_id }])
    setEtag(reply, followUp.version)
    return toFollowUp(followUp, answers.get(followUp.id), todayInStockholm())
  })

  app.get('/kin-questions', {
    schema: {
      tags: ['Reference data'], operationId: 'listKinQuestions', summary: 'List the KIN questions',
      description: 'The city\'s standard questions of the individual quality follow-up (kvalitetsuppföljning på individnivå), verbatim, per service context, with their answer scales. Favourable answers are those a satisfaction share counts.',
      response: { 200: Type.Object({ items: Type.Array(ref(KinQuestion)) }), ...problems() }
    }
  }, async () => ({
    items: (await listKinQuestions(app.db)).map((q) => ({
      code: q.code, textSv: q.textSv, serviceContext: q.serviceContext, answerScale: q.answerScale, options: q.labelled, active: q.active
    }))
  }))

  await app.register(actions)
  await app.register(rulesRoutes)
}

export default routes
