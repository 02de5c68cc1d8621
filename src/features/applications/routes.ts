/** Applications: intake, reading and listing. Process steps live in actions.ts. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { callerOf } from '../../http/caller.js'
import { IdempotencyHeader, IdParams, IfMatchHeader, page, problems, ref } from '../../http/schemas.js'
import actions from './actions.js'
import { correctApplication, getApplication, listApplications, registerApplication } from './service.js'
import { sendApplication, toApplication } from './present.js'
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
    const created = await registerApplication(app.db, callerOf(request), request.body)
    return reply.code(201).header('location', `/v1/applications/${created.application.id}`).send(sendApplication(reply, created))
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
    const page = await listApplications(app.db, callerOf(request), request.query)
    return { items: page.items.map((a) => toApplication(a.application, a.services)), nextCursor: page.nextCursor }
  })

  app.get('/applications/:id', {
    ...reads,
    schema: {
      tags: ['Applications'], operationId: 'getApplication', summary: 'Get an application', description: 'One application of the caller\'s unit: its requested services (and their decisions), investigation, joint case review and withdrawal, with its ETag. 404 when it does not exist or belongs to another unit (existence is never confirmed). The read is written to the access log.',
      params: IdParams,
      response: { 200: ref(Application), ...problems(400, 403, 404) }
    }
  }, async (request, reply) => sendApplication(reply, await getApplication(app.db, callerOf(request), request.params.id)))

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
  }, async (request, reply) => sendApplication(reply, await correctApplication(app.db, callerOf(request), request.params.id, request.body)))

  await app.register(actions)
}

export default routes
