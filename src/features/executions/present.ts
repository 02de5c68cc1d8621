import { executedHoursOn, executionState, isExecutable, type ExecutionState } from '../../domain/execution.js'
import { lastOnTimeDay, lateSince, type ExecutionFacts } from '../../domain/not-executed.js'
import { toExecutionFacts } from '../../queries/not-executed.js'
import type { DecisionRow } from '../decisions/service.js'
import type { LoadedExecution } from './repository.js'

const executionFacts = (decision: DecisionRow, loaded: LoadedExecution): ExecutionFacts =>
  toExecutionFacts(decision, loaded.execution, loaded.hours, loaded.interruptions)

export function stateOf(decision: DecisionRow, loaded: LoadedExecution): ExecutionState | 'not_executable' {
  if (!isExecutable(decision.outcome)) return 'not_executable'
  const e = loaded.execution
  return executionState({
    orderedDate: e?.ordered_date ?? null,
    startedDate: e?.started_date ?? null,
    endedDate: e?.ended_date ?? null,
    interrupted: loaded.interruptions.some((i) => i.end_date === null)
  })
}

/** The latest date on record: a new event of the execution cannot precede it. */
export function lastEventDate(decision: DecisionRow, loaded: LoadedExecution): string {
  const e = loaded.execution
  const dates = [
    decision.decision_date, e?.ordered_date, e?.started_date,
    ...loaded.hours.map((h) => h.effective_date),
    ...loaded.interruptions.flatMap((i) => [i.start_date, i.end_date])
  ]
  return dates.filter((d): d is string => typeof d === 'string').sort().at(-1) ?? decision.decision_date
}

export function toExecution(decision: DecisionRow, loaded: LoadedExecution, today: string) {
  const e = loaded.execution
  const state = stateOf(decision, loaded)
  const facts = executionFacts(decision, loaded)
  const planDue = e?.implementation_plan_due_date ?? null
  return {
    decisionId: decision.id,
    state,
    provider: loaded.provider ?? null,
    orderedDate: e?.ordered_date ?? null,
    orderedHoursPerMonth: e?.ordered_hours_per_month ?? null,
    implementationPlan: {
      dueDate: planDue,
      receivedDate: e?.implementation_plan_received_date ?? null,
      overdue: planDue !== null && planDue < today && !e?.implementation_plan_received_date && state !== 'ended'
    },
    startedDate: e?.started_date ?? null,
    grantedHoursPerMonth: decision.hours_per_month,
    executedHoursPerMonth: executedHoursOn(facts.hours, today),
    hours: [...facts.hours],
    interruptions: loaded.interruptions.map((i) => ({ id: i.id, startDate: i.start_date, endDate: i.end_date, reason: i.reason, note: i.note })),
    offers: loaded.offers.map((o) => ({
      id: o.id, offeredDate: o.offered_date, description: o.description, providerId: o.provider_id, response: o.response, responseDate: o.response_date
    })),
    endedDate: e?.ended_date ?? null,
    endReason: e?.end_reason ?? null,
    delayAccount: { reason: e?.delay_reason ?? null, consequences: e?.delay_consequences ?? null, interimServices: e?.interim_services ?? null },
    notExecuted: {
      lastOnTimeDate: lastOnTimeDay(decision.decision_date),
      lateSince: state === 'not_executable' ? null : lateSince(facts, today)
    },
    version: e?.version ?? 0
  }
}
