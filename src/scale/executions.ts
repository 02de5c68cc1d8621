/**
 * The execution of each granted decision, derived once the person's whole history is known:
 * ordered from a provider offering the service, started after the wait drawn at the decision,
 * perhaps partly executed or interrupted, and ended by the next decision for the same service,
 * the end of a time-limited grant, the move to a care home, a refusal, death or a move. Every
 * date lies between the decision date and today, in the order the API's actions allow.
 */
import { addDays, daysBetween } from './days.js'
import { addMonths as addMonthsTo } from '../domain/calendar.js'
import { lastOnTimeDay } from '../domain/not-executed.js'
import type { EndReason } from '../domain/execution.js'
import type { Grant } from './applications.js'
import { endsInCareHome } from './services.js'
import { instantOn, type CityContext } from './context.js'
import type { Person } from './persons.js'
import { Weighted, clamp } from './random.js'
import { dayBetween, earliest, latest, startAfterWait } from './timeline.js'

/** What the follow-ups need to know about an execution. */
export interface ExecutionSummary {
  grant: Grant
  startedDate: string | null
  endedDate: string | null
  endReason: EndReason | null
  /** The application of the decision that replaced this one, if one did. */
  replacedByApplication: string | null
}

interface EndCandidate { date: string; reason: EndReason; replacedBy: string | null }

const INTERRUPTION_REASONS = new Weighted([['hospital_stay', 70], ['person_request', 20], ['provider_capacity', 5], ['other', 5]] as const)
const OFFER_TEXT = ['Erbjuden plats på vård- och omsorgsboende.', 'Erbjuden utförare med start inom två veckor.']

/** The end of a grant: the earliest of the candidates that happened by today, never before the decision. */
export function endOf(candidates: readonly EndCandidate[], decisionDate: string, today: string): EndCandidate | null {
  let best: EndCandidate | null = null
  for (const c of candidates) {
    const date = latest(c.date, decisionDate)
    if (date > today) continue
    if (best === null || date < best.date) best = { ...c, date }
  }
  return best
}

export function generateExecutions(ctx: CityContext, person: Person, grants: readonly Grant[], careHomeFrom: string | null): ExecutionSummary[] {
  const byService = new Map<string, Grant[]>()
  for (const g of grants) {
    const list = byService.get(g.service.code)
    if (list) list.push(g)
    else byService.set(g.service.code, [g])
  }
  const summaries: ExecutionSummary[] = []
  for (const list of byService.values()) {
    list.sort((a, b) => a.decisionDate.localeCompare(b.decisionDate))
    list.forEach((g, i) => {
      const next = list[i + 1]
      const candidates: EndCandidate[] = []
      if (next) candidates.push({ date: next.validFrom, reason: 'replaced_by_new_decision', replacedBy: next.applicationId })
      if (g.validTo !== null) candidates.push({ date: g.validTo, reason: 'no_longer_needed', replacedBy: null })
      if (careHomeFrom !== null && endsInCareHome(g.service)) candidates.push({ date: careHomeFrom, reason: 'no_longer_needed', replacedBy: null })
      if (person.careEnd !== null && person.endReason !== null) candidates.push({ date: person.careEnd, reason: person.endReason, replacedBy: null })
      if (!g.service.providerless && ctx.random.chance(0.015)) {
        candidates.push({ date: addDays(g.decisionDate, ctx.random.int(2, 40)), reason: 'declined_by_person', replacedBy: null })
      }
      summaries.push(executionOf(ctx, person, g, endOf(candidates, g.decisionDate, ctx.today)))
    })
  }
  return summaries
}

function executionOf(ctx: CityContext, person: Person, g: Grant, end: EndCandidate | null): ExecutionSummary {
  const { random, today, tables } = ctx
  const d = g.decisionDate
  const horizon = end?.date ?? today
  const summary: ExecutionSummary = { grant: g, startedDate: null, endedDate: end?.date ?? null, endReason: end?.reason ?? null, replacedByApplication: end?.replacedBy ?? null }
  // A decision of the last few days may not be ordered yet: no execution row at all.
  if (end === null && !g.service.providerless && daysBetween(d, today) < 5 && random.chance(0.4)) {
    return summary
  }
  let version = 1
  let providerId: string | null = null
  let ordered: string | null = null
  let planDue: string | null = null
  let planReceived: string | null = null
  let started: string | null = null
  if (g.service.providerless) {
    started = g.validFrom <= horizon ? g.validFrom : null
  } else {
    const candidate = addDays(d, random.int(0, 3))
    const providers = ctx.providersByService.get(g.service.code) ?? []
    if (candidate <= horizon && providers.length > 0) {
      ordered = candidate
      providerId = random.pick(providers)
      planDue = addDays(ordered, 15)
      version++
      const received = addDays(ordered, Math.round(clamp(random.logNormal(11, 0.5), 1, 60)))
      if (random.chance(0.93) && received <= horizon) {
        planReceived = received
        version++
      }
    }
    const start = startAfterWait(d, ordered, g.waitDays)
    if (start <= horizon && (ordered !== null || providers.length === 0)) started = start
  }
  if (started !== null) version++
  summary.startedDate = started
  if (end !== null) version++

  const late = started === null ? horizon > lastOnTimeDay(d) : started > lastOnTimeDay(d)
  const delay = late && !g.service.providerless
  const stamp = instantOn(d, 15)
  const updated = instantOn(latest(d, started ?? end?.date ?? ordered ?? d), 15)

  // Executed hours: the first level at the start; a few start below the grant and reach it later.
  if (started !== null && g.hours !== null) {
    const partial = random.chance(0.05) && g.hours >= 2
    const first = partial ? Math.max(1, Math.round(g.hours * 0.6)) : g.hours
    tables.execution_hours.add({ decision_id: g.decisionId, effective_date: started, hours_per_month: first, created_at: instantOn(started, 10) })
    let last = started
    if (partial) {
      const full = addDays(started, Math.round(clamp(random.logNormal(45, 0.6), 7, 300)))
      if (full <= horizon) {
        tables.execution_hours.add({ decision_id: g.decisionId, effective_date: full, hours_per_month: g.hours, created_at: instantOn(full, 10) })
        version++
        last = full
      }
    }
    if (daysBetween(last, horizon) > 120 && random.chance(0.15)) {
      const change = dayBetween(random, addDays(last, 30), horizon)
      if (change > last) {
        tables.execution_hours.add({ decision_id: g.decisionId, effective_date: change, hours_per_month: Math.max(1, Math.round(g.hours * 0.85 * 2) / 2), created_at: instantOn(change, 10) })
        version++
      }
    }
  }

  // Interruptions, mostly hospital stays; a few last past three months. At most one stays open, and only while the service runs.
  if (started !== null) {
    let from = addDays(started, 7)
    while (from < horizon) {
      const gap = Math.round(random.exponential(900))
      const begin = addDays(from, gap)
      if (begin >= horizon) break
      const long = random.chance(0.02)
      const length = long ? random.int(93, 200) : Math.round(clamp(random.logNormal(12, 0.8), 1, 80))
      const resumed = addDays(begin, length)
      const open = resumed > horizon
      if (open && end === null) {
        tables.execution_interruptions.add({ id: random.uuid(), decision_id: g.decisionId, start_date: begin, end_date: null, reason: INTERRUPTION_REASONS.draw(random), note: null, created_at: instantOn(begin, 12) })
        version++
        break
      }
      tables.execution_interruptions.add({ id: random.uuid(), decision_id: g.decisionId, start_date: begin, end_date: earliest(resumed, horizon), reason: INTERRUPTION_REASONS.draw(random), note: null, created_at: instantOn(begin, 12) })
      version += 2
      from = addDays(earliest(resumed, horizon), 14)
    }
  }

  // Offers while a housing place is awaited: an accepted one shortly before the start, sometimes a declined one before it.
  if (g.service.housing && g.waitDays > 30) {
    const until = started ?? horizon
    if (random.chance(0.25)) {
      const declined = dayBetween(random, d, until)
      tables.execution_offers.add({ id: random.uuid(), decision_id: g.decisionId, offered_date: declined, description: random.pick(OFFER_TEXT), provider_id: providerId, response: 'declined', response_date: earliest(addDays(declined, 2), until), created_at: instantOn(declined, 11) })
      version++
    }
    if (started !== null) {
      const offered = latest(d, addDays(started, -random.int(3, 14)))
      tables.execution_offers.add({ id: random.uuid(), decision_id: g.decisionId, offered_date: offered, description: random.pick(OFFER_TEXT), provider_id: providerId, response: 'accepted', response_date: earliest(addDays(offered, 2), started), created_at: instantOn(offered, 11) })
      version++
    }
  }

  tables.executions.add({
    decision_id: g.decisionId, provider_id: providerId, ordered_date: ordered, ordered_hours_per_month: ordered !== null ? g.hours : null,
    implementation_plan_due_date: planDue, implementation_plan_received_date: planReceived,
    started_date: started, ended_date: end?.date ?? null, end_reason: end?.reason ?? null,
    delay_reason: delay ? (g.service.housing ? 'Brist på lediga platser.' : 'Utföraren saknade kapacitet.') : null,
    delay_consequences: delay ? 'Den enskilde har fått vänta på insatsen.' : null,
    interim_services: delay ? (g.service.housing ? 'Utökad hemtjänst och korttidsvård i väntan på plats.' : 'Anhöriga ger stöd i väntan på start.') : null,
    version, created_at: stamp, updated_at: updated
  })
  if (providerId !== null && ordered !== null) orderOf(ctx, person, g, providerId, ordered, started, end?.date ?? null)
  return summary
}

/** How many whole months of delivered time the generator reports back from today (bounded volume). */
const DELIVERED_MONTHS = 12

/**
 * The order document of an ordered execution, accepted within two days, and for home care the
 * hours delivered each whole month it ran (most near the ordered, some well below), for the
 * last DELIVERED_MONTHS months.
 */
function orderOf(ctx: CityContext, person: Person, g: Grant, providerId: string, ordered: string, started: string | null, ended: string | null) {
  const { random, today, tables } = ctx
  const id = random.uuid()
  const answered = earliest(addDays(ordered, random.int(0, 2)), today)
  tables.orders.add({
    id, decision_id: g.decisionId, person_id: person.id, unit_id: person.unit.id, provider_id: providerId, service_type_code: g.service.code,
    ordered_date: ordered, hours_per_month: g.hours, state: 'accepted', answered_date: answered, created_at: instantOn(ordered, 14), updated_at: instantOn(answered, 9)
  })
  if (started === null || g.hours === null) return
  const short = random.chance(0.08)
  const thisMonth = `${today.slice(0, 7)}-01`
  for (let back = DELIVERED_MONTHS; back >= 1; back--) {
    const month = addMonthsTo(thisMonth, -back)
    if (month < `${started.slice(0, 7)}-01` || (ended !== null && month > ended)) continue
    const factor = short ? clamp(0.7 + random.normal() * 0.1, 0.2, 1) : clamp(0.97 + random.normal() * 0.05, 0.6, 1.2)
    const hours = Math.round(g.hours * factor * 4) / 4
    const reported = instantOn(addDays(addMonthsTo(month, 1), random.int(0, 6)), 10)
    tables.delivered_time.add({ order_id: id, unit_id: person.unit.id, ordered_hours: g.hours, month, hours, reported_by: `utforare.${providerId.slice(0, 8)}`, created_at: reported, updated_at: reported })
  }
}
