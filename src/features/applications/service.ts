/**
 * The application's operations: intake, reads, correction and the process steps (assign,
 * investigate, communicate, joint case review, withdraw). Deciding is in the decisions feature,
 * which uses `lockForDecision` and `markDecided` from here.
 */
import type { Kysely, Transaction } from 'kysely'
import type { Static } from 'typebox'
import type { DB } from '../../db/schema.js'
import {
  allowedIn, canChangeUrgency, isAllowed, lockedByDecision, STATUS_AFTER_INVESTIGATION, type ApplicationAction
} from '../../domain/application-process.js'
import { todayInStockholm } from '../../domain/calendar.js'
import { stateChange, type EventType } from '../../domain/change-events.js'
import { decodeCursor, toPage } from '../../http/pagination.js'
import { badRequest, conflict, invalidState, notFound } from '../../http/problem.js'
import type { Caller } from '../../service/caller.js'
import { runStep } from '../../service/step.js'
import { write } from '../../service/transaction.js'
import { findVisiblePerson } from '../persons/service.js'
import { listServiceTypes } from '../service-types/service.js'
import {
  findCommunication, findVisibleApplication, insertApplication, insertCommunication, listCommunications, lockVisibleApplication,
  listVisibleApplications, requestedServicesOf, updateApplication, type ApplicationRow, type RequestedServiceRow
} from './repository.js'
import type {
  ApplicationCreate, ApplicationListQuery, ApplicationUpdate, AssignBody, CommunicateBody, Investigation, JointReviewBody, WithdrawBody
} from './schemas.js'

export type { ApplicationRow, RequestedServiceRow }
export { insertApplication }
export { findVisibleApplication }

/** An application with its requested services, as every application response shows it. */
export interface ApplicationWithServices {
  application: ApplicationRow
  services: RequestedServiceRow[]
}

type Changes = Parameters<typeof updateApplication>[2]

const camel = (column: string) => column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())

/** The fields a change sets, by their API names, for the change event (never their values). */
const changedFields = (changes: Changes): string[] =>
  Object.entries(changes).filter(([column, v]) => v !== undefined && column !== 'status').map(([column]) => camel(column))

async function servicesOf(db: Kysely<DB>, applicationId: string): Promise<RequestedServiceRow[]> {
  return (await requestedServicesOf(db, [applicationId])).get(applicationId) ?? []
}

/** A process date must lie between the application's received date and today. */
function assertProcessDate(pointer: string, date: string, receivedDate: string): void {
  if (date < receivedDate) throw badRequest(pointer, `The date cannot be before the application was received (${receivedDate}).`)
  if (date > todayInStockholm()) throw badRequest(pointer, 'The date cannot be in the future.')
}

export async function registerApplication(db: Kysely<DB>, caller: Caller, input: Static<typeof ApplicationCreate>): Promise<ApplicationWithServices> {
  const today = todayInStockholm()
  if (input.receivedDate > today) throw badRequest('/receivedDate', 'The received date cannot be in the future.')
  const codes = input.requestedServices.map((s) => s.serviceTypeCode)
  if (new Set(codes).size !== codes.length) throw badRequest('/requestedServices', 'Each service type can be requested once per application.')
  const types = new Map((await listServiceTypes(db, { activeOnly: true })).map((t) => [t.code, t]))
  input.requestedServices.forEach((s, i) => {
    const type = types.get(s.serviceTypeCode)
    if (!type) throw badRequest(`/requestedServices/${i}/serviceTypeCode`, `Unknown or inactive service type '${s.serviceTypeCode}'.`)
    if (!type.hours_based && s.requestedHoursPerMonth != null) {
      throw badRequest(`/requestedServices/${i}/requestedHoursPerMonth`, `'${s.serviceTypeCode}' is not granted in hours.`)
    }
  })
  return write(db, caller, async ({ trx, log, emit }) => {
    const person = await findVisiblePerson(trx, caller.actor, input.personId)
    if (!person) throw notFound('Person')
    const { application, services } = await insertApplication(trx, {
      unit_id: caller.actor.unitId,
      person_id: person.id,
      received_date: input.receivedDate,
      channel: input.channel,
      urgent: input.urgent ?? false,
      assigned_case_worker: input.assignedCaseWorker ?? null
    }, input.requestedServices.map((s) => ({ serviceTypeCode: s.serviceTypeCode, requestedHoursPerMonth: s.requestedHoursPerMonth ?? null })), today.slice(0, 4))
    log({ action: 'create', resourceType: 'application', resourceId: application.id, personId: person.id })
    emit({ type: 'application.received', subjectId: application.id, personId: person.id, changes: stateChange(null, application.status) })
    return { application, services }
  })
}

export async function listApplications(db: Kysely<DB>, caller: Caller, query: Static<typeof ApplicationListQuery>) {
  const limit = query.limit ?? 50
  if (query.unitId !== undefined && query.unitId !== caller.actor.unitId) return { items: [], nextCursor: null }
  const after = decodeCursor(query.cursor, ['string', 'string']) as [string, string] | undefined
  const rows = await listVisibleApplications(db, caller.actor, query, after, limit)
  const page = toPage(rows, limit, (a) => [a.received_date, a.id])
  const services = await requestedServicesOf(db, page.items.map((a) => a.id))
  await caller.audit(page.items.map((a) => ({ action: 'read' as const, resourceType: 'application', resourceId: a.id, personId: a.person_id })))
  return { items: page.items.map((application): ApplicationWithServices => ({ application, services: services.get(application.id) ?? [] })), nextCursor: page.nextCursor }
}

export async function getApplication(db: Kysely<DB>, caller: Caller, id: string): Promise<ApplicationWithServices> {
  const application = await findVisibleApplication(db, caller.actor, id)
  if (!application) throw notFound('Application')
  const services = await servicesOf(db, application.id)
  await caller.audit([{ action: 'read', resourceType: 'application', resourceId: application.id, personId: application.person_id }])
  return { application, services }
}

interface ApplicationStep {
  action: ApplicationAction
  /** The change event the step records. */
  event: EventType
  /** How the refused action reads in a 409: "Cannot <label> in state …". */
  label: string
  /** `services` are the application's requested services, read under its lock. */
  change: (current: ApplicationRow, trx: Transaction<DB>, services: RequestedServiceRow[]) => Promise<Changes> | Changes
}

/** A process step of the application: also refused once a service is decided, where the process says so. */
function applicationStep(db: Kysely<DB>, caller: Caller, id: string, { action, event, label, change }: ApplicationStep): Promise<ApplicationWithServices> {
  let services: RequestedServiceRow[] = []
  let updated: ApplicationRow | undefined
  let changed: string[] = []
  return runStep(db, caller, {
    resource: 'Application',
    resourceType: 'application',
    async lock(trx) {
      const locked = await lockVisibleApplication(trx, caller.actor, id)
      services = locked?.services ?? []
      return locked?.application
    },
    check(current) {
      if (!isAllowed(action, current.status)) throw invalidState(label, current.status, allowedIn(action))
      const decided = services.filter((s) => s.decision_id !== null).length
      if (lockedByDecision(action, decided)) {
        throw conflict(`Cannot ${label}: ${decided} of the requested services ${decided === 1 ? 'is' : 'are'} already decided.`, { currentState: current.status, rule: 'locked_by_decision' })
      }
    },
    async apply(current, trx) {
      const changes = await change(current, trx, services)
      changed = changedFields(changes)
      updated = await updateApplication(trx, current.id, changes)
    },
    result: async (current) => ({ application: updated ?? current, services }),
    event: (current, { application }) => ({
      type: event, subjectId: current.id, personId: current.person_id,
      changes: { ...stateChange(current.status, application.status), fields: changed }
    })
  })
}

export function correctApplication(db: Kysely<DB>, caller: Caller, id: string, input: Static<typeof ApplicationUpdate>) {
  if (input.receivedDate !== undefined && input.receivedDate > todayInStockholm()) throw badRequest('/receivedDate', 'The received date cannot be in the future.')
  return applicationStep(db, caller, id, {
    action: 'update', event: 'application.corrected', label: 'update the application',
    change: (current) => {
      if (input.urgent !== undefined && input.urgent !== current.urgent && !canChangeUrgency(current.status)) {
        throw conflict('Urgency is settled at intake: it can be changed only while the application is received.', { currentState: current.status })
      }
      return { received_date: input.receivedDate, channel: input.channel, urgent: input.urgent }
    }
  })
}

export function assignCaseWorker(db: Kysely<DB>, caller: Caller, id: string, input: Static<typeof AssignBody>) {
  return applicationStep(db, caller, id, {
    action: 'assign', event: 'application.case_worker_assigned', label: 'assign a case worker',
    change: () => ({ assigned_case_worker: input.caseWorker })
  })
}

export function recordInvestigation(db: Kysely<DB>, caller: Caller, id: string, input: Static<typeof Investigation>) {
  return applicationStep(db, caller, id, {
    action: 'record_investigation', event: 'application.investigated', label: 'record the investigation',
    change: () => ({
      investigation_method: input.method,
      needs_description: input.needsDescription,
      assessment: input.assessment ?? null,
      investigation_recorded_at: new Date().toISOString(),
      status: STATUS_AFTER_INVESTIGATION
    })
  })
}

/** Records the communication and keeps exactly what was shared: never the assessment part. */
export async function communicateInvestigation(db: Kysely<DB>, caller: Caller, id: string, input: Static<typeof CommunicateBody>) {
  let communication: Awaited<ReturnType<typeof insertCommunication>> | undefined
  await applicationStep(db, caller, id, {
    action: 'communicate', event: 'application.communicated', label: 'communicate the investigation',
    change: async (current, trx, services) => {
      assertProcessDate('/date', input.date, current.received_date)
      // Recorded whenever the state allows communicating; checked so the snapshot is whole.
      if (current.investigation_method === null || current.needs_description === null) {
        throw invalidState('communicate the investigation', current.status, allowedIn('communicate'))
      }
      // The services as `check` read them under the application's lock: still current.
      communication = await insertCommunication(trx, {
        application_id: current.id,
        communicated_date: input.date,
        recipient: input.recipient,
        communicated_by: caller.actor.subject,
        investigation_method: current.investigation_method,
        needs_description: current.needs_description,
        requested_services: JSON.stringify(services.map((s) => ({ serviceTypeCode: s.service_type_code, requestedHoursPerMonth: s.requested_hours_per_month })))
      })
      return { status: 'communicated' }
    }
  })
  if (!communication) throw new Error('communicate: the step recorded no communication')
  return communication
}

export function recordJointReview(db: Kysely<DB>, caller: Caller, id: string, input: Static<typeof JointReviewBody>) {
  return applicationStep(db, caller, id, {
    action: 'record_joint_review', event: 'application.reviewed', label: 'record a joint case review',
    change: (current) => {
      assertProcessDate('/date', input.date, current.received_date)
      return { joint_review_date: input.date, joint_review_participants: input.participants, joint_review_notes: input.notes ?? null }
    }
  })
}

export function withdrawApplication(db: Kysely<DB>, caller: Caller, id: string, input: Static<typeof WithdrawBody>) {
  return applicationStep(db, caller, id, {
    action: 'withdraw', event: 'application.withdrawn', label: 'withdraw the application',
    change: (current) => {
      assertProcessDate('/date', input.date, current.received_date)
      return { status: 'withdrawn', withdrawn_date: input.date, withdrawal_reason: input.reason ?? null }
    }
  })
}

export async function listCommunicationsOf(db: Kysely<DB>, caller: Caller, id: string) {
  const application = await findVisibleApplication(db, caller.actor, id)
  if (!application) throw notFound('Application')
  await caller.audit([{ action: 'read', resourceType: 'communication', resourceId: application.id, personId: application.person_id }])
  return listCommunications(db, application.id)
}

export async function getCommunication(db: Kysely<DB>, caller: Caller, id: string, communicationId: string) {
  const application = await findVisibleApplication(db, caller.actor, id)
  const communication = application && await findCommunication(db, application.id, communicationId)
  if (!application || !communication) throw notFound('Communication')
  await caller.audit([{ action: 'read', resourceType: 'communication', resourceId: communication.id, personId: application.person_id }])
  return communication
}

/** What deciding a service needs of its application, locked for the decision's transaction. */
export async function lockForDecision(trx: Transaction<DB>, caller: Caller, id: string) {
  const locked = await lockVisibleApplication(trx, caller.actor, id)
  return locked && { ...locked.application, services: locked.services, communicated: locked.communicated }
}

/** Records on the application that one more service is decided (and, when it was the last, that it is decided). */
export function markDecided(trx: Transaction<DB>, id: string, complete: boolean) {
  return updateApplication(trx, id, complete ? { status: 'decided', decided_at: new Date().toISOString() } : {})
}
