/**
 * What makes a single decision well-formed, whatever the delegation: a grant has a validity
 * period, hours-based services (ramtid) carry hours per month when granted, a rejection carries
 * neither, and the decision date lies between the application's received date (and the steps
 * it rests on: communication, joint review) and today.
 */
import type { DecisionOutcome } from './application-process.js'

export interface DecisionDraft {
  outcome: DecisionOutcome
  hoursPerMonth: number | null
  decisionDate: string
  validFrom: string | null
  validTo: string | null
}

export interface DraftContext {
  hoursBased: boolean
  receivedDate: string
  today: string
  /** Steps the decision rests on, which it cannot precede (communication, joint review). */
  notBefore: { date: string; step: string }[]
}

export interface DraftError {
  pointer: string
  message: string
}

export function decisionDraftErrors(d: DecisionDraft, ctx: DraftContext): DraftError[] {
  const errors: DraftError[] = []
  const grants = d.outcome !== 'rejected'
  if (d.decisionDate < ctx.receivedDate) errors.push({ pointer: '/decisionDate', message: `cannot be before the application was received (${ctx.receivedDate})` })
  if (d.decisionDate > ctx.today) errors.push({ pointer: '/decisionDate', message: `cannot be in the future: a decision is dated the day it is taken (today is ${ctx.today} in Stockholm)` })
  for (const { date, step } of ctx.notBefore) {
    if (d.decisionDate < date) errors.push({ pointer: '/decisionDate', message: `cannot be before the ${step} (${date})` })
  }
  if (grants) {
    if (d.validFrom === null) errors.push({ pointer: '/validFrom', message: 'is required when the service is granted' })
    if (d.validFrom !== null && d.validTo !== null && d.validTo < d.validFrom) errors.push({ pointer: '/validTo', message: 'cannot be before validFrom' })
    if (ctx.hoursBased && d.hoursPerMonth === null) errors.push({ pointer: '/hoursPerMonth', message: 'is required when an hours-based service is granted' })
    if (!ctx.hoursBased && d.hoursPerMonth !== null) errors.push({ pointer: '/hoursPerMonth', message: 'applies only to hours-based services' })
  } else {
    if (d.hoursPerMonth !== null) errors.push({ pointer: '/hoursPerMonth', message: 'a rejection grants no hours' })
    if (d.validFrom !== null) errors.push({ pointer: '/validFrom', message: 'a rejection has no validity period' })
    if (d.validTo !== null) errors.push({ pointer: '/validTo', message: 'a rejection has no validity period' })
  }
  return errors
}
