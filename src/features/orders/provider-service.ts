/**
 * What a provider does with an order addressed to it: accept or decline it (declined: the
 * execution awaits an order again and the unit orders elsewhere), and report on its execution —
 * implementation plan received, start, interruption, resumption, end. A report is the
 * execution's own action (features/executions `…Rules`): the same checks, the same rows, the
 * same follow-up re-planning as when the unit records it, so the IVO report, the worklist and
 * the indicators read one set of facts. Each is one step (runStep): the order is found among
 * the caller's and locked, If-Match is the order's version, and the access log files the step
 * under the order's unit. Another provider's order is 404; a state that does not allow the
 * step is 409.
 */
import type { Kysely, Transaction } from 'kysely'
import type { Actor } from '../../auth/actor.js'
import type { DB } from '../../db/schema.js'
import { stateChange, type ChangeEventDraft, type EventType } from '../../domain/change-events.js'
import { canAnswer, canReport, type ProviderReport } from '../../domain/order.js'
import { assertFactDate } from '../../http/fact-dates.js'
import { conflict, invalidState, notFound } from '../../http/problem.js'
import type { Caller } from '../../service/caller.js'
import { runStep, type Lockable, type Step } from '../../service/step.js'
import {
  endRules, implementationPlanRules, interruptRules, lockDecisionExecution, reopenOrdering, resumeRules, startRules,
  type ExecutionRules, type ExecutionView
} from '../executions/service.js'
import { findVisibleOrder, orderContext, updateOrder, type OrderRow } from './repository.js'
import type { OrderDocument } from './service.js'

type LockedOrder = Lockable & { unit_id: string; order: OrderRow } & ExecutionView

async function lockOrder(trx: Transaction<DB>, actor: Actor, orderId: string): Promise<LockedOrder | undefined> {
  const order = await findVisibleOrder(trx, actor, orderId, { forUpdate: true })
  if (!order) return undefined
  const execution = await lockDecisionExecution(trx, order.decision_id)
  if (!execution) return undefined
  return { id: order.id, version: order.version, person_id: order.person_id, unit_id: order.unit_id, order, ...execution }
}

function orderStep(caller: Caller, orderId: string, own: Pick<Step<LockedOrder, OrderDocument>, 'check' | 'apply' | 'event'>): Step<LockedOrder, OrderDocument> {
  return {
    resource: 'Order',
    resourceType: 'order',
    lock: (trx) => lockOrder(trx, caller.actor, orderId),
    ...own,
    async result(current, trx) {
      const order = await findVisibleOrder(trx, caller.actor, current.id)
      if (!order) throw notFound('Order')
      return { order, context: await orderContext(trx, order) }
    }
  }
}

/** The provider's answer to an order, filed under the order's unit. */
function answerEvent(order: OrderRow, type: EventType, to: string): ChangeEventDraft {
  return { type, subjectId: order.id, personId: order.person_id, unitId: order.unit_id, changes: stateChange(order.state, to) }
}

function assertSent(order: OrderRow, action: string) {
  if (!canAnswer(order.state)) throw invalidState(action, order.state, ['sent'])
}

export function acceptOrder(db: Kysely<DB>, caller: Caller, orderId: string, b: { acceptedDate: string }): Promise<OrderDocument> {
  return runStep(db, caller, orderStep(caller, orderId, {
    check({ order }) {
      assertSent(order, 'accept the order')
      assertFactDate('/acceptedDate', b.acceptedDate, order.ordered_date, 'the order date')
    },
    async apply({ order }, trx) {
      await updateOrder(trx, order.id, { state: 'accepted', answered_date: b.acceptedDate })
    },
    event: ({ order }) => answerEvent(order, 'order.accepted', 'accepted')
  }))
}

export function declineOrder(db: Kysely<DB>, caller: Caller, orderId: string, b: { declinedDate: string; reason: string }): Promise<OrderDocument> {
  return runStep(db, caller, orderStep(caller, orderId, {
    check({ order }) {
      assertSent(order, 'decline the order')
      assertFactDate('/declinedDate', b.declinedDate, order.ordered_date, 'the order date')
    },
    async apply({ order }, trx) {
      await updateOrder(trx, order.id, { state: 'declined', answered_date: b.declinedDate, decline_reason: b.reason })
      await reopenOrdering(trx, order.decision_id)
    },
    event: ({ order }) => answerEvent(order, 'order.declined', 'declined')
  }))
}

/** The execution rules of each report, given its body. */
const REPORT_RULES: Record<ProviderReport, (body: never) => ExecutionRules> = {
  'implementation-plan': implementationPlanRules,
  start: startRules,
  interrupt: interruptRules,
  resume: resumeRules,
  end: endRules
}

export function reportOnOrder<B>(db: Kysely<DB>, caller: Caller, orderId: string, report: ProviderReport, body: B): Promise<OrderDocument> {
  const rules = (REPORT_RULES[report] as (b: B) => ExecutionRules)(body)
  return runStep(db, caller, orderStep(caller, orderId, {
    async check(current, trx) {
      if (!canReport(current.order.state)) throw invalidState(`report on the order (${report})`, current.order.state, ['accepted'])
      if (current.loaded.execution?.provider_id !== current.order.provider_id) {
        throw conflict('The execution is no longer under this order.', { currentState: current.order.state })
      }
      await rules.check(current, trx)
    },
    async apply(current, trx, emit) {
      // A provider belongs to no unit: its events are filed under the order's.
      const inUnit = (...events: ChangeEventDraft[]) => emit(...events.map((e) => ({ unitId: current.unit_id, ...e })))
      const followOn = await rules.apply(current, trx, inUnit)
      await updateOrder(trx, current.order.id, {})
      // The report is the execution's own event, as when the unit records it.
      inUnit(rules.event(current, await rules.result(current, trx)))
      // Re-planned follow-ups are the unit's records: filed under the unit in the access log.
      return followOn.map((e) => ({ ...e, unitId: current.unit_id }))
    }
  }))
}
