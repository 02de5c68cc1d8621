/** Complaints and feedback: registration, reading and listing. Lifecycle actions live in actions.ts. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { callerOf } from '../../http/caller.js'
import { IdempotencyHeader, IdParams, page, problems, ref } from '../../http/schemas.js'
import type { InvestigationDays } from '../../domain/lex-sarah-deadlines.js'
import actions from './actions.js'
import { presentComplaint, sendComplaint } from './present.js'
import { Complaint, ComplaintCreate, ComplaintListQuery } from './schemas.js'
import { getComplaint, listComplaints, registerComplaint } from './service.js'

const routes: FastifyPluginAsyncTypebox<{ answerDays: number; lexSarahInvestigationDays: InvestigationDays }> = async (app, opts) => {
  const reads = { preValidation: app.requireCapability('read_quality_reports') }

  app.post('/complaints', {
    preValidation: app.requireCapability('register_quality_reports'),
    schema: {
      tags: ['Quality'], operationId: 'createComplaint', summary: 'Register a complaint or other feedback',
      description: [
        'Registers a complaint, feedback, idea, praise or question received by the unit, by staff or fed by a system such as Synpunktsportalen',
        '(`externalReference` keeps the source\'s id; the same reference again answers 409). The answer is due COMPLAINT_ANSWER_DAYS (default 14)',
        'calendar days after `receivedDate`. A provider is named by its record (`providerId`) or, when it has none, by `providerName`.',
        'A person or decision must be of the caller\'s unit (otherwise 400, whether or not it exists elsewhere).'
      ].join(' '),
      headers: IdempotencyHeader, body: ComplaintCreate,
      response: { 201: ref(Complaint), ...problems(400, 403, 409, 422) }
    }
  }, async (request, reply) => {
    const created = await registerComplaint(app.db, callerOf(request), request.body, opts.answerDays)
    return reply.code(201).header('location', `/v1/complaints/${created.complaint.id}`).send(sendComplaint(reply, request.actor, created))
  })

  app.get('/complaints', {
    ...reads,
    schema: {
      tags: ['Quality'], operationId: 'listComplaints', summary: 'List complaints and feedback',
      description: 'The caller\'s unit\'s complaints and feedback, newest received first. `overdue=true` lists those not answered by their due date (Stockholm time); `asOf` judges that (and each item\'s `overdue`) on another day, as the worklist does.',
      querystring: ComplaintListQuery,
      response: { 200: page(ref(Complaint)), ...problems(400, 403) }
    }
  }, async (request) => {
    const result = await listComplaints(app.db, callerOf(request), request.query)
    return { items: result.items.map((c) => presentComplaint(request.actor, c, request.query.asOf)), nextCursor: result.nextCursor }
  })

  app.get('/complaints/:id', {
    ...reads,
    schema: {
      tags: ['Quality'], operationId: 'getComplaint', summary: 'Get a complaint', description: 'One complaint or piece of feedback received by the caller\'s unit, with its status, investigation and answer, and its ETag. 404 when it does not exist or belongs to another unit (existence is never confirmed). The read is written to the access log.',
      params: IdParams,
      response: { 200: ref(Complaint), ...problems(400, 403, 404) }
    }
  }, async (request, reply) => sendComplaint(reply, request.actor, await getComplaint(app.db, callerOf(request), request.params.id)))

  await app.register(actions, { lexSarahInvestigationDays: opts.lexSarahInvestigationDays })
}

export default routes
