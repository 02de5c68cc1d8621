/** Database rows → the Complaint resource of the contract. */
import type { FastifyReply } from 'fastify'
import { todayInStockholm } from '../../domain/calendar.js'
import { awaitsAnswer } from '../../domain/complaint-process.js'
import { hasCapability } from '../../domain/roles.js'
import type { Actor } from '../../auth/actor.js'
import { isOverdue, withinDeadline } from '../../domain/quality-deadlines.js'
import { setEtag } from '../../http/etag.js'
import { providerView } from '../quality/service.js'
import type { ComplaintRow, Escalations } from './repository.js'
import type { ComplaintWithEscalations } from './service.js'

export function toComplaint(c: ComplaintRow, escalations: Escalations, options: { today: string; seesLexSarah: boolean }) {
  return {
    id: c.id,
    caseNumber: c.case_number,
    unitId: c.unit_id,
    receivedDate: c.received_date,
    channel: c.channel,
    externalReference: c.external_reference,
    submittedBy: c.submitted_by,
    submitter: c.submitted_by === 'anonymous' ? null : { name: c.submitter_name, contact: c.submitter_contact },
    kind: c.kind,
    target: c.target,
    provider: providerView(c),
    categories: c.categories,
    description: c.description,
    personId: c.person_id,
    decisionId: c.decision_id,
    status: c.status,
    answerDueDate: c.answer_due_date,
    overdue: isOverdue(c.answer_due_date, awaitsAnswer(c.status), options.today),
    investigation: c.investigation_started_date !== null ? { startedDate: c.investigation_started_date, investigator: c.investigator } : null,
    answer: c.answered_date !== null && c.answered_by !== null && c.answer_method !== null && c.answer !== null
      ? { date: c.answered_date, answeredBy: c.answered_by, method: c.answer_method, text: c.answer, onTime: withinDeadline(c.answer_due_date, c.answered_date) }
      : null,
    closure: c.closed_date !== null ? { date: c.closed_date, measures: c.measures } : null,
    ledTo: { deviationIds: escalations.deviationIds, lexSarahReportIds: options.seesLexSarah ? escalations.lexSarahReportIds : null },
    registeredBy: c.registered_by,
    version: c.version,
    createdAt: c.created_at,
    updatedAt: c.updated_at
  }
}

/** A complaint with what it led to; links to Lex Sarah reports only for those who may read their details. */
export function presentComplaint(actor: Actor, { complaint, escalations }: ComplaintWithEscalations, asOf?: string) {
  return toComplaint(complaint, escalations, { today: asOf ?? todayInStockholm(), seesLexSarah: hasCapability(actor.roles, 'read_lex_sarah_details') })
}

/** A single complaint answers with its version as ETag. */
export function sendComplaint(reply: FastifyReply, actor: Actor, record: ComplaintWithEscalations) {
  setEtag(reply, record.complaint.version)
  return presentComplaint(actor, record)
}
