/**
 * Indicator definitions and, per unit and year, the goal they are reported under and their
 * annual targets. KF indicators are the city's reference data (administrators keep them);
 * a council's own indicators are kept by that unit's managers and administrators.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { callerOf } from '../../http/caller.js'
import { setEtag } from '../../http/etag.js'
import { FORMULAS } from '../../formulas/registry.js'
import { decodeCursor } from '../../http/pagination.js'
import { IdempotencyHeader, IdParams, IfMatchHeader, page, problems, ref } from '../../http/schemas.js'
import { toFormulaInfo, toIndicator, toTargets } from './present.js'
import { FormulaInfo, Indicator, IndicatorCreate, IndicatorListQuery, IndicatorTargets, IndicatorUpdate, TargetsBody, TargetsList, YearParams } from './schemas.js'
import { addIndicator, changeIndicator, formulaCatalogue, indicatorPage, readIndicator, readTargets, setTargets } from './service.js'
import valueRoutes from './value-routes.js'
import monthlyRoutes from './monthly-routes.js'

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const manage = { preValidation: app.requireCapability('manage_goals_and_indicators') }

  app.get('/indicator-formulas', {
    schema: {
      tags: ['Indicators'], operationId: 'listIndicatorFormulas', summary: 'List the computed-indicator formulas',
      description: 'The catalogue a computed indicator can name in `formulaCode`, with each formula\'s version and parameters.',
      response: { 200: Type.Object({ items: Type.Array(ref(FormulaInfo), { maxItems: FORMULAS.length, description: 'The formula catalogue (src/formulas).' }) }), ...problems() }
    }
  }, async () => ({ items: formulaCatalogue().map(toFormulaInfo) }))

  app.post('/indicators', {
    ...manage,
    schema: {
      tags: ['Indicators'], operationId: 'createIndicator', summary: 'Define an indicator',
      description: [
        'Defines an indicator. A `kf` indicator is shared by every unit and only administrators define it; a `council` indicator belongs to the caller\'s unit.',
        'A `computed` indicator names a formula of GET /v1/indicator-formulas with its parameters, and has the formula\'s unit. Codes are unique (409).'
      ].join(' '),
      headers: IdempotencyHeader,
      body: IndicatorCreate,
      response: { 201: ref(Indicator), ...problems(400, 403, 409, 422) }
    }
  }, async (request, reply) => {
    const created = await addIndicator(app.db, callerOf(request), request.body)
    setEtag(reply, created.version)
    return reply.code(201).header('location', `/v1/indicators/${created.id}`).send(toIndicator(created))
  })

  app.get('/indicators', {
    schema: {
      tags: ['Indicators'], operationId: 'listIndicators', summary: 'List indicators',
      description: 'KF indicators and the caller\'s unit\'s own, by code. `year` keeps those the unit has targets for in that year.',
      querystring: IndicatorListQuery,
      response: { 200: page(ref(Indicator)), ...problems(400) }
    }
  }, async (request) => {
    const q = request.query
    const after = decodeCursor(q.cursor, ['string', 'string']) as [string, string] | undefined
    const { items, nextCursor } = await indicatorPage(app.db, callerOf(request), q, after, q.limit ?? 50)
    return { items: items.map(toIndicator), nextCursor }
  })

  app.get('/indicators/:id', {
    schema: {
      tags: ['Indicators'], operationId: 'getIndicator', summary: 'Get an indicator', description: 'One indicator (KF, council or the unit\'s own) with its definition, source and, for a computed one, its formula; with its ETag.',
      params: IdParams,
      response: { 200: ref(Indicator), ...problems(400, 404) }
    }
  }, async (request, reply) => {
    const indicator = await readIndicator(app.db, callerOf(request), request.params.id)
    setEtag(reply, indicator.version)
    return toIndicator(indicator)
  })

  app.patch('/indicators/:id', {
    ...manage,
    schema: {
      tags: ['Indicators'], operationId: 'updateIndicator', summary: 'Change an indicator',
      description: 'Changes the name, description, direction, Kolada KPI or yellow margin. Unit, periodicity, source and formula are fixed, since recorded values depend on them: define a new indicator instead.',
      params: IdParams,
      headers: IfMatchHeader,
      body: IndicatorUpdate,
      response: { 200: ref(Indicator), ...problems(400, 403, 404, 412) }
    }
  }, async (request, reply) => {
    const updated = await changeIndicator(app.db, callerOf(request), request.params.id, request.body)
    setEtag(reply, updated.version)
    return toIndicator(updated)
  })

  app.get('/indicators/:id/targets', {
    schema: {
      tags: ['Indicators'], operationId: 'listIndicatorTargets', summary: 'The caller\'s unit\'s targets for an indicator, per year', description: 'The annual targets the caller\'s unit has set for the indicator, one per year.',
      params: IdParams,
      response: { 200: TargetsList, ...problems(400, 404) }
    }
  }, async (request) => ({ items: (await readTargets(app.db, callerOf(request), request.params.id)).map(toTargets) }))

  app.put('/indicators/:id/targets/:year', {
    ...manage,
    schema: {
      tags: ['Indicators'], operationId: 'setIndicatorTargets', summary: 'Set a year\'s goal and annual targets for the caller\'s unit',
      description: 'Puts the indicator in the unit\'s table for the year under a goal of that plan year, with the council\'s annual target (Årsmål) and KF\'s annual target (KF:s årsmål). A target is a number with an optional comparator, and/or its printed text. With If-Match, the ETag of the earlier answer (412 if it changed).',
      params: YearParams,
      headers: IfMatchHeader,
      body: TargetsBody,
      response: { 200: ref(IndicatorTargets), ...problems(400, 403, 404, 412) }
    }
  }, async (request, reply) => {
    const saved = await setTargets(app.db, callerOf(request), request.params.id, request.params.year, request.body)
    setEtag(reply, saved.version)
    return toTargets(saved)
  })

  await app.register(valueRoutes)
  await app.register(monthlyRoutes)
}

export default routes
