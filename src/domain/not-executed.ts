/**
 * Not-executed decisions (ej verkställda beslut; SoL (2001:453) 16 kap. 6 f § until
 * 2025-06-30, SoL (2025:400) 34 kap. 1 § from 2025-07-01 — the catalogue
 * `legal_provisions`, purpose `not_executed_reporting`): a favourable decision on bistånd not
 * executed within three months of the day it became executable, whose execution was interrupted
 * for three months, or whose executed hours were cut below the granted for three months, is
 * reported to IVO every quarter until it is resolved — and once more in the quarter it is
 * resolved, with the date.
 *
 * "Within three months" is read as month arithmetic: a decision of 2026-03-31 executed on
 * 2026-06-30 is on time, and on 2026-07-01 it is late. Everything here is derived from the
 * recorded dates; nothing is typed in.
 */
import { addDays, addMonths, daysBetween } from './calendar.js'
import type { EndReason } from './execution.js'
import { executedHoursOn } from './execution.js'
import type { ServiceScope } from './service-scope.js'

export const LIMIT_MONTHS = 3

/**
 * The scope of the duty: favourable decisions on bistånd under the social services act. Not a
 * national-transport permit, not an investigation the unit makes for another body (färdtjänst,
 * dental-care support), not a fee decision. The SQL of `queries/not-executed.ts` says the same
 * with these values.
 */
export const REPORTABLE_SCOPE = { decidedUnder: 'social_services_act', decidedAs: 'assistance' } as const satisfies ServiceScope

export const isReportableScope = (s: ServiceScope): boolean =>
  s.decidedUnder === REPORTABLE_SCOPE.decidedUnder && s.decidedAs === REPORTABLE_SCOPE.decidedAs

/** The last day on which starting (or resuming) is still in time. */
export const lastOnTimeDay = (clockStart: string): string => addMonths(clockStart, LIMIT_MONTHS)

/** The first day the decision counts as not executed. */
export const lateFrom = (clockStart: string): string => addDays(lastOnTimeDay(clockStart), 1)

/**
 * No wait whose clock starts after this day can be late on `date` (lateFrom(c) <= date implies
 * c <= this day): the bound with which a query narrows the decisions and interruptions that
 * can matter, before these rules decide.
 */
export const latestLateClockStart = (date: string): string => addMonths(date, -LIMIT_MONTHS)

export interface Quarter {
  label: string
  start: string
  end: string
}

const QUARTER = /^(\d{4})-Q([1-4])$/

export function parseQuarter(label: string): Quarter | undefined {
  const match = QUARTER.exec(label)
  if (!match) return undefined
  const q = Number(match[2])
  const start = `${match[1]}-${String(q * 3 - 2).padStart(2, '0')}-01`
  return { label, start, end: addDays(addMonths(start, 3), -1) }
}

/**
 * A quarter not yet over on `today` (its last day included) is reported as preliminary: its
 * rows and counts are as recorded so far and will change. Every report of a quarter says so
 * the same way.
 */
export const isPreliminaryQuarter = (quarter: Quarter, today: string): boolean => quarter.end >= today

export function quarterOf(date: string): string {
  const month = Number(date.slice(5, 7))
  return `${date.slice(0, 4)}-Q${Math.ceil(month / 3)}`
}

/** Executed hours per month from a date on. */
export interface HoursLevel {
  effectiveDate: string
  hoursPerMonth: number
}

export interface InterruptionFacts {
  startDate: string
  /** The day it was resumed, or null while it lasts. */
  endDate: string | null
}

/**
 * What the rules here read about one granted decision and its execution: plain dates and
 * numbers, mapped from storage outside the domain (`src/queries/not-executed.ts`).
 */
export interface ExecutionFacts {
  /**
   * The day the clock starts: the decision date, or — for a decision changed in the applicant's
   * favour on reconsideration or by a court — the day of that change (`executable_from`).
   */
  decisionDate: string
  /** Granted hours per month for hours-based services, otherwise null. */
  grantedHours: number | null
  validTo: string | null
  startedDate: string | null
  /** Executed hours levels, oldest first; the first is recorded at the start. */
  hours: readonly HoursLevel[]
  interruptions: readonly InterruptionFacts[]
  endedDate: string | null
  endReason: EndReason | null
}

export type ResolutionKind = 'executed' | 'ended' | 'expired'

export interface Resolution {
  date: string
  kind: ResolutionKind
  endReason: EndReason | null
}

export const EPISODE_KINDS = ['not_executed', 'interrupted', 'reduced'] as const
export type EpisodeKind = (typeof EPISODE_KINDS)[number]

/**
 * A stretch of waiting whose clock starts at the decision date, at an interruption, or on the
 * day the executed hours of a fully executed decision fell below the granted (reduced
 * execution: partly executed from that day until restored or ended).
 */
export interface Episode {
  kind: EpisodeKind
  clockStart: string
  resolution: Resolution | null
}

/**
 * The day the whole granted service was given: the start, or for a monthly time frame the
 * first day the executed hours reached the granted hours. Until then the missing part waits.
 */
export function fullExecutionDate(f: ExecutionFacts): string | null {
  if (f.startedDate === null) return null
  const granted = f.grantedHours
  if (granted === null) return f.startedDate
  return f.hours.find((level) => level.hoursPerMonth >= granted)?.effectiveDate ?? null
}

/** The earliest of the ways an episode ends; on the same day, execution wins. */
function firstResolution(candidates: (Resolution | null)[]): Resolution | null {
  const order: Record<ResolutionKind, number> = { executed: 0, ended: 1, expired: 2 }
  return candidates
    .filter((r): r is Resolution => r !== null)
    .sort((a, b) => a.date.localeCompare(b.date) || order[a.kind] - order[b.kind])[0] ?? null
}

export function episodes(f: ExecutionFacts): Episode[] {
  const ended: Resolution | null = f.endedDate === null ? null : { date: f.endedDate, kind: 'ended', endReason: f.endReason }
  // A time-limited decision that lapses unexecuted is resolved on its last valid day.
  const expired: Resolution | null = f.validTo === null ? null : { date: f.validTo, kind: 'expired', endReason: null }
  const full = fullExecutionDate(f)
  const waiting: Episode = {
    kind: 'not_executed',
    clockStart: f.decisionDate,
    resolution: firstResolution([full === null ? null : { date: full, kind: 'executed', endReason: null }, ended, expired])
  }
  const interruptions = f.interruptions.map((i): Episode => ({
    kind: 'interrupted',
    clockStart: i.startDate,
    resolution: firstResolution([i.endDate === null ? null : { date: i.endDate, kind: 'executed', endReason: null }, ended, expired])
  }))
  const reductions = reducedStretches(f, full).map((r): Episode => ({
    kind: 'reduced',
    clockStart: r.from,
    resolution: firstResolution([r.restored === null ? null : { date: r.restored, kind: 'executed', endReason: null }, ended, expired])
  }))
  return [waiting, ...interruptions, ...reductions]
}

/**
 * After the whole granted service was given (`full`), each stretch in which the executed hours
 * were below the granted: from the day they fell below until the day they reached the granted
 * again (null while still below).
 */
export function reducedStretches(f: ExecutionFacts, full: string | null): { from: string; restored: string | null }[] {
  const granted = f.grantedHours
  if (granted === null || full === null) return []
  const stretches: { from: string; restored: string | null }[] = []
  let open: { from: string; restored: string | null } | null = null
  for (const level of f.hours) {
    if (level.effectiveDate <= full) continue
    if (level.hoursPerMonth < granted && open === null) {
      open = { from: level.effectiveDate, restored: null }
      stretches.push(open)
    } else if (level.hoursPerMonth >= granted && open !== null) {
      open.restored = level.effectiveDate
      open = null
    }
  }
  return stretches
}

/**
 * The day the last of the decision's waits was resolved, or null while one is still open. The
 * resolutions are dated facts, not today: a decision settled on a day can only be reopened by a
 * new fact (an interruption, a cut in the executed hours, a change on appeal), so nothing about
 * it can be late on a later day or in a later quarter. The database keeps an upper bound of this
 * day for every granted decision (`granted_decision_states.waits_settled_on`, migration 0022)
 * so that the queries find the decisions that can matter through an index; these rules decide.
 */
export function waitsSettledOn(f: ExecutionFacts): string | null {
  let last: string | null = null
  for (const { resolution } of episodes(f)) {
    if (resolution === null) return null
    if (last === null || resolution.date > last) last = resolution.date
  }
  return last
}

// ---------------------------------------------------------------------------------------------
// One day: late and not yet resolved. The execution view, the worklist and the computed
// indicator read a decision on a single day through these; the quarterly report below reads a
// quarter of them.

/** Nothing resolved the wait by the end of `date`: resolved on that very day, it is over. */
export const isOpenOn = (episode: Episode, date: string): boolean => episode.resolution === null || episode.resolution.date > date

/** The waits that on `date` are past the limit and still open: why the decision is not executed (ej verkställt) that day. */
export const lateWaitsOn = (facts: ExecutionFacts, date: string): Episode[] =>
  episodes(facts).filter((e) => lateFrom(e.clockStart) <= date && isOpenOn(e, date))

/** Some wait (from the decision date or an interruption) is past the limit on `date` and not yet resolved. */
export const waitsPastLimitOn = (facts: ExecutionFacts, date: string): boolean => lateWaitsOn(facts, date).length > 0

/** When the decision is late on `date`: the first late day of its oldest open late wait, or null when it is not late. */
export function lateSince(facts: ExecutionFacts, date: string): string | null {
  return lateWaitsOn(facts, date).map((e) => lateFrom(e.clockStart)).sort()[0] ?? null
}

export interface DecisionWait {
  /** The last day on which executing is still in time: three months after the decision date. */
  lastOnTimeDay: string
  lateFrom: string
  /** Past the limit on the day asked about. */
  late: boolean
  /** Started with fewer hours than granted: the part still missing on that day. */
  partlyExecuted: PartlyExecuted | null
}

/**
 * The wait from the decision date on `date`, late or not yet, while nothing has executed the
 * whole granted service, ended it or let it lapse by that day; null once it has. Before the
 * limit it is a warning, after it the decision belongs to the IVO report (`quarterEntry`).
 */
export function openDecisionWait(facts: ExecutionFacts, date: string): DecisionWait | null {
  const wait = episodes(facts).find((e) => e.kind === 'not_executed')
  if (wait === undefined || !isOpenOn(wait, date)) return null
  const late = lateFrom(wait.clockStart)
  return { lastOnTimeDay: lastOnTimeDay(wait.clockStart), lateFrom: late, late: late <= date, partlyExecuted: partlyExecutedOn(facts, date) }
}

export type ReportStatus = 'waiting' | 'executed' | 'ended'

export interface QuarterEntry {
  episode: Episode
  status: ReportStatus
  /** The resolution, when it happened by the end of the quarter. */
  resolution: Resolution | null
  lateFrom: string
  /** Days from the clock start to the resolution, or to the quarter's end while waiting. */
  daysWaited: number
  /** The quarter in which the decision first belonged to a report. */
  firstReportedQuarter: string
  /** For a partly executed decision waiting at the quarter's end. */
  partlyExecuted: PartlyExecuted | null
}

/**
 * The episode's line in the quarter's report, or null when it does not belong there: the
 * three months had not passed by the quarter's end, it was resolved in time, or it was
 * resolved before the quarter began.
 */
export function quarterEntry(episode: Episode, facts: ExecutionFacts, quarter: Quarter): QuarterEntry | null {
  const late = lateFrom(episode.clockStart)
  if (late > quarter.end) return null
  const r = episode.resolution
  if (r !== null && (r.date < late || r.date < quarter.start)) return null
  const resolved = r !== null && r.date <= quarter.end ? r : null
  const status: ReportStatus = resolved === null ? 'waiting' : resolved.kind === 'executed' ? 'executed' : 'ended'
  return {
    episode,
    status,
    resolution: resolved,
    lateFrom: late,
    daysWaited: daysBetween(episode.clockStart, resolved?.date ?? quarter.end),
    firstReportedQuarter: quarterOf(late),
    partlyExecuted: status === 'waiting' && episode.kind !== 'interrupted' ? partlyExecutedOn(facts, quarter.end) : null
  }
}

export interface PartlyExecuted {
  grantedHours: number
  executedHours: number
  missingHours: number
}

/** Started on or before `date` with fewer hours than granted: what was executed and what is missing that day. */
export function partlyExecutedOn(f: ExecutionFacts, date: string): PartlyExecuted | null {
  if (f.grantedHours === null || f.startedDate === null || f.startedDate > date) return null
  const executed = executedHoursOn(f.hours, date)
  if (executed === null || executed >= f.grantedHours) return null
  return { grantedHours: f.grantedHours, executedHours: executed, missingHours: Math.round((f.grantedHours - executed) * 100) / 100 }
}

export function quarterEntries(facts: ExecutionFacts, quarter: Quarter): QuarterEntry[] {
  return episodes(facts).map((e) => quarterEntry(e, facts, quarter)).filter((e): e is QuarterEntry => e !== null)
}
