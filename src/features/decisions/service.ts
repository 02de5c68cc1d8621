/**
 * The decision's operations: deciding a requested service and changing its validity period —
 * both held to the same draft rules and the same delegation check — recording an appeal's
 * course, and reads.
 */
import { delegationRuleCode } from '../../domain/refusals.js'
import type { Kysely, Transaction } from 'kysely'
import type { Static } from 'typebox'
import type { DB } from '../../db/schema.js'
import { appealRefusal, appealStage, type AppealAction } from '../../domain/appeal.js'
import { allowedIn, decisionPreconditionFailure, isAllowed, isFullyDecided } from '../../domain/application-process.js'
import { todayInStockholm } from '../../domain/calendar.js'
import { stateChange, type EventType } from '../../domain/change-events.js'
import { decisionDraftErrors, type DecisionDraft, type DraftContext } from '../../domain/decision-rules.js'
import { checkDelegation, matterHours, type DecisionMatter, type DelegationRule } from '../../domain/delegation.js'
import { citationOn } from '../../domain/legal-provisions.js'
import { isDecidingRole } from '../../domain/roles.js'
import { decodeCursor, toPage } from '../../http/pagination.js'
import { badRequest, conflict, forbidden, invalidState, notFound, ProblemError } from '../../http/problem.js'
import type { Caller } from '../../service/caller.js'
import { runStep } from '../../service/step.js'
import { lockForDecision, markDecided } from '../applications/service.js'
import { replanFollowUps, toStoredRules } from '../follow-ups/service.js'
import { toLegalProvision } from '../legal-provisions/service.js'
import { findServiceType } from '../service-types/service.js'
import { listDelegationRules, toDelegationRule } from '../units/service.js'
import { appealStateOf } from './present.js'
import {
  findDecidingContext, findDecisionMatter, findVisibleDecision, insertDecision, listVisibleDecisions, updateDecision, type DecisionRow
} from './repository.js'
import type { DecideBody, DecisionDatesBody, DecisionListQuery } from './schemas.js'

export type { DecisionRow }
export { findVisibleDecision, insertDecision }

type Changes = Parameters<typeof updateDecision>[2]

/**
 * The unit's delegation order for this matter and caller: 403 naming the rule when the caller
 * may not decide it; otherwise the role the decision is taken in and the rule that allowed it.
 */
export async function assertWithinDelegation(trx: Transaction<DB>, caller: Caller, unitId: string, matter: DecisionMatter) {
  return assertWithin(caller, await listDelegationRules(trx, unitId), matter)
}

/** `assertWithinDelegation` with the unit's delegation order already read. */
function assertWithin(caller: Caller, rules: DelegationRule[], matter: DecisionMatter) {
  const delegation = checkDelegation(rules, matter, caller.actor.roles.filter(isDecidingRole))
  if (!delegation.allowed) {
    throw forbidden(`Outside your delegation: ${delegation.rule.description} (rule '${delegation.rule.code}'; allowed roles: ${delegation.rule.allowedRoles.join(', ')}).`, { rule: delegationRuleCode(delegation.rule.code) })
  }
  return delegation
}

function assertDraft(draft: DecisionDraft, context: DraftContext, title: string): void {
  const errors = decisionDraftErrors(draft, context)
  // The detail names each refused field and why, so that a refused date says which rule refused it.
  if (errors.length > 0) throw new ProblemError(400, `${title} ${errors.map((e) => `${e.pointer.slice(1)} ${e.message}.`).join(' ')}`, { errors: errors.map((e) => ({ in: 'body', ...e })) })
}

/**
 * Decides one requested service of the application. A step of the application (its version is
 * the one If-Match names) that creates the decision and re-plans its follow-ups.
 */
export function decideService(db: Kysely<DB>, caller: Caller, applicationId: string, input: Static<typeof DecideBody>, legalBasisDefault: string): Promise<DecisionRow> {
  let created: DecisionRow | undefined
  return runStep(db, caller, {
    resource: 'Application',
    resourceType: 'application',
    lock: (trx) => lockForDecision(trx, caller, applicationId),
    check: (application) => {
      if (!isAllowed('decide', application.status)) throw invalidState('decide the application', application.status, allowedIn('decide'))
    },
    async apply(application, trx, emit) {
      const { services } = application
      const service = services.find((s) => s.service_type_code === input.serviceTypeCode)
      if (!service) {
        throw badRequest('/serviceTypeCode', `The application does not request '${input.serviceTypeCode}'; it requests ${services.map((s) => s.service_type_code).join(', ')}.`)
      }
      if (service.decision_id !== null) throw conflict(`'${input.serviceTypeCode}' is already decided on this application.`)
      // The service type, with the unit's communication policy, delegation order and follow-up
      // rules and the legal catalogue: one statement (findDecidingContext).
      const serviceType = await findDecidingContext(trx, application.unit_id, input.serviceTypeCode)
      if (!serviceType) throw badRequest('/serviceTypeCode', 'Unknown service type.')

      const draft = {
        outcome: input.outcome,
        hoursPerMonth: input.hoursPerMonth ?? null,
        decisionDate: input.decisionDate,
        validFrom: input.validFrom ?? null,
        validTo: input.validTo ?? null
      }
      const notBefore = [
        ...(application.communicated ? [{ date: application.communicated, step: 'communication of the investigation' }] : []),
        ...(serviceType.housing && application.joint_review_date ? [{ date: application.joint_review_date, step: 'joint case review' }] : [])
      ]
      assertDraft(draft, { hoursBased: serviceType.hours_based, receivedDate: application.received_date, today: todayInStockholm(), notBefore }, 'The decision is incomplete or inconsistent.')
      const communicationPolicy = serviceType.communication_policy
      const failure = decisionPreconditionFailure({
        status: application.status, urgent: application.urgent, housing: serviceType.housing, outcome: input.outcome, hasJointReview: application.joint_review_date !== null,
        ...(communicationPolicy ? { communicationPolicy } : {})
      })
      if (failure) throw conflict(failure.detail, { rule: failure.rule, currentState: application.status })
      // The provision in force on the decision date (SoL 2001:453 before 2025-07-01, SoL 2025:400 from then).
      const purpose = serviceType.legal_provision_purpose
      const legalBasis = input.legalBasis ?? (purpose === null ? legalBasisDefault : citationOn(serviceType.legal_provisions.map(toLegalProvision), purpose, draft.decisionDate, legalBasisDefault))
      const delegation = assertWithin(caller, serviceType.delegation_rules.map(toDelegationRule), {
        serviceTypeCode: serviceType.code, housing: serviceType.housing, hoursPerMonth: matterHours(service.requested_hours_per_month, draft.hoursPerMonth)
      })

      created = await insertDecision(trx, {
        application_id: application.id,
        person_id: application.person_id,
        unit_id: application.unit_id,
        service_type_code: serviceType.code,
        outcome: input.outcome,
        reason: input.reason,
        legal_basis: legalBasis,
        hours_per_month: draft.hoursPerMonth,
        decision_date: draft.decisionDate,
        valid_from: draft.validFrom,
        valid_to: draft.validTo,
        decided_by: caller.actor.subject,
        decided_by_role: delegation.role,
        delegation_rule_code: delegation.rule?.code ?? null
      })
      const decided = services.filter((s) => s.decision_id !== null).map((s) => s.service_type_code)
      const complete = isFullyDecided(services.map((s) => s.service_type_code), [...decided, serviceType.code])
      await markDecided(trx, application.id, complete)
      emit({
        type: 'decision.taken', subjectId: created.id, personId: application.person_id,
        changes: { state: { from: null, to: created.outcome }, related: { applicationId: application.id } }
      })
      if (complete) {
        emit({ type: 'application.decided', subjectId: application.id, personId: application.person_id, changes: stateChange(application.status, 'decided') })
      }
      return [
        { action: 'create' as const, resourceType: 'decision', resourceId: created.id, personId: application.person_id },
        ...await replanFollowUps(trx, created.id, emit, { decision: created, application, rules: toStoredRules(serviceType.follow_up_rules).rules })
      ]
    },
    result: async () => {
      if (!created) throw new Error('decide: the step created no decision')
      return created
    }
  })
}

/** Changes the validity period under the rules of the decision itself, and re-plans its follow-ups. */
export function changeDecisionDates(db: Kysely<DB>, caller: Caller, id: string, input: Static<typeof DecisionDatesBody>): Promise<DecisionRow> {
  let updated: DecisionRow | undefined
  return runStep(db, caller, {
    resource: 'Decision',
    resourceType: 'decision',
    lock: (trx) => findVisibleDecision(trx, caller.actor, id, { forUpdate: true }),
    check: () => {},
    async apply(current, trx, emit) {
      const [serviceType, matter] = await Promise.all([findServiceType(trx, current.service_type_code), findDecisionMatter(trx, current)])
      const draft = {
        outcome: current.outcome,
        hoursPerMonth: current.hours_per_month,
        decisionDate: current.decision_date,
        validFrom: input.validFrom !== undefined ? input.validFrom : current.valid_from,
        validTo: input.validTo !== undefined ? input.validTo : current.valid_to
      }
      // The decision date is unchanged and was valid when taken: it rested on its steps then.
      assertDraft(draft, { hoursBased: serviceType?.hours_based ?? current.hours_per_month !== null, receivedDate: matter.received_date, today: todayInStockholm(), notBefore: [] }, 'The validity period is inconsistent with the decision.')
      await assertWithinDelegation(trx, caller, matter.unit_id, {
        serviceTypeCode: current.service_type_code, housing: serviceType?.housing ?? false, hoursPerMonth: matterHours(matter.requested_hours_per_month, current.hours_per_month)
      })
      updated = await updateDecision(trx, current.id, { valid_from: draft.validFrom, valid_to: draft.validTo })
      return replanFollowUps(trx, current.id, emit)
    },
    result: async (current) => updated ?? current,
    event: (current) => ({
      type: 'decision.dates_changed', subjectId: current.id, personId: current.person_id,
      changes: { fields: [...(input.validFrom !== undefined ? ['validFrom'] : []), ...(input.validTo !== undefined ? ['validTo'] : [])] }
    })
  })
}

/** The latest date already on record for the decision or its appeal; a later step cannot precede it. */
function lastRecordedDate(d: DecisionRow): string {
  return [d.decision_date, d.appeal_received_date, d.appeal_reconsidered_date, d.appeal_forwarded_to_court_date]
    .filter((x): x is string => x !== null).sort().at(-1) ?? d.decision_date
}

const APPEAL_EVENTS: Record<AppealAction, EventType> = {
  receive: 'decision.appealed',
  reconsider: 'decision.reconsidered',
  forward_to_court: 'decision.forwarded_to_court',
  record_court_outcome: 'decision.court_outcome_recorded'
}

/** What a step of the appeal changes: fixed, or worked out from the locked decision (a change in the applicant's favour). */
export type AppealChanges = Changes | ((current: DecisionRow, trx: Transaction<DB>) => Promise<Changes> | Changes)

/**
 * A step of the appeal's course, dated `date`, recorded on the decision. When the step changes
 * the outcome in the applicant's favour, the decision's follow-ups are re-planned with it.
 */
export function recordAppealStep(db: Kysely<DB>, caller: Caller, id: string, action: AppealAction, date: string, changes: AppealChanges): Promise<DecisionRow> {
  let updated: DecisionRow | undefined
  return runStep(db, caller, {
    resource: 'Decision',
    resourceType: 'decision',
    lock: (trx) => findVisibleDecision(trx, caller.actor, id, { forUpdate: true }),
    check(current) {
      const refusal = appealRefusal(action, appealStateOf(current))
      if (refusal) throw conflict(refusal.detail, { currentState: refusal.currentStage })
      const earliest = lastRecordedDate(current)
      if (date < earliest) throw badRequest('/date', `The date cannot be before ${earliest}, the last date on record for this decision.`)
      const today = todayInStockholm()
      if (date > today) throw badRequest('/date', `The date cannot be in the future: a step of the appeal is recorded once it has happened (today is ${today} in Stockholm).`)
    },
    async apply(current, trx) {
      const resolved = typeof changes === 'function' ? await changes(current, trx) : changes
      updated = await updateDecision(trx, current.id, resolved)
      if (updated.outcome !== current.outcome) return replanFollowUps(trx, current.id)
    },
    result: async (current) => updated ?? current,
    event: (current, after) => ({
      type: APPEAL_EVENTS[action], subjectId: current.id, personId: current.person_id,
      changes: {
        // The appeal's stage is the state an appeal step moves.
        state: { from: appealStage(appealStateOf(current)), to: appealStage(appealStateOf(after)) },
        ...(action === 'reconsider' && after.appeal_reconsideration_outcome ? { outcome: after.appeal_reconsideration_outcome } : {}),
        ...(action === 'record_court_outcome' && after.appeal_court_outcome ? { outcome: after.appeal_court_outcome } : {})
      }
    })
  })
}

export async function getDecision(db: Kysely<DB>, caller: Caller, id: string): Promise<DecisionRow> {
  const decision = await findVisibleDecision(db, caller.actor, id)
  if (!decision) throw notFound('Decision')
  await caller.audit([{ action: 'read', resourceType: 'decision', resourceId: decision.id, personId: decision.person_id }])
  return decision
}

export async function listDecisions(db: Kysely<DB>, caller: Caller, query: Static<typeof DecisionListQuery>) {
  const limit = query.limit ?? 50
  if (query.unitId !== undefined && query.unitId !== caller.actor.unitId) return { items: [], nextCursor: null }
  const after = decodeCursor(query.cursor, ['string', 'string']) as [string, string] | undefined
  const rows = await listVisibleDecisions(db, caller.actor, query, after, limit)
  const page = toPage(rows, limit, (d) => [d.decision_date, d.id])
  await caller.audit(page.items.map((d) => ({ action: 'read' as const, resourceType: 'decision', resourceId: d.id, personId: d.person_id })))
  return page
}
