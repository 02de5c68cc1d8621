/**
 * Months as periods for computed indicators: the unit follows its statistics month by month
 * (seed 000). A computed indicator's formula runs over each month of a range; the values are
 * computed on demand and not stored — the stored values stay those of the reporting periods
 * (T1, T2, year) the annual report is made of.
 */
import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.js'
import { addMonths } from '../../domain/calendar.js'
import { parseMonth, type Month } from '../../domain/monthly-volumes.js'
import { findFormula } from '../../formulas/registry.js'
import { badRequest, conflict, notFound } from '../../http/problem.js'
import type { Caller } from '../../service/caller.js'
import { findIndicator } from './repository.js'

export const MAX_MONTHS = 24

function monthsBetween(fromLabel: string, toLabel: string): Month[] {
  const from = parseMonth(fromLabel)
  const to = parseMonth(toLabel)
  if (!from) throw badRequest('/from', 'Expected a month like 2026-01.', 'querystring')
  if (!to) throw badRequest('/to', 'Expected a month like 2026-12.', 'querystring')
  if (to.start < from.start) throw badRequest('/to', 'The last month is before the first.', 'querystring')
  const months: Month[] = []
  for (let start = from.start; start <= to.start; start = addMonths(start, 1)) {
    if (months.length === MAX_MONTHS) throw badRequest('/to', `At most ${MAX_MONTHS} months at a time.`, 'querystring')
    months.push(parseMonth(start.slice(0, 7)) as Month)
  }
  return months
}

export async function monthlySeries(db: Kysely<DB>, caller: Caller, id: string, fromLabel: string, toLabel: string) {
  const indicator = await findIndicator(db, caller.actor.unitId, id)
  if (!indicator) throw notFound('Indicator')
  if (indicator.source !== 'computed' || indicator.formula_code === null) {
    throw conflict(`'${indicator.name}' is not computed (source: ${indicator.source}); only computed indicators have monthly values.`, { currentState: indicator.source })
  }
  const formula = findFormula(indicator.formula_code)
  if (!formula) throw conflict(`The formula '${indicator.formula_code}' is no longer in the catalogue.`)
  const months = monthsBetween(fromLabel, toLabel)
  const items = []
  // One month after the other: a year of months is twelve small queries, and the pool stays free for others.
  for (const m of months) {
    const result = await formula.run(db, { unitId: caller.actor.unitId, year: m.year, period: 'month', start: m.start, end: m.end, params: indicator.formula_params })
    items.push({ month: m.label, periodStart: m.start, periodEnd: m.end, total: result.total, women: result.women, men: result.men, basis: result.basis, missingReason: result.missingReason })
  }
  return { indicatorId: indicator.id, name: indicator.name, unit: indicator.measure_unit, formula: { code: formula.code, version: formula.version }, items }
}
