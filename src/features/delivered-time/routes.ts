/** The unit's monthly report of ordered against delivered time, JSON or CSV. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Tolerance } from '../../domain/delivered-time.js'
import { callerOf } from '../../http/caller.js'
import { jsonOrCsv, sendCsv, toCsv, wantsCsv } from '../../http/csv.js'
import { problems, ref } from '../../http/schemas.js'
import { parseMonth } from '../orders/service.js'
import { deliveredTimeCsvColumns } from './csv-columns.js'
import { DeliveredTimeReport, MonthQuery } from './schemas.js'
import { deliveredTimeReport } from './service.js'

const routes: FastifyPluginAsyncTypebox<{ tolerance: Tolerance }> = async (app, { tolerance }) => {
  app.get('/reports/delivered-time', {
    preValidation: app.requireCapability('read_individual_data'),
    schema: {
      tags: ['Reports'], operationId: 'getDeliveredTimeReport', summary: 'Ordered against delivered time (monthly)',
      description: [
        'Per customer and provider, the caller\'s unit\'s accepted orders in hours that ran in the month: the hours ordered, the hours the provider reported delivered,',
        'the difference and whether it is outside the tolerance (default: more than ±10 % of the ordered hours or more than 8 hours; exactly at the limit is within).',
        'Ordered hours are the order\'s monthly hours, not prorated for a start or end within the month. Summary totals, split by women and men.',
        '`Accept: text/csv` gives the rows as CSV (semicolons, decimal comma). Rows about persons with protected identity are listed only for callers with that permission.',
        'Each listed row is logged in the access log.'
      ].join(' '),
      querystring: MonthQuery,
      response: { 200: jsonOrCsv(ref(DeliveredTimeReport), 'The month\'s report.'), ...problems(400, 403, 404) }
    }
  }, async (request, reply) => {
    const report = await app.replicaOr(app.db, (db) => deliveredTimeReport(db, callerOf(request), parseMonth(request.query.month, '/month', 'querystring'), tolerance))
    if (wantsCsv(request)) return sendCsv(reply, `utford-tid-${report.unit.code}-${report.month}.csv`, toCsv(deliveredTimeCsvColumns, report.items))
    return report
  })
}

export default routes
