/**
 * The unit's month (`2026-10`) beside the same month a year earlier, and the caseload per
 * case worker. Aggregates only: no person is named or logged.
 */
import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.js'
import { addDays } from '../../domain/calendar.js'
import { coversWholeMonth, parseMonth, sameMonthLastYear, type Month } from '../../domain/monthly-volumes.js'
import type { Sex } from '../../domain/person.js'
import { badRequest, notFound } from '../../http/problem.js'
import type { Caller } from '../../service/caller.js'
import { findReportUnit } from '../units/service.js'
import {
  decisionsByOutcome, expiringDecisionsPerCaseWorker, grantedInForceOn, openApplicationsPerCaseWorker, plannedFollowUpsPerCaseWorker
} from './repository.js'

export interface BySex { total: number; women: number; men: number }
const empty = (): BySex => ({ total: 0, women: 0, men: 0 })
const add = (into: BySex, sex: Sex, n: number) => {
  into.total += n
  if (sex === 'female') into.women += n
  else into.men += n
}
const round2 = (n: number) => Math.round(n * 100) / 100

async function unitOf(db: Kysely<DB>, caller: Caller) {
  const unit = await findReportUnit(db, caller.actor.unitId)
  if (!unit) throw notFound('Unit')
  return unit
}

async function volumesOf(db: Kysely<DB>, unitId: string, m: Month) {
  const [inForce, decisions] = await Promise.all([grantedInForceOn(db, unitId, m.end), decisionsByOutcome(db, unitId, m.start, m.end)])
  const byService = new Map<string, Map<string, Sex>>()
  const granted = empty()
  const placed = new Map<string, Sex>()
  for (const r of inForce) {
    const persons = byService.get(r.serviceTypeCode) ?? new Map<string, Sex>()
    persons.set(r.personId, r.sex)
    byService.set(r.serviceTypeCode, persons)
    if (r.serviceTypeCode === 'home_care') add(granted, r.sex, Number(r.hoursPerMonth ?? 0))
    if (r.serviceTypeCode === 'care_home' && r.startedDate !== null && coversWholeMonth({ from: r.startedDate, to: r.endDate }, m)) placed.set(r.personId, r.sex)
  }
  const counted = (persons: Map<string, Sex>) => {
    const n = empty()
    for (const sex of persons.values()) add(n, sex, 1)
    return n
  }
  const fullMonth = counted(placed)
  const byOutcome = new Map<string, BySex>()
  for (const r of decisions) {
    const row = byOutcome.get(r.outcome) ?? empty()
    add(row, r.sex, r.decisions)
    byOutcome.set(r.outcome, row)
  }
  return {
    month: m.label,
    periodStart: m.start,
    periodEnd: m.end,
    personsByServiceType: [...byService].sort(([a], [b]) => a.localeCompare(b)).map(([serviceTypeCode, persons]) => ({ serviceTypeCode, ...counted(persons) })),
    fullMonthCareHomePlacements: fullMonth,
    grantedHomeCareHours: { total: round2(granted.total), women: round2(granted.women), men: round2(granted.men) },
    decisionsByOutcome: [...byOutcome].sort(([a], [b]) => a.localeCompare(b)).map(([outcome, n]) => ({ outcome, ...n }))
  }
}

export type Volumes = Awaited<ReturnType<typeof volumesOf>>

export async function monthlyVolumes(db: Kysely<DB>, caller: Caller, monthLabel: string) {
  const month = parseMonth(monthLabel)
  if (!month) throw badRequest('/month', 'Expected a month like 2026-10 (years 2001–2100).', 'querystring')
  if (month.year === 2000) throw badRequest('/month', 'The comparison month a year earlier must be 2000 or later.', 'querystring')
  const unit = await unitOf(db, caller)
  const [current, lastYear] = await Promise.all([volumesOf(db, unit.id, month), volumesOf(db, unit.id, sameMonthLastYear(month))])
  return { unit, month: month.label, current, sameMonthLastYear: lastYear }
}

export interface CaseloadRow {
  caseWorker: string | null
  openApplications: number
  timeLimitedDecisionsEnding: number
  plannedFollowUps: number
  overdueFollowUps: number
}

export async function caseload(db: Kysely<DB>, caller: Caller, asOf: string, withinDays: number) {
  const unit = await unitOf(db, caller)
  const [open, expiring, followUps] = await Promise.all([
    openApplicationsPerCaseWorker(db, unit.id),
    expiringDecisionsPerCaseWorker(db, unit.id, asOf, addDays(asOf, withinDays)),
    plannedFollowUpsPerCaseWorker(db, unit.id, asOf)
  ])
  const rows = new Map<string | null, CaseloadRow>()
  const row = (caseWorker: string | null) => {
    let r = rows.get(caseWorker)
    if (!r) rows.set(caseWorker, r = { caseWorker, openApplications: 0, timeLimitedDecisionsEnding: 0, plannedFollowUps: 0, overdueFollowUps: 0 })
    return r
  }
  for (const r of open) row(r.caseWorker).openApplications = r.n
  for (const r of expiring) row(r.caseWorker).timeLimitedDecisionsEnding = r.n
  for (const r of followUps) Object.assign(row(r.caseWorker), { plannedFollowUps: r.planned, overdueFollowUps: r.overdue })
  // Named case workers alphabetically, the unassigned last.
  const items = [...rows.values()].sort((a, b) => (a.caseWorker === null ? 1 : b.caseWorker === null ? -1 : a.caseWorker.localeCompare(b.caseWorker)))
  const totals = items.reduce((t, r) => ({
    openApplications: t.openApplications + r.openApplications, timeLimitedDecisionsEnding: t.timeLimitedDecisionsEnding + r.timeLimitedDecisionsEnding,
    plannedFollowUps: t.plannedFollowUps + r.plannedFollowUps, overdueFollowUps: t.overdueFollowUps + r.overdueFollowUps
  }), { openApplications: 0, timeLimitedDecisionsEnding: 0, plannedFollowUps: 0, overdueFollowUps: 0 })
  return { unit, asOf, withinDays, items, totals }
}
