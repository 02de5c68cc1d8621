/**
 * The process steps of an application: assign, investigate, communicate (and read exactly
 * what was shared), joint case review, withdraw. Deciding is in the decisions feature.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { callerOf } from '../../http/caller.js'
import { ActionHeaders, IdParams, IfMatchHeader, problems, ref } from '../../http/schemas.js'
import { sendApplication, toCommunication } from './present.js'
import { Application, AssignBody, Communication, CommunicateBody, CommunicationParams, Investigation, JointReviewBody, WithdrawBody } from './schemas.js'
import {
  assignCaseWorker, communicateInvestigation, getCommunication, listCommunicationsOf, recordInvestigation, recordJointReview, withdrawApplication
} from './service.js'

const actions: FastifyPluginAsyncTypebox = async (app) => {
  const reads = { preValidation: app.requireCapability('read_individual_data') }
  const writes = { preValidation: app.requireCapability('write_individual_data') }
  const stepResponses = { 200: ref(Application), ...problems(400, 403, 404, 409, 412, 422) }

  app.post('/applications/:id/assign', {
    ...writes,
    schema: {
      tags: ['Applications'], operationId: 'assignApplication', summary: 'Assign a case worker', description: 'Sets the case worker responsible for an open application (their token\'s `sub`); the worklists follow. Not after every requested service is decided or the application is withdrawn (409 with `currentState`).',
      params: IdParams, headers: ActionHeaders, body: AssignBody, response: stepResponses
    }
  }, async (request, reply) => sendApplication(reply, await assignCaseWorker(app.db, callerOf(request), request.params.id, request.body)))

  app.put('/applications/:id/investigation', {
    ...writes,
    schema: {
      tags: ['Applications'], operationId: 'recordInvestigation', summary: 'Record the investigation',
      description: 'Records the method, the description of needs and the separate assessment part. The application moves to `investigating`; a change after communication must be communicated again before an adverse or housing decision.',
      params: IdParams, headers: IfMatchHeader, body: Investigation, response: stepResponses
    }
  }, async (request, reply) => sendApplication(reply, await recordInvestigation(app.db, callerOf(request), request.params.id, request.body)))

  app.post('/applications/:id/communicate', {
    ...writes,
    schema: {
      tags: ['Applications'], operationId: 'communicateInvestigation', summary: 'Communicate the investigation',
      description: 'Records that the investigation was shared with the applicant (kommunicering) and keeps exactly what was shared: the method, the description of needs and the requested services — never the assessment part. If-Match refers to the application; the application\'s version changes, so GET it again for its new ETag.',
      params: IdParams, headers: ActionHeaders, body: CommunicateBody,
      response: { 201: ref(Communication), ...problems(400, 403, 404, 409, 412, 422) }
    }
  }, async (request, reply) => {
    const communication = await communicateInvestigation(app.db, callerOf(request), request.params.id, request.body)
    return reply.code(201).header('location', `/v1/applications/${request.params.id}/communications/${communication.id}`)
      .send(toCommunication(communication))
  })

  app.get('/applications/:id/communications', {
    ...reads,
    schema: {
      tags: ['Applications'], operationId: 'listCommunications', summary: 'List what was communicated', description: 'Every communication of the application\'s investigation (kommunicering), oldest first: exactly what was shared, to whom and when (never the assessment part). 404 when it does not exist or belongs to another unit (existence is never confirmed). The read is written to the access log.',
      params: IdParams,
      response: { 200: Type.Object({ items: Type.Array(ref(Communication)) }), ...problems(400, 403, 404) }
    }
  }, async (request) => ({ items: (await listCommunicationsOf(app.db, callerOf(request), request.params.id)).map(toCommunication) }))

  app.get('/applications/:id/communications/:communicationId', {
    ...reads,
    schema: {
      tags: ['Applications'], operationId: 'getCommunication', summary: 'Get exactly the version that was shared',
      description: 'The investigation as it was communicated on that date, without the assessment part.',
      params: CommunicationParams,
      response: { 200: ref(Communication), ...problems(400, 403, 404) }
    }
  }, async (request) => toCommunication(await getCommunication(app.db, callerOf(request), request.params.id, request.params.communicationId)))

  app.post('/applications/:id/joint-review', {
    ...writes,
    schema: {
      tags: ['Applications'], operationId: 'recordJointReview', summary: 'Record a joint case review',
      description: 'Records the joint case review (ärendegenomgång) with the managers present. Required before deciding a housing service.',
      params: IdParams, headers: ActionHeaders, body: JointReviewBody, response: stepResponses
    }
  }, async (request, reply) => sendApplication(reply, await recordJointReview(app.db, callerOf(request), request.params.id, request.body)))

  app.post('/applications/:id/withdraw', {
    ...writes,
    schema: {
      tags: ['Applications'], operationId: 'withdrawApplication', summary: 'Withdraw an application',
      description: 'The applicant withdraws the application (återtagen). Only before it is decided.',
      params: IdParams, headers: ActionHeaders, body: WithdrawBody, response: stepResponses
    }
  }, async (request, reply) => sendApplication(reply, await withdrawApplication(app.db, callerOf(request), request.params.id, request.body)))
}

export default actions
