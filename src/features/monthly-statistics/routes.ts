/** The unit's monthly volumes (JSON or CSV) and the caseload per case worker: aggregates only. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { todayInStockholm } from '../../domain/calendar.js'
import { callerOf } from '../../http/caller.js'
import { jsonOrCsv, sendCsv, toCsv, wantsCsv } from '../../http/csv.js'
import { problems, ref } from '../../http/schemas.js'
import { volumeColumns, volumeLines } from './present.js'
import { Caseload, CaseloadQuery, MonthlyVolumesReport, MonthQuery } from './schemas.js'
import { caseload, monthlyVolumes } from './service.js'

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/reports/monthly-volumes', {
    schema: {
      tags: ['Reports'], operationId: 'getMonthlyVolumesReport', summary: 'The month\'s volumes beside the same month a year earlier',
      description: 'The unit\'s monthly statistics (seed 000: "stämmer månadsvis av enhetens statistik"): persons with each service on the month\'s last day, full-month care-home placements, granted home-care hours, decisions per outcome — split women/men, with the same month a year earlier. Aggregates only, so every role may read it. `Accept: text/csv` gives one line per measure.',
      querystring: MonthQuery,
      response: { 200: jsonOrCsv(ref(MonthlyVolumesReport), 'The month\'s volumes.'), ...problems(400) }
    }
  }, async (request, reply) => {
    const report = await app.replicaOr(app.db, (db) => monthlyVolumes(db, callerOf(request), request.query.month))
    if (!wantsCsv(request)) return report
    const csv = toCsv(volumeColumns(report.current.month, report.sameMonthLastYear.month), volumeLines(report.current, report.sameMonthLastYear))
    return sendCsv(reply, `manadsstatistik-${report.unit.code}-${report.month}.csv`, csv)
  })

  app.get('/reports/caseload', {
    preValidation: app.requireCapability('read_statistics'),
    schema: {
      tags: ['Reports'], operationId: 'getCaseload', summary: 'Caseload per case worker',
      description: 'For the manager\'s review of how cases are shared between case workers (seeds 000/001): per case worker of the unit, open applications, granted time-limited decisions ending within `withinDays`, planned follow-ups and overdue ones, as of today. Counts only — no person data.',
      querystring: CaseloadQuery,
      response: { 200: ref(Caseload), ...problems(400, 403) }
    }
  }, async (request) => app.replicaOr(app.db, (db) => caseload(db, callerOf(request), todayInStockholm(), request.query.withinDays ?? 60)))
}

export default routes
