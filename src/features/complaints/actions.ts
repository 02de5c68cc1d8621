/**
 * The lifecycle of a complaint: investigate, answer, close — and escalation into a deviation
 * or a Lex Sarah report, which keeps the link both ways.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Transaction } from 'kysely'
import type { DB } from '../../db/schema.js'
import { todayInStockholm } from '../../domain/calendar.js'
import { complaintAllowedIn, isComplaintActionAllowed, type ComplaintAction } from '../../domain/complaint-process.js'
import { setEtag } from '../../http/etag.js'
import { invalidState } from '../../http/problem.js'
import { ActionHeaders, IdParams, problems, ref } from '../../http/schemas.js'
import { createDeviation } from '../deviations/create.js'
import { toDeviation } from '../deviations/present.js'
import { Deviation, DeviationEscalation } from '../deviations/schemas.js'
import { createLexSarahReport } from '../lex-sarah-reports/create.js'
import { seesLexSarahDetails, toLexSarahReport } from '../lex-sarah-reports/present.js'
import { LexSarahEscalation, LexSarahReport } from '../lex-sarah-reports/schemas.js'
import { assertFactDate, latest } from '../../http/fact-dates.js'
import { qualityStep } from '../quality/step.js'
import { findComplaint, findVisibleComplaint, updateComplaint, type ComplaintChanges, type ComplaintRow } from './repository.js'
import { presentComplaint } from './present.js'
import { AnswerBody, CloseComplaintBody, Complaint, InvestigateBody } from './schemas.js'

const LABELS: Record<ComplaintAction, string> = {
  investigate: 'start investigating the complaint',
  answer: 'answer the complaint',
  close: 'close the complaint',
  escalate: 'escalate the complaint'
}

function checkAllowed(action: ComplaintAction, current: ComplaintRow) {
  if (!isComplaintActionAllowed(action, current.status, current.submitted_by)) {
    throw invalidState(LABELS[action], current.status, complaintAllowedIn(action, current.submitted_by))
  }
}

const actions: FastifyPluginAsyncTypebox = async (app) => {
  const handles = { preValidation: app.requireCapability('handle_quality_reports') }
  const stepResponses = { 200: ref(Complaint), ...problems(400, 403, 404, 409, 412, 422) }
  const refusals = 'Refused with 409 and `currentState` when the complaint is not in a state that allows it (e.g. closed).'

  const step = (request: FastifyRequest<{ Params: { id: string } }>, action: ComplaintAction, apply: (current: ComplaintRow) => ComplaintChanges) =>
    qualityStep(app, request, {
      resource: 'Complaint',
      resourceType: 'complaint',
      lock: (trx) => findVisibleComplaint(trx, request.actor, request.params.id, { forUpdate: true }),
      check: (current) => checkAllowed(action, current),
      apply: (current, trx) => updateComplaint(trx, current.id, apply(current)),
      reload: findComplaint
    })
  const send = async (request: FastifyRequest, reply: FastifyReply, complaint: ComplaintRow) => {
    setEtag(reply, complaint.version)
    return presentComplaint(app.db, request.actor, complaint)
  }

  app.post('/complaints/:id/investigate', {
    ...handles,
    schema: {
      tags: ['Quality'], operationId: 'investigateComplaint', summary: 'Start investigating a complaint',
      description: `From \`registered\` to \`investigating\`. ${refusals}`,
      params: IdParams, headers: ActionHeaders, body: InvestigateBody, response: stepResponses
    }
  }, async (request, reply) => send(request, reply, await step(request, 'investigate', (current) => {
    assertFactDate('/date', request.body.date, current.received_date, 'when it was received')
    return { status: 'investigating', investigation_started_date: request.body.date, investigator: request.body.investigator ?? null }
  })))

  app.post('/complaints/:id/answer', {
    ...handles,
    schema: {
      tags: ['Quality'], operationId: 'answerComplaint', summary: 'Record the answer to the submitter',
      description: `Records who answered, how, when and what (the submitter is contacted, usually by a manager). \`answer.onTime\` tells whether it was within the deadline. ${refusals}`,
      params: IdParams, headers: ActionHeaders, body: AnswerBody, response: stepResponses
    }
  }, async (request, reply) => send(request, reply, await step(request, 'answer', (current) => {
    const b = request.body
    assertFactDate('/date', b.date, latest(current.received_date, current.investigation_started_date), 'the last date on record for this complaint')
    return { status: 'answered', answered_date: b.date, answered_by: b.answeredBy, answer_method: b.method, answer: b.answer }
  })))

  app.post('/complaints/:id/close', {
    ...handles,
    schema: {
      tags: ['Quality'], operationId: 'closeComplaint', summary: 'Close a complaint',
      description: `Closes an answered complaint with the measures taken. An anonymous one, which cannot be answered, can be closed without an answer. Whether it led to a deviation or a Lex Sarah report shows in \`ledTo\`; escalate before closing. ${refusals}`,
      params: IdParams, headers: ActionHeaders, body: CloseComplaintBody, response: stepResponses
    }
  }, async (request, reply) => send(request, reply, await step(request, 'close', (current) => {
    assertFactDate('/date', request.body.date, latest(current.received_date, current.investigation_started_date, current.answered_date), 'the last date on record for this complaint')
    return { status: 'closed', closed_date: request.body.date, measures: request.body.measures ?? null }
  })))

  /** Creates the escalated item in the complaint's step, so the link and the complaint's new version are one change. */
  async function escalate<T>(request: FastifyRequest<{ Params: { id: string } }>, create: (current: ComplaintRow, trx: Transaction<DB>) => Promise<T>): Promise<T> {
    let created: T | undefined
    await qualityStep(app, request, {
      resource: 'Complaint',
      resourceType: 'complaint',
      lock: (trx) => findVisibleComplaint(trx, request.actor, request.params.id, { forUpdate: true }),
      check: (current) => checkAllowed('escalate', current),
      apply: async (current, trx) => {
        created = await create(current, trx)
        await updateComplaint(trx, current.id, {})
      },
      reload: findComplaint
    })
    if (created === undefined) throw new Error('the escalation created nothing')
    return created
  }

  app.post('/complaints/:id/deviations', {
    ...handles,
    schema: {
      tags: ['Quality'], operationId: 'escalateComplaintToDeviation', summary: 'Escalate a complaint into a deviation',
      description: `Registers a deviation arising from the complaint: it inherits the complaint's person and decision and keeps the link both ways (\`complaintId\`, \`ledTo.deviationIds\`). If-Match refers to the complaint, whose version changes. ${refusals}`,
      params: IdParams, headers: ActionHeaders, body: DeviationEscalation,
      response: { 201: ref(Deviation), ...problems(400, 403, 404, 409, 412, 422) }
    }
  }, async (request, reply) => {
    const created = await escalate(request, (current, trx) =>
      createDeviation(app, request, trx, request.body, { person_id: current.person_id, decision_id: current.decision_id }, { id: current.id, receivedDate: current.received_date }))
    setEtag(reply, created.version)
    return reply.code(201).header('location', `/v1/deviations/${created.id}`).send(toDeviation(created))
  })

  app.post('/complaints/:id/lex-sarah-reports', {
    ...handles,
    schema: {
      tags: ['Quality'], operationId: 'escalateComplaintToLexSarahReport', summary: 'Escalate a complaint into a Lex Sarah report',
      description: `Reports a Lex Sarah matter arising from the complaint: it inherits the complaint's person and decision and keeps the link both ways (\`details.complaintId\`, \`ledTo.lexSarahReportIds\`). If-Match refers to the complaint, whose version changes. ${refusals}`,
      params: IdParams, headers: ActionHeaders, body: LexSarahEscalation,
      response: { 201: ref(LexSarahReport), ...problems(400, 403, 404, 409, 412, 422) }
    }
  }, async (request, reply) => {
    const created = await escalate(request, (current, trx) =>
      createLexSarahReport(app, request, trx, request.body, { person_id: current.person_id, decision_id: current.decision_id }, { id: current.id, receivedDate: current.received_date }))
    setEtag(reply, created.version)
    return reply.code(201).header('location', `/v1/lex-sarah-reports/${created.id}`)
      .send(toLexSarahReport(created, { today: todayInStockholm(), seesDetails: seesLexSarahDetails(request.actor) }))
  })
}

export default actions
