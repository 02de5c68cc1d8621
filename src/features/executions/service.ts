/**
 * Execution of a granted decision. Each action is one step: it locks the decision, checks
 * If-Match against the execution's version (0 before the first action), the decision's outcome
 * and the execution's state, validates the dates against what is already on record, applies
 * the change, re-plans the follow-ups when the start or the end changed, and logs the access.
 */
import type { Kysely, Transaction } from 'kysely'
import type { Static } from 'typebox'
import type { Actor } from '../../auth/actor.js'
import type { DB } from '../../db/schema.js'
import { addDays } from '../../domain/calendar.js'
import { stateChange, type ChangeEventDraft, type EventType } from '../../domain/change-events.js'
import { ACTION_LABELS, allowedStates, isExecutionAllowed, type ExecutionAction } from '../../domain/execution.js'
import { assertFactDate } from '../../http/fact-dates.js'
import { badRequest, conflict, invalidState, notFound } from '../../http/problem.js'
import type { AuditEntry, Caller } from '../../service/caller.js'
import { runStep, type Lockable, type Step } from '../../service/step.js'
import { findVisibleDecision, type DecisionRow } from '../decisions/service.js'
import { replanFollowUps } from '../follow-ups/service.js'
import { sendOrder } from '../orders/service.js'
import { findProvider } from '../providers/service.js'
import { lastEventDate, stateOf } from './present.js'
import {
  answerOffer, endInterruption, ensureExecution, findDecisionForUpdate, insertExecutedHours, insertInterruption, insertOffer, loadExecution, updateExecution,
  type LoadedExecution
} from './repository.js'
import type {
  DelayAccountBody, EndBody, HoursBody, ImplementationPlanBody, InterruptBody, OfferBody, OfferResponseBody, OrderBody, ResumeBody, StartBody
} from './schemas.js'

/** A decision with its execution, as the API shows it. */
export interface ExecutionView { decision: DecisionRow; loaded: LoadedExecution }

/** The lock row: the decision (locked) and its execution, at the execution's version. */
type LockedExecution = Lockable & ExecutionView

async function lockExecution(trx: Transaction<DB>, actor: Actor, decisionId: string): Promise<LockedExecution | undefined> {
  const decision = await findVisibleDecision(trx, actor, decisionId, { forUpdate: true })
  if (!decision) return undefined
  const loaded = await loadExecution(trx, decision.id)
  return { id: decision.id, version: loaded.execution?.version ?? 0, person_id: decision.person_id, decision, loaded }
}

export async function getExecution(db: Kysely<DB>, caller: Caller, decisionId: string): Promise<ExecutionView> {
  const decision = await findVisibleDecision(db, caller.actor, decisionId)
  if (!decision) throw notFound('Decision')
  const loaded = await loadExecution(db, decision.id)
  await caller.audit([{ action: 'read', resourceType: 'execution', resourceId: decision.id, personId: decision.person_id }])
  return { decision, loaded }
}

interface Action {
  /** The change event the action records. */
  event: EventType
  /** Validates the input against the record (after the outcome and state checks). */
  check?(current: ExecutionView, trx: Transaction<DB>): Promise<void> | void
  /** The action's change of the execution, its row already there. */
  apply(current: ExecutionView, trx: Transaction<DB>): Promise<unknown>
}

/**
 * The rules of an execution action — the outcome and state checks, the action's own check and
 * change, the follow-up re-planning, the answer — apart from how the decision was found and
 * locked. The unit's actions find it by the decision id (`onDecision`); a provider's report
 * finds it through its order (features/orders) and applies exactly these rules, so the facts
 * are the same whoever recorded them.
 */
export interface ExecutionRules {
  check(current: ExecutionView, trx: Transaction<DB>): Promise<void>
  apply(current: ExecutionView, trx: Transaction<DB>, emit: (...events: ChangeEventDraft[]) => void): Promise<AuditEntry[]>
  result(current: ExecutionView, trx: Transaction<DB>): Promise<ExecutionView>
  event(current: ExecutionView, after: ExecutionView): ChangeEventDraft
}

function executionRules(action: ExecutionAction | 'account_for_delay', own: Action): ExecutionRules {
  return {
    async check(current, trx) {
      const state = stateOf(current.decision, current.loaded)
      if (state === 'not_executable') throw conflict('A rejected decision cannot be executed.', { currentState: state })
      if (action !== 'account_for_delay' && !isExecutionAllowed(action, state)) throw invalidState(ACTION_LABELS[action], state, allowedStates(action))
      await own.check?.(current, trx)
    },
    async apply(current, trx, emit) {
      await ensureExecution(trx, current.decision.id)
      await own.apply(current, trx)
      // Only the start and the end change what the follow-up plan depends on.
      return action === 'start' || action === 'end' ? replanFollowUps(trx, current.decision.id, emit) : []
    },
    result: async (current, trx) => ({ decision: current.decision, loaded: await loadExecution(trx, current.decision.id) }),
    // The execution is the decision's: its subject id is the decision's id.
    event: (current, after) => ({
      type: own.event, subjectId: current.decision.id, personId: current.decision.person_id, unitId: current.decision.unit_id,
      changes: { ...stateChange(stateOf(current.decision, current.loaded), stateOf(after.decision, after.loaded)), related: { decisionId: current.decision.id } }
    })
  }
}

/** The step of an execution action by the unit: the decision found by its id among those the caller sees. */
function onDecision(caller: Caller, decisionId: string, rules: ExecutionRules): Step<LockedExecution, ExecutionView> {
  return { resource: 'Decision', resourceType: 'execution', lock: (trx) => lockExecution(trx, caller.actor, decisionId), ...rules }
}

/** The step of an execution action: what every action shares around its own check and change. */
function executionAction(caller: Caller, decisionId: string, action: ExecutionAction | 'account_for_delay', own: Action): Step<LockedExecution, ExecutionView> {
  return onDecision(caller, decisionId, executionRules(action, own))
}

/** A decision with its execution, locked, whatever unit it is in: for a provider's report, after its order was checked. */
export async function lockDecisionExecution(trx: Transaction<DB>, decisionId: string): Promise<ExecutionView | undefined> {
  const decision = await findDecisionForUpdate(trx, decisionId)
  if (!decision) return undefined
  return { decision, loaded: await loadExecution(trx, decision.id) }
}

/** Hours only for decisions granted as a monthly time frame, and never above what was granted. */
function assertHours(pointer: string, hours: number | undefined, decision: DecisionRow) {
  if (hours === undefined) return
  if (decision.hours_per_month === null) throw badRequest(pointer, 'This decision is not granted in hours per month.')
  if (hours > decision.hours_per_month) throw badRequest(pointer, `Cannot exceed the granted ${decision.hours_per_month} hours per month.`)
}

const LAST_ON_RECORD = 'the last date on record for this decision'

/** Orders the service from a provider that offers it; the implementation plan falls due `planDueDays` later. */
export function orderExecution(db: Kysely<DB>, caller: Caller, decisionId: string, b: Static<typeof OrderBody>, planDueDays: number): Promise<ExecutionView> {
  return runStep(db, caller, executionAction(caller, decisionId, 'order', {
    event: 'execution.ordered',
    async check({ decision, loaded }, trx) {
      assertFactDate('/orderedDate', b.orderedDate, lastEventDate(decision, loaded), LAST_ON_RECORD)
      assertHours('/orderedHoursPerMonth', b.orderedHoursPerMonth, decision)
      const provider = await findProvider(trx, b.providerId)
      if (!provider) throw badRequest('/providerId', 'Unknown provider.')
      if (!provider.active) throw badRequest('/providerId', 'The provider is inactive.')
      if (!provider.service_type_codes.includes(decision.service_type_code)) {
        throw badRequest('/providerId', `The provider does not offer '${decision.service_type_code}'.`)
      }
    },
    async apply({ decision }, trx) {
      const hours = b.orderedHoursPerMonth ?? decision.hours_per_month
      await updateExecution(trx, decision.id, {
        provider_id: b.providerId,
        ordered_date: b.orderedDate,
        ordered_hours_per_month: hours,
        implementation_plan_due_date: addDays(b.orderedDate, planDueDays)
      })
      // The order as a document the provider answers (features/orders).
      await sendOrder(trx, {
        decision_id: decision.id, person_id: decision.person_id, unit_id: decision.unit_id, provider_id: b.providerId,
        service_type_code: decision.service_type_code, ordered_date: b.orderedDate, hours_per_month: hours,
        visits_per_month: b.visitsPerMonth ?? null, start_wanted_date: b.startWantedDate ?? null,
        special_instructions: b.specialInstructions ?? null, address: b.address ?? null, contact: b.contact ?? null
      })
    }
  }))
}

export function recordImplementationPlan(db: Kysely<DB>, caller: Caller, decisionId: string, b: Static<typeof ImplementationPlanBody>): Promise<ExecutionView> {
  return runStep(db, caller, onDecision(caller, decisionId, implementationPlanRules(b)))
}

export function implementationPlanRules(b: Static<typeof ImplementationPlanBody>): ExecutionRules {
  return executionRules('record_implementation_plan', {
    event: 'execution.plan_received',
    check({ decision, loaded: { execution: e } }) {
      if (e?.implementation_plan_received_date) throw conflict(`The implementation plan was already recorded as received on ${e.implementation_plan_received_date}.`)
      assertFactDate('/receivedDate', b.receivedDate, e?.ordered_date ?? decision.decision_date, 'the order date')
    },
    apply: ({ decision }, trx) => updateExecution(trx, decision.id, { implementation_plan_received_date: b.receivedDate })
  })
}

export function startExecution(db: Kysely<DB>, caller: Caller, decisionId: string, b: Static<typeof StartBody>): Promise<ExecutionView> {
  return runStep(db, caller, onDecision(caller, decisionId, startRules(b)))
}

export function startRules(b: Static<typeof StartBody>): ExecutionRules {
  return executionRules('start', {
    event: 'execution.started',
    check({ decision, loaded }) {
      assertFactDate('/startedDate', b.startedDate, lastEventDate(decision, loaded), LAST_ON_RECORD)
      assertHours('/executedHoursPerMonth', b.executedHoursPerMonth, decision)
    },
    async apply({ decision }, trx) {
      await updateExecution(trx, decision.id, { started_date: b.startedDate })
      const hours = b.executedHoursPerMonth ?? decision.hours_per_month
      if (hours !== null) await insertExecutedHours(trx, decision.id, b.startedDate, hours)
    }
  })
}

export function changeExecutedHours(db: Kysely<DB>, caller: Caller, decisionId: string, b: Static<typeof HoursBody>): Promise<ExecutionView> {
  return runStep(db, caller, executionAction(caller, decisionId, 'change_hours', {
    event: 'execution.hours_changed',
    check({ decision, loaded }) {
      assertHours('/executedHoursPerMonth', b.executedHoursPerMonth, decision)
      assertFactDate('/effectiveDate', b.effectiveDate, lastEventDate(decision, loaded), LAST_ON_RECORD)
      if (loaded.hours.some((h) => h.effective_date === b.effectiveDate)) throw conflict(`Executed hours are already recorded from ${b.effectiveDate}.`)
    },
    async apply({ decision }, trx) {
      await insertExecutedHours(trx, decision.id, b.effectiveDate, b.executedHoursPerMonth)
      await updateExecution(trx, decision.id, {})
    }
  }))
}

export function interruptExecution(db: Kysely<DB>, caller: Caller, decisionId: string, b: Static<typeof InterruptBody>): Promise<ExecutionView> {
  return runStep(db, caller, onDecision(caller, decisionId, interruptRules(b)))
}

export function interruptRules(b: Static<typeof InterruptBody>): ExecutionRules {
  return executionRules('interrupt', {
    event: 'execution.interrupted',
    check({ decision, loaded }) {
      assertFactDate('/startDate', b.startDate, lastEventDate(decision, loaded), LAST_ON_RECORD)
    },
    async apply({ decision }, trx) {
      await insertInterruption(trx, { decision_id: decision.id, start_date: b.startDate, reason: b.reason, note: b.note ?? null, end_date: null })
      await updateExecution(trx, decision.id, {})
    }
  })
}

const openInterruption = (loaded: LoadedExecution) => loaded.interruptions.find((i) => i.end_date === null)

export function resumeExecution(db: Kysely<DB>, caller: Caller, decisionId: string, b: Static<typeof ResumeBody>): Promise<ExecutionView> {
  return runStep(db, caller, onDecision(caller, decisionId, resumeRules(b)))
}

export function resumeRules(b: Static<typeof ResumeBody>): ExecutionRules {
  return executionRules('resume', {
    event: 'execution.resumed',
    check({ decision, loaded }) {
      if (!openInterruption(loaded)) throw conflict('There is no open interruption.')
      assertFactDate('/resumedDate', b.resumedDate, lastEventDate(decision, loaded), LAST_ON_RECORD)
    },
    async apply({ decision, loaded }, trx) {
      const open = openInterruption(loaded)
      if (open) await endInterruption(trx, open.id, b.resumedDate)
      await updateExecution(trx, decision.id, {})
    }
  })
}

export function endExecution(db: Kysely<DB>, caller: Caller, decisionId: string, b: Static<typeof EndBody>): Promise<ExecutionView> {
  return runStep(db, caller, onDecision(caller, decisionId, endRules(b)))
}

export function endRules(b: Static<typeof EndBody>): ExecutionRules {
  return executionRules('end', {
    event: 'execution.ended',
    check({ decision, loaded }) {
      assertFactDate('/endedDate', b.endedDate, lastEventDate(decision, loaded), LAST_ON_RECORD)
    },
    apply: ({ decision }, trx) => updateExecution(trx, decision.id, { ended_date: b.endedDate, end_reason: b.reason })
  })
}

export function recordOffer(db: Kysely<DB>, caller: Caller, decisionId: string, b: Static<typeof OfferBody>): Promise<ExecutionView> {
  const response = b.response ?? 'pending'
  return runStep(db, caller, executionAction(caller, decisionId, 'record_offer', {
    event: 'execution.offer_made',
    async check({ decision }, trx) {
      assertFactDate('/offeredDate', b.offeredDate, decision.decision_date, 'the decision date')
      if ((response === 'pending') !== (b.responseDate === undefined)) {
        throw badRequest('/responseDate', 'An accepted or declined offer needs its response date; a pending one has none.')
      }
      if (b.responseDate !== undefined) assertFactDate('/responseDate', b.responseDate, b.offeredDate, 'the offer date')
      if (b.providerId !== undefined && !(await findProvider(trx, b.providerId))) throw badRequest('/providerId', 'Unknown provider.')
    },
    async apply({ decision }, trx) {
      await insertOffer(trx, {
        decision_id: decision.id, offered_date: b.offeredDate, description: b.description, provider_id: b.providerId ?? null,
        response, response_date: b.responseDate ?? null
      })
      await updateExecution(trx, decision.id, {})
    }
  }))
}

export function recordOfferResponse(
  db: Kysely<DB>, caller: Caller, decisionId: string, offerId: string, b: Static<typeof OfferResponseBody>
): Promise<ExecutionView> {
  return runStep(db, caller, executionAction(caller, decisionId, 'record_offer', {
    event: 'execution.offer_answered',
    check({ loaded }) {
      const offer = loaded.offers.find((o) => o.id === offerId)
      if (!offer) throw notFound('Offer')
      if (offer.response !== 'pending') throw conflict(`The offer was already ${offer.response} on ${offer.response_date}.`, { currentState: offer.response })
      assertFactDate('/responseDate', b.responseDate, offer.offered_date, 'the offer date')
    },
    async apply({ decision }, trx) {
      await answerOffer(trx, offerId, b.response, b.responseDate)
      await updateExecution(trx, decision.id, {})
    }
  }))
}

/** The free-text account of a delay for IVO; allowed in every state of a granted decision. */
export function recordDelayAccount(db: Kysely<DB>, caller: Caller, decisionId: string, b: Static<typeof DelayAccountBody>): Promise<ExecutionView> {
  return runStep(db, caller, executionAction(caller, decisionId, 'account_for_delay', {
    event: 'execution.delay_accounted',
    apply: ({ decision }, trx) => updateExecution(trx, decision.id, { delay_reason: b.reason, delay_consequences: b.consequences, interim_services: b.interimServices })
  }))
}

/**
 * After the provider declined the order: the execution is back to awaiting an order (the unit
 * orders elsewhere). The declined order keeps what was sent and why it was declined.
 */
export async function reopenOrdering(trx: Transaction<DB>, decisionId: string): Promise<void> {
  await updateExecution(trx, decisionId, { provider_id: null, ordered_date: null, ordered_hours_per_month: null, implementation_plan_due_date: null })
}
