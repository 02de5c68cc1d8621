/**
 * Lex Sarah reports: report, read, list, and the lifecycle actions — investigate, assess,
 * notify IVO, record IVO's response, close. Only quality staff and managers see what a report
 * says and whom it concerns; every other role sees that it exists and its status.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { callerOf } from '../../http/caller.js'
import { ActionHeaders, IdempotencyHeader, IdParams, page, problems, ref } from '../../http/schemas.js'
import type { InvestigationDays } from '../../domain/lex-sarah-deadlines.js'
import { presentLexSarahReport, sendLexSarahReport } from './present.js'
import {
  AssessBody, CloseReportBody, InvestigateReportBody, IvoNotificationBody, IvoResponseBody, LexSarahListQuery,
  LexSarahReport, LexSarahReportCreate
} from './schemas.js'
import {
  assessReport, closeReport, createLexSarahReport, getLexSarahReport, investigateReport, lexSarahView, listLexSarahReports, recordIvoNotification, recordIvoResponse
} from './service.js'

const routes: FastifyPluginAsyncTypebox<{ ivoNotificationDays: number; investigationDays: InvestigationDays }> = async (app, opts) => {
  /** The catalogue, the configured investigation deadlines and the day (today, or a list's `asOf`) a report is shown for. */
  const view = (asOf?: string) => lexSarahView(app.db, opts.investigationDays, asOf)
  const reads = { preValidation: app.requireCapability('read_quality_reports') }
  const handles = { preValidation: app.requireCapability('handle_quality_reports') }
  const stepResponses = { 200: ref(LexSarahReport), ...problems(400, 403, 404, 409, 412, 422) }

  app.post('/lex-sarah-reports', {
    preValidation: app.requireCapability('register_quality_reports'),
    schema: {
      tags: ['Quality'], operationId: 'createLexSarahReport', summary: 'Report wrongdoing or a risk of wrongdoing (Lex Sarah)',
      description: 'Any member of staff reports at once (SoL (2001:453) 14 kap. 3 § until 2025-06-30, SoL (2025:400) 27 kap. 2 § from 2025-07-01; `legalBasis` cites those in force on the reported date). `place` is the unit or a provider; a provider\'s own report can arrive for information (`forInformation`). A person or decision must be of the caller\'s unit (otherwise 400, whether or not it exists elsewhere). The answer shows the details only to quality staff and managers.',
      headers: IdempotencyHeader, body: LexSarahReportCreate,
      response: { 201: ref(LexSarahReport), ...problems(400, 403, 422) }
    }
  }, async (request, reply) => {
    const report = await createLexSarahReport(app.db, callerOf(request), request.body)
    return reply.code(201).header('location', `/v1/lex-sarah-reports/${report.id}`).send(sendLexSarahReport(reply, request.actor, report, await view()))
  })

  app.get('/lex-sarah-reports', {
    ...reads,
    schema: {
      tags: ['Quality'], operationId: 'listLexSarahReports', summary: 'List Lex Sarah reports',
      description: 'The caller\'s unit\'s reports, newest reported first. `ivoNotificationOverdue=true` lists serious reports whose IVO notification deadline has passed without a notification; `investigationOverdue=true` those whose investigation was not started or not finished (assessed) in time (LEX_SARAH_INVESTIGATION_START_DAYS, LEX_SARAH_INVESTIGATION_DAYS from the reported date). `asOf` is the day both are judged on (default today, Stockholm), for the filters and the flags alike. Filters on what a report says need the right to read Lex Sarah details (403 otherwise).',
      querystring: LexSarahListQuery,
      response: { 200: page(ref(LexSarahReport)), ...problems(400, 403) }
    }
  }, async (request) => {
    const [result, shown] = await Promise.all([listLexSarahReports(app.db, callerOf(request), request.query, opts.investigationDays), view(request.query.asOf)])
    return { items: result.items.map((r) => presentLexSarahReport(request.actor, r, shown)), nextCursor: result.nextCursor }
  })

  app.get('/lex-sarah-reports/:id', {
    ...reads,
    schema: {
      tags: ['Quality'], operationId: 'getLexSarahReport', summary: 'Get a Lex Sarah report',
      description: '`details` is null unless the caller is quality staff or a unit manager (or deputy).',
      params: IdParams,
      response: { 200: ref(LexSarahReport), ...problems(400, 403, 404) }
    }
  }, async (request, reply) => sendLexSarahReport(reply, request.actor, await getLexSarahReport(app.db, callerOf(request), request.params.id), await view()))

  const refusals = 'Refused with 409 and `currentState` when the report is not in a state that allows it (e.g. closed).'

  app.post('/lex-sarah-reports/:id/investigate', {
    ...handles,
    schema: {
      tags: ['Quality'], operationId: 'investigateLexSarahReport', summary: 'Start investigating a Lex Sarah report',
      description: `From \`reported\` to \`investigating\`. ${refusals}`,
      params: IdParams, headers: ActionHeaders, body: InvestigateReportBody, response: stepResponses
    }
  }, async (request, reply) => sendLexSarahReport(reply, request.actor, await investigateReport(app.db, callerOf(request), request.params.id, request.body), await view()))

  app.post('/lex-sarah-reports/:id/assessment', {
    ...handles,
    schema: {
      tags: ['Quality'], operationId: 'assessLexSarahReport', summary: 'Record the assessment',
      description: `No wrongdoing, wrongdoing or risk of wrongdoing, and whether it is serious. A serious assessment must be notified to IVO within LEX_SARAH_IVO_NOTIFICATION_DAYS (default 14) of the assessment date. The assessment can be revised until IVO is notified. ${refusals}`,
      params: IdParams, headers: ActionHeaders, body: AssessBody, response: stepResponses
    }
  }, async (request, reply) =>
    sendLexSarahReport(reply, request.actor, await assessReport(app.db, callerOf(request), request.params.id, request.body, opts.ivoNotificationDays), await view()))

  app.post('/lex-sarah-reports/:id/ivo-notification', {
    ...handles,
    schema: {
      tags: ['Quality'], operationId: 'notifyIvoOfLexSarahReport', summary: 'Record the notification to IVO',
      description: `Records that a serious report was notified to IVO (SoL (2001:453) 14 kap. 7 §, from 2025-07-01 SoL (2025:400) 27 kap. 6 §), with IVO's reference. Only for a report assessed as serious (409, \`rule: not_serious\`). ${refusals}`,
      params: IdParams, headers: ActionHeaders, body: IvoNotificationBody, response: stepResponses
    }
  }, async (request, reply) => sendLexSarahReport(reply, request.actor, await recordIvoNotification(app.db, callerOf(request), request.params.id, request.body), await view()))

  app.post('/lex-sarah-reports/:id/ivo-response', {
    ...handles,
    schema: {
      tags: ['Quality'], operationId: 'recordIvoResponse', summary: 'Record IVO\'s response',
      description: `Records what IVO concluded, e.g. that the obligations were fulfilled and its case is closed. ${refusals}`,
      params: IdParams, headers: ActionHeaders, body: IvoResponseBody, response: stepResponses
    }
  }, async (request, reply) => sendLexSarahReport(reply, request.actor, await recordIvoResponse(app.db, callerOf(request), request.params.id, request.body), await view()))

  app.post('/lex-sarah-reports/:id/close', {
    ...handles,
    schema: {
      tags: ['Quality'], operationId: 'closeLexSarahReport', summary: 'Close a Lex Sarah report',
      description: `Closes the report with the measures taken and what was learnt. A report assessed as serious cannot be closed before IVO is notified (409, \`rule: ivo_notification_required\`). A provider's report for information can be closed without an investigation. ${refusals}`,
      params: IdParams, headers: ActionHeaders, body: CloseReportBody, response: stepResponses
    }
  }, async (request, reply) => sendLexSarahReport(reply, request.actor, await closeReport(app.db, callerOf(request), request.params.id, request.body), await view()))
}

export default routes
