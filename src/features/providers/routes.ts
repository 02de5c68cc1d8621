/** Providers (utförare): city-wide reference data, maintained by administrators. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { assertVersion, setEtag } from '../../http/etag.js'
import { badRequest, notFound, stale } from '../../http/problem.js'
import { IdempotencyHeader, IdParams, IfMatchHeader, problems, ref } from '../../http/schemas.js'
import { findProvider, insertProvider, listProviders, unknownServiceTypes, updateProvider, type ProviderRow } from './repository.js'
import { Provider, ProviderCreate, ProviderListQuery, ProviderUpdate } from './schemas.js'

const toProvider = (p: ProviderRow) => ({
  id: p.id, name: p.name, regime: p.regime, organisationNumber: p.organisation_number, serviceTypeCodes: p.service_type_codes, active: p.active
})

const routes: FastifyPluginAsyncTypebox = async (app) => {
  async function assertKnownServiceTypes(codes: readonly string[] | undefined) {
    if (!codes) return
    const unknown = await unknownServiceTypes(app.db, codes)
    if (unknown.length > 0) throw badRequest('/serviceTypeCodes', `Unknown service type(s): ${unknown.join(', ')}.`)
  }

  app.get('/providers', {
    schema: {
      tags: ['Reference data'], operationId: 'listProviders', summary: 'List providers',
      querystring: ProviderListQuery,
      response: { 200: Type.Object({ items: Type.Array(ref(Provider)) }), ...problems(400) }
    }
  }, async (request) => ({ items: (await listProviders(app.db, request.query)).map(toProvider) }))

  app.get('/providers/:id', {
    schema: {
      tags: ['Reference data'], operationId: 'getProvider', summary: 'Get a provider',
      params: IdParams,
      response: { 200: ref(Provider), ...problems(400, 404) }
    }
  }, async (request, reply) => {
    const provider = await findProvider(app.db, request.params.id)
    if (!provider) throw notFound('Provider')
    setEtag(reply, provider.version)
    return toProvider(provider)
  })

  app.post('/providers', {
    preValidation: app.requireCapability('manage_reference_data'),
    schema: {
      tags: ['Reference data'], operationId: 'createProvider', summary: 'Add a provider',
      headers: IdempotencyHeader,
      body: ProviderCreate,
      response: { 201: ref(Provider), ...problems(400, 403, 409, 422) }
    }
  }, async (request, reply) => {
    const b = request.body
    await assertKnownServiceTypes(b.serviceTypeCodes)
    const id = await insertProvider(app.db, { name: b.name, regime: b.regime, organisation_number: b.organisationNumber ?? null }, b.serviceTypeCodes)
    const created = await findProvider(app.db, id)
    if (!created) throw notFound('Provider')
    setEtag(reply, created.version)
    return reply.code(201).header('location', `/v1/providers/${id}`).send(toProvider(created))
  })

  app.patch('/providers/:id', {
    preValidation: app.requireCapability('manage_reference_data'),
    schema: {
      tags: ['Reference data'], operationId: 'updateProvider', summary: 'Change a provider',
      description: 'Change name, regime, organisation number or service types, or deactivate the provider (existing orders keep it).',
      params: IdParams,
      headers: IfMatchHeader,
      body: ProviderUpdate,
      response: { 200: ref(Provider), ...problems(400, 403, 404, 409, 412) }
    }
  }, async (request, reply) => {
    const current = await findProvider(app.db, request.params.id)
    if (!current) throw notFound('Provider')
    assertVersion(request, current.version)
    const b = request.body
    await assertKnownServiceTypes(b.serviceTypeCodes)
    const changed = await updateProvider(app.db, current.id, current.version, {
      name: b.name, regime: b.regime, organisation_number: b.organisationNumber, active: b.active
    }, b.serviceTypeCodes)
    if (!changed) throw stale()
    const updated = await findProvider(app.db, current.id)
    if (!updated) throw notFound('Provider')
    setEtag(reply, updated.version)
    return toProvider(updated)
  })
}

export default routes
