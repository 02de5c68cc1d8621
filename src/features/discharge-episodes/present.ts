/** Database rows → the DischargeEpisode resource, with the day counts of `domain/discharge.ts` as of today. */
import type { FastifyReply } from 'fastify'
import {
  daysReadyForDischarge, daysWithPaymentResponsibility, dischargeState, isPastAgreement, leftWithinAgreement, paymentResponsibilityFrom,
  type SipParticipantRole
} from '../../domain/discharge.js'
import { setEtag } from '../../http/etag.js'
import type { EpisodeWithLinks } from './service.js'

export function toEpisode({ episode: e, applications, followUps }: EpisodeWithLinks, asOf: string) {
  const dates = { readyDate: e.ready_date, leftHospitalDate: e.left_hospital_date, agreementDays: e.agreement_days }
  return {
    id: e.id,
    unitId: e.unit_id,
    personId: e.person_id,
    source: e.source,
    externalReference: e.external_reference,
    hospital: e.hospital,
    state: dischargeState(dates),
    admittedDate: e.admitted_date,
    readyDate: e.ready_date,
    leftHospitalDate: e.left_hospital_date,
    agreementDays: e.agreement_days,
    paymentResponsibilityFrom: paymentResponsibilityFrom(e.ready_date, e.agreement_days),
    daysReadyForDischarge: daysReadyForDischarge(dates, asOf),
    daysWithPaymentResponsibility: daysWithPaymentResponsibility(dates, asOf),
    withinAgreement: leftWithinAgreement(dates),
    pastAgreement: isPastAgreement(dates, asOf),
    sipMeeting: e.sip_meeting_date === null ? null : { date: e.sip_meeting_date, participantRoles: e.sip_participant_roles as SipParticipantRole[] },
    servicesAppliedFor: e.services_applied_for,
    applications: applications.map((a) => ({ id: a.id, caseNumber: a.case_number, status: a.status })),
    followUps: followUps.map((f) => ({ id: f.id, dueDate: f.due_date, status: f.status })),
    corrections: e.corrections,
    version: e.version,
    createdAt: e.created_at,
    updatedAt: e.updated_at
  }
}

export function sendEpisode(reply: FastifyReply, episode: EpisodeWithLinks, asOf: string) {
  setEtag(reply, episode.episode.version)
  return toEpisode(episode, asOf)
}
