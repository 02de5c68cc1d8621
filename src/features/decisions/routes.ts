/** Deciding a requested service under the unit's delegation order; reading and listing decisions. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { allowedIn, decisionPreconditionFailure, isAllowed, isFullyDecided } from '../../domain/application-process.js'
import { todayInStockholm } from '../../domain/calendar.js'
import { decisionDraftErrors } from '../../domain/decision-rules.js'
import { checkDelegation, matterHours } from '../../domain/delegation.js'
import { isDecidingRole } from '../../domain/roles.js'
import { assertVersion, setEtag } from '../../http/etag.js'
import { decodeCursor, toPage } from '../../http/pagination.js'
import { badRequest, conflict, forbidden, invalidState, notFound, ProblemError } from '../../http/problem.js'
import { ActionHeaders, IdParams, page, problems, ref } from '../../http/schemas.js'
import { findVisibleApplication, latestCommunicationDate, requestedServicesOf, updateApplication } from '../applications/repository.js'
import { replanFollowUps } from '../follow-ups/planning.js'
import { findServiceType } from '../service-types/repository.js'
import { listDelegationRules } from '../units/repository.js'
import appealRoutes from './appeal-routes.js'
import datesRoutes from './dates-routes.js'
import { toDecision } from './present.js'
import { findVisibleDecision, insertDecision, listVisibleDecisions } from './repository.js'
import { DecideBody, Decision, DecisionListQuery } from './schemas.js'

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const reads = { preValidation: app.requireCapability('read_individual_data') }

  app.post('/applications/:id/decisions', {
    preValidation: app.requireCapability('decide'),
    schema: {
      tags: ['Decisions'], operationId: 'decideService', summary: 'Decide a requested service',
      description: [
        'Decides one requested service of the application: granted, partially granted or rejected.',
        'Refused with 403 naming the rule when the unit\'s delegation order does not let the caller decide the matter',
        '(by default: housing needs a unit manager or deputy; home care over 99 hours/month a manager or a specially delegated case worker).',
        'The hours of a matter are the larger of the requested and the decided hours: rejecting or partly granting 300 requested hours is a matter over 99 hours.',
        'Refused with 409 when the application is not in a decidable state, the service is already decided, a housing matter lacks its joint case review,',
        'or the investigation was not communicated before a housing or adverse decision (unless urgent).',
        'The decision date cannot precede the received date, the communication or (for housing) the joint case review, nor lie in the future.',
        'The application becomes `decided` when every requested service has its decision.',
        'If-Match refers to the application\'s ETag; the response carries the decision\'s ETag, so GET the application again for its new one.'
      ].join(' '),
      params: IdParams,
      headers: ActionHeaders,
      body: DecideBody,
      response: { 201: ref(Decision), ...problems(400, 403, 404, 409, 412, 422) }
    }
  }, async (request, reply) => {
    const b = request.body
    const { actor } = request
    const decision = await app.db.transaction().execute(async (trx) => {
      const application = await findVisibleApplication(trx, actor, request.params.id, { forUpdate: true })
      if (!application) throw notFound('Application')
      assertVersion(request, application.version)
      const status = application.status
      if (!isAllowed('decide', status)) throw invalidState('decide the application', status, allowedIn('decide'))

      const services = (await requestedServicesOf(trx, [application.id])).get(application.id) ?? []
      const requested = services.map((s) => s.service_type_code)
      const service = services.find((s) => s.service_type_code === b.serviceTypeCode)
      if (!service) {
        throw badRequest('/serviceTypeCode', `The application does not request '${b.serviceTypeCode}'; it requests ${requested.join(', ')}.`)
      }
      const decided = services.filter((s) => s.decision_id !== null).map((s) => s.service_type_code)
      if (service.decision_id !== null) throw conflict(`'${b.serviceTypeCode}' is already decided on this application.`)
      const serviceType = await findServiceType(trx, b.serviceTypeCode)
      if (!serviceType) throw badRequest('/serviceTypeCode', 'Unknown service type.')

      const draft = {
        outcome: b.outcome,
        hoursPerMonth: b.hoursPerMonth ?? null,
        decisionDate: b.decisionDate,
        validFrom: b.validFrom ?? null,
        validTo: b.validTo ?? null
      }
      const communicated = await latestCommunicationDate(trx, application.id)
      const notBefore = [
        ...(communicated ? [{ date: communicated, step: 'communication of the investigation' }] : []),
        ...(serviceType.housing && application.joint_review_date ? [{ date: application.joint_review_date, step: 'joint case review' }] : [])
      ]
      const errors = decisionDraftErrors(draft, { hoursBased: serviceType.hours_based, receivedDate: application.received_date, today: todayInStockholm(), notBefore })
      if (errors.length > 0) {
        throw new ProblemError(400, 'The decision is incomplete or inconsistent.', { errors: errors.map((e) => ({ in: 'body', ...e })) })
      }
      const failure = decisionPreconditionFailure({
        status, urgent: application.urgent, housing: serviceType.housing, outcome: b.outcome, hasJointReview: application.joint_review_date !== null
      })
      if (failure) throw conflict(failure.detail, { rule: failure.rule, currentState: status })

      const deciderRoles = actor.roles.filter(isDecidingRole)
      const delegation = checkDelegation(
        await listDelegationRules(trx, application.unit_id),
        { serviceTypeCode: serviceType.code, housing: serviceType.housing, hoursPerMonth: matterHours(service.requested_hours_per_month, draft.hoursPerMonth) },
        deciderRoles
      )
      if (!delegation.allowed) {
        throw forbidden(`Outside your delegation: ${delegation.rule.description} (rule '${delegation.rule.code}'; allowed roles: ${delegation.rule.allowedRoles.join(', ')}).`, { rule: delegation.rule.code })
      }

      const created = await insertDecision(trx, {
        application_id: application.id,
        person_id: application.person_id,
        unit_id: application.unit_id,
        service_type_code: serviceType.code,
        outcome: b.outcome,
        reason: b.reason,
        legal_basis: b.legalBasis ?? app.legalBasisDefault,
        hours_per_month: draft.hoursPerMonth,
        decision_date: draft.decisionDate,
        valid_from: draft.validFrom,
        valid_to: draft.validTo,
        decided_by: actor.subject,
        decided_by_role: delegation.role,
        delegation_rule_code: delegation.rule?.code ?? null
      })
      const complete = isFullyDecided(requested, [...decided, serviceType.code])
      await updateApplication(trx, application.id, complete ? { status: 'decided', decided_at: new Date().toISOString() } : {})
      await app.audit(request, [
        { action: 'create', resourceType: 'decision', resourceId: created.id, personId: application.person_id },
        { action: 'update', resourceType: 'application', resourceId: application.id, personId: application.person_id },
        ...await replanFollowUps(trx, created.id)
      ], trx)
      return created
    })
    setEtag(reply, decision.version)
    return reply.code(201).header('location', `/v1/decisions/${decision.id}`).send(toDecision(decision))
  })

  app.get('/decisions/:id', {
    ...reads,
    schema: {
      tags: ['Decisions'], operationId: 'getDecision', summary: 'Get a decision',
      params: IdParams,
      response: { 200: ref(Decision), ...problems(400, 403, 404) }
    }
  }, async (request, reply) => {
    const decision = await findVisibleDecision(app.db, request.actor, request.params.id)
    if (!decision) throw notFound('Decision')
    await app.audit(request, [{ action: 'read', resourceType: 'decision', resourceId: decision.id, personId: decision.person_id }])
    setEtag(reply, decision.version)
    return toDecision(decision)
  })

  app.get('/decisions', {
    ...reads,
    schema: {
      tags: ['Decisions'], operationId: 'listDecisions', summary: 'List decisions',
      description: 'Decisions of the caller\'s unit, newest decision date first. `currentOn` gives the decisions in force on a date; `expiringBefore` the time-limited ones ending before a date (to re-assess in time). A `unitId` other than the caller\'s gives an empty list.',
      querystring: DecisionListQuery,
      response: { 200: page(ref(Decision)), ...problems(400, 403) }
    }
  }, async (request) => {
    const q = request.query
    const limit = q.limit ?? 50
    if (q.unitId !== undefined && q.unitId !== request.actor.unitId) return { items: [], nextCursor: null }
    const after = decodeCursor(q.cursor, ['string', 'string']) as [string, string] | undefined
    const rows = await listVisibleDecisions(app.db, request.actor, q, after, limit)
    const result = toPage(rows, limit, (d) => [d.decision_date, d.id])
    await app.audit(request, result.items.map((d) => ({ action: 'read' as const, resourceType: 'decision', resourceId: d.id, personId: d.person_id })))
    return { items: result.items.map(toDecision), nextCursor: result.nextCursor }
  })

  await app.register(appealRoutes)
  await app.register(datesRoutes)
}

export default routes
