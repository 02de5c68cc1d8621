/**
 * Quality work over the window (DOMAIN §3): complaints and feedback (about 500 a year in the
 * city at full size, mostly about providers), deviations sent to providers and health care,
 * and Lex Sarah reports (about 200 a year, a few serious ones notified to IVO). Each moves
 * through its process as far as its dates reached by today; deadlines are the service's
 * defaults (answer within 14 days, notify IVO within 14 days of a serious assessment).
 */
import type { ComplaintStatus } from '../domain/complaint-process.js'
import { addDays } from './days.js'
import { caseNumber, instantOn, type CityContext } from './context.js'
import type { PersonSummary } from './history.js'
import type { ProviderSet } from './providers.js'
import { Weighted, clamp } from './random.js'
import { caseWorker, qualityOfficer, unitManager } from './staff.js'
import type { Unit } from './persons.js'
import { dayBetween, latest } from './timeline.js'

export const ANSWER_DAYS = 14
export const IVO_NOTIFICATION_DAYS = 14

const COMPLAINT_CATEGORIES = ['treatment', 'accessibility', 'communication', 'information', 'case_handling', 'service_quality', 'service_design']
const DEVIATION_CATEGORIES = new Weighted([['missing_implementation_plan', 30], ['discharge_process', 35], ['delivered_time', 15], ['service_quality', 15], ['other', 5]] as const)
const LEX_SARAH_CATEGORIES = new Weighted([['execution_shortcomings', 40], ['treatment', 20], ['legal_certainty', 15], ['documentation_to_wrong_person', 15], ['other', 10]] as const)
const CHANNELS = new Weighted([['written', 30], ['oral', 15], ['phone', 30], ['e_service', 25]] as const)
const SUBMITTERS = new Weighted([['person', 35], ['relative', 40], ['representative', 10], ['other', 5], ['anonymous', 10]] as const)
const KINDS = new Weighted([['complaint', 60], ['feedback', 20], ['idea', 5], ['praise', 10], ['question', 5]] as const)
const TARGETS = new Weighted([['provider', 65], ['primary_care', 12], ['hospital_care', 8], ['transport', 7], ['unit', 6], ['other', 2]] as const)
const DEVIATION_TARGETS = new Weighted([['provider', 55], ['hospital_care', 35], ['primary_care', 7], ['other', 3]] as const)
const ASSESSMENTS = new Weighted([['no_wrongdoing', 45], ['risk_of_wrongdoing', 30], ['wrongdoing', 25]] as const)
const REPORTERS = ['Biståndshandläggare', 'Undersköterska', 'Enhetschef', 'Sjuksköterska', 'Vårdbiträde']

/** Records per 35,000 persons and ten years at full size (the volumes). */
export const FULL_SIZE = { persons: 35_000, years: 10, complaints: 5_000, deviations: 2_200, lexSarah: 2_000 }

export function qualityVolume(persons: number, years: number, full: number): number {
  return Math.round((full * persons * years) / (FULL_SIZE.persons * FULL_SIZE.years))
}

interface QualityInputs {
  persons: readonly PersonSummary[]
  units: ReadonlyMap<string, Unit>
  providers: ProviderSet
}

function subject(ctx: CityContext, q: QualityInputs) {
  const p = ctx.random.pick(q.persons)
  const unit = q.units.get(p.unitId)
  if (!unit) throw new Error('a person without a unit')
  return { person: p, unit, staff: caseWorker(unit.code, ctx.random.int(1, unit.caseWorkers)) }
}

export function generateComplaints(ctx: CityContext, q: QualityInputs, count: number): void {
  const { random, today, tables } = ctx
  for (let i = 0; i < count; i++) {
    const { person, unit, staff } = subject(ctx, q)
    const received = dayBetween(random, ctx.windowStart, today)
    const channel = CHANNELS.draw(random)
    const submittedBy = SUBMITTERS.draw(random)
    const target = TARGETS.draw(random)
    const known = target === 'provider' && random.chance(0.9)
    const provider = known ? random.pick(q.providers.all) : null
    const started = addDays(received, random.int(0, 4))
    const answered = addDays(received, Math.round(clamp(random.logNormal(9, 0.6), 1, 90)))
    const closed = addDays(answered, random.int(0, 20))
    const anonymous = submittedBy === 'anonymous'
    let status: ComplaintStatus = 'registered'
    if (started <= today) status = 'investigating'
    if (!anonymous && answered <= today) status = 'answered'
    if (closed <= today && (anonymous || status === 'answered')) status = 'closed'
    const isAnswered = !anonymous && answered <= today
    const categories = [random.pick(COMPLAINT_CATEGORIES), ...(random.chance(0.3) ? [random.pick(COMPLAINT_CATEGORIES)] : [])]
    const n = ++ctx.counters.complaint
    tables.complaints.add({
      id: random.uuid(), case_number: caseNumber('SYN', received, n), unit_id: unit.id, received_date: received, channel,
      external_reference: channel === 'e_service' && random.chance(0.6) ? `SP-${received.slice(0, 4)}-${n}` : null,
      submitted_by: submittedBy, submitter_name: submittedBy === 'relative' || submittedBy === 'representative' ? 'Anhörig till klient' : null,
      submitter_contact: anonymous || submittedBy === 'other' ? null : `08-${random.int(100000, 999999)}`,
      kind: KINDS.draw(random), target, provider_id: provider?.id ?? null,
      categories: [...new Set(categories)], description: 'Synpunkt på insatsen och bemötandet.',
      person_id: random.chance(0.5) ? person.id : null,
      status, answer_due_date: addDays(received, ANSWER_DAYS),
      investigation_started_date: status === 'registered' ? null : started, investigator: status === 'registered' ? null : qualityOfficer(unit.code),
      answered_date: isAnswered ? answered : null, answered_by: isAnswered ? unitManager(unit.code) : null,
      answer_method: isAnswered ? random.pick(['letter', 'email', 'phone', 'meeting'] as const) : null,
      answer: isAnswered ? 'Vi har tagit del av synpunkten och vidtagit åtgärder.' : null,
      closed_date: status === 'closed' ? closed : null, measures: status === 'closed' ? 'Återkoppling till utföraren.' : null,
      registered_by: staff, version: { registered: 1, investigating: 2, answered: 3, closed: anonymous ? 3 : 4 }[status],
      created_at: instantOn(received), updated_at: instantOn(status === 'closed' ? closed : status === 'answered' ? answered : status === 'investigating' ? started : received, 16)
    })
  }
}

export function generateDeviations(ctx: CityContext, q: QualityInputs, count: number): void {
  const { random, today, tables } = ctx
  for (let i = 0; i < count; i++) {
    const { person, unit, staff } = subject(ctx, q)
    const sent = dayBetween(random, ctx.windowStart, today)
    const target = DEVIATION_TARGETS.draw(random)
    const category = target === 'provider' ? DEVIATION_CATEGORIES.draw(random) : random.chance(0.85) ? 'discharge_process' : 'other'
    const responded = addDays(sent, random.int(5, 45))
    const closed = addDays(responded, random.int(1, 30))
    const hasResponse = responded <= today && random.chance(0.9)
    const isClosed = hasResponse && closed <= today
    const status = isClosed ? 'closed' : hasResponse ? 'responded' : 'sent'
    const providerKnown = target === 'provider' && random.chance(0.95)
    const n = ++ctx.counters.deviation
    tables.deviations.add({
      id: random.uuid(), case_number: caseNumber('AVV', sent, n), unit_id: unit.id, target,
      provider_id: providerKnown ? random.pick(q.providers.all).id : null,
      provider_name: target === 'provider' && !providerKnown ? 'Utförare utan avtal' : null,
      provider_regime: target === 'provider' && !providerKnown ? 'private' : null,
      category, description: 'Avvikelse skickad till utföraren.', sent_date: sent, person_id: random.chance(0.7) ? person.id : null,
      complaint_id: null, status, response_date: hasResponse ? responded : null, response: hasResponse ? 'Utföraren har åtgärdat bristen.' : null,
      closed_date: isClosed ? closed : null, closing_note: isClosed ? 'Åtgärdat.' : null, registered_by: staff,
      version: isClosed ? 3 : hasResponse ? 2 : 1, created_at: instantOn(sent), updated_at: instantOn(isClosed ? closed : hasResponse ? responded : sent, 16)
    })
  }
}

export function generateLexSarah(ctx: CityContext, q: QualityInputs, count: number): void {
  const { random, today, tables } = ctx
  for (let i = 0; i < count; i++) {
    const { person, unit, staff } = subject(ctx, q)
    const reported = dayBetween(random, ctx.windowStart, today)
    const place = random.chance(0.6) ? 'provider' : 'unit'
    const forInformation = place === 'provider' && random.chance(0.15)
    const provider = place === 'provider' ? random.pick(q.providers.all) : null
    const started = addDays(reported, random.int(0, 3))
    const assessed = addDays(reported, random.int(10, 40))
    const assessment = ASSESSMENTS.draw(random)
    const serious = assessment !== 'no_wrongdoing' && random.chance(0.2)
    const ivoDue = addDays(assessed, IVO_NOTIFICATION_DAYS)
    const notified = addDays(assessed, Math.round(clamp(random.logNormal(8, 0.6), 1, 40)))
    const responded = addDays(notified, random.int(30, 120))
    const closed = addDays(serious ? responded : assessed, random.int(3, 30))

    const isAssessed = !forInformation && assessed <= today
    const isNotified = isAssessed && serious && notified <= today
    const isResponded = isNotified && responded <= today
    const isClosed = forInformation ? closed <= today : isAssessed && (serious ? isResponded : true) && closed <= today
    const status = isClosed ? 'closed' : isResponded ? 'ivo_responded' : isNotified ? 'notified_to_ivo' : isAssessed ? 'assessed'
      : !forInformation && started <= today ? 'investigating' : 'reported'
    const investigated = status !== 'reported' && !forInformation
    const n = ++ctx.counters.lexSarah
    const last = [reported, investigated ? started : reported, isAssessed ? assessed : reported, isNotified ? notified : reported, isResponded ? responded : reported, isClosed ? closed : reported]
      .reduce((a, b) => latest(a, b))
    tables.lex_sarah_reports.add({
      id: random.uuid(), case_number: caseNumber('LXS', reported, n), unit_id: unit.id, reported_date: reported, reporter_role: random.pick(REPORTERS),
      event_date: addDays(reported, -random.int(0, 10)), place, provider_id: provider?.id ?? null, for_information: forInformation,
      category: LEX_SARAH_CATEGORIES.draw(random), description: 'Rapport om missförhållande eller påtaglig risk för missförhållande.',
      immediate_actions: 'Omedelbara åtgärder vidtogs.', person_id: random.chance(0.6) ? person.id : null, status,
      investigation_started_date: investigated ? started : null, investigator: investigated ? qualityOfficer(unit.code) : null,
      assessed_date: isAssessed ? assessed : null, assessment: isAssessed ? assessment : null, serious: isAssessed ? serious : null,
      assessment_summary: isAssessed ? 'Utredningen är genomförd.' : null,
      ivo_notification_due_date: isAssessed && serious ? ivoDue : null,
      ivo_notified_date: isNotified ? notified : null, ivo_reference: isNotified ? `IVO ${notified.slice(0, 4)}-${random.int(1000, 99999)}` : null,
      ivo_response_date: isResponded ? responded : null, ivo_response: isResponded ? 'IVO har funnit att skyldigheterna är fullgjorda; ärendet avslutas.' : null,
      closed_date: isClosed ? closed : null, measures: isClosed ? 'Rutinen har setts över.' : null, learning: isClosed ? 'Lärdomar delade på APT.' : null,
      registered_by: staff, version: 1 + [investigated, isAssessed, isNotified, isResponded, isClosed].filter(Boolean).length,
      created_at: instantOn(reported), updated_at: instantOn(last, 16)
    })
  }
}
