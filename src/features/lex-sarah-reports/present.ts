/**
 * Database rows → the LexSarahReport resource. What a report says and whom it concerns is
 * shown only to callers who may read Lex Sarah details; others see existence and status.
 */
import type { FastifyReply } from 'fastify'
import { todayInStockholm } from '../../domain/calendar.js'
import { isOverdue, withinDeadline } from '../../domain/quality-deadlines.js'
import { setEtag } from '../../http/etag.js'
import { hasCapability } from '../../domain/roles.js'
import type { Actor } from '../../auth/actor.js'
import { providerView } from '../quality/service.js'
import type { LexSarahRow } from './repository.js'

export const seesLexSarahDetails = (actor: Actor) => hasCapability(actor.roles, 'read_lex_sarah_details')

function details(r: LexSarahRow, today: string) {
  const due = r.ivo_notification_due_date
  return {
    reporterRole: r.reporter_role,
    eventDate: r.event_date,
    place: r.place,
    provider: providerView(r),
    forInformation: r.for_information,
    category: r.category,
    description: r.description,
    immediateActions: r.immediate_actions,
    personId: r.person_id,
    decisionId: r.decision_id,
    complaintId: r.complaint_id,
    investigation: r.investigation_started_date !== null ? { startedDate: r.investigation_started_date, investigator: r.investigator } : null,
    assessment: r.assessed_date !== null && r.assessment !== null && r.serious !== null
      ? { date: r.assessed_date, assessment: r.assessment, serious: r.serious, summary: r.assessment_summary }
      : null,
    ivoNotification: due !== null
      ? {
          dueDate: due,
          overdue: isOverdue(due, r.ivo_notified_date === null, today),
          notifiedDate: r.ivo_notified_date,
          reference: r.ivo_reference,
          onTime: r.ivo_notified_date !== null ? withinDeadline(due, r.ivo_notified_date) : null
        }
      : null,
    ivoResponse: r.ivo_response_date !== null && r.ivo_response !== null ? { date: r.ivo_response_date, text: r.ivo_response } : null,
    closure: r.closed_date !== null && r.measures !== null ? { date: r.closed_date, measures: r.measures, learning: r.learning } : null
  }
}

export function toLexSarahReport(r: LexSarahRow, options: { today: string; seesDetails: boolean }) {
  return {
    id: r.id,
    caseNumber: r.case_number,
    unitId: r.unit_id,
    reportedDate: r.reported_date,
    status: r.status,
    details: options.seesDetails ? details(r, options.today) : null,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at
  }
}

/** The report as `actor` may see it today. */
export const presentLexSarahReport = (actor: Actor, r: LexSarahRow) =>
  toLexSarahReport(r, { today: todayInStockholm(), seesDetails: seesLexSarahDetails(actor) })

/** A single report answers with its version as ETag. */
export function sendLexSarahReport(reply: FastifyReply, actor: Actor, r: LexSarahRow) {
  setEtag(reply, r.version)
  return presentLexSarahReport(actor, r)
}
