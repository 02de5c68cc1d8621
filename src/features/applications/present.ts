/** Database rows → the Application and Communication resources of the contract. */
import type { FastifyReply } from 'fastify'
import type { Selectable } from 'kysely'
import type { CommunicationTable } from '../../db/schema.js'
import type { InvestigationMethod } from '../../domain/application-process.js'
import { setEtag } from '../../http/etag.js'
import type { ApplicationRow, RequestedServiceRow } from './repository.js'
import type { ApplicationWithServices } from './service.js'

export function toApplication(a: ApplicationRow, services: RequestedServiceRow[]) {
  return {
    id: a.id,
    caseNumber: a.case_number,
    unitId: a.unit_id,
    personId: a.person_id,
    receivedDate: a.received_date,
    channel: a.channel,
    urgent: a.urgent,
    status: a.status,
    assignedCaseWorker: a.assigned_case_worker,
    requestedServices: services.map((s) => ({
      serviceTypeCode: s.service_type_code,
      requestedHoursPerMonth: s.requested_hours_per_month,
      decisionId: s.decision_id
    })),
    investigation: a.investigation_method !== null && a.needs_description !== null && a.investigation_recorded_at !== null
      ? { method: a.investigation_method, needsDescription: a.needs_description, assessment: a.assessment, recordedAt: a.investigation_recorded_at }
      : null,
    jointReview: a.joint_review_date !== null
      ? { date: a.joint_review_date, participants: a.joint_review_participants, notes: a.joint_review_notes }
      : null,
    withdrawal: a.withdrawn_date !== null ? { date: a.withdrawn_date, reason: a.withdrawal_reason } : null,
    decidedAt: a.decided_at,
    version: a.version,
    createdAt: a.created_at,
    updatedAt: a.updated_at
  }
}

export function toCommunication(c: Selectable<CommunicationTable>) {
  return {
    id: c.id,
    applicationId: c.application_id,
    date: c.communicated_date,
    recipient: c.recipient,
    communicatedBy: c.communicated_by,
    // Copied from the application's method (CHECK-listed there); this column has no CHECK of its own.
    investigation: { method: c.investigation_method as InvestigationMethod, needsDescription: c.needs_description },
    requestedServices: c.requested_services,
    createdAt: c.created_at
  }
}

/** An application response: the application with its services, its version as the ETag. */
export function sendApplication(reply: FastifyReply, { application, services }: ApplicationWithServices) {
  setEtag(reply, application.version)
  return toApplication(application, services)
}
