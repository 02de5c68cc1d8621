/** GET /v1/reports/quality-summary: the annual quality summary, with the previous year beside it. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { qualitySummary, type YearPair } from '../../domain/quality-summary.js'
import { notFound } from '../../http/problem.js'
import { problems, ref } from '../../http/schemas.js'
import { findReportUnit } from '../units/service.js'
import { loadQualityCounts, type YearCounts } from './repository.js'
import { QualitySummary, QualitySummaryQuery } from './schemas.js'

const pair = (counts: YearCounts, year: number): YearPair => ({ current: counts.get(year) ?? new Map(), previous: counts.get(year - 1) ?? new Map() })

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
  }, async (request) => {
    const { year } = request.query
    const unit = await findReportUnit(app.db, request.actor.unitId)
    if (!unit) throw notFound('Unit')
    const counts = await loadQualityCounts(app.db, unit.id, [year, year - 1])
    const p = (c: YearCounts) => pair(c, year)
    const summary = qualitySummary({
      complaints: { total: p(counts.complaints.total), kind: p(counts.complaints.kind), category: p(counts.complaints.category), target: p(counts.complaints.target), providerRegime: p(counts.complaints.providerRegime) },
      deviations: { total: p(counts.deviations.total), target: p(counts.deviations.target), category: p(counts.deviations.category) },
      lexSarah: {
        total: p(counts.lexSarah.total), category: p(counts.lexSarah.category), assessment: p(counts.lexSarah.assessment),
        serious: p(counts.lexSarah.serious), notified: p(counts.lexSarah.notified), forInformation: p(counts.lexSarah.forInformation)
      }
    })
    return { unit, year, previousYear: year - 1, ...summary }
  })
}

export default routes
