/** Service types (insatser): seeded from DOMAIN §5, extendable by administrators. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { assertVersion, setEtag } from '../../http/etag.js'
import { conflict, notFound, stale } from '../../http/problem.js'
import { IdempotencyHeader, IfMatchHeader, problems, ref } from '../../http/schemas.js'
import { findServiceType, insertServiceType, listServiceTypes, updateServiceType, type ServiceTypeRow } from './repository.js'
import { ServiceType, ServiceTypeCode, ServiceTypeCreate, ServiceTypeUpdate } from './schemas.js'

const toServiceType = (s: ServiceTypeRow) => ({
  code: s.code, labelSv: s.label_sv, labelEn: s.label_en, housing: s.housing, hoursBased: s.hours_based, active: s.active
})

const CodeParams = Type.Object({ code: ServiceTypeCode }, { additionalProperties: false })

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/service-types', {
    schema: {
      tags: ['Reference data'], operationId: 'listServiceTypes', summary: 'List service types',
      querystring: Type.Object({ active: Type.Optional(Type.Boolean({ description: 'Only active types.' })) }, { additionalProperties: false }),
      response: { 200: Type.Object({ items: Type.Array(ref(ServiceType)) }), ...problems(400) }
    }
  }, async (request) => ({ items: (await listServiceTypes(app.db, { activeOnly: request.query.active === true })).map(toServiceType) }))

  app.get('/service-types/:code', {
    schema: {
      tags: ['Reference data'], operationId: 'getServiceType', summary: 'Get a service type',
      params: CodeParams,
      response: { 200: ref(ServiceType), ...problems(400, 404) }
    }
  }, async (request, reply) => {
    const type = await findServiceType(app.db, request.params.code)
    if (!type) throw notFound('Service type')
    setEtag(reply, type.version)
    return toServiceType(type)
  })

  app.post('/service-types', {
    preValidation: app.requireCapability('manage_reference_data'),
    schema: {
      tags: ['Reference data'], operationId: 'createServiceType', summary: 'Add a service type',
      headers: IdempotencyHeader,
      body: ServiceTypeCreate,
      response: { 201: ref(ServiceType), ...problems(400, 403, 409, 422) }
    }
  }, async (request, reply) => {
    const { code, labelSv, labelEn, housing, hoursBased } = request.body
    if (await findServiceType(app.db, code)) throw conflict(`Service type '${code}' already exists.`)
    const created = await insertServiceType(app.db, { code, label_sv: labelSv, label_en: labelEn, housing, hours_based: hoursBased })
    setEtag(reply, created.version)
    return reply.code(201).header('location', `/v1/service-types/${code}`).send(toServiceType(created))
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
    const current = await findServiceType(app.db, request.params.code)
    if (!current) throw notFound('Service type')
    assertVersion(request, current.version)
    const b = request.body
    const updated = await updateServiceType(app.db, current.code, current.version, {
      label_sv: b.labelSv, label_en: b.labelEn, housing: b.housing, hours_based: b.hoursBased, active: b.active
    })
    if (!updated) throw stale()
    setEtag(reply, updated.version)
    return toServiceType(updated)
  })
}

export default routes
