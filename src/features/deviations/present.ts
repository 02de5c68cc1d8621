/** Database rows → the Deviation resource of the contract. */
import type { FastifyReply } from 'fastify'
import { setEtag } from '../../http/etag.js'
import { providerView } from '../quality/service.js'
import type { DeviationRow } from './repository.js'

export function toDeviation(d: DeviationRow) {
  return {
    id: d.id,
    caseNumber: d.case_number,
    unitId: d.unit_id,
    target: d.target,
    provider: providerView(d),
    category: d.category,
    description: d.description,
    sentDate: d.sent_date,
    personId: d.person_id,
    decisionId: d.decision_id,
    complaintId: d.complaint_id,
    status: d.status,
    response: d.response_date !== null && d.response !== null ? { date: d.response_date, text: d.response } : null,
    closure: d.closed_date !== null ? { date: d.closed_date, note: d.closing_note } : null,
    registeredBy: d.registered_by,
    version: d.version,
    createdAt: d.created_at,
    updatedAt: d.updated_at
  }
}

/** A single deviation answers with its version as ETag. */
export function sendDeviation(reply: FastifyReply, d: DeviationRow) {
  setEtag(reply, d.version)
  return toDeviation(d)
}
