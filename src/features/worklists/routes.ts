/** The worklist of a case worker or of the whole unit: what needs doing, why, and by when. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { callerOf } from '../../http/caller.js'
import { problems, ref } from '../../http/schemas.js'
import { CaseWorkerParams, Worklist, WorklistQuery } from './schemas.js'
import { worklistOf } from './service.js'
import type { DeliveredTimeRules } from './order-checks.js'

const routes: FastifyPluginAsyncTypebox<{ deliveredTime: DeliveredTimeRules }> = async (app, { deliveredTime }) => {
  const reads = { preValidation: app.requireCapability('read_individual_data') }
  const description = [
    'Overdue and upcoming follow-ups, time-limited decisions about to end, granted decisions not yet executed (from `executionWarningDays` after the decision date,',
    'against the 3-month IVO limit: the last on-time day is 3 calendar months after the decision date, 2026-03-31 → 2026-06-30), implementation plans past due,',
    'applications waiting for a decision longer than `waitingDays`, and the checks of providers: orders not answered within `orderAnswerDays`, starts not reported by the wanted start (else `startReportDays` after the order),',
    'and customers whose delivered time stayed below the ordered, beyond the tolerance, for DELIVERED_TIME_FOLLOW_UP_MONTHS whole months (default 3). Each item says why it is there and when it is due, with the person\'s name; reading it is logged.'
  ].join(' ')

  app.get('/worklists', {
    ...reads,
    schema: {
      tags: ['Worklists'], operationId: 'getUnitWorklist', summary: 'The unit\'s worklist',
      description: `The worklist of the caller's whole unit. ${description}`,
      querystring: WorklistQuery,
      response: { 200: ref(Worklist), ...problems(400, 403) }
    }
  }, async (request) => app.replicaOr(app.db, (db) => worklistOf(db, callerOf(request), null, request.query, deliveredTime)))

  app.get('/worklists/:caseWorkerId', {
    ...reads,
    schema: {
      tags: ['Worklists'], operationId: 'getCaseWorkerWorklist', summary: 'A case worker\'s worklist',
      description: `The items assigned to one case worker of the caller's unit (follow-ups by their assignee, the rest by the application's case worker). ${description}`,
      params: CaseWorkerParams,
      querystring: WorklistQuery,
      response: { 200: ref(Worklist), ...problems(400, 403) }
    }
  }, async (request) => app.replicaOr(app.db, (db) => worklistOf(db, callerOf(request), request.params.caseWorkerId, request.query, deliveredTime)))
}

export default routes
