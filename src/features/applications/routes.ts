/** Applications: intake, reading and listing. Process steps live in actions.ts. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { canChangeUrgency } from '../../domain/application-process.js'
import { todayInStockholm } from '../../domain/calendar.js'
import { setEtag } from '../../http/etag.js'
import { badRequest, conflict, notFound } from '../../http/problem.js'
import { decodeCursor, toPage } from '../../http/pagination.js'
import { IdempotencyHeader, IdParams, IfMatchHeader, page, problems, ref } from '../../http/schemas.js'
import { findVisiblePerson } from '../persons/repository.js'
import { listServiceTypes } from '../service-types/repository.js'
import actions from './actions.js'
import { toApplication } from './present.js'
import { findVisibleApplication, insertApplication, listVisibleApplications, requestedServicesOf } from './repository.js'
import { applicationStep, sendApplication } from './step.js'
import { Application, ApplicationCreate, ApplicationListQuery, ApplicationUpdate } from './schemas.js'

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const reads = { preValidation: app.requireCapability('read_individual_data') }
  const writes = { preValidation: app.requireCapability('write_individual_data') }

  app.post('/applications', {
    ...writes,
    schema: {
      tags: ['Applications'], operationId: 'createApplication', summary: 'Register an application',
      description: 'Registers an application for one or more services for a person of the caller\'s unit. Each requested service gets its own decision later.',
      headers: IdempotencyHeader,
      body: ApplicationCreate,
      response: { 201: ref(Application), ...problems(400, 403, 404, 409, 422) }
    }
  }, async (request, reply) => {
    const b = request.body
    const { actor } = request
    const today = todayInStockholm()
    if (b.receivedDate > today) throw badRequest('/receivedDate', 'The received date cannot be in the future.')
    const codes = b.requestedServices.map((s) => s.serviceTypeCode)
    if (new Set(codes).size !== codes.length) throw badRequest('/requestedServices', 'Each service type can be requested once per application.')
    const types = new Map((await listServiceTypes(app.db, { activeOnly: true })).map((t) => [t.code, t]))
    b.requestedServices.forEach((s, i) => {
      const type = types.get(s.serviceTypeCode)
      if (!type) throw badRequest(`/requestedServices/${i}/serviceTypeCode`, `Unknown or inactive service type '${s.serviceTypeCode}'.`)
      if (!type.hours_based && s.requestedHoursPerMonth != null) {
        throw badRequest(`/requestedServices/${i}/requestedHoursPerMonth`, `'${s.serviceTypeCode}' is not granted in hours.`)
      }
    })

    const { application, services } = await app.db.transaction().execute(async (trx) => {
      const person = await findVisiblePerson(trx, actor, b.personId)
      if (!person) throw notFound('Person')
      const application = await insertApplication(trx, {
        unit_id: actor.unitId,
        person_id: person.id,
        received_date: b.receivedDate,
        channel: b.channel,
        urgent: b.urgent ?? false,
        assigned_case_worker: b.assignedCaseWorker ?? null
      }, b.requestedServices.map((s) => ({ serviceTypeCode: s.serviceTypeCode, requestedHoursPerMonth: s.requestedHoursPerMonth ?? null })), today.slice(0, 4))
      await app.audit(request, [{ action: 'create', resourceType: 'application', resourceId: application.id, personId: person.id }], trx)
      return { application, services: (await requestedServicesOf(trx, [application.id])).get(application.id) ?? [] }
    })
    setEtag(reply, application.version)
    return reply.code(201).header('location', `/v1/applications/${application.id}`).send(toApplication(application, services))
  })

  app.get('/applications', {
    ...reads,
    schema: {
      tags: ['Applications'], operationId: 'listApplications', summary: 'List applications',
      description: 'Applications of the caller\'s unit, newest received first. A `unitId` other than the caller\'s gives an empty list.',
      querystring: ApplicationListQuery,
      response: { 200: page(ref(Application)), ...problems(400, 403) }
    }
  }, async (request) => {
    const q = request.query
    const limit = q.limit ?? 50
    if (q.unitId !== undefined && q.unitId !== request.actor.unitId) return { items: [], nextCursor: null }
    const after = decodeCursor(q.cursor, ['string', 'string']) as [string, string] | undefined
    const rows = await listVisibleApplications(app.db, request.actor, q, after, limit)
    const result = toPage(rows, limit, (a) => [a.received_date, a.id])
    const services = await requestedServicesOf(app.db, result.items.map((a) => a.id))
    await app.audit(request, result.items.map((a) => ({ action: 'read' as const, resourceType: 'application', resourceId: a.id, personId: a.person_id })))
    return { items: result.items.map((a) => toApplication(a, services.get(a.id) ?? [])), nextCursor: result.nextCursor }
  })

  app.get('/applications/:id', {
    ...reads,
    schema: {
      tags: ['Applications'], operationId: 'getApplication', summary: 'Get an application',
      params: IdParams,
      response: { 200: ref(Application), ...problems(400, 403, 404) }
    }
  }, async (request, reply) => {
    const application = await findVisibleApplication(app.db, request.actor, request.params.id)
    if (!application) throw notFound('Application')
    const services = await requestedServicesOf(app.db, [application.id])
    await app.audit(request, [{ action: 'read', resourceType: 'application', resourceId: application.id, personId: application.person_id }])
    setEtag(reply, application.version)
    return toApplication(application, services.get(application.id) ?? [])
  })

  app.patch('/applications/:id', {
    ...writes,
    schema: {
      tags: ['Applications'], operationId: 'updateApplication', summary: 'Correct an open application',
      description: 'Corrects the received date, channel or urgency of an open application before any of its services is decided. Urgency (which lets a decision skip communication) can change only while the application is `received`.',
      params: IdParams,
      headers: IfMatchHeader,
      body: ApplicationUpdate,
      response: { 200: ref(Application), ...problems(400, 403, 404, 409, 412) }
    }
  }, async (request, reply) => {
    const b = request.body
    if (b.receivedDate !== undefined && b.receivedDate > todayInStockholm()) throw badRequest('/receivedDate', 'The received date cannot be in the future.')
    return sendApplication(reply, await applicationStep(app, request, {
      action: 'update', label: 'update the application',
      change: (current) => {
        if (b.urgent !== undefined && b.urgent !== current.urgent && !canChangeUrgency(current.status)) {
          throw conflict('Urgency is settled at intake: it can be changed only while the application is received.', { currentState: current.status })
        }
        return { received_date: b.receivedDate, channel: b.channel, urgent: b.urgent }
      }
    }))
  })

  await app.register(actions)
}

export default routes
