/**
 * The annual report's indicator table and the Kolada-shaped export of a unit's values: both
 * aggregates, so a statistics reader may ask for any unit and other roles for their own.
 */
import type { Kysely } from 'kysely'
import type { DB, ReportingPeriodCode } from '../../db/schema.js'
import { buildIndicatorTable, tableColumns, type TableEntry } from '../../domain/indicators/indicator-table.js'
import { deriveStatus, targetOf } from '../../domain/indicators/targets.js'
import { notFound } from '../../http/problem.js'
import type { Caller } from '../../service/caller.js'
import { findReportUnit } from '../units/service.js'
import { goalsOf, tableEntriesOf, valuesForExport } from './repository.js'

/** The caller's unit, or another one for a statistics reader; otherwise 404 as for any unit not visible. */
async function reportUnit(db: Kysely<DB>, caller: Caller, unitId: string | undefined) {
  const { actor } = caller
  const id = unitId ?? actor.unitId
  if (id !== actor.unitId && !actor.roles.includes('statistics_reader')) throw notFound('Unit')
  const unit = await findReportUnit(db, id)
  if (!unit) throw notFound('Unit')
  return unit
}

/** The unit's indicators for a year and period, in the goal hierarchy, with the column headings of the period. */
export async function indicatorTable(db: Kysely<DB>, caller: Caller, q: { unitId?: string | undefined; year: number; period: ReportingPeriodCode }) {
  const { year, period } = q
  const unit = await reportUnit(db, caller, q.unitId)
  const [goals, { targets, values, previous }] = await Promise.all([goalsOf(db, unit.id, year), tableEntriesOf(db, unit.id, year, period)])
  const valueOf = new Map(values.map((v) => [v.indicator_id, v]))
  const previousOf = new Map(previous.map((v) => [v.indicator_id, v.total]))
  const entries: TableEntry[] = targets.map((t) => {
    const v = valueOf.get(t.id)
    const annualTarget = targetOf(t.target_value, t.target_comparator, t.target_text)
    return {
      indicator: { id: t.id, code: t.code, name: t.name, unit: t.measure_unit, direction: t.direction, periodicity: t.periodicity },
      goalId: t.goal_id,
      position: t.position,
      annualTarget,
      kfAnnualTarget: targetOf(t.kf_target_value, t.kf_target_comparator, t.kf_target_text),
      value: v ? {
        total: v.total, women: v.women, men: v.men, missingReason: v.missing_reason, analysis: v.analysis,
        status: v.status_override ?? deriveStatus(v.total, annualTarget, t.direction, t.yellow_margin)
      } : null,
      previousTotal: previousOf.get(t.id) ?? null
    }
  })
  const table = buildIndicatorTable(
    goals.map((g) => ({ id: g.id, parentId: g.parent_id, position: g.position, number: g.number, level: g.level, title: g.title })),
    entries, year, period
  )
  return { unit, year, period, columns: tableColumns(year, period), table }
}

/** Current values of a year (or one period), one item per KPI, unit, period and gender (T total, K women, M men). */
export async function koladaExport(db: Kysely<DB>, caller: Caller, q: { unitId?: string | undefined; year: number; period?: ReportingPeriodCode | undefined }) {
  const unit = await reportUnit(db, caller, q.unitId)
  const rows = await valuesForExport(db, unit.id, q.year, q.period)
  const items = rows.flatMap((r) => {
    const base = { kpi: r.kolada_kpi ?? r.code, ou: unit.code, period: r.period === 'year' ? String(r.year) : `${r.year}${r.period}` }
    return ([['T', r.total], ['K', r.women], ['M', r.men]] as const)
      .filter((pair): pair is readonly ['T' | 'K' | 'M', number] => pair[1] !== null)
      .map(([gender, value]) => ({ ...base, gender, value }))
  })
  return { unit, items }
}
