/**
 * Database rows → the LexSarahReport resource. What a report says and whom it concerns is
 * shown only to callers who may read Lex Sarah details; others see existence and status.
 */
import type { FastifyReply } from 'fastify'
import { citationOn, type LegalProvision } from '../../domain/legal-provisions.js'
import { investigationDeadlines, type InvestigationDays } from '../../domain/lex-sarah-deadlines.js'
import { isOverdue, withinDeadline } from '../../domain/quality-deadlines.js'
import { setEtag } from '../../http/etag.js'
import { hasCapability } from '../../domain/roles.js'
import type { Actor } from '../../auth/actor.js'
import { providerView } from '../quality/service.js'
import type { LexSarahRow } from './repository.js'

export const seesLexSarahDetails = (actor: Actor) => hasCapability(actor.roles, 'read_lex_sarah_details')

/** What presenting a report needs besides the row: the cited provisions, the investigation deadlines, and the day asked about. */
export interface LexSarahView {
  catalogue: readonly LegalProvision[]
  investigationDays: InvestigationDays
  today: string
}

function details(r: LexSarahRow, view: LexSarahView) {
  const today = view.today
  const due = r.ivo_notification_due_date
  return {
    investigationDeadlines: investigationDeadlines({
      reportedDate: r.reported_date, forInformation: r.for_information, investigationStartedDate: r.investigation_started_date, assessedDate: r.assessed_date
    }, view.investigationDays, today),
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

export function toLexSarahReport(r: LexSarahRow, view: LexSarahView, seesDetails: boolean) {
  return {
    id: r.id,
    caseNumber: r.case_number,
    unitId: r.unit_id,
    reportedDate: r.reported_date,
    status: r.status,
    // The Lex Sarah provisions in force on the day it was reported (SoL 2001:453 14 kap. until 2025-06-30).
    legalBasis: {
      report: citationOn(view.catalogue, 'lex_sarah', r.reported_date, 'SoL (2001:453) 14 kap. 3–7 §§'),
      ivoNotification: citationOn(view.catalogue, 'lex_sarah_ivo_notification', r.reported_date, 'SoL (2001:453) 14 kap. 7 §')
    },
    details: seesDetails ? details(r, view) : null,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at
  }
}

/** The report as `actor` may see it on the view's day. */
export const presentLexSarahReport = (actor: Actor, r: LexSarahRow, view: LexSarahView) =>
  toLexSarahReport(r, view, seesLexSarahDetails(actor))

/** A single report answers with its version as ETag. */
export function sendLexSarahReport(reply: FastifyReply, actor: Actor, r: LexSarahRow, view: LexSarahView) {
  setEtag(reply, r.version)
  return presentLexSarahReport(actor, r, view)
}
