/**
 * Indicator values per unit and period: recorded by hand, or computed by the indicator's
 * formula from the service's own data. Recording again keeps the earlier value as history.
 * Values are aggregates: statistics readers and managers read them, never an individual.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { callerOf } from '../../http/caller.js'
import { decodeCursor } from '../../http/pagination.js'
import { IdempotencyHeader, IdParams, page, problems, ref } from '../../http/schemas.js'
import { toValue } from './present.js'
import { ComputeBody, IndicatorValue, ValueBody, ValueListQuery, ValueParams } from './schemas.js'
import { computeIndicatorValue, readValue, recordIndicatorValue, valuePage } from './service.js'

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const manage = { preValidation: app.requireCapability('manage_goals_and_indicators') }
  const read = { preValidation: app.requireCapability('read_statistics') }

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
    const { value, indicator, targets } = await recordIndicatorValue(app.db, callerOf(request), request.params.id, request.body)
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
    const { value, indicator, targets } = await computeIndicatorValue(app.reportsDb, callerOf(request), request.params.id, request.body)
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
    const q = request.query
    const after = decodeCursor(q.cursor, ['number', 'string', 'string']) as [number, string, string] | undefined
    const { items, nextCursor, indicator, targets } = await valuePage(app.db, callerOf(request), request.params.id, q, after, q.limit ?? 50)
    return { items: items.map((v) => toValue(v, indicator, targets.get(v.year))), nextCursor }
  })

  app.get('/indicators/:id/values/:valueId', {
    ...read,
    schema: {
      tags: ['Indicators'], operationId: 'getIndicatorValue', summary: 'Get one value (current or historical)', description: 'One value of the indicator for a period, current or historical (an earlier value replaced by a later one).',
      params: ValueParams,
      response: { 200: ref(IndicatorValue), ...problems(400, 403, 404) }
    }
  }, async (request) => {
    const { value, indicator, targets } = await readValue(app.db, callerOf(request), request.params.id, request.params.valueId)
    return toValue(value, indicator, targets)
  })
}

export default routes
