/**
 * A person's whole history in the window: the person, then applications at random intervals
 * from the start of care to its end (or today), then the executions and follow-ups that the
 * decisions lead to. Everything for one person is generated together, so a later decision can
 * end an earlier execution and a follow-up can point at the application that replaced it.
 */
import { addDays } from './days.js'
import type { CaseState } from './applications.js'
import { generateApplication } from './applications.js'
import type { CityContext } from './context.js'
import { generateExecutions } from './executions.js'
import { generateFollowUps } from './follow-ups.js'
import { personRow, type Person } from './persons.js'
import { CARE_HOME_APPLICATION_RATE } from './services.js'
import { earliest } from './timeline.js'

/** Shortest time between two applications of one person. */
const MIN_GAP_DAYS = 7

export interface PersonSummary {
  id: string
  unitId: string
}

/**
 * `meanGapDays` is the mean time between the applications of a person living at home, chosen
 * by the caller so that the city gets its number of applications.
 */
export function generateHistory(ctx: CityContext, person: Person, meanGapDays: number, usedNumbers: Set<string>): PersonSummary {
  ctx.tables.persons.add(personRow(ctx.random, person, ctx.today, usedNumbers))
  // The last day can come sooner once the person moves into a care home (see applications.ts).
  const lastDay = () => earliest(person.careEnd ?? ctx.today, ctx.today)
  const state: CaseState = { caseWorker: person.caseWorker, careHomeFrom: null, careHomeGranted: false, grants: [], dischargeApplications: [] }
  for (let received = person.careStart; received <= lastDay();) {
    generateApplication(ctx, person, state, received, lastDay())
    const inCareHome = state.careHomeFrom !== null && received >= state.careHomeFrom
    const mean = inCareHome ? meanGapDays / CARE_HOME_APPLICATION_RATE : meanGapDays
    received = addDays(received, Math.max(MIN_GAP_DAYS, Math.round(ctx.random.exponential(mean))))
  }
  const executions = generateExecutions(ctx, person, state.grants, state.careHomeFrom)
  generateFollowUps(ctx, person, state, executions)
  return { id: person.id, unitId: person.unit.id }
}
