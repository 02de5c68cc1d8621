/** Each unit's rules for planning follow-ups automatically, read by all and changed by its administrators. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { assertVersion, setEtag } from '../../http/etag.js'
import { forbidden, notFound, stale } from '../../http/problem.js'
import { IdParams, IfMatchHeader, problems, ref } from '../../http/schemas.js'
import { findUnit } from '../units/service.js'
import { findFollowUpRules, replaceFollowUpRules } from './rules-repository.js'
import { FollowUpRules, FollowUpRulesBody } from './schemas.js'

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/units/:id/follow-up-rules', {
    schema: {
      tags: ['Reference data'], operationId: 'getFollowUpRules', summary: 'Get a unit\'s follow-up planning rules',
      description: [
        'The rules by which follow-ups are planned automatically (defaults: a review 30 days before a time-limited decision ends;',
        'a follow-up within one month after the services of a hospital-discharge application start; a continuous follow-up of each executing decision',
        'at least every 12 months, from the execution start, then from the last performed continuous follow-up).'
      ].join(' '),
      params: IdParams,
      response: { 200: ref(FollowUpRules), ...problems(400, 404) }
    }
  }, async (request, reply) => {
    const unit = await findUnit(app.db, request.params.id)
    if (!unit) throw notFound('Unit')
    const { rules, version } = await findFollowUpRules(app.db, unit.id)
    setEtag(reply, version)
    return { unitId: unit.id, version, ...rules }
  })

  app.put('/units/:id/follow-up-rules', {
    preValidation: app.requireCapability('manage_reference_data'),
    schema: {
      tags: ['Reference data'], operationId: 'replaceFollowUpRules', summary: 'Replace a unit\'s follow-up planning rules',
      description: [
        'Administrators of the unit replace its planning rules; send If-Match with the ETag from GET. The change is recorded in the access log.',
        'The new rules apply from each decision\'s next re-plan (when it is decided, its dates or execution change, or a follow-up of it is performed);',
        'follow-ups already planned keep their dates until then.'
      ].join(' '),
      params: IdParams,
      headers: IfMatchHeader,
      body: FollowUpRulesBody,
      response: { 200: ref(FollowUpRules), ...problems(400, 403, 404, 412) }
    }
  }, async (request, reply) => {
    const unit = await findUnit(app.db, request.params.id)
    if (!unit) throw notFound('Unit')
    if (unit.id !== request.actor.unitId) throw forbidden('Administrators change the follow-up rules of their own unit only.')
    const version = await app.db.transaction().execute(async (trx) => {
      const current = await findFollowUpRules(trx, unit.id)
      assertVersion(request, current.version)
      const next = await replaceFollowUpRules(trx, unit.id, request.body, current.version)
      if (next === null) throw stale()
      await app.audit(request, [{ action: 'update', resourceType: 'follow_up_rules', resourceId: unit.id, personId: null }], trx)
      return next
    })
    setEtag(reply, version)
    return { unitId: unit.id, version, ...request.body }
  })
}

export default routes
