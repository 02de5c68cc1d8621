/**
 * The lifecycle of a complaint: investigate, answer, close — and escalation into a deviation
 * or a Lex Sarah report, which keeps the link both ways.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { callerOf } from '../../http/caller.js'
import { setEtag } from '../../http/etag.js'
import { ActionHeaders, IdParams, problems, ref } from '../../http/schemas.js'
import { toDeviation } from '../deviations/service.js'
import { Deviation, DeviationEscalation } from '../deviations/schemas.js'
import type { InvestigationDays } from '../../domain/lex-sarah-deadlines.js'
import { lexSarahView, presentLexSarahReport } from '../lex-sarah-reports/service.js'
import { LexSarahEscalation, LexSarahReport } from '../lex-sarah-reports/schemas.js'
import { sendComplaint } from './present.js'
import { AnswerBody, CloseComplaintBody, Complaint, InvestigateBody } from './schemas.js'
import { answerComplaint, closeComplaint, escalateToDeviation, escalateToLexSarahReport, investigateComplaint } from './service.js'

const actions: FastifyPluginAsyncTypebox<{ lexSarahInvestigationDays: InvestigationDays }> = async (app, opts) => {
  const handles = { preValidation: app.requireCapability('handle_quality_reports') }
  const stepResponses = { 200: ref(Complaint), ...problems(400, 403, 404, 409, 412, 422) }
  const refusals = 'Refused with 409 and `currentState` when the complaint is not in a state that allows it (e.g. closed).'

  app.post('/complaints/:id/investigate', {
    ...handles,
    schema: {
      tags: ['Quality'], operationId: 'investigateComplaint', summary: 'Start investigating a complaint',
      description: `From \`registered\` to \`investigating\`. ${refusals}`,
      params: IdParams, headers: ActionHeaders, body: InvestigateBody, response: stepResponses
    }
  }, async (request, reply) => sendComplaint(reply, request.actor, await investigateComplaint(app.db, callerOf(request), request.params.id, request.body)))

  app.post('/complaints/:id/answer', {
    ...handles,
    schema: {
      tags: ['Quality'], operationId: 'answerComplaint', summary: 'Record the answer to the submitter',
      description: `Records who answered, how, when and what (the submitter is contacted, usually by a manager). \`answer.onTime\` tells whether it was within the deadline. ${refusals}`,
      params: IdParams, headers: ActionHeaders, body: AnswerBody, response: stepResponses
    }
  }, async (request, reply) => sendComplaint(reply, request.actor, await answerComplaint(app.db, callerOf(request), request.params.id, request.body)))

  app.post('/complaints/:id/close', {
    ...handles,
    schema: {
      tags: ['Quality'], operationId: 'closeComplaint', summary: 'Close a complaint',
      description: `Closes an answered complaint with the measures taken. An anonymous one, which cannot be answered, can be closed without an answer. Whether it led to a deviation or a Lex Sarah report shows in \`ledTo\`; escalate before closing. ${refusals}`,
      params: IdParams, headers: ActionHeaders, body: CloseComplaintBody, response: stepResponses
    }
  }, async (request, reply) => sendComplaint(reply, request.actor, await closeComplaint(app.db, callerOf(request), request.params.id, request.body)))

  app.post('/complaints/:id/deviations', {
    ...handles,
    schema: {
      tags: ['Quality'], operationId: 'escalateComplaintToDeviation', summary: 'Escalate a complaint into a deviation',
      description: `Registers a deviation arising from the complaint: it inherits the complaint's person and decision and keeps the link both ways (\`complaintId\`, \`ledTo.deviationIds\`). If-Match refers to the complaint, whose version changes. ${refusals}`,
      params: IdParams, headers: ActionHeaders, body: DeviationEscalation,
      response: { 201: ref(Deviation), ...problems(400, 403, 404, 409, 412, 422) }
    }
  }, async (request, reply) => {
    const created = await escalateToDeviation(app.db, callerOf(request), request.params.id, request.body)
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
    const created = await escalateToLexSarahReport(app.db, callerOf(request), request.params.id, request.body)
    setEtag(reply, created.version)
    return reply.code(201).header('location', `/v1/lex-sarah-reports/${created.id}`).send(presentLexSarahReport(request.actor, created, await lexSarahView(app.db, opts.lexSarahInvestigationDays)))
  })
}

export default actions
