/**
 * Follow-ups: planning one by hand, reading and listing them, their process steps (plan,
 * perform, cancel) and each unit's planning rules. Other features use `replanFollowUps` from
 * here, in their own transaction, whenever a decision's dates or execution change.
 */
import type { Kysely, Transaction } from 'kysely'
import type { Static } from 'typebox'
import type { Actor } from '../../auth/actor.js'
import type { DB } from '../../db/schema.js'
import { todayInStockholm } from '../../domain/calendar.js'
import { stateChange, type ChangeEventDraft, type EventType } from '../../domain/change-events.js'
import { FOLLOW_UP_ACTION_STATES, followUpActionAllowed, kinAnswerErrors, type FollowUpAction } from '../../domain/follow-up.js'
import type { FollowUpRules } from '../../domain/follow-up-planning.js'
import { decodeCursor, toPage } from '../../http/pagination.js'
import { badRequest, conflict, forbidden, invalidState, notFound, ProblemError, stale } from '../../http/problem.js'
import type { AuditEntry, Caller } from '../../service/caller.js'
import { assertExpectedVersion, runStep, type Step } from '../../service/step.js'
import { write } from '../../service/transaction.js'
import { findVisibleApplication, type ApplicationRow } from '../applications/service.js'
import { findVisibleDecision, type DecisionRow } from '../decisions/service.js'
import { findVisiblePerson } from '../persons/service.js'
import { findUnit } from '../units/service.js'
import { replanFollowUps } from './planning.js'
import { executionOf, lockDecision } from './planning-repository.js'
import {
  findVisibleFollowUp, insertFollowUp, insertKinAnswers, kinAnswersOf, listKinQuestions, listVisibleFollowUps, updateFollowUp,
  type FollowUpChanges, type FollowUpRow, type StoredKinAnswer
} from './repository.js'
import { findFollowUpRules, replaceFollowUpRules } from './rules-repository.js'
import type { CancelBody, FollowUpCreate, FollowUpListQuery, PerformBody, PlanBody } from './schemas.js'

export { listKinQuestions, replanFollowUps }
export { toStoredRules } from './rules-repository.js'

/** A follow-up with its recorded KIN answers, as the API shows it. */
export interface FollowUpView { followUp: FollowUpRow; answers: StoredKinAnswer[] | undefined }

/**
 * What a new follow-up is about: the decision, application and person it names must be
 * visible and agree with each other, and its kind must fit them.
 */
async function resolveLinks(db: Kysely<DB>, actor: Actor, b: Static<typeof FollowUpCreate>) {
  let decision: DecisionRow | undefined
  let application: ApplicationRow | undefined
  if (b.decisionId) {
    decision = await findVisibleDecision(db, actor, b.decisionId)
    if (!decision) throw notFound('Decision')
    if (b.applicationId && b.applicationId !== decision.application_id) throw badRequest('/applicationId', 'The decision belongs to another application.')
  }
  const applicationId = b.applicationId ?? decision?.application_id
  if (applicationId) {
    application = await findVisibleApplication(db, actor, applicationId)
    if (!application) throw notFound('Application')
  }
  const personId = decision?.person_id ?? application?.person_id ?? b.personId
  if (!personId) throw badRequest('', 'Name the decision, application or person the follow-up is about.')
  if (b.personId && b.personId !== personId) throw badRequest('/personId', 'The decision or application is about another person.')
  if (!decision && !application && !(await findVisiblePerson(db, actor, personId))) throw notFound('Person')

  if (b.kind === 'continuous' || b.kind === 'time_limited_review') {
    if (!decision) throw badRequest('/decisionId', `A ${b.kind} follow-up is of a decision: decisionId is required.`)
    if (decision.outcome === 'rejected') throw conflict('A rejected decision is not followed up.', { rule: 'decision_not_granted', currentState: decision.outcome })
    if (b.kind === 'time_limited_review' && decision.valid_to === null) {
      throw conflict('Only a time-limited decision (with validTo) is reviewed before it ends.', { rule: 'decision_not_time_limited' })
    }
  }
  if (b.kind === 'hospital_discharge') {
    if (!application) throw badRequest('/applicationId', 'A hospital-discharge follow-up is of an application: applicationId or decisionId is required.')
    if (application.channel !== 'hospital_discharge') {
      throw conflict(`The application came by '${application.channel}', not through hospital discharge.`, { rule: 'not_hospital_discharge' })
    }
  }
  return { decision, application, personId }
}

/** Plans a follow-up by hand, in the caller's unit. */
export async function createFollowUp(db: Kysely<DB>, caller: Caller, b: Static<typeof FollowUpCreate>): Promise<FollowUpRow> {
  if (b.kind === 'kin' && !b.serviceContext) throw badRequest('/serviceContext', 'A KIN follow-up is of home care or of a care home: serviceContext is required.')
  if (b.kind !== 'kin' && b.serviceContext) throw badRequest('/serviceContext', 'Only a KIN follow-up has a service context.')
  return write(db, caller, async ({ trx, log, emit }) => {
    const { decision, application, personId } = await resolveLinks(trx, caller.actor, b)
    const created = await insertFollowUp(trx, {
      unit_id: caller.actor.unitId,
      person_id: personId,
      decision_id: decision?.id ?? null,
      application_id: application?.id ?? null,
      kind: b.kind,
      origin: 'manual',
      // A review is of the decision's current end: a re-plan then sees the rule satisfied.
      basis_date: b.kind === 'time_limited_review' ? decision?.valid_to ?? null : null,
      service_context: b.serviceContext ?? null,
      due_date: b.dueDate,
      planned_date: b.plannedDate ?? null,
      assigned_case_worker: b.assignedCaseWorker ?? application?.assigned_case_worker ?? null,
      performed_date: null, performed_by: null, method: null, findings: null,
      ordered_hours_per_month: null, delivered_hours_per_month: null, outcome: null, new_application_id: null,
      cancelled_date: null, cancellation_reason: null, cancelled_by: null
    })
    log({ action: 'create', resourceType: 'follow_up', resourceId: created.id, personId })
    emit({ type: 'follow_up.planned', subjectId: created.id, personId, changes: { ...stateChange(null, created.status), related: relatedOf(created) } })
    return created
  })
}

/** A page of the follow-ups the caller may see, earliest due first, with the KIN answers of those that have them. */
export async function listFollowUps(db: Kysely<DB>, caller: Caller, q: Static<typeof FollowUpListQuery>, today: string) {
  const limit = q.limit ?? 50
  const after = decodeCursor(q.cursor, ['string', 'string']) as [string, string] | undefined
  const rows = await listVisibleFollowUps(db, caller.actor, q, today, after, limit)
  const { items, nextCursor } = toPage(rows, limit, (f) => [f.due_date, f.id])
  const answers = await kinAnswersOf(db, items.filter((f) => f.kind === 'kin').map((f) => f.id))
  await caller.audit(items.map((f) => ({ action: 'read' as const, resourceType: 'follow_up', resourceId: f.id, personId: f.person_id })))
  return { items: items.map((followUp): FollowUpView => ({ followUp, answers: answers.get(followUp.id) })), nextCursor }
}

export async function getFollowUp(db: Kysely<DB>, caller: Caller, id: string): Promise<FollowUpView> {
  const followUp = await findVisibleFollowUp(db, caller.actor, id)
  if (!followUp) throw notFound('Follow-up')
  const answers = await kinAnswersOf(db, [followUp.id])
  await caller.audit([{ action: 'read', resourceType: 'follow_up', resourceId: followUp.id, personId: followUp.person_id }])
  return { followUp, answers: answers.get(followUp.id) }
}

// --- The process steps -------------------------------------------------------------------

const LABELS: Record<FollowUpAction, string> = { plan: 'plan the follow-up', perform: 'perform the follow-up', cancel: 'cancel the follow-up' }

type LockedFollowUp = FollowUpRow & { decision: Awaited<ReturnType<typeof lockDecision>> }

interface Action {
  /** Validates the input against the record (after the state check). */
  check?(current: LockedFollowUp, trx: Transaction<DB>): Promise<void> | void
  changes(current: LockedFollowUp, trx: Transaction<DB>): Promise<FollowUpChanges> | FollowUpChanges
  /** Follow-on work after the change; returns its access-log entries and emits its change events. */
  after?(trx: Transaction<DB>, updated: FollowUpRow, emit: (...events: ChangeEventDraft[]) => void): Promise<AuditEntry[]>
}

const STEP_EVENTS: Record<FollowUpAction, EventType> = { plan: 'follow_up.replanned', perform: 'follow_up.performed', cancel: 'follow_up.cancelled' }

/** The decision and application a follow-up is of, for its change events. */
function relatedOf(f: FollowUpRow): Record<string, string> {
  return { ...(f.decision_id ? { decisionId: f.decision_id } : {}), ...(f.application_id ? { applicationId: f.application_id } : {}) }
}

const camel = (column: string) => column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())

/** The step of a follow-up: what every action shares (lock, state, answer) around the action's own check and change. */
function followUpAction(caller: Caller, id: string, action: FollowUpAction, own: Action): Step<LockedFollowUp, FollowUpView> {
  let updated: FollowUpRow | undefined
  let fields: string[] = []
  return {
    resource: 'Follow-up',
    resourceType: 'follow_up',
    async lock(trx) {
      const found = await findVisibleFollowUp(trx, caller.actor, id)
      if (!found) return undefined
      // Lock order decision → follow-up, as the re-plan does.
      const decision = found.decision_id ? await lockDecision(trx, found.decision_id) : undefined
      const current = await findVisibleFollowUp(trx, caller.actor, found.id, { forUpdate: true })
      return current && { ...current, decision }
    },
    async check(current, trx) {
      if (!followUpActionAllowed(action, current.status)) throw invalidState(LABELS[action], current.status, FOLLOW_UP_ACTION_STATES)
      await own.check?.(current, trx)
    },
    async apply(current, trx, emit) {
      const changes = await own.changes(current, trx)
      fields = Object.entries(changes).filter(([column, v]) => v !== undefined && column !== 'status').map(([column]) => camel(column))
      updated = await updateFollowUp(trx, current.id, changes)
      return own.after ? own.after(trx, updated, emit) : []
    },
    async result(current, trx) {
      const answers = await kinAnswersOf(trx, [current.id])
      return { followUp: updated ?? current, answers: answers.get(current.id) }
    },
    event: (current, { followUp }) => ({
      type: STEP_EVENTS[action], subjectId: current.id, personId: current.person_id,
      changes: {
        ...stateChange(current.status, followUp.status), related: relatedOf(followUp),
        ...(action === 'plan' ? { fields } : {}), ...(followUp.outcome && action === 'perform' ? { outcome: followUp.outcome } : {})
      }
    })
  }
}

/** Books, moves or assigns a planned follow-up; a new due date makes an automatic one manual. */
export function planFollowUp(db: Kysely<DB>, caller: Caller, id: string, b: Static<typeof PlanBody>): Promise<FollowUpView> {
  return runStep(db, caller, followUpAction(caller, id, 'plan', {
    changes(current) {
      const moved = b.dueDate !== undefined && b.dueDate !== current.due_date
      return {
        due_date: b.dueDate,
        planned_date: b.plannedDate,
        assigned_case_worker: b.assignedCaseWorker,
        ...(moved ? { origin: 'manual' as const } : {})
      }
    }
  }))
}

/** Records a performed follow-up; performing one of a decision re-plans the decision's automatic follow-ups. */
export function performFollowUp(db: Kysely<DB>, caller: Caller, id: string, b: Static<typeof PerformBody>): Promise<FollowUpView> {
  const today = todayInStockholm()
  return runStep(db, caller, followUpAction(caller, id, 'perform', {
    async check(current, trx) {
      if (b.performedDate > today) throw badRequest('/performedDate', 'The performed date cannot be in the future.')
      const { decision } = current
      if (decision && b.performedDate < decision.decision_date) throw badRequest('/performedDate', `A follow-up of the decision cannot precede it (${decision.decision_date}).`)

      if (b.outcome === 'changed') {
        if (!b.newApplicationId) throw badRequest('/newApplicationId', 'A changed outcome links the new application made for the changed needs.')
        const application = await findVisibleApplication(trx, caller.actor, b.newApplicationId)
        if (!application) throw notFound('Application')
        if (application.person_id !== current.person_id) throw badRequest('/newApplicationId', 'The new application is about another person.')
        if (application.id === current.application_id) throw badRequest('/newApplicationId', 'The new application must be another than the one followed up.')
      } else if (b.newApplicationId) {
        throw badRequest('/newApplicationId', 'Only a changed outcome links a new application.')
      }

      if (current.kind === 'kin') {
        if (!b.kinAnswers) throw badRequest('/kinAnswers', 'A KIN follow-up records the person\'s answers (null for "did not answer").')
        const context = current.service_context ?? 'home_care'
        const errors = kinAnswerErrors(context, await listKinQuestions(trx, { activeOnly: true }), b.kinAnswers)
        if (errors.length > 0) throw new ProblemError(400, 'The KIN answers are incomplete or off the scale.', { errors: errors.map((e) => ({ in: 'body', ...e })) })
      } else if (b.kinAnswers) {
        throw badRequest('/kinAnswers', 'Only a KIN follow-up records answers to the standard questions.')
      }
    },
    async changes(current, trx) {
      // The hours ordered from the provider are the reference when the caller gives none.
      const ordered = b.orderedHoursPerMonth !== undefined || !current.decision_id
        ? b.orderedHoursPerMonth ?? null
        : (await executionOf(trx, current.decision_id))?.ordered_hours_per_month ?? null
      return {
        status: 'performed',
        performed_date: b.performedDate,
        performed_by: caller.actor.subject,
        method: b.method,
        findings: b.findings,
        ordered_hours_per_month: ordered,
        delivered_hours_per_month: b.deliveredHoursPerMonth ?? null,
        outcome: b.outcome,
        new_application_id: b.newApplicationId ?? null
      }
    },
    async after(trx, updated, emit) {
      if (b.kinAnswers) await insertKinAnswers(trx, updated.id, b.kinAnswers)
      return updated.decision_id ? replanFollowUps(trx, updated.decision_id, emit) : []
    }
  }))
}

/** Cancels a planned follow-up with a reason. */
export function cancelFollowUp(db: Kysely<DB>, caller: Caller, id: string, b: Static<typeof CancelBody>): Promise<FollowUpView> {
  if (b.date > todayInStockholm()) throw badRequest('/date', 'The date cannot be in the future.')
  return runStep(db, caller, followUpAction(caller, id, 'cancel', {
    changes: () => ({ status: 'cancelled', cancelled_by: 'by_user', cancelled_date: b.date, cancellation_reason: b.reason })
  }))
}

// --- Each unit's planning rules ------------------------------------------------------------

export async function followUpRulesOf(db: Kysely<DB>, unitId: string) {
  const unit = await findUnit(db, unitId)
  if (!unit) throw notFound('Unit')
  return { unitId: unit.id, ...(await findFollowUpRules(db, unit.id)) }
}

/** Administrators replace their own unit's rules at the version they read; returns the new version. */
export async function replaceRules(db: Kysely<DB>, caller: Caller, unitId: string, rules: FollowUpRules): Promise<{ unitId: string; version: number }> {
  const unit = await findUnit(db, unitId)
  if (!unit) throw notFound('Unit')
  if (unit.id !== caller.actor.unitId) throw forbidden('Administrators change the follow-up rules of their own unit only.')
  return write(db, caller, async ({ trx, log }) => {
    const current = await findFollowUpRules(trx, unit.id)
    assertExpectedVersion(caller, current.version)
    const version = await replaceFollowUpRules(trx, unit.id, rules, current.version)
    if (version === null) throw stale()
    log({ action: 'update', resourceType: 'follow_up_rules', resourceId: unit.id, personId: null })
    return { unitId: unit.id, version }
  })
}
export { findVisibleFollowUp }
