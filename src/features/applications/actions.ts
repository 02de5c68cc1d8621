/**
 * The process steps of an application: assign, investigate, communicate (and read exactly
 * what was shared), joint case review, withdraw. Deciding is in routes/decisions.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { allowedIn, STATUS_AFTER_INVESTIGATION } from '../../domain/application-process.js'
import { todayInStockholm } from '../../domain/calendar.js'
import { badRequest, invalidState, notFound } from '../../http/problem.js'
import { ActionHeaders, IdParams, IfMatchHeader, problems, ref } from '../../http/schemas.js'
import { toCommunication } from './present.js'
import { findCommunication, findVisibleApplication, insertCommunication, listCommunications, requestedServicesOf } from './repository.js'
import { Application, AssignBody, Communication, CommunicateBody, CommunicationParams, Investigation, JointReviewBody, WithdrawBody } from './schemas.js'
import { applicationStep, sendApplication } from './step.js'

/** A process date must lie between the application's received date and today. */
function assertProcessDate(pointer: string, date: string, receivedDate: string): void {
  if (date < receivedDate) throw badRequest(pointer, `The date cannot be before the application was received (${receivedDate}).`)
  if (date > todayInStockholm()) throw badRequest(pointer, 'The date cannot be in the future.')
}

const actions: FastifyPluginAsyncTypebox = async (app) => {
  const reads = { preValidation: app.requireCapability('read_individual_data') }
  const writes = { preValidation: app.requireCapability('write_individual_data') }
  const stepResponses = { 200: ref(Application), ...problems(400, 403, 404, 409, 412, 422) }

  app.post('/applications/:id/assign', {
    ...writes,
    schema: {
      tags: ['Applications'], operationId: 'assignApplication', summary: 'Assign a case worker',
      params: IdParams, headers: ActionHeaders, body: AssignBody, response: stepResponses
    }
  }, async (request, reply) => sendApplication(reply, await applicationStep(app, request, {
    action: 'assign', label: 'assign a case worker',
    change: () => ({ assigned_case_worker: request.body.caseWorker })
  })))

  app.put('/applications/:id/investigation', {
    ...writes,
    schema: {
      tags: ['Applications'], operationId: 'recordInvestigation', summary: 'Record the investigation',
      description: 'Records the method, the description of needs and the separate assessment part. The application moves to `investigating`; a change after communication must be communicated again before an adverse or housing decision.',
      params: IdParams, headers: IfMatchHeader, body: Investigation, response: stepResponses
    }
  }, async (request, reply) => sendApplication(reply, await applicationStep(app, request, {
    action: 'record_investigation', label: 'record the investigation',
    change: () => ({
      investigation_method: request.body.method,
      needs_description: request.body.needsDescription,
      assessment: request.body.assessment ?? null,
      investigation_recorded_at: new Date().toISOString(),
      status: STATUS_AFTER_INVESTIGATION
    })
  })))

  app.post('/applications/:id/communicate', {
    ...writes,
    schema: {
      tags: ['Applications'], operationId: 'communicateInvestigation', summary: 'Communicate the investigation',
      description: 'Records that the investigation was shared with the applicant (kommunicering) and keeps exactly what was shared: the method, the description of needs and the requested services — never the assessment part. If-Match refers to the application; the application\'s version changes, so GET it again for its new ETag.',
      params: IdParams, headers: ActionHeaders, body: CommunicateBody,
      response: { 201: ref(Communication), ...problems(400, 403, 404, 409, 412, 422) }
    }
  }, async (request, reply) => {
    let communication: Awaited<ReturnType<typeof insertCommunication>> | undefined
    await applicationStep(app, request, {
      action: 'communicate', label: 'communicate the investigation',
      change: async (current, trx) => {
        assertProcessDate('/date', request.body.date, current.received_date)
        // Recorded whenever the state allows communicating; checked so the snapshot is whole.
        if (current.investigation_method === null || current.needs_description === null) {
          throw invalidState('communicate the investigation', current.status, allowedIn('communicate'))
        }
        const services = (await requestedServicesOf(trx, [current.id])).get(current.id) ?? []
        communication = await insertCommunication(trx, {
          application_id: current.id,
          communicated_date: request.body.date,
          recipient: request.body.recipient,
          communicated_by: request.actor.subject,
          investigation_method: current.investigation_method,
          needs_description: current.needs_description,
          requested_services: JSON.stringify(services.map((s) => ({ serviceTypeCode: s.service_type_code, requestedHoursPerMonth: s.requested_hours_per_month })))
        })
        return { status: 'communicated' }
      }
    })
    if (!communication) throw new Error('communicate: the step recorded no communication')
    return reply.code(201).header('location', `/v1/applications/${request.params.id}/communications/${communication.id}`)
      .send(toCommunication(communication))
  })

  app.get('/applications/:id/communications', {
    ...reads,
    schema: {
      tags: ['Applications'], operationId: 'listCommunications', summary: 'List what was communicated',
      params: IdParams,
      response: { 200: Type.Object({ items: Type.Array(ref(Communication)) }), ...problems(400, 403, 404) }
    }
  }, async (request) => {
    const application = await findVisibleApplication(app.db, request.actor, request.params.id)
    if (!application) throw notFound('Application')
    await app.audit(request, [{ action: 'read', resourceType: 'communication', resourceId: application.id, personId: application.person_id }])
    return { items: (await listCommunications(app.db, application.id)).map(toCommunication) }
  })

  app.get('/applications/:id/communications/:communicationId', {
    ...reads,
    schema: {
      tags: ['Applications'], operationId: 'getCommunication', summary: 'Get exactly the version that was shared',
      description: 'The investigation as it was communicated on that date, without the assessment part.',
      params: CommunicationParams,
      response: { 200: ref(Communication), ...problems(400, 403, 404) }
    }
  }, async (request) => {
    const application = await findVisibleApplication(app.db, request.actor, request.params.id)
    const communication = application && await findCommunication(app.db, application.id, request.params.communicationId)
    if (!application || !communication) throw notFound('Communication')
    await app.audit(request, [{ action: 'read', resourceType: 'communication', resourceId: communication.id, personId: application.person_id }])
    return toCommunication(communication)
  })

  app.post('/applications/:id/joint-review', {
    ...writes,
    schema: {
      tags: ['Applications'], operationId: 'recordJointReview', summary: 'Record a joint case review',
      description: 'Records the joint case review (ärendegenomgång) with the managers present. Required before deciding a housing service.',
      params: IdParams, headers: ActionHeaders, body: JointReviewBody, response: stepResponses
    }
  }, async (request, reply) => sendApplication(reply, await applicationStep(app, request, {
    action: 'record_joint_review', label: 'record a joint case review',
    change: (current) => {
      assertProcessDate('/date', request.body.date, current.received_date)
      return { joint_review_date: request.body.date, joint_review_participants: request.body.participants, joint_review_notes: request.body.notes ?? null }
    }
  })))

  app.post('/applications/:id/withdraw', {
    ...writes,
    schema: {
      tags: ['Applications'], operationId: 'withdrawApplication', summary: 'Withdraw an application',
      description: 'The applicant withdraws the application (återtagen). Only before it is decided.',
      params: IdParams, headers: ActionHeaders, body: WithdrawBody, response: stepResponses
    }
  }, async (request, reply) => sendApplication(reply, await applicationStep(app, request, {
    action: 'withdraw', label: 'withdraw the application',
    change: (current) => {
      assertProcessDate('/date', request.body.date, current.received_date)
      return { status: 'withdrawn', withdrawn_date: request.body.date, withdrawal_reason: request.body.reason ?? null }
    }
  })))
}

export default actions
