/** Each unit's rules for planning follow-ups automatically, read by all and changed by its administrators. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { callerOf } from '../../http/caller.js'
import { setEtag } from '../../http/etag.js'
import { IdParams, IfMatchHeader, problems, ref } from '../../http/schemas.js'
import { followUpRulesOf, replaceRules } from './service.js'
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
    const { unitId, version, rules } = await followUpRulesOf(app.db, request.params.id)
    setEtag(reply, version)
    return { unitId, version, ...rules }
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
    const { unitId, version } = await replaceRules(app.db, callerOf(request), request.params.id, request.body)
    setEtag(reply, version)
    return { unitId, version, ...request.body }
  })
}

export default routes
