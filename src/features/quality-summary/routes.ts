/** GET /v1/reports/quality-summary: the annual quality summary, with the previous year beside it. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { callerOf } from '../../http/caller.js'
import { problems, ref } from '../../http/schemas.js'
import { QualitySummary, QualitySummaryQuery } from './schemas.js'
import { qualitySummaryReport } from './service.js'

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/reports/quality-summary', {
    schema: {
      tags: ['Reports'], operationId: 'getQualitySummaryReport', summary: 'Annual quality summary: complaints, deviations, Lex Sarah',
      description: [
        'The caller\'s unit\'s complaints and feedback by kind, category, target and provider regime, deviations by target and category,',
        'and Lex Sarah reports by category and assessment with how many were serious and notified to IVO — each as a share of the year\'s total',
        '("33 % (10/30)"), with the previous year beside it. Aggregates only, so every role may read it.'
      ].join(' '),
      querystring: QualitySummaryQuery,
      response: { 200: ref(QualitySummary), ...problems(400) }
    }
  }, async (request) => app.replicaOr(app.reportsDb, (db) => qualitySummaryReport(db, callerOf(request), request.query.year)))
}

export default routes
