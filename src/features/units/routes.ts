/** Units (district + unit) and each unit's delegation order, editable by its administrator. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { callerOf } from '../../http/caller.js'
import { setEtag } from '../../http/etag.js'
import { IdParams, IfMatchHeader, problems, ref } from '../../http/schemas.js'
import { toUnit } from './present.js'
import { DelegationOrder, DelegationRule, Unit } from './schemas.js'
import { listUnits, readDelegationOrder, readUnit, replaceDelegationOrder } from './service.js'

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/units', {
    schema: {
      tags: ['Reference data'], operationId: 'listUnits', summary: 'List units',
      description: 'The needs-assessment units of the city\'s district councils.',
      response: { 200: Type.Object({ items: Type.Array(ref(Unit), { maxItems: 100, description: 'Every unit (reference data written by migrations: 13 today).' }) }), ...problems() }
    }
  }, async () => ({ items: (await listUnits(app.db)).map(toUnit) }))

  app.get('/units/:id', {
    schema: {
      tags: ['Reference data'], operationId: 'getUnit', summary: 'Get a unit', description: 'One unit of the city (a district council\'s needs-assessment unit) by id: its code, name and district.',
      params: IdParams,
      response: { 200: ref(Unit), ...problems(400, 404) }
    }
  }, async (request) => toUnit(await readUnit(app.db, request.params.id)))

  app.get('/units/:id/delegation-rules', {
    schema: {
      tags: ['Reference data'], operationId: 'getDelegationOrder', summary: 'Get a unit\'s delegation order',
      description: 'The rules that decide which roles may decide which matters (delegationsordning). A rule applies when all its conditions match; the decider must then hold one of its roles.',
      params: IdParams,
      response: { 200: ref(DelegationOrder), ...problems(400, 404) }
    }
  }, async (request, reply) => {
    const order = await readDelegationOrder(app.db, request.params.id)
    setEtag(reply, order.version)
    return order
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
    const order = await replaceDelegationOrder(app.db, callerOf(request), request.params.id, request.body.rules)
    setEtag(reply, order.version)
    return order
  })
}

export default routes
