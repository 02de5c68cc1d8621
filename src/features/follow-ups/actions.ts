/**
 * The follow-up's process steps: plan (book, move, assign), perform, cancel. Each locks the
 * follow-up (its decision first, since performing re-plans the decision), checks If-Match and
 * the state, applies the change and logs the access, in one transaction.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.js'
import { todayInStockholm } from '../../domain/calendar.js'
import { FOLLOW_UP_ACTION_STATES, followUpActionAllowed, kinAnswerErrors, type FollowUpAction } from '../../domain/follow-up.js'
import type { AuditEntry } from '../../service/caller.js'
import { assertVersion, setEtag } from '../../http/etag.js'
import { badRequest, invalidState, notFound, ProblemError } from '../../http/problem.js'
import { ActionHeaders, IdParams, problems, ref } from '../../http/schemas.js'
import { findVisibleApplication } from '../applications/repository.js'
import { replanFollowUps } from './planning.js'
import { toFollowUp } from './present.js'
import {
  findVisibleFollowUp, insertKinAnswers, kinAnswersOf, listKinQuestions, updateFollowUp, type FollowUpChanges, type FollowUpRow
} from './repository.js'
import { CancelBody, FollowUp, PerformBody, PlanBody } from './schemas.js'

const LABELS: Record<FollowUpAction, string> = { plan: 'plan the follow-up', perform: 'perform the follow-up', cancel: 'cancel the follow-up' }

interface StepResult { changes: FollowUpChanges; after?: (trx: Kysely<DB>, updated: FollowUpRow) => Promise<AuditEntry[]> }

async function followUpStep(
  app: FastifyInstance,
  request: FastifyRequest<{ Params: { id: string } }>,
  action: FollowUpAction,
  change: (current: FollowUpRow, trx: Kysely<DB>) => Promise<StepResult> | StepResult
) {
  return app.db.transaction().execute(async (trx) => {
    const found = await findVisibleFollowUp(trx, request.actor, request.params.id)
    if (!found) throw notFound('Follow-up')
    // Lock order decision → follow-up, as the re-plan does.
    if (found.decision_id) await trx.selectFrom('decisions').select('id').where('id', '=', found.decision_id).forUpdate().execute()
    const current = await findVisibleFollowUp(trx, request.actor, found.id, { forUpdate: true })
    if (!current) throw notFound('Follow-up')
    assertVersion(request, current.version)
    if (!followUpActionAllowed(action, current.status)) throw invalidState(LABELS[action], current.status, FOLLOW_UP_ACTION_STATES)
    const { changes, after } = await change(current, trx)
    const updated = await updateFollowUp(trx, current.id, changes)
    const replanned = after ? await after(trx, updated) : []
    await app.audit(request, [{ action: 'update', resourceType: 'follow_up', resourceId: current.id, personId: current.person_id }, ...replanned], trx)
    const answers = await kinAnswersOf(trx, [current.id])
    return { updated, answers: answers.get(current.id) }
  })
}

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const writes = { preValidation: app.requireCapability('write_individual_data') }
  const common = {
    tags: ['Follow-ups'], params: IdParams, headers: ActionHeaders,
    response: { 200: ref(FollowUp), ...problems(400, 403, 404, 409, 412, 422) }
  }

  app.post('/follow-ups/:id/plan', {
    ...writes,
    schema: {
      ...common, operationId: 'planFollowUp', summary: 'Book, move or assign a follow-up',
      description: 'Sets the booked date, the due date or the assigned case worker of a planned follow-up (409 otherwise). A new due date on an automatic follow-up makes it manual: re-plans of its decision leave it alone from then on.',
      body: PlanBody
    }
  }, async (request, reply) => {
    const b = request.body
    const { updated, answers } = await followUpStep(app, request, 'plan', (current) => {
      const moved = b.dueDate !== undefined && b.dueDate !== current.due_date
      return {
        changes: {
          due_date: b.dueDate,
          planned_date: b.plannedDate,
          assigned_case_worker: b.assignedCaseWorker,
          ...(moved ? { origin: 'manual' as const } : {})
        }
      }
    })
    setEtag(reply, updated.version)
    return toFollowUp(updated, answers, todayInStockholm())
  })

  app.post('/follow-ups/:id/perform', {
    ...writes,
    schema: {
      ...common, operationId: 'performFollowUp', summary: 'Record a performed follow-up',
      description: [
        'Records the performed date, method, findings, ordered vs delivered hours and the outcome. `changed` links the new application made for the changed needs',
        '(same person); a KIN follow-up records one answer per question of its service context (null: did not answer).',
        'Performing a follow-up of a decision re-plans the decision\'s automatic follow-ups: the next continuous follow-up counts from this one.'
      ].join(' '),
      body: PerformBody
    }
  }, async (request, reply) => {
    const b = request.body
    const today = todayInStockholm()
    const { updated, answers } = await followUpStep(app, request, 'perform', async (current, trx) => {
      if (b.performedDate > today) throw badRequest('/performedDate', 'The performed date cannot be in the future.')
      const decision = current.decision_id
        ? await trx.selectFrom('decisions').select(['decision_date']).where('id', '=', current.decision_id).executeTakeFirstOrThrow()
        : undefined
      if (decision && b.performedDate < decision.decision_date) throw badRequest('/performedDate', `A follow-up of the decision cannot precede it (${decision.decision_date}).`)

      if (b.outcome === 'changed') {
        if (!b.newApplicationId) throw badRequest('/newApplicationId', 'A changed outcome links the new application made for the changed needs.')
        const application = await findVisibleApplication(trx, request.actor, b.newApplicationId)
        if (!application) throw notFound('Application')
        if (application.person_id !== current.person_id) throw badRequest('/newApplicationId', 'The new application is about another person.')
        if (application.id === current.application_id) throw badRequest('/newApplicationId', 'The new application must be another than the one followed up.')
      } else if (b.newApplicationId) {
        throw badRequest('/newApplicationId', 'Only a changed outcome links a new application.')
      }

      if (current.kind === 'kin') {
        if (!b.kinAnswers) throw badRequest('/kinAnswers', 'A KIN follow-up records the person\'s answers (null for "did not answer").')
        const context = current.service_context ?? 'home_care'
        const errors = kinAnswerErrors(context, await listKinQuestions(trx, { activeOnly: true }), b.kinAnswers)
        if (errors.length > 0) throw new ProblemError(400, 'The KIN answers are incomplete or off the scale.', { errors: errors.map((e) => ({ in: 'body', ...e })) })
      } else if (b.kinAnswers) {
        throw badRequest('/kinAnswers', 'Only a KIN follow-up records answers to the standard questions.')
      }

      // The hours ordered from the provider are the reference when the caller gives none.
      const ordered = b.orderedHoursPerMonth !== undefined || !current.decision_id
        ? b.orderedHoursPerMonth ?? null
        : (await trx.selectFrom('executions').select('ordered_hours_per_month').where('decision_id', '=', current.decision_id).executeTakeFirst())?.ordered_hours_per_month ?? null
      return {
        changes: {
          status: 'performed',
          performed_date: b.performedDate,
          performed_by: request.actor.subject,
          method: b.method,
          findings: b.findings,
          ordered_hours_per_month: ordered,
          delivered_hours_per_month: b.deliveredHoursPerMonth ?? null,
          outcome: b.outcome,
          new_application_id: b.newApplicationId ?? null
        },
        after: async (trx, updated) => {
          if (b.kinAnswers) await insertKinAnswers(trx, updated.id, b.kinAnswers)
          return updated.decision_id ? replanFollowUps(trx, updated.decision_id) : []
        }
      }
    })
    setEtag(reply, updated.version)
    return toFollowUp(updated, answers, today)
  })

  app.post('/follow-ups/:id/cancel', {
    ...writes,
    schema: {
      ...common, operationId: 'cancelFollowUp', summary: 'Cancel a planned follow-up',
      description: 'Cancels a planned follow-up with a reason. An automatic follow-up cancelled by a person is not planned again for the same basis date by later re-plans.',
      body: CancelBody
    }
  }, async (request, reply) => {
    const b = request.body
    const today = todayInStockholm()
    if (b.date > today) throw badRequest('/date', 'The date cannot be in the future.')
    const { updated, answers } = await followUpStep(app, request, 'cancel', () => ({
      changes: { status: 'cancelled', cancelled_by: 'by_user', cancelled_date: b.date, cancellation_reason: b.reason }
    }))
    setEtag(reply, updated.version)
    return toFollowUp(updated, answers, today)
  })
}

export default routes
