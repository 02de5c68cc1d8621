/** Units (district + unit) and each unit's delegation order, editable by its administrator. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { assertVersion, setEtag } from '../../http/etag.js'
import { badRequest, forbidden, notFound, stale } from '../../http/problem.js'
import { IdParams, IfMatchHeader, problems, ref } from '../../http/schemas.js'
import { listServiceTypes } from '../service-types/repository.js'
import { findUnit, listDelegationRules, listUnits, replaceDelegationRules } from './repository.js'
import { DelegationOrder, DelegationRule, Unit } from './schemas.js'

const toUnit = (u: { id: string; code: string; district: string; name: string }) =>
  ({ id: u.id, code: u.code, district: u.district, name: u.name })

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/units', {
    schema: {
      tags: ['Reference data'], operationId: 'listUnits', summary: 'List units',
      description: 'The needs-assessment units of the city\'s district councils.',
      response: { 200: Type.Object({ items: Type.Array(ref(Unit)) }), ...problems() }
    }
  }, async () => ({ items: (await listUnits(app.db)).map(toUnit) }))

  app.get('/units/:id', {
    schema: {
      tags: ['Reference data'], operationId: 'getUnit', summary: 'Get a unit',
      params: IdParams,
      response: { 200: ref(Unit), ...problems(400, 404) }
    }
  }, async (request) => {
    const unit = await findUnit(app.db, request.params.id)
    if (!unit) throw notFound('Unit')
    return toUnit(unit)
  })

  app.get('/units/:id/delegation-rules', {
    schema: {
      tags: ['Reference data'], operationId: 'getDelegationOrder', summary: 'Get a unit\'s delegation order',
      description: 'The rules that decide which roles may decide which matters (delegationsordning). A rule applies when all its conditions match; the decider must then hold one of its roles.',
      params: IdParams,
      response: { 200: ref(DelegationOrder), ...problems(400, 404) }
    }
  }, async (request, reply) => {
    const unit = await findUnit(app.db, request.params.id)
    if (!unit) throw notFound('Unit')
    setEtag(reply, unit.delegation_version)
    return { unitId: unit.id, version: unit.delegation_version, rules: await listDelegationRules(app.db, unit.id) }
  })

  app.put('/units/:id/delegation-rules', {
    preValidation: app.requireCapability('manage_reference_data'),
    schema: {
      tags: ['Reference data'], operationId: 'replaceDelegationOrder', summary: 'Replace a unit\'s delegation order',
      description: 'Administrators of the unit replace its whole delegation order at once; only deciding roles can be named. Send If-Match with the ETag from GET to avoid overwriting a concurrent change. The change is recorded in the access log.',
      params: IdParams,
      headers: IfMatchHeader,
      body: Type.Object({ rules: Type.Array(ref(DelegationRule), { maxItems: 100 }) }, { additionalProperties: false }),
      response: { 200: ref(DelegationOrder), ...problems(400, 403, 404, 412) }
    }
  }, async (request, reply) => {
    const unit = await findUnit(app.db, request.params.id)
    if (!unit) throw notFound('Unit')
    if (unit.id !== request.actor.unitId) throw forbidden('Administrators change the delegation order of their own unit only.')
    const { rules } = request.body
    const codes = new Set(rules.map((r) => r.code))
    if (codes.size !== rules.length) throw badRequest('/rules', 'Rule codes must be unique within the unit.')
    const known = new Set((await listServiceTypes(app.db)).map((s) => s.code))
    rules.forEach((rule, i) => {
      const unknown = rule.serviceTypeCodes.find((c) => !known.has(c))
      if (unknown) throw badRequest(`/rules/${i}/serviceTypeCodes`, `Unknown service type '${unknown}'.`)
    })
    assertVersion(request, unit.delegation_version)
    const version = await app.db.transaction().execute(async (trx) => {
      const next = await replaceDelegationRules(trx, unit.id, rules, unit.delegation_version)
      if (next === null) throw stale()
      await app.audit(request, [{ action: 'update', resourceType: 'delegation_order', resourceId: unit.id, personId: null }], trx)
      return next
    })
    setEtag(reply, version)
    return { unitId: unit.id, version, rules }
  })
}

export default routes
