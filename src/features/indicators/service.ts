/**
 * Indicators: definitions, each unit's goal and annual targets per year, and the unit's values
 * per period, recorded by hand or computed by the indicator's formula. KF indicators are the
 * city's reference data; a council's own are kept by that unit. Everything is scoped to the
 * caller's unit. The demo seed loads indicators, targets and values through the repository
 * functions re-exported here.
 */
import type { Kysely } from 'kysely'
import type { Static } from 'typebox'
import type { Actor } from '../../auth/actor.js'
import type { DB } from '../../db/schema.js'
import type { ChangeEventDraft } from '../../domain/change-events.js'
import { isReportedIn, reportingPeriod, type Period } from '../../domain/indicators/period.js'
import { hasCapability } from '../../domain/roles.js'
import { FORMULAS, findFormula, formulaParamErrors } from '../../formulas/registry.js'
import { toPage } from '../../http/pagination.js'
import { badRequest, conflict, forbidden, notFound, ProblemError, stale } from '../../http/problem.js'
import type { Caller } from '../../service/caller.js'
import { assertExpectedVersion } from '../../service/step.js'
import { write } from '../../service/transaction.js'
import { findGoal } from '../goals/service.js'
import { knownServiceTypeCodes } from '../service-types/service.js'
import {
  findIndicator, findTargets, findValue, insertIndicator, listIndicators, listTargets, listValues, recordValue, updateIndicator, upsertTargets,
  type IndicatorFilter, type IndicatorRow, type ValueFilter
} from './repository.js'
import type { ComputeBody, IndicatorCreate, IndicatorUpdate, TargetsBody, ValueBody } from './schemas.js'

export { findIndicatorByCode, insertIndicator, recordValue, upsertTargets } from './repository.js'

/** KF indicators are shared reference data: only administrators change them. */
function assertMayChange(actor: Actor, level: IndicatorRow['level']) {
  if (level === 'kf' && !hasCapability(actor.roles, 'manage_reference_data')) {
    throw forbidden('KF indicators are the city\'s reference data: only administrators add or change them.')
  }
}

function checkPeriod(indicator: IndicatorRow, year: number, period: Period) {
  const range = reportingPeriod(year, period)
  if (!range) throw badRequest('/period', `Not a reporting period: ${period} ${year}.`)
  if (!isReportedIn(indicator.periodicity, period)) {
    throw badRequest('/period', `'${indicator.name}' is reported yearly: only the period 'year' has values.`)
  }
  return range
}

async function indicatorOrNotFound(db: Kysely<DB>, caller: Caller, id: string, options: { forUpdate?: boolean } = {}) {
  const indicator = await findIndicator(db, caller.actor.unitId, id, options)
  if (!indicator) throw notFound('Indicator')
  return indicator
}

/** The catalogue of formulas a computed indicator can name. */
export const formulaCatalogue = () => FORMULAS

/** Defines an indicator: a KF one (administrators only) or one of the caller's unit; a computed one names a known formula. */
export function addIndicator(db: Kysely<DB>, caller: Caller, b: Static<typeof IndicatorCreate>) {
  assertMayChange(caller.actor, b.level)
  return write(db, caller, async ({ trx }) => {
    const formulaCode = b.formulaCode ?? null
    const params = b.formulaParams ?? {}
    if (b.source === 'computed') {
      if (formulaCode === null) throw badRequest('/formulaCode', 'A computed indicator names its formula.')
      const formula = findFormula(formulaCode)
      if (!formula) throw badRequest('/formulaCode', `Unknown formula '${formulaCode}'; see GET /v1/indicator-formulas.`)
      if (formula.unit !== b.unit) throw badRequest('/unit', `Formula '${formula.code}' measures ${formula.unit}.`)
      const errors = formulaParamErrors(formula, params, await knownServiceTypeCodes(trx))
      if (errors.length > 0) throw new ProblemError(400, 'The formula parameters are invalid.', { errors: errors.map((e) => ({ in: 'body', ...e })) })
    } else if (formulaCode !== null || Object.keys(params).length > 0) {
      throw badRequest('/formulaCode', 'Only a computed indicator has a formula.')
    }
    return insertIndicator(trx, {
      unit_id: b.level === 'kf' ? null : caller.actor.unitId,
      code: b.code, name: b.name, description: b.description ?? null, measure_unit: b.unit, direction: b.direction,
      periodicity: b.periodicity, source: b.source, level: b.level, formula_code: formulaCode, formula_params: JSON.stringify(params),
      kolada_kpi: b.koladaKpi ?? null, yellow_margin: b.yellowMargin ?? null
    })
  })
}

/** A page of KF indicators and the caller's unit's own, by code. */
export async function indicatorPage(db: Kysely<DB>, caller: Caller, filter: IndicatorFilter, after: [string, string] | undefined, limit: number) {
  const rows = await listIndicators(db, caller.actor.unitId, filter, after, limit)
  return toPage(rows, limit, (i) => [i.code, i.id])
}

export function readIndicator(db: Kysely<DB>, caller: Caller, id: string) {
  return indicatorOrNotFound(db, caller, id)
}

/** Changes the name, description, direction, Kolada KPI or yellow margin (If-Match against the indicator's version). */
export function changeIndicator(db: Kysely<DB>, caller: Caller, id: string, b: Static<typeof IndicatorUpdate>) {
  return write(db, caller, async ({ trx }) => {
    const indicator = await indicatorOrNotFound(trx, caller, id, { forUpdate: true })
    assertMayChange(caller.actor, indicator.level)
    assertExpectedVersion(caller, indicator.version)
    const updated = await updateIndicator(trx, indicator.id, indicator.version, {
      ...(b.name !== undefined ? { name: b.name } : {}),
      ...(b.description !== undefined ? { description: b.description } : {}),
      ...(b.direction !== undefined ? { direction: b.direction } : {}),
      ...(b.koladaKpi !== undefined ? { kolada_kpi: b.koladaKpi } : {}),
      ...(b.yellowMargin !== undefined ? { yellow_margin: b.yellowMargin } : {})
    })
    if (!updated) throw stale()
    return updated
  })
}

/** The caller's unit's goal and targets for the indicator, per year. */
export async function readTargets(db: Kysely<DB>, caller: Caller, id: string) {
  const indicator = await indicatorOrNotFound(db, caller, id)
  return listTargets(db, indicator.id, caller.actor.unitId)
}

/**
 * Puts the indicator in the caller's unit's table for the year under a goal of that plan
 * year, with its annual targets. If-Match names the targets' version (0 before the first).
 */
export function setTargets(db: Kysely<DB>, caller: Caller, id: string, year: number, b: Static<typeof TargetsBody>) {
  const { unitId } = caller.actor
  return write(db, caller, async ({ trx }) => {
    const indicator = await indicatorOrNotFound(trx, caller, id, { forUpdate: true })
    const goal = await findGoal(trx, unitId, b.goalId)
    if (!goal) throw badRequest('/goalId', 'The goal was not found in your unit.')
    if (goal.plan_year !== year) throw badRequest('/goalId', `The goal belongs to plan year ${goal.plan_year}, not ${year}.`)
    for (const [field, target] of [['annualTarget', b.annualTarget], ['kfAnnualTarget', b.kfAnnualTarget]] as const) {
      if (target === null) continue
      if (target.value === null && target.text === null) throw badRequest(`/${field}`, 'A target needs a value or a text (or send null).')
      if (target.comparator !== null && target.value === null) throw badRequest(`/${field}/comparator`, 'A comparator needs a value.')
    }
    const current = await findTargets(trx, indicator.id, unitId, year)
    assertExpectedVersion(caller, current?.version ?? 0)
    return upsertTargets(trx, {
      indicator_id: indicator.id, unit_id: unitId, year, goal_id: goal.id, position: b.position ?? 0,
      target_value: b.annualTarget?.value ?? null, target_comparator: b.annualTarget?.comparator ?? null, target_text: b.annualTarget?.text ?? null,
      kf_target_value: b.kfAnnualTarget?.value ?? null, kf_target_comparator: b.kfAnnualTarget?.comparator ?? null, kf_target_text: b.kfAnnualTarget?.text ?? null
    })
  })
}

/** A value's change event: aggregates, never about a person. */
const valueEvent = (type: 'indicator_value.recorded' | 'indicator_value.computed', value: { id: string; year: number; period: string }, indicatorId: string): ChangeEventDraft => ({
  type, subjectId: value.id, personId: null, changes: { related: { indicatorId, year: String(value.year), period: value.period } }
})

/** Records the caller's unit's value for a period; the earlier one stays as history. Answers the value with what presents it. */
export function recordIndicatorValue(db: Kysely<DB>, caller: Caller, id: string, b: Static<typeof ValueBody>) {
  const { unitId, subject } = caller.actor
  return write(db, caller, async ({ trx, emit }) => {
    // The indicator's row lock keeps two recordings from racing for "current".
    const indicator = await indicatorOrNotFound(trx, caller, id, { forUpdate: true })
    checkPeriod(indicator, b.year, b.period)
    const figures = [b.total, b.women, b.men].filter((v) => v !== undefined && v !== null)
    if (figures.length === 0 && !b.missingReason) throw badRequest('/total', 'Give a total, women or men figure, or a missingReason.')
    const value = await recordValue(trx, {
      indicator_id: indicator.id, unit_id: unitId, year: b.year, period: b.period,
      total: b.total ?? null, women: b.women ?? null, men: b.men ?? null,
      total_basis: b.totalBasis ?? null, women_basis: b.womenBasis ?? null, men_basis: b.menBasis ?? null,
      missing_reason: b.missingReason ?? null, analysis: b.analysis ?? null,
      status_override: b.statusOverride?.status ?? null, status_override_reason: b.statusOverride?.reason ?? null,
      source: 'manual', recorded_by: subject
    })
    emit(valueEvent('indicator_value.recorded', value, indicator.id))
    return { value, indicator, targets: await findTargets(trx, indicator.id, unitId, b.year) }
  })
}

/** Runs a computed indicator's formula over the caller's unit's data for the period and stores the result as the current value. */
export function computeIndicatorValue(db: Kysely<DB>, caller: Caller, id: string, b: Static<typeof ComputeBody>) {
  const { unitId, subject } = caller.actor
  return write(db, caller, async ({ trx, emit }) => {
    const indicator = await indicatorOrNotFound(trx, caller, id, { forUpdate: true })
    if (indicator.source !== 'computed' || indicator.formula_code === null) {
      throw conflict(`'${indicator.name}' is not computed (source: ${indicator.source}); record its values instead.`, { currentState: indicator.source })
    }
    const formula = findFormula(indicator.formula_code)
    if (!formula) throw conflict(`The formula '${indicator.formula_code}' is no longer in the catalogue.`)
    const range = checkPeriod(indicator, b.year, b.period)
    const result = await formula.run(trx, { unitId, ...range, params: indicator.formula_params })
    const value = await recordValue(trx, {
      indicator_id: indicator.id, unit_id: unitId, year: range.year, period: range.period,
      total: result.total, women: result.women, men: result.men,
      total_basis: result.basis.total, women_basis: result.basis.women, men_basis: result.basis.men,
      missing_reason: result.missingReason, analysis: null, status_override: null, status_override_reason: null,
      source: 'computed', formula_code: formula.code, formula_version: formula.version, computed_at: new Date().toISOString(),
      recorded_by: subject
    })
    emit(valueEvent('indicator_value.computed', value, indicator.id))
    return { value, indicator, targets: await findTargets(trx, indicator.id, unitId, range.year) }
  })
}

/** A page of the caller's unit's values of the indicator, with the indicator and its targets per year to present them. */
export async function valuePage(db: Kysely<DB>, caller: Caller, id: string, filter: ValueFilter, after: [number, string, string] | undefined, limit: number) {
  const { unitId } = caller.actor
  const indicator = await indicatorOrNotFound(db, caller, id)
  const rows = await listValues(db, indicator.id, unitId, filter, after, limit)
  const targets = new Map((await listTargets(db, indicator.id, unitId)).map((t) => [t.year, t]))
  return { ...toPage(rows, limit, (v) => [v.year, v.recorded_at, v.id]), indicator, targets }
}

/** One value (current or historical) with the indicator and the year's targets. */
export async function readValue(db: Kysely<DB>, caller: Caller, id: string, valueId: string) {
  const { unitId } = caller.actor
  const indicator = await indicatorOrNotFound(db, caller, id)
  const value = await findValue(db, indicator.id, unitId, valueId)
  if (!value) throw notFound('Indicator value')
  return { value, indicator, targets: await findTargets(db, indicator.id, unitId, value.year) }
}
