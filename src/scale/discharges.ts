/**
 * Hospital discharge episodes behind the applications that come "through hospital discharge":
 * the admission a few days before the application, the ready date soon after it, and the day
 * the person left — mostly within the agreement's days, some later (seed 003 measures the unit
 * on "utskrivningsklara dagar på sjukhus per vårdtillfälle"). A person still in hospital today
 * has no left date; one not yet declared ready has no ready date.
 */
import { LAW_DEFAULT_AGREEMENT_DAYS, SIP_PARTICIPANT_ROLES } from '../domain/discharge.js'
import { addDays } from './days.js'
import { instantOn, type CityContext } from './context.js'
import type { Person } from './persons.js'
import { Weighted } from './random.js'
import { dayBetween } from './timeline.js'

/** Days from ready to leaving hospital: day 0 is the ready date. */
const DAYS_READY = new Weighted([[0, 30], [1, 25], [2, 18], [3, 12], [4, 6], [6, 4], [9, 3], [14, 2]] as const)
const HOSPITALS = ['Södersjukhuset', 'Karolinska Huddinge', 'Karolinska Solna', 'Danderyds sjukhus', 'S:t Görans sjukhus', 'Capio S:t Görans geriatrik', 'Dalens sjukhus']

export function generateDischargeEpisode(ctx: CityContext, person: Person, applicationId: string, received: string, services: readonly string[]): void {
  const { random, today, tables } = ctx
  const admitted = addDays(received, -random.int(1, 8))
  const readyCandidate = addDays(received, random.int(0, 4))
  const ready = readyCandidate <= today ? readyCandidate : null
  const leftCandidate = ready === null ? null : addDays(ready, DAYS_READY.draw(random))
  const left = leftCandidate !== null && leftCandidate <= today ? leftCandidate : null
  const sip = ready !== null && random.chance(0.6)
  const roles = sip ? ['person', 'case_worker', 'primary_care', ...SIP_PARTICIPANT_ROLES.filter((r) => r === 'relative' || r === 'hospital_care' || r === 'municipal_health_care').filter(() => random.chance(0.5))] : []
  const id = random.uuid()
  const last = left ?? ready ?? admitted
  tables.discharge_episodes.add({
    id, unit_id: person.unit.id, person_id: person.id, source: 'lifecare', external_reference: `LC-${applicationId}`,
    hospital: random.pick(HOSPITALS), admitted_date: admitted, ready_date: ready, agreement_days: LAW_DEFAULT_AGREEMENT_DAYS, left_hospital_date: left,
    sip_meeting_date: sip ? dayBetween(random, admitted, ready as string) : null, sip_participant_roles: roles, services_applied_for: [...services],
    corrections: 0, version: 1 + (ready !== null ? 1 : 0) + (left !== null ? 1 : 0), created_at: instantOn(admitted, 10), updated_at: instantOn(last, 10)
  })
  tables.discharge_episode_applications.add({ episode_id: id, application_id: applicationId })
}
