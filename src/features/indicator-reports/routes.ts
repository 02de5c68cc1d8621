/**
 * The annual report's indicator table and a Kolada-shaped export of a unit's values. Both are
 * aggregates: statistics readers may ask for any unit, other roles for their own.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { callerOf } from '../../http/caller.js'
import { jsonOrCsv, sendCsv, toCsv, wantsCsv } from '../../http/csv.js'
import { problems, ref } from '../../http/schemas.js'
import { indicatorTableCsvColumns, koladaCsvColumns, toIndicatorTable } from './present.js'
import { ExportQuery, IndicatorTable, KoladaExport, TableQuery } from './schemas.js'
import { indicatorTable, koladaExport } from './service.js'

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const read = { preValidation: app.requireCapability('read_statistics') }

  app.get('/reports/indicator-table', {
    ...read,
    schema: {
      tags: ['Reports'], operationId: 'getIndicatorTable', summary: 'The annual report\'s indicator table',
      description: [
        'The unit\'s indicators for a year and period in the layout of the annual report (VB) and the tertial reports:',
        'Indikator | Periodens utfall | Utfall män/pojkar | Utfall kvinnor/flickor | Periodens utfall (same period last year) | Årsmål | KF:s årsmål | Period.',
        'Rows follow the goal hierarchy (KF direction goal → KF goal for the area → council goal → unit goal), each goal\'s indicators after it.',
        'T1 and T2 show tertial indicators only. `Accept: text/csv` gives exactly those eight columns as CSV with decimal comma.'
      ].join(' '),
      querystring: TableQuery,
      response: { 200: jsonOrCsv(ref(IndicatorTable), 'The table.'), ...problems(400, 403, 404) }
    }
  }, async (request, reply) => {
    const result = await app.replicaOr(app.reportsDb, (db) => indicatorTable(db, callerOf(request), request.query))
    if (wantsCsv(request)) {
      const { unit, year, period } = result
      return sendCsv(reply, `indikatorer-${unit.code}-${year}-${period}.csv`, toCsv(indicatorTableCsvColumns(result.columns), result.table))
    }
    return toIndicatorTable(result)
  })

  app.get('/reports/kolada-export', {
    ...read,
    schema: {
      tags: ['Reports'], operationId: 'getKoladaExport', summary: 'The unit\'s indicator values in Kolada\'s shape',
      description: 'Current values of a year (or one period), one row per KPI, unit, period and gender (T total, K women, M men), so the unit can compare itself with Kolada\'s national data. `Accept: text/csv` gives the rows as CSV.',
      querystring: ExportQuery,
      response: { 200: jsonOrCsv(ref(KoladaExport), 'The rows.'), ...problems(400, 403, 404) }
    }
  }, async (request, reply) => {
    const { unit, items } = await app.replicaOr(app.reportsDb, (db) => koladaExport(db, callerOf(request), request.query))
    if (wantsCsv(request)) return sendCsv(reply, `kolada-${unit.code}-${request.query.year}.csv`, toCsv(koladaCsvColumns, items))
    return { unit, items }
  })
}

export default routes
