/**
 * The reports the law and the city require, computed from recorded events: the quarter's
 * not-executed decisions for IVO (individual rows, each logged; only with the `ivo_reporting`
 * permission), the same quarter's anonymous statistics for the council and the auditors, and
 * the year's decisions per month.
 */
import type { Kysely } from 'kysely'
import { seesProtectedIdentities } from '../../auth/access.js'
import type { DB } from '../../db/schema.js'
import { todayInStockholm } from '../../domain/calendar.js'
import { provisionsDuring } from '../../domain/legal-provisions.js'
import { isPreliminaryQuarter, type Quarter } from '../../domain/not-executed.js'
import { forbidden, notFound } from '../../http/problem.js'
import { loadNotExecutedCandidates } from '../../queries/not-executed.js'
import type { Caller } from '../../service/caller.js'
import { loadLegalCatalogue } from '../legal-provisions/service.js'
import { findReportUnit } from '../units/service.js'
import { countDecisionsPerMonth } from './decisions-per-month-repository.js'
import { notExecutedRows, notExecutedStatistics, notExecutedSummary } from './not-executed-report.js'

async function reportUnit(db: Kysely<DB>, unitId: string) {
  const unit = await findReportUnit(db, unitId)
  if (!unit) throw notFound('Unit')
  return unit
}

/** What every report of a quarter says about it: its period, whether it is over, and the provision it answers. */
async function quarterHeader(db: Kysely<DB>, quarter: Quarter) {
  const catalogue = await loadLegalCatalogue(db)
  return {
    quarter: quarter.label, periodStart: quarter.start, periodEnd: quarter.end,
    preliminary: isPreliminaryQuarter(quarter, todayInStockholm()),
    legalBasis: provisionsDuring(catalogue, 'not_executed_reporting', quarter.start, quarter.end).map((p) => p.citation)
  }
}

async function quarterRows(db: Kysely<DB>, unitId: string, quarter: Quarter) {
  return notExecutedRows(await loadNotExecutedCandidates(db, unitId, quarter), quarter)
}

export async function notExecutedReport(db: Kysely<DB>, caller: Caller, quarter: Quarter) {
  if (!caller.actor.permissions.includes('ivo_reporting')) {
    throw forbidden('The individual report to IVO identifies each person: it needs the ivo_reporting permission. The anonymous statistics are at /v1/reports/not-executed-statistics.')
  }
  const unit = await reportUnit(db, caller.actor.unitId)
  const all = await quarterRows(db, unit.id, quarter)
  // Persons with protected identity are counted for the council but listed only for those permitted to see them.
  const seesProtected = seesProtectedIdentities(caller.actor)
  const shown = all.filter((row) => seesProtected || !row.protectedIdentity)
  await caller.audit(shown.map((row) => ({ action: 'read' as const, resourceType: 'not_executed_report', resourceId: row.decisionId, personId: row.personId })))
  return {
    unit, ...await quarterHeader(db, quarter),
    items: shown.map(({ personId: _personId, protectedIdentity: _protected, ...row }) => row),
    summary: { ...notExecutedSummary(all), withheld: all.length - shown.length }
  }
}

/** The anonymous quarterly statistics for the council and the auditors: aggregates only, so no access-log entry. */
export async function notExecutedStatisticsReport(db: Kysely<DB>, caller: Caller, quarter: Quarter) {
  const unit = await reportUnit(db, caller.actor.unitId)
  const rows = await quarterRows(db, unit.id, quarter)
  return { unit, ...await quarterHeader(db, quarter), recipients: ['council' as const, 'auditors' as const], statistics: notExecutedStatistics(rows) }
}
export async function decisionsPerMonthReport(db: Kysely<DB>, caller: Caller, year: number) {
  const unit = await reportUnit(db, caller.actor.unitId)
  const counts = await countDecisionsPerMonth(db, unit.id, year)
  const rows = new Map<string, { serviceTypeCode: string; outcome: typeof counts[number]['outcome']; sex: typeof counts[number]['sex']; months: number[]; total: number }>()
  const monthTotals = Array<number>(12).fill(0)
  for (const c of counts) {
    const key = `${c.service_type_code}|${c.outcome}|${c.sex}`
    const row = rows.get(key) ?? { serviceTypeCode: c.service_type_code, outcome: c.outcome, sex: c.sex, months: Array<number>(12).fill(0), total: 0 }
    row.months[c.month - 1] = c.count
    row.total += c.count
    monthTotals[c.month - 1] = (monthTotals[c.month - 1] ?? 0) + c.count
    rows.set(key, row)
  }
  const items = [...rows.values()].sort((a, b) =>
    a.serviceTypeCode.localeCompare(b.serviceTypeCode) || a.outcome.localeCompare(b.outcome) || a.sex.localeCompare(b.sex))
  return { unit, year, items, monthTotals, total: monthTotals.reduce((sum, n) => sum + n, 0) }
}
