/**
 * Execution of a granted decision: explicit actions under /v1/decisions/{id}/execution. Each
 * locks the decision, checks If-Match against the execution's version (0 before the first
 * action), the decision's outcome and the execution's state, validates the dates against
 * what is already on record, and logs the access — in one transaction.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Transaction } from 'kysely'
import { addDays, todayInStockholm } from '../../domain/calendar.js'
import { ACTION_LABELS, allowedStates, isExecutionAllowed, type ExecutionAction } from '../../domain/execution.js'
import type { DB } from '../../db/schema.js'
import { assertVersion, setEtag } from '../../http/etag.js'
import { assertFactDate } from '../../http/fact-dates.js'
import { badRequest, conflict, invalidState, notFound } from '../../http/problem.js'
import { ActionHeaders, IdParams, problems, ref } from '../../http/schemas.js'
import { findVisibleDecision, type DecisionRow } from '../decisions/repository.js'
import { replanFollowUps } from '../follow-ups/planning.js'
import { findProvider } from '../providers/repository.js'
import { lastEventDate, stateOf, toExecution } from './present.js'
import { ensureExecution, loadExecution, updateExecution, type LoadedExecution } from './repository.js'
import {
  DelayAccountBody, EndBody, Execution, HoursBody, ImplementationPlanBody, InterruptBody, OfferBody, OfferParams,
  OfferResponseBody, OrderBody, ResumeBody, StartBody
} from './schemas.js'

interface StepContext {
  trx: Transaction<DB>
  decision: DecisionRow
  loaded: LoadedExecution
}

/** Hours only for decisions granted as a monthly time frame, and never above what was granted. */
function assertHours(pointer: string, hours: number | undefined, decision: DecisionRow) {
  if (hours === undefined) return
  if (decision.hours_per_month === null) throw badRequest(pointer, 'This decision is not granted in hours per month.')
  if (hours > decision.hours_per_month) throw badRequest(pointer, `Cannot exceed the granted ${decision.hours_per_month} hours per month.`)
}

async function executionStep(
  app: FastifyInstance,
  request: FastifyRequest<{ Params: { id: string } }>,
  reply: FastifyReply,
  action: ExecutionAction | 'account_for_delay',
  apply: (ctx: StepContext) => Promise<void>
) {
  const today = todayInStockholm()
  const { decision, loaded } = await app.db.transaction().execute(async (trx) => {
    const decision = await findVisibleDecision(trx, request.actor, request.params.id, { forUpdate: true })
    if (!decision) throw notFound('Decision')
    const before = await loadExecution(trx, decision.id)
    assertVersion(request, before.execution?.version ?? 0)
    const state = stateOf(decision, before)
    if (state === 'not_executable') {
      throw conflict('A rejected decision cannot be executed.', { currentState: state })
    }
    if (action !== 'account_for_delay' && !isExecutionAllowed(action, state)) {
      throw invalidState(ACTION_LABELS[action], state, allowedStates(action))
    }
    await ensureExecution(trx, decision.id)
    await apply({ trx, decision, loaded: before })
    // Only the start and the end change what the follow-up plan depends on.
    const replanned = action === 'start' || action === 'end' ? await replanFollowUps(trx, decision.id) : []
    await app.audit(request, [
      { action: 'update', resourceType: 'execution', resourceId: decision.id, personId: decision.person_id },
      ...replanned
    ], trx)
    return { decision, loaded: await loadExecution(trx, decision.id) }
  })
  const view = toExecution(decision, loaded, today)
  setEtag(reply, view.version)
  return view
}

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const writes = { preValidation: app.requireCapability('write_individual_data') }
  const common = {
    tags: ['Execution'], params: IdParams, headers: ActionHeaders,
    response: { 200: ref(Execution), ...problems(400, 403, 404, 409, 412, 422) }
  }
  const refusals = 'Refused with 409 for a rejected decision or when the execution is not in a state that allows the action (`currentState` says which).'

  app.get('/decisions/:id/execution', {
    preValidation: app.requireCapability('read_individual_data'),
    schema: {
      tags: ['Execution'], operationId: 'getExecution', summary: 'Get the execution of a decision',
      description: 'The order, implementation plan, start, executed hours, interruptions, offers and end of a decision\'s execution, with its state and whether it is late under the IVO three-month rule. The ETag is the execution\'s version (`"0"` before the first action); send it as If-Match with the actions.',
      params: IdParams,
      response: { 200: ref(Execution), ...problems(400, 403, 404) }
    }
  }, async (request, reply) => {
    const decision = await findVisibleDecision(app.db, request.actor, request.params.id)
    if (!decision) throw notFound('Decision')
    const loaded = await loadExecution(app.db, decision.id)
    await app.audit(request, [{ action: 'read', resourceType: 'execution', resourceId: decision.id, personId: decision.person_id }])
    const view = toExecution(decision, loaded, todayInStockholm())
    setEtag(reply, view.version)
    return view
  })

  app.post('/decisions/:id/execution/order', {
    ...writes,
    schema: {
      ...common, operationId: 'orderExecution', summary: 'Order the service from a provider',
      description: `Records the order (beställning) to a provider that offers the service type. The implementation plan falls due the configured number of days later (IMPLEMENTATION_PLAN_DUE_DAYS, default 15). ${refusals}`,
      body: OrderBody
    }
  }, async (request, reply) => executionStep(app, request, reply, 'order', async ({ trx, decision, loaded }) => {
    const b = request.body
    assertFactDate('/orderedDate', b.orderedDate, lastEventDate(decision, loaded), 'the last date on record for this decision')
    assertHours('/orderedHoursPerMonth', b.orderedHoursPerMonth, decision)
    const provider = await findProvider(trx, b.providerId)
    if (!provider) throw badRequest('/providerId', 'Unknown provider.')
    if (!provider.active) throw badRequest('/providerId', 'The provider is inactive.')
    if (!provider.service_type_codes.includes(decision.service_type_code)) {
      throw badRequest('/providerId', `The provider does not offer '${decision.service_type_code}'.`)
    }
    await updateExecution(trx, decision.id, {
      provider_id: provider.id,
      ordered_date: b.orderedDate,
      ordered_hours_per_month: b.orderedHoursPerMonth ?? decision.hours_per_month,
      implementation_plan_due_date: addDays(b.orderedDate, app.implementationPlanDueDays)
    })
  }))

  app.post('/decisions/:id/execution/implementation-plan', {
    ...writes,
    schema: {
      ...common, operationId: 'recordImplementationPlan', summary: 'Record that the implementation plan arrived',
      description: `The provider's implementation plan (genomförandeplan) was received. Recorded once. ${refusals}`,
      body: ImplementationPlanBody
    }
  }, async (request, reply) => executionStep(app, request, reply, 'record_implementation_plan', async ({ trx, decision, loaded }) => {
    const e = loaded.execution
    if (e?.implementation_plan_received_date) throw conflict(`The implementation plan was already recorded as received on ${e.implementation_plan_received_date}.`)
    assertFactDate('/receivedDate', request.body.receivedDate, e?.ordered_date ?? decision.decision_date, 'the order date')
    await updateExecution(trx, decision.id, { implementation_plan_received_date: request.body.receivedDate })
  }))

  app.post('/decisions/:id/execution/start', {
    ...writes,
    schema: {
      ...common, operationId: 'startExecution', summary: 'Record that the execution started',
      description: `The decision is executed (verkställt) from this date. For home care, executed hours below the granted hours make it partly executed: the missing part is still reported to IVO after three months. ${refusals}`,
      body: StartBody
    }
  }, async (request, reply) => executionStep(app, request, reply, 'start', async ({ trx, decision, loaded }) => {
    const b = request.body
    assertFactDate('/startedDate', b.startedDate, lastEventDate(decision, loaded), 'the last date on record for this decision')
    assertHours('/executedHoursPerMonth', b.executedHoursPerMonth, decision)
    await updateExecution(trx, decision.id, { started_date: b.startedDate })
    const hours = b.executedHoursPerMonth ?? decision.hours_per_month
    if (hours !== null) {
      await trx.insertInto('execution_hours').values({ decision_id: decision.id, effective_date: b.startedDate, hours_per_month: hours }).execute()
    }
  }))

  app.post('/decisions/:id/execution/hours', {
    ...writes,
    schema: {
      ...common, operationId: 'changeExecutedHours', summary: 'Change the executed hours',
      description: `For home care granted in hours per month: the hours actually executed from a date on. Reaching the granted hours completes a partial execution on that date. ${refusals}`,
      body: HoursBody
    }
  }, async (request, reply) => executionStep(app, request, reply, 'change_hours', async ({ trx, decision, loaded }) => {
    const b = request.body
    assertHours('/executedHoursPerMonth', b.executedHoursPerMonth, decision)
    const last = lastEventDate(decision, loaded)
    assertFactDate('/effectiveDate', b.effectiveDate, last, 'the last date on record for this decision')
    if (loaded.hours.some((h) => h.effective_date === b.effectiveDate)) throw conflict(`Executed hours are already recorded from ${b.effectiveDate}.`)
    await trx.insertInto('execution_hours').values({ decision_id: decision.id, effective_date: b.effectiveDate, hours_per_month: b.executedHoursPerMonth }).execute()
    await updateExecution(trx, decision.id, {})
  }))

  app.post('/decisions/:id/execution/interruptions', {
    ...writes,
    schema: {
      ...common, operationId: 'interruptExecution', summary: 'Record an interruption',
      description: `The service stopped from this date (avbrott). An interruption of three months or more is reported to IVO. ${refusals}`,
      body: InterruptBody
    }
  }, async (request, reply) => executionStep(app, request, reply, 'interrupt', async ({ trx, decision, loaded }) => {
    const b = request.body
    assertFactDate('/startDate', b.startDate, lastEventDate(decision, loaded), 'the last date on record for this decision')
    await trx.insertInto('execution_interruptions').values({ decision_id: decision.id, start_date: b.startDate, reason: b.reason, note: b.note ?? null, end_date: null }).execute()
    await updateExecution(trx, decision.id, {})
  }))

  app.post('/decisions/:id/execution/resume', {
    ...writes,
    schema: {
      ...common, operationId: 'resumeExecution', summary: 'Record that the service was given again',
      description: `Closes the open interruption. ${refusals}`,
      body: ResumeBody
    }
  }, async (request, reply) => executionStep(app, request, reply, 'resume', async ({ trx, decision, loaded }) => {
    const open = loaded.interruptions.find((i) => i.end_date === null)
    if (!open) throw conflict('There is no open interruption.')
    assertFactDate('/resumedDate', request.body.resumedDate, lastEventDate(decision, loaded), 'the last date on record for this decision')
    await trx.updateTable('execution_interruptions').set({ end_date: request.body.resumedDate }).where('id', '=', open.id).execute()
    await updateExecution(trx, decision.id, {})
  }))

  app.post('/decisions/:id/execution/end', {
    ...writes,
    schema: {
      ...common, operationId: 'endExecution', summary: 'End the service',
      description: `Ends the service (avslut) with a reason — also a decision that was never executed (the person declined, moved or died). An open interruption is not resumed by this: for IVO its wait ends with the service. ${refusals}`,
      body: EndBody
    }
  }, async (request, reply) => executionStep(app, request, reply, 'end', async ({ trx, decision, loaded }) => {
    const b = request.body
    assertFactDate('/endedDate', b.endedDate, lastEventDate(decision, loaded), 'the last date on record for this decision')
    await updateExecution(trx, decision.id, { ended_date: b.endedDate, end_reason: b.reason })
  }))

  app.post('/decisions/:id/execution/offers', {
    ...writes,
    schema: {
      ...common, operationId: 'recordExecutionOffer', summary: 'Record an offer made to the person',
      description: `An offer of the service (a place, a provider, a start date), with the person's answer if known. A declined offer is reported to IVO with its date but does not close the case; end the service with reason declined_by_person if the person no longer wants it. ${refusals}`,
      body: OfferBody
    }
  }, async (request, reply) => executionStep(app, request, reply, 'record_offer', async ({ trx, decision }) => {
    const b = request.body
    assertFactDate('/offeredDate', b.offeredDate, decision.decision_date, 'the decision date')
    const response = b.response ?? 'pending'
    if ((response === 'pending') !== (b.responseDate === undefined)) {
      throw badRequest('/responseDate', 'An accepted or declined offer needs its response date; a pending one has none.')
    }
    if (b.responseDate !== undefined) assertFactDate('/responseDate', b.responseDate, b.offeredDate, 'the offer date')
    if (b.providerId !== undefined && !(await findProvider(trx, b.providerId))) throw badRequest('/providerId', 'Unknown provider.')
    await trx.insertInto('execution_offers').values({
      decision_id: decision.id, offered_date: b.offeredDate, description: b.description, provider_id: b.providerId ?? null,
      response, response_date: b.responseDate ?? null
    }).execute()
    await updateExecution(trx, decision.id, {})
  }))

  app.post('/decisions/:id/execution/offers/:offerId/response', {
    ...writes,
    schema: {
      ...common, params: OfferParams, operationId: 'recordExecutionOfferResponse', summary: 'Record the person\'s answer to an offer',
      description: `Only a pending offer can be answered. ${refusals}`,
      body: OfferResponseBody
    }
  }, async (request, reply) => executionStep(app, request, reply, 'record_offer', async ({ trx, decision, loaded }) => {
    const offer = loaded.offers.find((o) => o.id === request.params.offerId)
    if (!offer) throw notFound('Offer')
    if (offer.response !== 'pending') throw conflict(`The offer was already ${offer.response} on ${offer.response_date}.`, { currentState: offer.response })
    assertFactDate('/responseDate', request.body.responseDate, offer.offered_date, 'the offer date')
    await trx.updateTable('execution_offers').set({ response: request.body.response, response_date: request.body.responseDate }).where('id', '=', offer.id).execute()
    await updateExecution(trx, decision.id, {})
  }))

  app.put('/decisions/:id/execution/delay-account', {
    ...writes,
    schema: {
      ...common, operationId: 'recordDelayAccount', summary: 'Record the account of a delay for IVO',
      description: 'Why the execution is delayed, the consequences for the person and the interim services given — the free-text fields of the IVO individual report. Replaces all three; null clears one. Allowed in every state of a granted decision.',
      body: DelayAccountBody
    }
  }, async (request, reply) => executionStep(app, request, reply, 'account_for_delay', async ({ trx, decision }) => {
    const b = request.body
    await updateExecution(trx, decision.id, { delay_reason: b.reason, delay_consequences: b.consequences, interim_services: b.interimServices })
  }))
}

export default routes
