/** Categories of complaints, deviations and Lex Sarah reports: reference data, extendable by administrators. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { callerOf } from '../../http/caller.js'
import { setEtag } from '../../http/etag.js'
import { IdempotencyHeader, IfMatchHeader, problems, ref } from '../../http/schemas.js'
import { toCategory } from './present.js'
import { QualityCategory, QualityCategoryCreate, QualityCategoryListQuery, QualityCategoryParams, QualityCategoryUpdate } from './schemas.js'
import { addCategory, changeCategory, getCategory, listCategories } from './service.js'

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const manage = { preValidation: app.requireCapability('manage_reference_data') }

  app.get('/quality-categories', {
    schema: {
      tags: ['Reference data'], operationId: 'listQualityCategories', summary: 'List categories of complaints, deviations and Lex Sarah reports', description: 'The categories complaints, deviations and Lex Sarah reports are classified by, per domain. Short, never paged.',
      querystring: QualityCategoryListQuery,
      response: { 200: Type.Object({ items: Type.Array(ref(QualityCategory)) }), ...problems(400) }
    }
  }, async (request) => ({ items: (await listCategories(app.db, request.query)).map(toCategory) }))

  app.post('/quality-categories', {
    ...manage,
    schema: {
      tags: ['Reference data'], operationId: 'createQualityCategory', summary: 'Add a category', description: 'Adds a category to a domain (complaint, deviation or Lex Sarah); its code is permanent and unique within the domain.',
      headers: IdempotencyHeader, body: QualityCategoryCreate,
      response: { 201: ref(QualityCategory), ...problems(400, 403, 409, 422) }
    }
  }, async (request, reply) => {
    const created = await addCategory(app.db, callerOf(request), request.body)
    setEtag(reply, created.version)
    return reply.code(201).header('location', `/v1/quality-categories/${created.domain}/${created.code}`).send(toCategory(created))
  })

  app.get('/quality-categories/:domain/:code', {
    schema: {
      tags: ['Reference data'], operationId: 'getQualityCategory', summary: 'Get a category', description: 'One category by domain and code, with its ETag (for a later PATCH).',
      params: QualityCategoryParams,
      response: { 200: ref(QualityCategory), ...problems(400, 404) }
    }
  }, async (request, reply) => {
    const category = await getCategory(app.db, request.params)
    setEtag(reply, category.version)
    return toCategory(category)
  })

  app.patch('/quality-categories/:domain/:code', {
    ...manage,
    schema: {
      tags: ['Reference data'], operationId: 'updateQualityCategory', summary: 'Change or deactivate a category',
      description: 'Changes the labels, or deactivates a category so that new items cannot use it; items that have it keep it and are still counted.',
      params: QualityCategoryParams, headers: IfMatchHeader, body: QualityCategoryUpdate,
      response: { 200: ref(QualityCategory), ...problems(400, 403, 404, 412) }
    }
  }, async (request, reply) => {
    const updated = await changeCategory(app.db, callerOf(request), request.params, request.body)
    setEtag(reply, updated.version)
    return toCategory(updated)
  })
}

export default routes
