/**
 * Follow-ups of a person's decisions, as the unit's default rules plan them
 * (domain/follow-up-planning.ts): a review before a time-limited grant ends, a continuous
 * follow-up a year after the start and then a year after the last one, a follow-up within a
 * month of a hospital discharge — performed when their day has passed (a few left overdue),
 * planned when it is still ahead. KIN follow-ups of home care and care homes are done by hand
 * about once a year for a third of the clients, with an answer to every standard question.
 */
import { addMonths } from '../domain/calendar.js'
import { addDays, daysBetween } from './days.js'
import type { FollowUpKind, FollowUpOrigin, FollowUpOutcome, KinServiceContext } from '../domain/follow-up.js'
import { DEFAULT_FOLLOW_UP_RULES, decisionFollowUps } from '../domain/follow-up-planning.js'
import type { CaseState } from './applications.js'
import { instantOn, type CityContext } from './context.js'
import type { ExecutionSummary } from './executions.js'
import type { Person } from './persons.js'
import { Weighted } from './random.js'
import { dayBetween, earliest, latest } from './timeline.js'

const METHODS = new Weighted([['home_visit', 45], ['phone', 35], ['video', 5], ['provider_contact', 15]] as const)
const FINDINGS = ['Insatserna motsvarar behovet.', 'Den enskilde är nöjd med insatserna.', 'Behovet har ökat något; bevakas.', 'Utförd tid stämmer med beställd tid.']

/** Answers per scale; a few people do not answer a question (null). */
const ANSWERS: Record<string, Weighted<string | null>> = {
  satisfaction: new Weighted([['very_satisfied', 36], ['fairly_satisfied', 44], ['neither', 9], ['fairly_dissatisfied', 5], ['very_dissatisfied', 3], [null, 3]]),
  safety: new Weighted([['very_safe', 40], ['fairly_safe', 42], ['neither', 8], ['fairly_unsafe', 5], ['very_unsafe', 2], [null, 3]]),
  frequency: new Weighted([['always', 45], ['mostly', 35], ['sometimes', 10], ['rarely', 4], ['never', 2], [null, 4]]),
  yes_no: new Weighted([['yes', 78], ['no', 18], [null, 4]])
}

/** The share of follow-ups due in the last months still not performed today (the overdue worklist). */
export const OVERDUE_SHARE = 0.12
/** Older ones have all been done (or cancelled with their decision). */
export const OVERDUE_AT_MOST_DAYS = 150

interface FollowUpRow {
  kind: FollowUpKind
  origin: FollowUpOrigin
  decisionId: string | null
  applicationId: string | null
  basisDate: string | null
  serviceContext: KinServiceContext | null
  dueDate: string
  performedDate: string | null
  outcome: FollowUpOutcome | null
  newApplicationId: string | null
  caseWorker: string
  hours: number | null
}

function emit(ctx: CityContext, person: Person, f: FollowUpRow): string {
  const { random, tables } = ctx
  const id = random.uuid()
  const performed = f.performedDate !== null
  tables.follow_ups.add({
    id, unit_id: person.unit.id, person_id: person.id, decision_id: f.decisionId, application_id: f.applicationId, kind: f.kind, origin: f.origin,
    basis_date: f.basisDate, service_context: f.serviceContext, status: performed ? 'performed' : 'planned', due_date: f.dueDate,
    assigned_case_worker: f.caseWorker, performed_date: f.performedDate, performed_by: performed ? f.caseWorker : null,
    method: performed ? METHODS.draw(random) : null, findings: performed ? random.pick(FINDINGS) : null,
    ordered_hours_per_month: performed && f.hours !== null ? f.hours : null,
    delivered_hours_per_month: performed && f.hours !== null ? Math.round(f.hours * (0.8 + 0.2 * random.float()) * 2) / 2 : null,
    outcome: f.outcome, new_application_id: f.newApplicationId, version: performed ? 2 : 1,
    created_at: instantOn(f.basisDate ?? f.dueDate, 9), updated_at: instantOn(f.performedDate ?? f.basisDate ?? f.dueDate, 16)
  })
  return id
}

/** Left undone past its due date: only some of those due recently. */
const mayBeOverdue = (ctx: CityContext, due: string): boolean =>
  daysBetween(due, ctx.today) <= OVERDUE_AT_MOST_DAYS && ctx.random.chance(OVERDUE_SHARE)

/** Performed on a day around the due date, never before `notBefore` nor after today. */
function performedAround(ctx: CityContext, due: string, notBefore: string): string {
  return earliest(ctx.today, latest(notBefore, addDays(due, ctx.random.int(-20, 25))))
}

export function generateFollowUps(ctx: CityContext, person: Person, state: CaseState, executions: readonly ExecutionSummary[]): void {
  const { random, today } = ctx
  const rules = DEFAULT_FOLLOW_UP_RULES
  for (const e of executions) {
    const g = e.grant
    const base = { origin: 'automatic' as const, decisionId: g.decisionId, applicationId: null, serviceContext: null, caseWorker: g.caseWorker, newApplicationId: null, hours: null }
    const facts = { outcome: g.outcome, decisionDate: g.decisionDate, validFrom: g.validFrom, validTo: g.validTo, executionStartedDate: e.startedDate, executionEndedDate: null, lastContinuousPerformedDate: null }

    // The review before a time-limited grant ends; not needed once the service ended before it was due.
    const review = decisionFollowUps(facts, rules).find((p) => p.kind === 'time_limited_review')
    if (review && (e.endedDate === null || e.endedDate >= review.dueDate)) {
      const overdue = review.dueDate <= today && e.endedDate === null && mayBeOverdue(ctx, review.dueDate)
      if (review.dueDate > today || overdue) {
        emit(ctx, person, { ...base, kind: 'time_limited_review', basisDate: review.basisDate, dueDate: review.dueDate, performedDate: null, outcome: null })
      } else {
        const replaced = e.replacedByApplication
        emit(ctx, person, {
          ...base, kind: 'time_limited_review', basisDate: review.basisDate, dueDate: review.dueDate,
          performedDate: performedAround(ctx, review.dueDate, g.decisionDate),
          outcome: replaced !== null ? 'changed' : e.endedDate !== null ? 'ended' : 'unchanged', newApplicationId: replaced
        })
      }
    }

    // Continuous follow-ups a year apart while the service runs (and the grant is in force).
    if (e.startedDate !== null) {
      let last: string | null = null
      for (;;) {
        const plan = decisionFollowUps({ ...facts, lastContinuousPerformedDate: last }, rules).find((p) => p.kind === 'continuous')
        if (!plan) break
        if (e.endedDate !== null && plan.dueDate >= e.endedDate) break
        if (plan.dueDate > today || (e.endedDate === null && mayBeOverdue(ctx, plan.dueDate))) {
          if (e.endedDate === null) emit(ctx, person, { ...base, kind: 'continuous', basisDate: plan.basisDate, dueDate: plan.dueDate, performedDate: null, outcome: null })
          break
        }
        const performed = performedAround(ctx, plan.dueDate, addDays(plan.basisDate, 1))
        if (performed <= plan.basisDate) break
        emit(ctx, person, { ...base, kind: 'continuous', basisDate: plan.basisDate, dueDate: plan.dueDate, performedDate: performed, outcome: 'unchanged', hours: g.hours })
        last = performed
      }
    }

    // KIN: about a third of home-care and care-home clients answer the questions once a year.
    if (e.startedDate !== null && (g.service.code === 'home_care' || g.service.code === 'care_home')) {
      const context = g.service.code
      const until = e.endedDate ?? today
      for (let from = e.startedDate; from < until; from = addMonths(from, 12)) {
        if (!random.chance(0.33)) continue
        const performed = dayBetween(random, addDays(from, 14), earliest(addDays(addMonths(from, 12), -1), until))
        if (performed > until || performed <= e.startedDate) continue
        const id = emit(ctx, person, {
          ...base, origin: 'manual', kind: 'kin', basisDate: null, serviceContext: context, dueDate: latest(e.startedDate, addDays(performed, -random.int(0, 14))),
          performedDate: performed, outcome: 'unchanged'
        })
        for (const q of ctx.kinQuestions) {
          if (q.serviceContext !== context) continue
          const answers = ANSWERS[q.scale]
          if (!answers) throw new Error(`no answers for scale ${q.scale}`)
          ctx.tables.kin_answers.add({ follow_up_id: id, question_code: q.code, answer_code: answers.draw(random) })
        }
      }
    }
  }

  // Within a month of a hospital discharge, counted from the first granted service's start.
  for (const a of state.dischargeApplications) {
    const own = executions.filter((e) => e.grant.applicationId === a.applicationId)
    if (own.length === 0) continue
    const basis = own.map((e) => e.grant.validFrom).sort()[0] as string
    const due = addMonths(basis, rules.hospitalDischarge.withinMonths)
    if (own.every((e) => e.endedDate !== null && e.endedDate < due)) continue
    const base = { kind: 'hospital_discharge' as const, origin: 'automatic' as const, decisionId: null, applicationId: a.applicationId, basisDate: basis, serviceContext: null, dueDate: due, caseWorker: a.caseWorker, newApplicationId: null, hours: null }
    if (due > today || mayBeOverdue(ctx, due)) emit(ctx, person, { ...base, performedDate: null, outcome: null })
    else emit(ctx, person, { ...base, performedDate: dayBetween(random, earliest(addDays(basis, 7), today), earliest(addDays(due, 10), today)), outcome: 'unchanged' })
  }
}
