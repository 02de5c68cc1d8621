/**
 * Execution of a granted decision: explicit actions under /v1/decisions/{id}/execution, each
 * one step of the service (see service.ts). The ETag is the execution's version.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply } from 'fastify'
import { todayInStockholm } from '../../domain/calendar.js'
import { callerOf } from '../../http/caller.js'
import { setEtag } from '../../http/etag.js'
import { ActionHeaders, IdParams, problems, ref } from '../../http/schemas.js'
import { toExecution } from './present.js'
import {
  changeExecutedHours, endExecution, getExecution, interruptExecution, orderExecution, recordDelayAccount, recordImplementationPlan,
  recordOffer, recordOfferResponse, resumeExecution, startExecution, type ExecutionView
} from './service.js'
import {
  DelayAccountBody, EndBody, Execution, HoursBody, ImplementationPlanBody, InterruptBody, OfferBody, OfferParams,
  OfferResponseBody, OrderBody, ResumeBody, StartBody
} from './schemas.js'

function present(reply: FastifyReply, { decision, loaded }: ExecutionView) {
  const view = toExecution(decision, loaded, todayInStockholm())
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
  }, async (request, reply) => present(reply, await getExecution(app.db, callerOf(request), request.params.id)))

  app.post('/decisions/:id/execution/order', {
    ...writes,
    schema: {
      ...common, operationId: 'orderExecution', summary: 'Order the service from a provider',
      description: `Records the order (beställning) to a provider that offers the service type. The implementation plan falls due the configured number of days later (IMPLEMENTATION_PLAN_DUE_DAYS, default 15). ${refusals}`,
      body: OrderBody
    }
  }, async (request, reply) => present(reply, await orderExecution(app.db, callerOf(request), request.params.id, request.body, app.implementationPlanDueDays)))

  app.post('/decisions/:id/execution/implementation-plan', {
    ...writes,
    schema: {
      ...common, operationId: 'recordImplementationPlan', summary: 'Record that the implementation plan arrived',
      description: `The provider's implementation plan (genomförandeplan) was received. Recorded once. ${refusals}`,
      body: ImplementationPlanBody
    }
  }, async (request, reply) => present(reply, await recordImplementationPlan(app.db, callerOf(request), request.params.id, request.body)))

  app.post('/decisions/:id/execution/start', {
    ...writes,
    schema: {
      ...common, operationId: 'startExecution', summary: 'Record that the execution started',
      description: `The decision is executed (verkställt) from this date. For home care, executed hours below the granted hours make it partly executed: the missing part is still reported to IVO after three months. ${refusals}`,
      body: StartBody
    }
  }, async (request, reply) => present(reply, await startExecution(app.db, callerOf(request), request.params.id, request.body)))

  app.post('/decisions/:id/execution/hours', {
    ...writes,
    schema: {
      ...common, operationId: 'changeExecutedHours', summary: 'Change the executed hours',
      description: `For home care granted in hours per month: the hours actually executed from a date on. Reaching the granted hours completes a partial execution on that date. ${refusals}`,
      body: HoursBody
    }
  }, async (request, reply) => present(reply, await changeExecutedHours(app.db, callerOf(request), request.params.id, request.body)))

  app.post('/decisions/:id/execution/interruptions', {
    ...writes,
    schema: {
      ...common, operationId: 'interruptExecution', summary: 'Record an interruption',
      description: `The service stopped from this date (avbrott). An interruption of three months or more is reported to IVO. ${refusals}`,
      body: InterruptBody
    }
  }, async (request, reply) => present(reply, await interruptExecution(app.db, callerOf(request), request.params.id, request.body)))

  app.post('/decisions/:id/execution/resume', {
    ...writes,
    schema: {
      ...common, operationId: 'resumeExecution', summary: 'Record that the service was given again',
      description: `Closes the open interruption. ${refusals}`,
      body: ResumeBody
    }
  }, async (request, reply) => present(reply, await resumeExecution(app.db, callerOf(request), request.params.id, request.body)))

  app.post('/decisions/:id/execution/end', {
    ...writes,
    schema: {
      ...common, operationId: 'endExecution', summary: 'End the service',
      description: `Ends the service (avslut) with a reason — also a decision that was never executed (the person declined, moved or died). An open interruption is not resumed by this: for IVO its wait ends with the service. ${refusals}`,
      body: EndBody
    }
  }, async (request, reply) => present(reply, await endExecution(app.db, callerOf(request), request.params.id, request.body)))

  app.post('/decisions/:id/execution/offers', {
    ...writes,
    schema: {
      ...common, operationId: 'recordExecutionOffer', summary: 'Record an offer made to the person',
      description: `An offer of the service (a place, a provider, a start date), with the person's answer if known. A declined offer is reported to IVO with its date but does not close the case; end the service with reason declined_by_person if the person no longer wants it. ${refusals}`,
      body: OfferBody
    }
  }, async (request, reply) => present(reply, await recordOffer(app.db, callerOf(request), request.params.id, request.body)))

  app.post('/decisions/:id/execution/offers/:offerId/response', {
    ...writes,
    schema: {
      ...common, params: OfferParams, operationId: 'recordExecutionOfferResponse', summary: 'Record the person\'s answer to an offer',
      description: `Only a pending offer can be answered. ${refusals}`,
      body: OfferResponseBody
    }
  }, async (request, reply) => present(reply, await recordOfferResponse(app.db, callerOf(request), request.params.id, request.params.offerId, request.body)))

  app.put('/decisions/:id/execution/delay-account', {
    ...writes,
    schema: {
      ...common, operationId: 'recordDelayAccount', summary: 'Record the account of a delay for IVO',
      description: 'Why the execution is delayed, the consequences for the person and the interim services given — the free-text fields of the IVO individual report. Replaces all three; null clears one. Allowed in every state of a granted decision.',
      body: DelayAccountBody
    }
  }, async (request, reply) => present(reply, await recordDelayAccount(app.db, callerOf(request), request.params.id, request.body)))
}

export default routes
