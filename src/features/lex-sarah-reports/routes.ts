/**
 * Lex Sarah reports: report, read, list, and the lifecycle actions — investigate, assess,
 * notify IVO, record IVO's response, close. Only quality staff and managers see what a report
 * says and whom it concerns; every other role sees that it exists and its status.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import { todayInStockholm } from '../../domain/calendar.js'
import { assessmentError, lexSarahRefusal, type LexSarahAction } from '../../domain/lex-sarah-process.js'
import { dueDate } from '../../domain/quality-deadlines.js'
import { setEtag } from '../../http/etag.js'
import { decodeCursor, toPage } from '../../http/pagination.js'
import { badRequest, conflict, forbidden, invalidState, notFound } from '../../http/problem.js'
import { ActionHeaders, IdempotencyHeader, IdParams, page, problems, ref } from '../../http/schemas.js'
import { assertFactDate, latest } from '../../http/fact-dates.js'
import { resolveCaseLink } from '../quality/links.js'
import { qualityStep } from '../quality/step.js'
import { createLexSarahReport } from './create.js'
import { seesLexSarahDetails, toLexSarahReport } from './present.js'
import { findReport, findVisibleReport, listVisibleReports, updateReport, type LexSarahRow } from './repository.js'
import {
  AssessBody, CloseReportBody, DETAIL_FILTERS, InvestigateReportBody, IvoNotificationBody, IvoResponseBody, LexSarahListQuery,
  LexSarahReport, LexSarahReportCreate
} from './schemas.js'

const LABELS: Record<LexSarahAction, string> = {
  investigate: 'start the investigation',
  assess: 'assess the report',
  notify_ivo: 'notify IVO',
  record_ivo_response: 'record IVO\'s response',
  close: 'close the report'
}

function checkAllowed(action: LexSarahAction, current: LexSarahRow) {
  const refusal = lexSarahRefusal(action, { status: current.status, serious: current.serious, forInformation: current.for_information })
  if (refusal?.kind === 'state') throw invalidState(LABELS[action], current.status, refusal.allowed)
  if (refusal?.kind === 'rule') throw conflict(refusal.detail, { currentState: current.status, rule: refusal.rule })
}

/** Person reads are logged only where the caller saw whom the report concerns. */
const readEvents = (request: FastifyRequest, reports: LexSarahRow[]) => seesLexSarahDetails(request.actor)
  ? reports.filter((r) => r.person_id !== null).map((r) => ({ action: 'read' as const, resourceType: 'lex_sarah_report', resourceId: r.id, personId: r.person_id }))
  : []

const routes: FastifyPluginAsyncTypebox<{ ivoNotificationDays: number }> = async (app, opts) => {
  const reads = { preValidation: app.requireCapability('read_quality_reports') }
  const handles = { preValidation: app.requireCapability('handle_quality_reports') }
  const stepResponses = { 200: ref(LexSarahReport), ...problems(400, 403, 404, 409, 412, 422) }
  const view = (request: FastifyRequest, report: LexSarahRow) => toLexSarahReport(report, { today: todayInStockholm(), seesDetails: seesLexSarahDetails(request.actor) })

  app.post('/lex-sarah-reports', {
    preValidation: app.requireCapability('register_quality_reports'),
    schema: {
      tags: ['Quality'], operationId: 'createLexSarahReport', summary: 'Report wrongdoing or a risk of wrongdoing (Lex Sarah)',
      description: 'Any member of staff reports at once (SoL 14 kap. 3 §). `place` is the unit or a provider; a provider\'s own report can arrive for information (`forInformation`). A person or decision must be of the caller\'s unit (otherwise 400, whether or not it exists elsewhere). The answer shows the details only to quality staff and managers.',
      headers: IdempotencyHeader, body: LexSarahReportCreate,
      response: { 201: ref(LexSarahReport), ...problems(400, 403, 422) }
    }
  }, async (request, reply) => {
    const { personId, decisionId, ...body } = request.body
    const report = await app.db.transaction().execute(async (trx) =>
      createLexSarahReport(app, request, trx, body, await resolveCaseLink(trx, request.actor, { personId, decisionId }), null))
    setEtag(reply, report.version)
    return reply.code(201).header('location', `/v1/lex-sarah-reports/${report.id}`).send(view(request, report))
  })

  app.get('/lex-sarah-reports', {
    ...reads,
    schema: {
      tags: ['Quality'], operationId: 'listLexSarahReports', summary: 'List Lex Sarah reports',
      description: 'The caller\'s unit\'s reports, newest reported first. `ivoNotificationOverdue=true` lists serious reports whose IVO notification deadline has passed without a notification. Filters on what a report says need the right to read Lex Sarah details (403 otherwise).',
      querystring: LexSarahListQuery,
      response: { 200: page(ref(LexSarahReport)), ...problems(400, 403) }
    }
  }, async (request) => {
    const { limit = 50, cursor, ivoNotificationOverdue, ...filter } = request.query
    const detailFilter = DETAIL_FILTERS.find((name) => request.query[name] !== undefined)
    if (detailFilter && !seesLexSarahDetails(request.actor)) throw forbidden(`Filtering by ${detailFilter} needs the right to read Lex Sarah details.`)
    const after = decodeCursor(cursor, ['string', 'string']) as [string, string] | undefined
    const rows = await listVisibleReports(app.db, request.actor, {
      ...filter,
      ivoOverdueOn: ivoNotificationOverdue === undefined ? undefined : { today: todayInStockholm(), overdue: ivoNotificationOverdue }
    }, after, limit)
    const result = toPage(rows, limit, (r) => [r.reported_date, r.id])
    await app.audit(request, readEvents(request, result.items))
    return { items: result.items.map((r) => view(request, r)), nextCursor: result.nextCursor }
  })

  app.get('/lex-sarah-reports/:id', {
    ...reads,
    schema: {
      tags: ['Quality'], operationId: 'getLexSarahReport', summary: 'Get a Lex Sarah report',
      description: '`details` is null unless the caller is quality staff or a unit manager (or deputy).',
      params: IdParams,
      response: { 200: ref(LexSarahReport), ...problems(400, 403, 404) }
    }
  }, async (request, reply) => {
    const report = await findVisibleReport(app.db, request.actor, request.params.id)
    if (!report) throw notFound('Lex Sarah report')
    await app.audit(request, readEvents(request, [report]))
    setEtag(reply, report.version)
    return view(request, report)
  })

  const step = (request: FastifyRequest<{ Params: { id: string } }>, action: LexSarahAction, apply: (current: LexSarahRow) => Parameters<typeof updateReport>[2]) =>
    qualityStep(app, request, {
      resource: 'Lex Sarah report',
      resourceType: 'lex_sarah_report',
      lock: (trx) => findVisibleReport(trx, request.actor, request.params.id, { forUpdate: true }),
      check: (current) => checkAllowed(action, current),
      apply: (current, trx) => updateReport(trx, current.id, apply(current)),
      reload: findReport
    })
  const refusals = 'Refused with 409 and `currentState` when the report is not in a state that allows it (e.g. closed).'

  app.post('/lex-sarah-reports/:id/investigate', {
    ...handles,
    schema: {
      tags: ['Quality'], operationId: 'investigateLexSarahReport', summary: 'Start investigating a Lex Sarah report',
      description: `From \`reported\` to \`investigating\`. ${refusals}`,
      params: IdParams, headers: ActionHeaders, body: InvestigateReportBody, response: stepResponses
    }
  }, async (request, reply) => {
    const report = await step(request, 'investigate', (current) => {
      assertFactDate('/date', request.body.date, current.reported_date, 'when it was reported')
      return { status: 'investigating', investigation_started_date: request.body.date, investigator: request.body.investigator ?? null }
    })
    setEtag(reply, report.version)
    return view(request, report)
  })

  app.post('/lex-sarah-reports/:id/assessment', {
    ...handles,
    schema: {
      tags: ['Quality'], operationId: 'assessLexSarahReport', summary: 'Record the assessment',
      description: `No wrongdoing, wrongdoing or risk of wrongdoing, and whether it is serious. A serious assessment must be notified to IVO within LEX_SARAH_IVO_NOTIFICATION_DAYS (default 14) of the assessment date. The assessment can be revised until IVO is notified. ${refusals}`,
      params: IdParams, headers: ActionHeaders, body: AssessBody, response: stepResponses
    }
  }, async (request, reply) => {
    const b = request.body
    const error = assessmentError(b.assessment, b.serious)
    if (error) throw badRequest('/serious', error)
    const report = await step(request, 'assess', (current) => {
      assertFactDate('/date', b.date, latest(current.reported_date, current.investigation_started_date), 'when the investigation started')
      return {
        status: 'assessed', assessed_date: b.date, assessment: b.assessment, serious: b.serious, assessment_summary: b.summary ?? null,
        ivo_notification_due_date: b.serious ? dueDate(b.date, opts.ivoNotificationDays) : null
      }
    })
    setEtag(reply, report.version)
    return view(request, report)
  })

  app.post('/lex-sarah-reports/:id/ivo-notification', {
    ...handles,
    schema: {
      tags: ['Quality'], operationId: 'notifyIvoOfLexSarahReport', summary: 'Record the notification to IVO',
      description: `Records that a serious report was notified to IVO (SoL 14 kap. 7 §), with IVO's reference. Only for a report assessed as serious (409, \`rule: not_serious\`). ${refusals}`,
      params: IdParams, headers: ActionHeaders, body: IvoNotificationBody, response: stepResponses
    }
  }, async (request, reply) => {
    const report = await step(request, 'notify_ivo', (current) => {
      assertFactDate('/date', request.body.date, current.assessed_date, 'when the report was assessed')
      return { status: 'notified_to_ivo', ivo_notified_date: request.body.date, ivo_reference: request.body.reference }
    })
    setEtag(reply, report.version)
    return view(request, report)
  })

  app.post('/lex-sarah-reports/:id/ivo-response', {
    ...handles,
    schema: {
      tags: ['Quality'], operationId: 'recordIvoResponse', summary: 'Record IVO\'s response',
      description: `Records what IVO concluded, e.g. that the obligations were fulfilled and its case is closed. ${refusals}`,
      params: IdParams, headers: ActionHeaders, body: IvoResponseBody, response: stepResponses
    }
  }, async (request, reply) => {
    const report = await step(request, 'record_ivo_response', (current) => {
      assertFactDate('/date', request.body.date, current.ivo_notified_date, 'when IVO was notified')
      return { status: 'ivo_responded', ivo_response_date: request.body.date, ivo_response: request.body.response }
    })
    setEtag(reply, report.version)
    return view(request, report)
  })

  app.post('/lex-sarah-reports/:id/close', {
    ...handles,
    schema: {
      tags: ['Quality'], operationId: 'closeLexSarahReport', summary: 'Close a Lex Sarah report',
      description: `Closes the report with the measures taken and what was learnt. A report assessed as serious cannot be closed before IVO is notified (409, \`rule: ivo_notification_required\`). A provider's report for information can be closed without an investigation. ${refusals}`,
      params: IdParams, headers: ActionHeaders, body: CloseReportBody, response: stepResponses
    }
  }, async (request, reply) => {
    const report = await step(request, 'close', (current) => {
      const notBefore = latest(current.reported_date, current.investigation_started_date, current.assessed_date, current.ivo_notified_date, current.ivo_response_date)
      assertFactDate('/date', request.body.date, notBefore, 'the last date on record for this report')
      return { status: 'closed', closed_date: request.body.date, measures: request.body.measures, learning: request.body.learning ?? null }
    })
    setEtag(reply, report.version)
    return view(request, report)
  })
}

export default routes
