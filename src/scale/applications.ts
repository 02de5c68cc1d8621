/**
 * One application and what the case process recorded for it: the requested services, the
 * investigation, the joint case review (housing), the communication of the investigation
 * (every non-urgent investigation, the units' default policy), and one decision per requested
 * service taken under the delegation order — or a withdrawal, or still open when the
 * decision would fall after today.
 */
import { generateDischargeEpisode } from './discharges.js'
import { addDays, daysBetween } from './days.js'
import type { CourtOutcome, ReconsiderationOutcome } from '../domain/appeal.js'
import type { ApplicationStatus, DecisionOutcome } from '../domain/application-process.js'
import { matterHours } from '../domain/delegation.js'
import { caseNumber, instantOn, type CityContext } from './context.js'
import type { Person } from './persons.js'
import { Weighted, clamp } from './random.js'
import { CARE_HOME_PHASE_MIX, HOME_PHASE_MIX, partlyGrantedHours, profile, requestedHours, type ServiceProfile } from './services.js'
import { SPECIAL_DELEGATION_NUMBERS, caseWorker, deputyUnitManager, unitManager } from './staff.js'
import { earliest, grantEnd, latest } from './timeline.js'

/** A granted decision, kept until the person's history is complete to derive its execution. */
export interface Grant {
  decisionId: string
  applicationId: string
  service: ServiceProfile
  outcome: Exclude<DecisionOutcome, 'rejected'>
  decisionDate: string
  validFrom: string
  validTo: string | null
  hours: number | null
  /** Days the person waits from the decision to the start, drawn when decided. */
  waitDays: number
  channel: string
  caseWorker: string
}

/** What the simulation remembers about a person between applications. */
export interface CaseState {
  caseWorker: number
  /** The first day in a care home, once a care home is granted (it may lie in the future). */
  careHomeFrom: string | null
  careHomeGranted: boolean
  grants: Grant[]
  /** Hospital-discharge applications with grants, for their follow-up. */
  dischargeApplications: { applicationId: string; caseWorker: string }[]
}

const CARE_HOME_MEAN_STAY_DAYS = 2.5 * 365

const CHANNELS = new Weighted([['phone', 30], ['aldre_direkt', 25], ['letter_or_e_service', 15], ['hospital_discharge', 22], ['outreach', 8]] as const)
const SERVICE_COUNT = new Weighted([[1, 45], [2, 38], [3, 17]] as const)
const METHODS = new Weighted([['home_visit', 55], ['phone', 20], ['video', 5], ['office', 5], ['hospital_or_sip_meeting', 15]] as const)
const NEEDS = [
  'Behöver stöd med personlig omvårdnad morgon och kväll.',
  'Behöver hjälp med inköp, städning och tvätt.',
  'Känner sig otrygg i hemmet efter fall.',
  'Har ökade behov efter sjukhusvistelse.',
  'Kognitiv svikt; behöver tillsyn och påminnelser.',
  'Anhörig behöver avlösning.'
]
const GRANT_REASONS = ['Behovet kan inte tillgodoses på annat sätt.', 'Insatsen behövs för att tillförsäkra en skälig levnadsnivå.', 'Behov av stöd i den dagliga livsföringen.']
const REJECT_REASONS = ['Behovet tillgodoses på annat sätt.', 'Behovet bedöms kunna tillgodoses med insatser i ordinärt boende.', 'Sökanden uppfyller inte villkoren för insatsen.']
const APPEAL_RECONSIDERED = new Weighted([['unchanged', 85], ['partially_changed', 10], ['changed_as_requested', 5]] as const)
const COURT = new Weighted([['appeal_rejected', 75], ['appeal_granted', 12], ['appeal_partially_granted', 5], ['returned_for_new_investigation', 8]] as const)

function drawServices(ctx: CityContext, state: CaseState, received: string): ServiceProfile[] {
  const inCareHome = state.careHomeFrom !== null && received >= state.careHomeFrom
  const mix = inCareHome ? CARE_HOME_PHASE_MIX : HOME_PHASE_MIX
  const wanted = SERVICE_COUNT.draw(ctx.random)
  const chosen: ServiceProfile[] = []
  for (let attempt = 0; attempt < 12 && chosen.length < wanted; attempt++) {
    const s = profile(mix.draw(ctx.random))
    if (chosen.includes(s)) continue
    // Waiting for a granted place, one does not apply again; living there, one may ask to move.
    if (state.careHomeGranted && !inCareHome && (s.code === 'care_home' || s.code === 'service_housing')) continue
    chosen.push(s)
  }
  if (chosen.length === 0) chosen.push(profile(inCareHome ? 'fee_reduction' : 'home_care'))
  return chosen
}

/** Days from receipt to decision: a few for urgent matters, weeks otherwise, longer for housing. */
function processingDays(ctx: CityContext, urgent: boolean, housing: boolean): number {
  if (urgent) return ctx.random.int(0, 6)
  return Math.round(clamp(ctx.random.logNormal(housing ? 30 : 18, 0.55), 2, 150))
}

function outcomeFor(ctx: CityContext, s: ServiceProfile): DecisionOutcome {
  if (ctx.random.chance(s.rejectShare)) return 'rejected'
  return ctx.random.chance(s.hoursBased ? 0.12 : 0.02) ? 'partially_granted' : 'granted'
}

/** Who decides, under the delegation order of migration 0001 (see domain/delegation.ts). */
function decider(ctx: CityContext, person: Person, worker: number, s: ServiceProfile, hours: number | null) {
  const unit = person.unit.code
  if (s.housing) {
    return ctx.random.chance(0.35)
      ? { by: unitManager(unit), role: 'unit_manager', rule: 'housing' }
      : { by: deputyUnitManager(unit, ctx.random.chance(0.5) ? 1 : 2), role: 'deputy_unit_manager', rule: 'housing' }
  }
  if (s.code === 'home_care' && hours !== null && hours > 99) {
    const x = ctx.random.float()
    if (x < 0.6) return { by: caseWorker(unit, ctx.random.pick(SPECIAL_DELEGATION_NUMBERS)), role: 'case_worker_special_delegation', rule: 'home_care_over_99_hours' }
    if (x < 0.85) return { by: deputyUnitManager(unit, ctx.random.chance(0.5) ? 1 : 2), role: 'deputy_unit_manager', rule: 'home_care_over_99_hours' }
    return { by: unitManager(unit), role: 'unit_manager', rule: 'home_care_over_99_hours' }
  }
  const special = (SPECIAL_DELEGATION_NUMBERS as readonly number[]).includes(worker)
  return { by: caseWorker(unit, worker), role: special ? 'case_worker_special_delegation' : 'case_worker', rule: null }
}

/**
 * The application received on `received`. `lastDay` is the person's last day in care (or
 * today): a decision that would come later is not taken — the application is withdrawn then,
 * or still open when that day is today.
 */
export function generateApplication(ctx: CityContext, person: Person, state: CaseState, received: string, lastDay: string): void {
  const { random, today, tables } = ctx
  if (random.chance(0.12)) state.caseWorker = random.int(1, person.unit.caseWorkers)
  const worker = caseWorker(person.unit.code, state.caseWorker)
  const services = drawServices(ctx, state, received)
  const housing = services.some((s) => s.housing)
  const channel = CHANNELS.draw(random)
  const urgent = channel === 'hospital_discharge' ? random.chance(0.6) : random.chance(0.05)
  const decisionDate = addDays(received, processingDays(ctx, urgent, housing))
  const withdrawn = random.chance(0.03) || (decisionDate > lastDay && lastDay < today)
  const open = !withdrawn && decisionDate > today

  const requested = services.map((s) => ({ s, hours: requestedHours(random, s) }))
  const outcomes = requested.map(({ s }) => outcomeFor(ctx, s))
  const span = daysBetween(received, decisionDate)
  const investigated = addDays(received, Math.floor(span / 2))
  const jointReview = housing ? addDays(investigated, Math.floor((span - Math.floor(span / 2)) / 3)) : null
  const adverse = outcomes.some((o) => o !== 'granted')
  // The units' default policy (seeds 000/001): every non-urgent investigation is communicated.
  // The old draw (communicate half of the other grants) still runs, so that the generator's
  // random sequence, and so every other figure of a seed, stays as it was.
  if (!urgent && !housing && !adverse) random.chance(0.5)
  const communicates = !urgent
  const communicated = communicates ? addDays(investigated, Math.floor(((span - Math.floor(span / 2)) * 2) / 3)) : null
  const method = METHODS.draw(random)
  const needs = random.pick(NEEDS)

  const applicationId = random.uuid()
  const number = ++ctx.counters.application
  let status: ApplicationStatus
  let withdrawnDate: string | null = null
  // Only steps on or before the last day that counts happened.
  let horizon: string
  if (withdrawn) {
    withdrawnDate = earliest(lastDay, addDays(received, random.int(1, Math.max(1, span))))
    status = 'withdrawn'
    horizon = withdrawnDate
  } else if (open) {
    horizon = today
    status = communicated !== null && communicated <= today ? 'communicated' : investigated <= today ? 'investigating' : 'received'
  } else {
    horizon = decisionDate
    status = 'decided'
  }
  const hasInvestigation = investigated <= horizon && (status !== 'received')
  const reviewDone = jointReview !== null && jointReview <= horizon && status !== 'received'
  const communicationDone = communicated !== null && communicated <= horizon && status !== 'received' && (status !== 'withdrawn' || random.chance(0.5))
  let version = 1 + (hasInvestigation ? 1 : 0) + (reviewDone ? 1 : 0) + (communicationDone ? 1 : 0)

  const decided = status === 'decided'
  const jointParticipants = reviewDone ? [unitManager(person.unit.code), deputyUnitManager(person.unit.code, 1)] : []
  for (const r of requested) {
    tables.application_services.add({ application_id: applicationId, service_type_code: r.s.code, requested_hours_per_month: r.hours })
  }
  if (communicationDone && communicated !== null) {
    tables.communications.add({
      id: random.uuid(), application_id: applicationId, communicated_date: communicated,
      recipient: random.chance(0.85) ? 'Den enskilde' : 'Ombud', communicated_by: worker, investigation_method: method, needs_description: needs,
      requested_services: JSON.stringify(requested.map((r) => ({ serviceTypeCode: r.s.code, requestedHoursPerMonth: r.hours }))),
      created_at: instantOn(communicated, 11)
    })
  }

  if (decided) {
    requested.forEach((r, i) => {
      const outcome = outcomes[i] as DecisionOutcome
      const grants = outcome !== 'rejected'
      const hours = !grants || r.hours === null ? null : outcome === 'partially_granted' ? partlyGrantedHours(random, r.hours) : r.hours
      const d = decider(ctx, person, state.caseWorker, r.s, matterHours(r.hours, hours))
      const validFrom = grants ? decisionDate : null
      const validTo = validFrom === null ? null : grantEnd(validFrom, r.s.validity.draw(random))
      const decisionId = random.uuid()
      const appeal = grants && outcome === 'granted' ? null : appealOf(ctx, decisionDate)
      tables.decisions.add({
        id: decisionId, application_id: applicationId, person_id: person.id, unit_id: person.unit.id, service_type_code: r.s.code, outcome,
        reason: random.pick(grants ? GRANT_REASONS : REJECT_REASONS),
        legal_basis: r.s.code === 'national_transport' ? 'Lag (1997:735) om riksfärdtjänst' : 'SoL 4 kap. 1 §',
        hours_per_month: hours, decision_date: decisionDate, valid_from: validFrom, valid_to: validTo,
        decided_by: d.by, decided_by_role: d.role, delegation_rule_code: d.rule,
        appeal_received_date: appeal?.received ?? null, appeal_reconsidered_date: appeal?.reconsidered ?? null,
        appeal_reconsideration_outcome: appeal?.reconsideration ?? null, appeal_forwarded_to_court_date: appeal?.forwarded ?? null,
        appeal_court_outcome: appeal?.court ?? null, appeal_court_outcome_date: appeal?.courtDate ?? null,
        version: 1 + (appeal?.steps ?? 0), created_at: instantOn(decisionDate, 14), updated_at: instantOn(appeal?.last ?? decisionDate, 14)
      })
      version++
      if (grants && validFrom !== null) {
        const waitDays = waitFor(ctx, r.s)
        state.grants.push({ decisionId, applicationId, service: r.s, outcome, decisionDate, validFrom, validTo, hours, waitDays, channel, caseWorker: worker })
        if (r.s.code === 'care_home' && !state.careHomeGranted) {
          state.careHomeGranted = true
          state.careHomeFrom = addDays(decisionDate, waitDays)
          // Most people move into a care home in their last years (median stay about two years).
          const death = addDays(state.careHomeFrom, Math.round(random.exponential(CARE_HOME_MEAN_STAY_DAYS)))
          if (person.careEnd === null ? death < today : death < person.careEnd) {
            person.careEnd = death
            person.endReason = 'deceased'
          }
        }
      }
    })
    if (channel === 'hospital_discharge' && state.grants.some((g) => g.applicationId === applicationId)) {
      state.dischargeApplications.push({ applicationId, caseWorker: worker })
    }
  }

  if (channel === 'hospital_discharge') generateDischargeEpisode(ctx, person, applicationId, received, services.map((s) => s.code))

  const lastStep = decided ? decisionDate : withdrawnDate ?? (communicationDone && communicated ? communicated : hasInvestigation ? investigated : received)
  tables.applications.add({
    id: applicationId, case_number: caseNumber('ANS', received, number), unit_id: person.unit.id, person_id: person.id,
    received_date: received, channel, urgent, status, assigned_case_worker: worker,
    investigation_method: hasInvestigation ? method : null, needs_description: hasInvestigation ? needs : null,
    assessment: hasInvestigation ? 'Utredningen visar ett behov av stöd i den dagliga livsföringen.' : null,
    investigation_recorded_at: hasInvestigation ? instantOn(investigated, 15) : null,
    joint_review_date: reviewDone ? jointReview : null, joint_review_participants: jointParticipants,
    joint_review_notes: reviewDone ? 'Ärendet draget vid ärendegenomgång.' : null,
    withdrawn_date: withdrawnDate, withdrawal_reason: withdrawnDate === null ? null : lastDay === withdrawnDate && person.endReason === 'deceased' ? 'Den enskilde har avlidit.' : 'Den enskilde återtog ansökan.',
    decided_at: decided ? instantOn(decisionDate, 14) : null, version,
    created_at: instantOn(received), updated_at: instantOn(latest(received, lastStep), 15)
  })
}

/** Days from the decision to the start; a few percent wait past three months (mostly care homes). */
function waitFor(ctx: CityContext, s: ServiceProfile): number {
  if (s.providerless) return 0
  if (!s.housing && ctx.random.chance(0.012)) return ctx.random.int(93, 200)
  return Math.round(clamp(ctx.random.logNormal(s.waitMedianDays, s.waitSigma), 0, 400))
}

interface Appeal {
  received: string
  reconsidered: string | null
  reconsideration: ReconsiderationOutcome | null
  forwarded: string | null
  court: CourtOutcome | null
  courtDate: string | null
  steps: number
  last: string
}

/** An appeal of an adverse decision: received within three weeks, reconsidered, perhaps tried in court. */
function appealOf(ctx: CityContext, decisionDate: string): Appeal | null {
  const { random, today } = ctx
  if (!random.chance(0.12)) return null
  const received = addDays(decisionDate, random.int(3, 21))
  if (received > today) return null
  const appeal: Appeal = { received, reconsidered: null, reconsideration: null, forwarded: null, court: null, courtDate: null, steps: 1, last: received }
  const reconsidered = addDays(received, random.int(3, 14))
  if (reconsidered > today || !random.chance(0.9)) return appeal
  const reconsideration = APPEAL_RECONSIDERED.draw(random)
  Object.assign(appeal, { reconsidered, reconsideration, steps: 2, last: reconsidered })
  if (reconsideration === 'changed_as_requested') return appeal
  const forwarded = addDays(reconsidered, random.int(1, 7))
  if (forwarded > today) return appeal
  Object.assign(appeal, { forwarded, steps: 3, last: forwarded })
  const courtDate = addDays(forwarded, random.int(60, 220))
  if (courtDate > today || !random.chance(0.85)) return appeal
  Object.assign(appeal, { court: COURT.draw(random), courtDate, steps: 4, last: courtDate })
  return appeal
}
