/**
 * An order (beställning) to a provider: sent by the unit, then accepted or declined by the
 * provider (declined: the unit orders elsewhere). Only an accepted order lets the provider
 * report on the execution (implementation plan, start, interruption, resumption, end), and
 * those reports are the execution's own actions (domain/execution.ts), so they are refused
 * exactly when the unit's own would be.
 */
import { addDays } from './calendar.js'
import type { ExecutionAction } from './execution.js'

export const ORDER_STATES = ['sent', 'accepted', 'declined'] as const
export type OrderState = (typeof ORDER_STATES)[number]

export type OrderAnswer = 'accept' | 'decline'

/** An answer is given once, to a sent order. */
export const canAnswer = (state: OrderState): boolean => state === 'sent'

/** A provider reports on the execution only under an order it has accepted. */
export const canReport = (state: OrderState): boolean => state === 'accepted'

/** The provider's reports and the execution actions they are. */
export const PROVIDER_REPORTS = {
  'implementation-plan': 'record_implementation_plan',
  start: 'start',
  interrupt: 'interrupt',
  resume: 'resume',
  end: 'end'
} as const satisfies Record<string, ExecutionAction>
export type ProviderReport = keyof typeof PROVIDER_REPORTS

/** The day by which a sent order should have been answered. */
export const answerDueDate = (orderedDate: string, answerDays: number): string => addDays(orderedDate, answerDays)

/** The day by which the start should have been reported: the wanted start, or `startDays` after the order. */
export const startDueDate = (orderedDate: string, startWanted: string | null, startDays: number): string =>
  startWanted ?? addDays(orderedDate, startDays)
