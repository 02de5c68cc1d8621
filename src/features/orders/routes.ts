/**
 * Orders (beställningar) as documents. A provider (role `provider`) reads the orders addressed
 * to it, answers them, reports on their execution and reports the hours delivered each month;
 * the unit's staff read their unit's orders and lock a checked month. The ETag of an order is
 * its version; of a month's delivered time, that month's version.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply } from 'fastify'
import { callerOf } from '../../http/caller.js'
import { setEtag } from '../../http/etag.js'
import { ActionHeaders, IdParams, IfMatchHeader, problems, ref } from '../../http/schemas.js'
import type { ProviderReport } from '../../domain/order.js'
import { toOrder, toOrderSummary } from './present.js'
import { acceptOrder, declineOrder, reportOnOrder } from './provider-service.js'
import { getOrder, listOrders, lockMonth, reportDeliveredTime, type OrderDocument } from './service.js'
import {
  AcceptBody, DeclineBody, DeliveredTime, DeliveredTimeBody, EndReportBody, InterruptReportBody, LockParams, MonthLock, MonthParams, Order,
  OrderListQuery, OrderPage, PlanReportBody, ResumeReportBody, StartReportBody
} from './schemas.js'

function present(reply: FastifyReply, document: OrderDocument) {
  setEtag(reply, document.order.version)
  return toOrder(document)
}

const REPORTS: { path: ProviderReport; operationId: string; summary: string; description: string; body: typeof PlanReportBody | typeof StartReportBody | typeof InterruptReportBody | typeof ResumeReportBody | typeof EndReportBody }[] = [
  { path: 'implementation-plan', operationId: 'reportImplementationPlan', summary: 'Report that the implementation plan was drawn up', body: PlanReportBody,
    description: 'The provider\'s implementation plan (genomförandeplan) is in place; it is due 15 days after the order (IMPLEMENTATION_PLAN_DUE_DAYS).' },
  { path: 'start', operationId: 'reportStart', summary: 'Report the start of the service', body: StartReportBody,
    description: 'The service is given from this date (verkställd): the decision is executed, as when the unit records the start.' },
  { path: 'interrupt', operationId: 'reportInterruption', summary: 'Report an interruption', body: InterruptReportBody,
    description: 'The service stopped for a while (avbrott); an interruption of three months belongs to the IVO report.' },
  { path: 'resume', operationId: 'reportResumption', summary: 'Report that the service resumed', body: ResumeReportBody,
    description: 'The service is given again after an interruption.' },
  { path: 'end', operationId: 'reportEnd', summary: 'Report the end of the service', body: EndReportBody,
    description: 'The service ended (avslut), with the reason.' }
]

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const reads = { preValidation: app.requireCapability('read_orders') }
  const provider = { preValidation: app.requireCapability('act_as_provider') }
  const action = { tags: ['Orders'], params: IdParams, headers: ActionHeaders, response: { 200: ref(Order), ...problems(400, 403, 404, 409, 412, 422) } }
  const refusals = 'Only for the provider the order is addressed to (any other caller: 404). 409 naming `currentState` when the order or its execution is not in a state that allows it; If-Match is the order\'s ETag. Each report writes the same execution facts as the unit\'s own action under /v1/decisions/{id}/execution, so the unit, the IVO report and the worklist see it at once.'

  app.get('/orders', {
    ...reads,
    schema: {
      tags: ['Orders'], operationId: 'listOrders', summary: 'List orders',
      description: 'For a provider: the orders addressed to it, in every unit that orders from it. For the unit\'s staff: their unit\'s orders. Newest first; each listed order is in the access log.',
      querystring: OrderListQuery,
      response: { 200: ref(OrderPage), ...problems(400, 403, 404) }
    }
  }, async (request) => {
    const page = await listOrders(app.db, callerOf(request), request.query)
    return { items: page.items.map(toOrderSummary), nextCursor: page.nextCursor }
  })

  app.get('/orders/:id', {
    ...reads,
    schema: {
      tags: ['Orders'], operationId: 'getOrder', summary: 'Get an order',
      description: 'The order document: what was ordered, the answer, of the person only what carrying out the order needs, the execution as reported and the delivered time per month. Another provider\'s order, or another unit\'s, is 404. The read is in the access log.',
      params: IdParams,
      response: { 200: ref(Order), ...problems(400, 403, 404) }
    }
  }, async (request, reply) => present(reply, await getOrder(app.db, callerOf(request), request.params.id)))

  app.post('/orders/:id/accept', {
    ...provider,
    schema: { ...action, operationId: 'acceptOrder', summary: 'Accept an order', description: `The provider takes the order. Only a \`sent\` order. ${refusals}`, body: AcceptBody }
  }, async (request, reply) => present(reply, await acceptOrder(app.db, callerOf(request), request.params.id, request.body)))

  app.post('/orders/:id/decline', {
    ...provider,
    schema: { ...action, operationId: 'declineOrder', summary: 'Decline an order', description: `The provider cannot take the order, and says why; the execution awaits an order again and the unit orders elsewhere. Only a \`sent\` order. ${refusals}`, body: DeclineBody }
  }, async (request, reply) => present(reply, await declineOrder(app.db, callerOf(request), request.params.id, request.body)))

  for (const report of REPORTS) {
    app.post(`/orders/:id/${report.path}`, {
      ...provider,
      schema: { ...action, operationId: report.operationId, summary: report.summary, description: `${report.description} Only on an \`accepted\` order. ${refusals}`, body: report.body }
    }, async (request, reply) => present(reply, await reportOnOrder(app.db, callerOf(request), (request.params as { id: string }).id, report.path, request.body)))
  }

  app.put('/orders/:id/delivered-time/:month', {
    ...provider,
    schema: {
      tags: ['Orders'], operationId: 'reportDeliveredTime', summary: 'Report the hours delivered in a month',
      description: 'The provider\'s hours delivered on an accepted order in a calendar month (utförd tid). Correct it with another PUT (If-Match: the month\'s ETag) until the unit locks the month; then 409. The first report answers 201, a correction 200. Not for a month that has not begun or lies before the order.',
      params: MonthParams, headers: IfMatchHeader, body: DeliveredTimeBody,
      response: { 200: ref(DeliveredTime), 201: ref(DeliveredTime), ...problems(400, 403, 404, 409, 412) }
    }
  }, async (request, reply) => {
    const { created, ...saved } = await reportDeliveredTime(app.db, callerOf(request), request.params.id, request.params.month, request.body.hours)
    setEtag(reply, saved.version)
    return reply.code(created ? 201 : 200).send(saved)
  })

  app.post('/delivered-time-months/:month/lock', {
    preValidation: app.requireCapability('lock_delivered_time'),
    schema: {
      tags: ['Orders'], operationId: 'lockDeliveredTimeMonth', summary: 'Lock a month of delivered time',
      description: 'The caller\'s unit has checked the month (GET /v1/reports/delivered-time): from now on providers can no longer report or correct its delivered time. 409 when already locked.',
      params: LockParams, headers: ActionHeaders,
      response: { 200: ref(MonthLock), ...problems(400, 403, 404, 409, 422) }
    }
  }, async (request) => lockMonth(app.db, callerOf(request), request.params.month))
}

export default routes
