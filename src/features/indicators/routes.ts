/**
 * Indicator definitions and, per unit and year, the goal they are reported under and their
 * annual targets. KF indicators are the city's reference data (administrators keep them);
 * a council's own indicators are kept by that unit's managers and administrators.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import { hasCapability } from '../../domain/roles.js'
import { FORMULAS, findFormula, formulaParamErrors } from '../../formulas/registry.js'
import { expectedVersion, assertVersion, setEtag } from '../../http/etag.js'
import { decodeCursor, toPage } from '../../http/pagination.js'
import { badRequest, forbidden, notFound, ProblemError, stale } from '../../http/problem.js'
import { IdempotencyHeader, IdParams, IfMatchHeader, page, problems, ref } from '../../http/schemas.js'
import { findGoal } from '../goals/repository.js'
import { listServiceTypes } from '../service-types/repository.js'
import { toIndicator, toTargets } from './present.js'
import { findIndicator, findTargets, insertIndicator, listIndicators, listTargets, updateIndicator, upsertTargets, type IndicatorRow } from './repository.js'
import { FormulaInfo, Indicator, IndicatorCreate, IndicatorListQuery, IndicatorTargets, IndicatorUpdate, TargetsBody, TargetsList, YearParams } from './schemas.js'
import valueRoutes from './value-routes.js'

/** KF indicators are shared reference data: only administrators change them. */
function assertMayChange(request: FastifyRequest, level: IndicatorRow['level']) {
  if (level === 'kf' && !hasCapability(request.actor.roles, 'manage_reference_data')) {
    throw forbidden('KF indicators are the city\'s reference data: only administrators add or change them.')
  }
}

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const manage = { preValidation: app.requireCapability('manage_goals_and_indicators') }

  app.get('/indicator-formulas', {
    schema: {
      tags: ['Indicators'], operationId: 'listIndicatorFormulas', summary: 'List the computed-indicator formulas',
      description: 'The catalogue a computed indicator can name in `formulaCode`, with each formula\'s version and parameters.',
      response: { 200: Type.Object({ items: Type.Array(ref(FormulaInfo)) }), ...problems() }
    }
  }, async () => ({
    items: FORMULAS.map((f) => ({ code: f.code, version: f.version, title: f.title, description: f.description, unit: f.unit, direction: f.direction, params: f.params.map((p) => ({ ...p })) }))
  }))

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
    const b = request.body
    assertMayChange(request, b.level)
    const formulaCode = b.formulaCode ?? null
    const params = b.formulaParams ?? {}
    if (b.source === 'computed') {
      if (formulaCode === null) throw badRequest('/formulaCode', 'A computed indicator names its formula.')
      const formula = findFormula(formulaCode)
      if (!formula) throw badRequest('/formulaCode', `Unknown formula '${formulaCode}'; see GET /v1/indicator-formulas.`)
      if (formula.unit !== b.unit) throw badRequest('/unit', `Formula '${formula.code}' measures ${formula.unit}.`)
      const known = new Set((await listServiceTypes(app.db)).map((s) => s.code))
      const errors = formulaParamErrors(formula, params, known)
      if (errors.length > 0) throw new ProblemError(400, 'The formula parameters are invalid.', { errors: errors.map((e) => ({ in: 'body', ...e })) })
    } else if (formulaCode !== null || Object.keys(params).length > 0) {
      throw badRequest('/formulaCode', 'Only a computed indicator has a formula.')
    }
    const created = await insertIndicator(app.db, {
      unit_id: b.level === 'kf' ? null : request.actor.unitId,
      code: b.code, name: b.name, description: b.description ?? null, measure_unit: b.unit, direction: b.direction,
      periodicity: b.periodicity, source: b.source, level: b.level, formula_code: formulaCode, formula_params: JSON.stringify(params),
      kolada_kpi: b.koladaKpi ?? null, yellow_margin: b.yellowMargin ?? null
    })
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
    const limit = q.limit ?? 50
    const after = decodeCursor(q.cursor, ['string', 'string']) as [string, string] | undefined
    const rows = await listIndicators(app.db, request.actor.unitId, q, after, limit)
    const result = toPage(rows, limit, (i) => [i.code, i.id])
    return { items: result.items.map(toIndicator), nextCursor: result.nextCursor }
  })

  app.get('/indicators/:id', {
    schema: {
      tags: ['Indicators'], operationId: 'getIndicator', summary: 'Get an indicator',
      params: IdParams,
      response: { 200: ref(Indicator), ...problems(400, 404) }
    }
  }, async (request, reply) => {
    const indicator = await findIndicator(app.db, request.actor.unitId, request.params.id)
    if (!indicator) throw notFound('Indicator')
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
    const indicator = await findIndicator(app.db, request.actor.unitId, request.params.id)
    if (!indicator) throw notFound('Indicator')
    assertMayChange(request, indicator.level)
    assertVersion(request, indicator.version)
    const b = request.body
    const updated = await updateIndicator(app.db, indicator.id, indicator.version, {
      ...(b.name !== undefined ? { name: b.name } : {}),
      ...(b.description !== undefined ? { description: b.description } : {}),
      ...(b.direction !== undefined ? { direction: b.direction } : {}),
      ...(b.koladaKpi !== undefined ? { kolada_kpi: b.koladaKpi } : {}),
      ...(b.yellowMargin !== undefined ? { yellow_margin: b.yellowMargin } : {})
    })
    if (!updated) throw stale()
    setEtag(reply, updated.version)
    return toIndicator(updated)
  })

  app.get('/indicators/:id/targets', {
    schema: {
      tags: ['Indicators'], operationId: 'listIndicatorTargets', summary: 'The caller\'s unit\'s targets for an indicator, per year',
      params: IdParams,
      response: { 200: TargetsList, ...problems(400, 404) }
    }
  }, async (request) => {
    const indicator = await findIndicator(app.db, request.actor.unitId, request.params.id)
    if (!indicator) throw notFound('Indicator')
    return { items: (await listTargets(app.db, indicator.id, request.actor.unitId)).map(toTargets) }
  })

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
    const { unitId } = request.actor
    const indicator = await findIndicator(app.db, unitId, request.params.id)
    if (!indicator) throw notFound('Indicator')
    const b = request.body
    const goal = await findGoal(app.db, unitId, b.goalId)
    if (!goal) throw badRequest('/goalId', 'The goal was not found in your unit.')
    if (goal.plan_year !== request.params.year) throw badRequest('/goalId', `The goal belongs to plan year ${goal.plan_year}, not ${request.params.year}.`)
    for (const [field, target] of [['annualTarget', b.annualTarget], ['kfAnnualTarget', b.kfAnnualTarget]] as const) {
      if (target === null) continue
      if (target.value === null && target.text === null) throw badRequest(`/${field}`, 'A target needs a value or a text (or send null).')
      if (target.comparator !== null && target.value === null) throw badRequest(`/${field}/comparator`, 'A comparator needs a value.')
    }
    const saved = await app.db.transaction().execute(async (trx) => {
      await findIndicator(trx, unitId, indicator.id, { forUpdate: true })
      const current = await findTargets(trx, indicator.id, unitId, request.params.year)
      const expected = expectedVersion(request)
      if (expected !== undefined && expected !== (current?.version ?? 0)) throw stale(current?.version ?? 0)
      return upsertTargets(trx, {
        indicator_id: indicator.id, unit_id: unitId, year: request.params.year, goal_id: goal.id, position: b.position ?? 0,
        target_value: b.annualTarget?.value ?? null, target_comparator: b.annualTarget?.comparator ?? null, target_text: b.annualTarget?.text ?? null,
        kf_target_value: b.kfAnnualTarget?.value ?? null, kf_target_comparator: b.kfAnnualTarget?.comparator ?? null, kf_target_text: b.kfAnnualTarget?.text ?? null
      })
    })
    setEtag(reply, saved.version)
    return toTargets(saved)
  })

  await app.register(valueRoutes)
}

export default routes
