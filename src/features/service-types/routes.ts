/** Service types (insatser): seeded from DOMAIN §5, extendable by administrators. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { callerOf } from '../../http/caller.js'
import { setEtag } from '../../http/etag.js'
import { IdempotencyHeader, IfMatchHeader, problems, ref } from '../../http/schemas.js'
import { toServiceType } from './present.js'
import { ServiceType, ServiceTypeCode, ServiceTypeCreate, ServiceTypeUpdate } from './schemas.js'
import { addServiceType, changeServiceType, listServiceTypes, readServiceType } from './service.js'

const CodeParams = Type.Object({ code: ServiceTypeCode }, { additionalProperties: false })

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/service-types', {
    schema: {
      tags: ['Reference data'], operationId: 'listServiceTypes', summary: 'List service types', description: 'The service catalogue: every service type a decision can be about, with the act it is decided under and the legal provision it cites. Short, never paged.',
      querystring: Type.Object({ active: Type.Optional(Type.Boolean({ description: 'Only active types.' })) }, { additionalProperties: false }),
      response: { 200: Type.Object({ items: Type.Array(ref(ServiceType)) }), ...problems(400) }
    }
  }, async (request) => ({ items: (await listServiceTypes(app.db, { activeOnly: request.query.active === true })).map(toServiceType) }))

  app.get('/service-types/:code', {
    schema: {
      tags: ['Reference data'], operationId: 'getServiceType', summary: 'Get a service type', description: 'One service type of the catalogue by its code, with its ETag (for a later PATCH).',
      params: CodeParams,
      response: { 200: ref(ServiceType), ...problems(400, 404) }
    }
  }, async (request, reply) => {
    const type = await readServiceType(app.db, request.params.code)
    setEtag(reply, type.version)
    return toServiceType(type)
  })

  app.post('/service-types', {
    preValidation: app.requireCapability('manage_reference_data'),
    schema: {
      tags: ['Reference data'], operationId: 'createServiceType', summary: 'Add a service type', description: 'Adds a service type to the catalogue (its code is permanent); applications and decisions can name it from now on.',
      headers: IdempotencyHeader,
      body: ServiceTypeCreate,
      response: { 201: ref(ServiceType), ...problems(400, 403, 409, 422) }
    }
  }, async (request, reply) => {
    const created = await addServiceType(app.db, callerOf(request), request.body)
    setEtag(reply, created.version)
    return reply.code(201).header('location', `/v1/service-types/${created.code}`).send(toServiceType(created))
  })

  app.patch('/service-types/:code', {
    preValidation: app.requireCapability('manage_reference_data'),
    schema: {
      tags: ['Reference data'], operationId: 'updateServiceType', summary: 'Change a service type',
      description: 'Change labels or flags, or deactivate a type (existing decisions keep it).',
      params: CodeParams,
      headers: IfMatchHeader,
      body: ServiceTypeUpdate,
      response: { 200: ref(ServiceType), ...problems(400, 403, 404, 412) }
    }
  }, async (request, reply) => {
    const updated = await changeServiceType(app.db, callerOf(request), request.params.code, request.body)
    setEtag(reply, updated.version)
    return toServiceType(updated)
  })
}

export default routes
