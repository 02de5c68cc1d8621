/**
 * Changing a decision's validity period (e.g. extending a time-limited decision). It is held to
 * the rules of the decision itself — same draft validation, same delegation — and re-plans the
 * decision's automatic follow-ups in the same transaction.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { todayInStockholm } from '../../domain/calendar.js'
import { decisionDraftErrors } from '../../domain/decision-rules.js'
import { checkDelegation, matterHours } from '../../domain/delegation.js'
import { isDecidingRole } from '../../domain/roles.js'
import { assertVersion, setEtag } from '../../http/etag.js'
import { forbidden, notFound, ProblemError } from '../../http/problem.js'
import { IdParams, IfMatchHeader, LegalDate, Nullable, problems, ref } from '../../http/schemas.js'
import { replanFollowUps } from '../follow-ups/planning.js'
import { findServiceType } from '../service-types/repository.js'
import { listDelegationRules } from '../units/repository.js'
import { toDecision } from './present.js'
import { findVisibleDecision, updateDecision } from './repository.js'
import { Decision } from './schemas.js'

const DecisionDatesBody = Type.Object({
  validFrom: Type.Optional(LegalDate),
  validTo: Type.Optional(Nullable(Type.String({ format: 'date', description: 'End of a time-limited decision; null makes it open-ended.' })))
}, {
  additionalProperties: false,
  minProperties: 1,
  examples: [{ validTo: '2027-09-30' }, { validFrom: '2026-04-15', validTo: null }]
})

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.patch('/decisions/:id', {
    preValidation: app.requireCapability('decide'),
    schema: {
      tags: ['Decisions'], operationId: 'changeDecisionDates', summary: 'Change a decision\'s validity period',
      description: [
        'Changes `validFrom` and/or `validTo` of a decision, e.g. to extend a time-limited decision. The same rules apply as when deciding:',
        'a grant has a start, the end is not before the start, a rejection has no validity period (400), and the caller must be within the delegation order',
        'for the matter (403 naming the rule). The decision\'s automatic follow-ups are re-planned at once: the review before the end moves with `validTo`.',
        'Send If-Match with the decision\'s ETag.'
      ].join(' '),
      params: IdParams,
      headers: IfMatchHeader,
      body: DecisionDatesBody,
      response: { 200: ref(Decision), ...problems(400, 403, 404, 412) }
    }
  }, async (request, reply) => {
    const b = request.body
    const { actor } = request
    const decision = await app.db.transaction().execute(async (trx) => {
      const current = await findVisibleDecision(trx, actor, request.params.id, { forUpdate: true })
      if (!current) throw notFound('Decision')
      assertVersion(request, current.version)
      const [serviceType, application, requested] = await Promise.all([
        findServiceType(trx, current.service_type_code),
        trx.selectFrom('applications').select(['received_date', 'unit_id']).where('id', '=', current.application_id).executeTakeFirstOrThrow(),
        trx.selectFrom('application_services').select('requested_hours_per_month')
          .where('application_id', '=', current.application_id).where('service_type_code', '=', current.service_type_code).executeTakeFirst()
      ])
      const draft = {
        outcome: current.outcome,
        hoursPerMonth: current.hours_per_month,
        decisionDate: current.decision_date,
        validFrom: b.validFrom !== undefined ? b.validFrom : current.valid_from,
        validTo: b.validTo !== undefined ? b.validTo : current.valid_to
      }
      // The decision date is unchanged and was valid when taken: it rested on its steps then.
      const errors = decisionDraftErrors(draft, { hoursBased: serviceType?.hours_based ?? current.hours_per_month !== null, receivedDate: application.received_date, today: todayInStockholm(), notBefore: [] })
      if (errors.length > 0) {
        throw new ProblemError(400, 'The validity period is inconsistent with the decision.', { errors: errors.map((e) => ({ in: 'body', ...e })) })
      }
      const delegation = checkDelegation(
        await listDelegationRules(trx, application.unit_id),
        { serviceTypeCode: current.service_type_code, housing: serviceType?.housing ?? false, hoursPerMonth: matterHours(requested?.requested_hours_per_month ?? null, current.hours_per_month) },
        actor.roles.filter(isDecidingRole)
      )
      if (!delegation.allowed) {
        throw forbidden(`Outside your delegation: ${delegation.rule.description} (rule '${delegation.rule.code}'; allowed roles: ${delegation.rule.allowedRoles.join(', ')}).`, { rule: delegation.rule.code })
      }
      const updated = await updateDecision(trx, current.id, { valid_from: draft.validFrom, valid_to: draft.validTo })
      const replanned = await replanFollowUps(trx, current.id)
      await app.audit(request, [{ action: 'update', resourceType: 'decision', resourceId: current.id, personId: current.person_id }, ...replanned], trx)
      return updated
    })
    setEtag(reply, decision.version)
    return toDecision(decision)
  })
}

export default routes
