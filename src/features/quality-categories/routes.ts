/** Categories of complaints, deviations and Lex Sarah reports: reference data, extendable by administrators. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { assertVersion, setEtag } from '../../http/etag.js'
import { conflict, notFound, stale } from '../../http/problem.js'
import { IdempotencyHeader, IfMatchHeader, problems, ref } from '../../http/schemas.js'
import { findQualityCategory, insertQualityCategory, listQualityCategories, updateQualityCategory, type QualityCategoryRow } from './repository.js'
import { QualityCategory, QualityCategoryCreate, QualityCategoryListQuery, QualityCategoryParams, QualityCategoryUpdate } from './schemas.js'

const toCategory = (c: QualityCategoryRow) => ({ domain: c.domain, code: c.code, labelSv: c.label_sv, labelEn: c.label_en, active: c.active })

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const manage = { preValidation: app.requireCapability('manage_reference_data') }

  app.get('/quality-categories', {
    schema: {
      tags: ['Reference data'], operationId: 'listQualityCategories', summary: 'List categories of complaints, deviations and Lex Sarah reports',
      querystring: QualityCategoryListQuery,
      response: { 200: Type.Object({ items: Type.Array(ref(QualityCategory)) }), ...problems(400) }
    }
  }, async (request) => ({ items: (await listQualityCategories(app.db, request.query)).map(toCategory) }))

  app.post('/quality-categories', {
    ...manage,
    schema: {
      tags: ['Reference data'], operationId: 'createQualityCategory', summary: 'Add a category',
      headers: IdempotencyHeader, body: QualityCategoryCreate,
      response: { 201: ref(QualityCategory), ...problems(400, 403, 409, 422) }
    }
  }, async (request, reply) => {
    const { domain, code, labelSv, labelEn } = request.body
    if (await findQualityCategory(app.db, domain, code)) throw conflict(`The ${domain} category '${code}' already exists.`)
    const created = await insertQualityCategory(app.db, { domain, code, label_sv: labelSv, label_en: labelEn })
    setEtag(reply, created.version)
    return reply.code(201).header('location', `/v1/quality-categories/${domain}/${code}`).send(toCategory(created))
  })

  app.get('/quality-categories/:domain/:code', {
    schema: {
      tags: ['Reference data'], operationId: 'getQualityCategory', summary: 'Get a category',
      params: QualityCategoryParams,
      response: { 200: ref(QualityCategory), ...problems(400, 404) }
    }
  }, async (request, reply) => {
    const category = await findQualityCategory(app.db, request.params.domain, request.params.code)
    if (!category) throw notFound('Category')
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
    const { domain, code } = request.params
    const current = await findQualityCategory(app.db, domain, code)
    if (!current) throw notFound('Category')
    assertVersion(request, current.version)
    const b = request.body
    const updated = await updateQualityCategory(app.db, domain, code, current.version, { label_sv: b.labelSv, label_en: b.labelEn, active: b.active })
    if (!updated) throw stale()
    setEtag(reply, updated.version)
    return toCategory(updated)
  })
}

export default routes
