import { deriveStatus, targetOf } from '../../domain/indicators/targets.js'
import type { Formula } from '../../formulas/formula.js'
import { findFormula } from '../../formulas/registry.js'
import type { IndicatorRow, TargetRow, ValueRow } from './repository.js'

export const toFormulaInfo = (f: Formula) =>
  ({ code: f.code, version: f.version, title: f.title, description: f.description, unit: f.unit, direction: f.direction, params: f.params.map((p) => ({ ...p })) })

export function toIndicator(i: IndicatorRow) {
  const formula = i.formula_code === null ? undefined : findFormula(i.formula_code)
  return {
    id: i.id, unitId: i.unit_id, code: i.code, name: i.name, description: i.description, unit: i.measure_unit, direction: i.direction,
    periodicity: i.periodicity, source: i.source, level: i.level,
    formula: i.formula_code === null ? null : { code: i.formula_code, version: formula?.version ?? 0, params: i.formula_params },
    koladaKpi: i.kolada_kpi, yellowMargin: i.yellow_margin, version: i.version, createdAt: i.created_at, updatedAt: i.updated_at
  }
}

export const annualTargetOf = (t: TargetRow | undefined) => (t ? targetOf(t.target_value, t.target_comparator, t.target_text) : null)
export const kfAnnualTargetOf = (t: TargetRow | undefined) => (t ? targetOf(t.kf_target_value, t.kf_target_comparator, t.kf_target_text) : null)

export function toTargets(t: TargetRow) {
  return {
    indicatorId: t.indicator_id, unitId: t.unit_id, year: t.year, goalId: t.goal_id, position: t.position,
    annualTarget: annualTargetOf(t), kfAnnualTarget: kfAnnualTargetOf(t), version: t.version, updatedAt: t.updated_at
  }
}

/** The derived status uses the year's annual target as it is now; an override wins. */
export function statusOf(v: ValueRow, indicator: IndicatorRow, targets: TargetRow | undefined) {
  const derived = deriveStatus(v.total, annualTargetOf(targets), indicator.direction, indicator.yellow_margin)
  return { derived, status: v.status_override ?? derived }
}

export function toValue(v: ValueRow, indicator: IndicatorRow, targets: TargetRow | undefined) {
  const { derived, status } = statusOf(v, indicator, targets)
  const hasBasis = v.total_basis !== null || v.women_basis !== null || v.men_basis !== null
  return {
    id: v.id, indicatorId: v.indicator_id, unitId: v.unit_id, year: v.year, period: v.period,
    total: v.total, women: v.women, men: v.men,
    basis: hasBasis ? { total: v.total_basis, women: v.women_basis, men: v.men_basis } : null,
    missingReason: v.missing_reason, analysis: v.analysis,
    status, derivedStatus: derived,
    statusOverride: v.status_override === null ? null : { status: v.status_override, reason: v.status_override_reason ?? '' },
    source: v.source,
    formula: v.formula_code === null || v.formula_version === null || v.computed_at === null ? null : { code: v.formula_code, version: v.formula_version, computedAt: v.computed_at },
    recordedBy: v.recorded_by, recordedAt: v.recorded_at, current: v.current
  }
}
