/** Providers (utförare): city-wide reference data, maintained by administrators. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { callerOf } from '../../http/caller.js'
import { setEtag } from '../../http/etag.js'
import { IdempotencyHeader, IdParams, IfMatchHeader, problems, ref } from '../../http/schemas.js'
import { toProvider } from './present.js'
import { changeProvider, createProvider, getProvider, listProviders } from './service.js'
import { Provider, ProviderCreate, ProviderListQuery, ProviderUpdate } from './schemas.js'

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/providers', {
    schema: {
      tags: ['Reference data'], operationId: 'listProviders', summary: 'List providers', description: 'The providers (utförare) the unit can order from: the city\'s own and contracted or LOV providers, with the service types each offers. Short, never paged.',
      querystring: ProviderListQuery,
      response: { 200: Type.Object({ items: Type.Array(ref(Provider)) }), ...problems(400) }
    }
  }, async (request) => ({ items: (await listProviders(app.db, request.query)).map(toProvider) }))

  app.get('/providers/:id', {
    schema: {
      tags: ['Reference data'], operationId: 'getProvider', summary: 'Get a provider', description: 'One provider by id, with its ETag (for a later PATCH).',
      params: IdParams,
      response: { 200: ref(Provider), ...problems(400, 404) }
    }
  }, async (request, reply) => {
    const provider = await getProvider(app.db, request.params.id)
    setEtag(reply, provider.version)
    return toProvider(provider)
  })

  app.post('/providers', {
    preValidation: app.requireCapability('manage_reference_data'),
    schema: {
      tags: ['Reference data'], operationId: 'createProvider', summary: 'Add a provider', description: 'Registers a provider and the service types it offers. Orders can be addressed to it from now on; its staff then sign in with the provider role and the provider\'s id.',
      headers: IdempotencyHeader,
      body: ProviderCreate,
      response: { 201: ref(Provider), ...problems(400, 403, 409, 422) }
    }
  }, async (request, reply) => {
    const created = await createProvider(app.db, callerOf(request), request.body)
    setEtag(reply, created.version)
    return reply.code(201).header('location', `/v1/providers/${created.id}`).send(toProvider(created))
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
    const updated = await changeProvider(app.db, callerOf(request), request.params.id, request.body)
    setEtag(reply, updated.version)
    return toProvider(updated)
  })
}

export default routes
