/**
 * Indicator values per unit and period: recorded by hand, or computed by the indicator's
 * formula from the service's own data. Recording again keeps the earlier value as history.
 * Values are aggregates: statistics readers and managers read them, never an individual.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { isReportedIn, reportingPeriod, type Period } from '../../domain/indicators/period.js'
import { findFormula } from '../../formulas/registry.js'
import { decodeCursor, toPage } from '../../http/pagination.js'
import { badRequest, conflict, notFound } from '../../http/problem.js'
import { IdempotencyHeader, IdParams, page, problems, ref } from '../../http/schemas.js'
import { toValue } from './present.js'
import { findIndicator, findTargets, findValue, listTargets, listValues, recordValue, type IndicatorRow } from './repository.js'
import { ComputeBody, IndicatorValue, ValueBody, ValueListQuery, ValueParams } from './schemas.js'

function checkPeriod(indicator: IndicatorRow, year: number, period: Period) {
  const range = reportingPeriod(year, period)
  if (!range) throw badRequest('/period', `Not a reporting period: ${period} ${year}.`)
  if (!isReportedIn(indicator.periodicity, period)) {
    throw badRequest('/period', `'${indicator.name}' is reported yearly: only the period 'year' has values.`)
  }
  return range
}

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const manage = { preValidation: app.requireCapability('manage_goals_and_indicators') }
  const read = { preValidation: app.requireCapability('read_statistics') }

  async function indicatorOrNotFound(unitId: string, id: string) {
    const indicator = await findIndicator(app.db, unitId, id)
    if (!indicator) throw notFound('Indicator')
    return indicator
  }

  app.post('/indicators/:id/values', {
    ...manage,
    schema: {
      tags: ['Indicators'], operationId: 'recordIndicatorValue', summary: 'Record a value for a period',
      description: [
        'Records the caller\'s unit\'s value for T1, T2 or the year: total, women, men (and the number of answers behind each), or a missing-value reason ("Mätmetod saknas"), with the analysis.',
        'A yearly indicator has values for the year only. An earlier value for the same period is kept as history (GET …/values?history=true) and is no longer current.',
        'The traffic light is derived from the total, the year\'s numeric annual target and the direction; `statusOverride` replaces it, with a reason.'
      ].join(' '),
      params: IdParams,
      headers: IdempotencyHeader,
      body: ValueBody,
      response: { 201: ref(IndicatorValue), ...problems(400, 403, 404, 422) }
    }
  }, async (request, reply) => {
    const { unitId, subject } = request.actor
    const b = request.body
    const indicator = await indicatorOrNotFound(unitId, request.params.id)
    checkPeriod(indicator, b.year, b.period)
    const figures = [b.total, b.women, b.men].filter((v) => v !== undefined && v !== null)
    if (figures.length === 0 && !b.missingReason) throw badRequest('/total', 'Give a total, women or men figure, or a missingReason.')
    const value = await app.db.transaction().execute(async (trx) => {
      await findIndicator(trx, unitId, indicator.id, { forUpdate: true })
      return recordValue(trx, {
        indicator_id: indicator.id, unit_id: unitId, year: b.year, period: b.period,
        total: b.total ?? null, women: b.women ?? null, men: b.men ?? null,
        total_basis: b.totalBasis ?? null, women_basis: b.womenBasis ?? null, men_basis: b.menBasis ?? null,
        missing_reason: b.missingReason ?? null, analysis: b.analysis ?? null,
        status_override: b.statusOverride?.status ?? null, status_override_reason: b.statusOverride?.reason ?? null,
        source: 'manual', recorded_by: subject
      })
    })
    const targets = await findTargets(app.db, indicator.id, unitId, b.year)
    return reply.code(201).header('location', `/v1/indicators/${indicator.id}/values/${value.id}`).send(toValue(value, indicator, targets))
  })

  app.post('/indicators/:id/compute', {
    ...manage,
    schema: {
      tags: ['Indicators'], operationId: 'computeIndicatorValue', summary: 'Compute and store a value from the service\'s data',
      description: [
        'Runs the computed indicator\'s formula over the caller\'s unit\'s data for the period (T1: January–April, T2: May–August, year) and stores the result as the current value,',
        'split by sex with the number of records behind each figure, the formula\'s version and the time it was computed. The same data gives the same numbers.',
        '409 when the indicator is not computed, or its formula is no longer in the catalogue.'
      ].join(' '),
      params: IdParams,
      headers: IdempotencyHeader,
      body: ComputeBody,
      response: { 201: ref(IndicatorValue), ...problems(400, 403, 404, 409, 422) }
    }
  }, async (request, reply) => {
    const { unitId, subject } = request.actor
    const indicator = await indicatorOrNotFound(unitId, request.params.id)
    if (indicator.source !== 'computed' || indicator.formula_code === null) {
      throw conflict(`'${indicator.name}' is not computed (source: ${indicator.source}); record its values instead.`, { currentState: indicator.source })
    }
    const formula = findFormula(indicator.formula_code)
    if (!formula) throw conflict(`The formula '${indicator.formula_code}' is no longer in the catalogue.`)
    const range = checkPeriod(indicator, request.body.year, request.body.period)
    const value = await app.db.transaction().execute(async (trx) => {
      await findIndicator(trx, unitId, indicator.id, { forUpdate: true })
      const result = await formula.run(trx, { unitId, ...range, params: indicator.formula_params })
      return recordValue(trx, {
        indicator_id: indicator.id, unit_id: unitId, year: range.year, period: range.period,
        total: result.total, women: result.women, men: result.men,
        total_basis: result.basis.total, women_basis: result.basis.women, men_basis: result.basis.men,
        missing_reason: result.missingReason, analysis: null, status_override: null, status_override_reason: null,
        source: 'computed', formula_code: formula.code, formula_version: formula.version, computed_at: new Date().toISOString(),
        recorded_by: subject
      })
    })
    const targets = await findTargets(app.db, indicator.id, unitId, range.year)
    return reply.code(201).header('location', `/v1/indicators/${indicator.id}/values/${value.id}`).send(toValue(value, indicator, targets))
  })

  app.get('/indicators/:id/values', {
    ...read,
    schema: {
      tags: ['Indicators'], operationId: 'listIndicatorValues', summary: 'List the caller\'s unit\'s values of an indicator',
      description: 'Current values, newest year first; `history=true` adds the values later ones replaced.',
      params: IdParams,
      querystring: ValueListQuery,
      response: { 200: page(ref(IndicatorValue)), ...problems(400, 403, 404) }
    }
  }, async (request) => {
    const { unitId } = request.actor
    const indicator = await indicatorOrNotFound(unitId, request.params.id)
    const q = request.query
    const limit = q.limit ?? 50
    const after = decodeCursor(q.cursor, ['number', 'string', 'string']) as [number, string, string] | undefined
    const rows = await listValues(app.db, indicator.id, unitId, q, after, limit)
    const result = toPage(rows, limit, (v) => [v.year, v.recorded_at, v.id])
    const targets = new Map((await listTargets(app.db, indicator.id, unitId)).map((t) => [t.year, t]))
    return { items: result.items.map((v) => toValue(v, indicator, targets.get(v.year))), nextCursor: result.nextCursor }
  })

  app.get('/indicators/:id/values/:valueId', {
    ...read,
    schema: {
      tags: ['Indicators'], operationId: 'getIndicatorValue', summary: 'Get one value (current or historical)',
      params: ValueParams,
      response: { 200: ref(IndicatorValue), ...problems(400, 403, 404) }
    }
  }, async (request) => {
    const { unitId } = request.actor
    const indicator = await indicatorOrNotFound(unitId, request.params.id)
    const value = await findValue(app.db, indicator.id, unitId, request.params.valueId)
    if (!value) throw notFound('Indicator value')
    return toValue(value, indicator, await findTargets(app.db, indicator.id, unitId, value.year))
  })
}

export default routes
