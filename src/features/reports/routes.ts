/**
 * Reports the law and the city require, derived from recorded events: the quarterly
 * not-executed decisions for IVO and the yearly decisions per month. JSON, or CSV for a
 * spreadsheet with `Accept: text/csv`.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { parseQuarter } from '../../domain/not-executed.js'
import { jsonOrCsv, sendCsv, toCsv, wantsCsv } from '../../http/csv.js'
import { callerOf } from '../../http/caller.js'
import { badRequest } from '../../http/problem.js'
import { problems, ref } from '../../http/schemas.js'
import { notExecutedCsvColumns, decisionsPerMonthCsvColumns } from './csv-columns.js'
import { decisionsPerMonthReport, notExecutedReport, notExecutedStatisticsReport } from './service.js'
import { DecisionsPerMonthReport, NotExecutedReport, NotExecutedStatistics, QuarterQuery, YearQuery } from './schemas.js'

function quarterOf(label: string) {
  const quarter = parseQuarter(label)
  if (!quarter) throw badRequest('/quarter', `Expected a quarter like 2026-Q3; '${label}' is not one.`, 'querystring')
  return quarter
}

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/reports/not-executed-decisions', {
    preValidation: app.requireCapability('read_individual_data'),
    schema: {
      tags: ['Reports'], operationId: 'getNotExecutedDecisionsReport', summary: 'Not-executed decisions for IVO (quarterly)',
      description: [
        'The caller\'s unit\'s favourable decisions on bistånd under the social services act that belong to the quarter\'s report to IVO',
        '(SoL (2001:453) 16 kap. 6 f § until 2025-06-30, SoL (2025:400) 34 kap. 1 § from 2025-07-01: `legalBasis` cites those in force during the quarter).',
        'Service types decided under another act or as something else (riksfärdtjänst, färdtjänst and tandvårdsstöd investigations, fee decisions) are outside the duty.',
        'The clock runs from the decision date, or from the day a reconsideration or a court changed the decision in the applicant\'s favour;',
        'a decision executed in full and then cut below the granted hours is partly executed from that day (`kind: reduced`) until restored or ended.',
        'three months from the decision date passed without execution — or an interruption lasted three months — during the quarter or before it,',
        'and it was not resolved before the quarter began. "Within three months" is month arithmetic: a decision of 2026-03-31 executed on 2026-06-30 is on time;',
        'unexecuted on 2026-07-01 it belongs to 2026-Q3. A decision is reported every quarter until it is executed or ended, and once more in the quarter that happens, with the date.',
        'A partly executed decision reports the missing part; a declined offer is listed but does not close the case.',
        'Rows carry the fields of IVO\'s individual report and identify the person as IVO does (personnummer, or IVO\'s T-number for a person without one), so the report needs the `ivo_reporting` permission (403 without).',
        'A quarter not yet over is answered with `preliminary: true`. `Accept: text/csv` gives the rows as CSV.',
        'Rows about persons with protected identity are listed only for callers with that permission; the summary counts them all (`withheld` says how many rows were not listed).',
        'Each listed row is logged in the access log.'
      ].join(' '),
      querystring: QuarterQuery,
      response: { 200: jsonOrCsv(ref(NotExecutedReport), 'The quarter\'s report.'), ...problems(400, 403) }
    }
  }, async (request, reply) => {
    const quarter = quarterOf(request.query.quarter)
    const report = await app.replicaOr(app.reportsDb, (db) => notExecutedReport(db, callerOf(request), quarter))
    if (wantsCsv(request)) return sendCsv(reply, `ej-verkstallda-beslut-${report.unit.code}-${quarter.label}.csv`, toCsv(notExecutedCsvColumns, report.items))
    return report
  })

  app.get('/reports/not-executed-statistics', {
    preValidation: app.requireCapability('read_statistics'),
    schema: {
      tags: ['Reports'], operationId: 'getNotExecutedStatistics', summary: 'Not-executed decisions: anonymous statistics for the council and the auditors (quarterly)',
      description: 'The same quarter and rules as the IVO report, as counts only — by service type, sex, time waited and reason — for the reports to the council (nämnden, fullmäktige) and the auditors. Every role that reads aggregates may read it. A quarter not yet over is answered with `preliminary: true`.',
      querystring: QuarterQuery,
      response: { 200: ref(NotExecutedStatistics), ...problems(400, 403) }
    }
  }, async (request) => {
    const quarter = quarterOf(request.query.quarter)
    return app.replicaOr(app.reportsDb, (db) => notExecutedStatisticsReport(db, callerOf(request), quarter))
  })

  app.get('/reports/decisions-per-month', {
    schema: {
      tags: ['Reports'], operationId: 'getDecisionsPerMonthReport', summary: 'Decisions per month and service type (yearly)',
      description: 'The caller\'s unit\'s decisions in a year, counted by decision date per month, service type, outcome and sex. Aggregates only, so every role may read it. `Accept: text/csv` gives the table as CSV.',
      querystring: YearQuery,
      response: { 200: jsonOrCsv(ref(DecisionsPerMonthReport), 'The year\'s counts.'), ...problems(400) }
    }
  }, async (request, reply) => {
    const report = await app.replicaOr(app.reportsDb, (db) => decisionsPerMonthReport(db, callerOf(request), request.query.year))
    if (wantsCsv(request)) return sendCsv(reply, `beslut-per-manad-${report.unit.code}-${report.year}.csv`, toCsv(decisionsPerMonthCsvColumns, report.items))
    return report
  })
}

export default routes
