/**
 * Hospital discharge episodes: notices from the region's system (created, or corrected when
 * the reference is known), the unit's planning (SIP meeting, services applied for, the
 * applications it led to), reading and the monthly list. Every access is logged.
 */
import type { Kysely, Transaction } from 'kysely'
import type { Static } from 'typebox'
import type { DB } from '../../db/schema.js'
import { dischargeDateErrors } from '../../domain/discharge.js'
import { parseMonth } from '../../domain/monthly-volumes.js'
import { decodeCursor, toPage } from '../../http/pagination.js'
import { badRequest, conflict, notFound, ProblemError } from '../../http/problem.js'
import type { Caller } from '../../service/caller.js'
import { runStep } from '../../service/step.js'
import { write } from '../../service/transaction.js'
import { findVisiblePerson, findVisiblePersonByIdentity } from '../persons/service.js'
import {
  applicationsOfPerson, findEpisodeByReference, findVisibleEpisode, insertEpisode, knownServiceTypes, linksOf, listVisibleEpisodes,
  replaceApplicationLinks, updateEpisode, type EpisodeRow
} from './repository.js'
import type { DischargeListQuery, DischargeNotice, DischargePlanning } from './schemas.js'

type Links = Awaited<ReturnType<typeof linksOf>>
export interface EpisodeWithLinks {
  episode: EpisodeRow
  applications: Links['applications']
  followUps: Links['followUps']
}

async function withLinks(db: Kysely<DB>, episodes: EpisodeRow[]): Promise<EpisodeWithLinks[]> {
  const links = await linksOf(db, episodes.map((e) => e.id))
  return episodes.map((episode) => {
    const applications = links.applications.filter((a) => a.episode_id === episode.id)
    const ids = new Set(applications.map((a) => a.id))
    return { episode, applications, followUps: links.followUps.filter((f) => f.application_id !== null && ids.has(f.application_id)) }
  })
}

function assertDates(d: { admittedDate: string; readyDate: string | null; leftHospitalDate: string | null }) {
  const errors = dischargeDateErrors(d)
  if (errors.length > 0) throw new ProblemError(400, errors.map((e) => e.message).join(' '), { errors: errors.map((e) => ({ in: 'body', ...e })) })
}

async function personOfNotice(trx: Kysely<DB>, caller: Caller, n: Static<typeof DischargeNotice>) {
  if ((n.personId === undefined) === (n.personalIdentityNumber === undefined)) {
    throw badRequest('/personId', 'Name the person by exactly one of personId and personalIdentityNumber.')
  }
  const person = n.personId !== undefined
    ? await findVisiblePerson(trx, caller.actor, n.personId)
    : await findVisiblePersonByIdentity(trx, caller.actor, n.personalIdentityNumber as string)
  if (!person) throw badRequest(n.personId !== undefined ? '/personId' : '/personalIdentityNumber', 'No such person in the unit.')
  return person
}

/**
 * A notice from the region's system. A new reference creates the episode (`created`); a known
 * one corrects it: the dates it carries replace those on record (omitted: unchanged). The
 * agreement's days are those configured when the ready date is recorded or changed.
 */
export function receiveNotice(db: Kysely<DB>, caller: Caller, agreementDays: number, n: Static<typeof DischargeNotice>) {
  return write(db, caller, async ({ trx, log, emit }) => {
    const person = await personOfNotice(trx, caller, n)
    const source = n.source ?? 'lifecare'
    const current = await findEpisodeByReference(trx, caller.actor.unitId, source, n.externalReference)
    if (current && current.person_id !== person.id) throw conflict('This reference names an episode of another person; send the correction for the same person.')
    const readyDate = n.readyDate !== undefined ? n.readyDate : current?.ready_date ?? null
    const leftHospitalDate = n.leftHospitalDate !== undefined ? n.leftHospitalDate : current?.left_hospital_date ?? null
    assertDates({ admittedDate: n.admittedDate, readyDate, leftHospitalDate })
    const fields = { admitted_date: n.admittedDate, ready_date: readyDate, left_hospital_date: leftHospitalDate, hospital: n.hospital !== undefined ? n.hospital : current?.hospital ?? null }
    let episode: EpisodeRow
    if (!current) {
      episode = await insertEpisode(trx, { unit_id: caller.actor.unitId, person_id: person.id, source, external_reference: n.externalReference, agreement_days: agreementDays, ...fields })
    } else {
      const changed = (Object.keys(fields) as (keyof typeof fields)[]).some((k) => fields[k] !== current[k])
      if (!changed) {
        // A redelivered notice changes nothing, but its answer shows the episode: that is a read.
        log({ action: 'read', resourceType: 'discharge_episode', resourceId: current.id, personId: person.id })
        return { created: false, episode: (await withLinks(trx, [current]))[0]! }
      }
      episode = await updateEpisode(trx, current.id, {
        ...fields, corrections: current.corrections + 1,
        agreement_days: readyDate !== current.ready_date ? agreementDays : current.agreement_days
      })
    }
    log({ action: current ? 'update' : 'create', resourceType: 'discharge_episode', resourceId: episode.id, personId: person.id })
    emit({ type: current ? 'discharge_episode.corrected' : 'discharge_episode.received', subjectId: episode.id, personId: person.id, changes: { fields: (Object.keys(fields) as (keyof typeof fields)[]).filter((k) => !current || fields[k] !== current[k]).map((k) => k.replace(/_(.)/g, (_, c: string) => c.toUpperCase())) } })
    return { created: !current, episode: (await withLinks(trx, [episode]))[0]! }
  })
}

async function checkPlanning(trx: Transaction<DB>, current: EpisodeRow, p: Static<typeof DischargePlanning>) {
  if (p.servicesAppliedFor && p.servicesAppliedFor.length > 0) {
    const known = new Set((await knownServiceTypes(trx, p.servicesAppliedFor)).map((s) => s.code))
    const unknown = p.servicesAppliedFor.find((code) => !known.has(code))
    if (unknown) throw badRequest('/servicesAppliedFor', `Unknown service type '${unknown}'.`)
  }
  if (p.applicationIds && p.applicationIds.length > 0) {
    const own = new Set((await applicationsOfPerson(trx, current.unit_id, current.person_id, p.applicationIds)).map((a) => a.id))
    const other = p.applicationIds.find((id) => !own.has(id))
    if (other) throw badRequest('/applicationIds', `Application ${other} is not one of this person's in the unit.`)
  }
  if (p.sipMeeting && p.sipMeeting.date < current.admitted_date) throw badRequest('/sipMeeting/date', 'The SIP meeting cannot be before the admission.')
  if (p.leftHospitalDate !== undefined) {
    assertDates({ admittedDate: current.admitted_date, readyDate: current.ready_date, leftHospitalDate: p.leftHospitalDate })
  }
}

/** The unit's planning of the discharge. If-Match as any step. */
export function planDischarge(db: Kysely<DB>, caller: Caller, id: string, p: Static<typeof DischargePlanning>) {
  return runStep(db, caller, {
    resource: 'Discharge episode',
    resourceType: 'discharge_episode',
    lock: (trx) => findVisibleEpisode(trx, caller.actor, id, { forUpdate: true }),
    check: (current, trx) => checkPlanning(trx, current, p),
    apply: async (current, trx) => {
      await updateEpisode(trx, current.id, {
        ...(p.sipMeeting !== undefined ? { sip_meeting_date: p.sipMeeting?.date ?? null, sip_participant_roles: p.sipMeeting?.participantRoles ?? [] } : {}),
        ...(p.servicesAppliedFor !== undefined ? { services_applied_for: p.servicesAppliedFor } : {}),
        ...(p.leftHospitalDate !== undefined ? { left_hospital_date: p.leftHospitalDate } : {})
      })
      if (p.applicationIds !== undefined) await replaceApplicationLinks(trx, current.id, p.applicationIds)
    },
    result: async (current, trx) => (await withLinks(trx, [(await findVisibleEpisode(trx, caller.actor, current.id))!]))[0]!,
    event: (current) => ({ type: 'discharge_episode.planned', subjectId: current.id, personId: current.person_id, changes: { fields: Object.keys(p).filter((k) => p[k as keyof typeof p] !== undefined) } })
  })
}

export async function getEpisode(db: Kysely<DB>, caller: Caller, id: string): Promise<EpisodeWithLinks> {
  const episode = await findVisibleEpisode(db, caller.actor, id)
  if (!episode) throw notFound('Discharge episode')
  await caller.audit([{ action: 'read', resourceType: 'discharge_episode', resourceId: episode.id, personId: episode.person_id }])
  return (await withLinks(db, [episode]))[0]!
}

export async function listEpisodes(db: Kysely<DB>, caller: Caller, asOf: string, q: Static<typeof DischargeListQuery>) {
  const { limit = 50, cursor, readyMonth, personId, pastAgreement } = q
  const month = readyMonth === undefined ? undefined : parseMonth(readyMonth)
  if (month === null) throw badRequest('/readyMonth', 'Expected a month like 2026-10 (years 2000–2100).', 'querystring')
  const after = decodeCursor(cursor, ['string', 'string']) as [string, string] | undefined
  const rows = await listVisibleEpisodes(db, caller.actor, {
    readyFrom: month?.start, readyTo: month?.end, personId, pastAgreementOn: pastAgreement ? asOf : undefined
  }, after, limit)
  const page = toPage(rows, limit, (e) => [e.admitted_date, e.id])
  await caller.audit(page.items.map((e) => ({ action: 'read' as const, resourceType: 'discharge_episode', resourceId: e.id, personId: e.person_id })))
  return { items: await withLinks(db, page.items), nextCursor: page.nextCursor }
}
