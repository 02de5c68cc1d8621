/** Complaints and feedback: registration, reading and listing. Lifecycle actions live in actions.ts. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { todayInStockholm } from '../../domain/calendar.js'
import { dueDate } from '../../domain/quality-deadlines.js'
import { setEtag } from '../../http/etag.js'
import { decodeCursor, toPage } from '../../http/pagination.js'
import { badRequest, conflict, notFound } from '../../http/problem.js'
import { IdempotencyHeader, IdParams, page, problems, ref } from '../../http/schemas.js'
import { nextCaseNumber } from '../quality/case-number.js'
import { assertFactDate } from '../../http/fact-dates.js'
import { resolveCaseLink, resolveProvider } from '../quality/links.js'
import { unknownCategories } from '../quality-categories/repository.js'
import actions from './actions.js'
import { presentComplaint, presentComplaints } from './present.js'
import { externalReferenceTaken, findVisibleComplaint, insertComplaint, listVisibleComplaints, type ComplaintRow } from './repository.js'
import { Complaint, ComplaintCreate, ComplaintListQuery } from './schemas.js'

export const complaintReadEvents = (rows: ComplaintRow[]) => rows.filter((c) => c.person_id !== null)
  .map((c) => ({ action: 'read' as const, resourceType: 'complaint', resourceId: c.id, personId: c.person_id }))

const routes: FastifyPluginAsyncTypebox<{ answerDays: number }> = async (app, opts) => {
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
    const b = request.body
    const { actor } = request
    assertFactDate('/receivedDate', b.receivedDate, null, '')
    if (b.submittedBy === 'anonymous' && (b.submitterName != null || b.submitterContact != null)) {
      throw badRequest('/submitterName', 'An anonymous submitter has no name or contact.')
    }
    const complaint = await app.db.transaction().execute(async (trx) => {
      const unknown = await unknownCategories(trx, 'complaint', b.categories)
      if (unknown.length > 0) throw badRequest('/categories', `Unknown or inactive complaint categories: ${unknown.join(', ')}.`)
      if (b.externalReference != null && await externalReferenceTaken(trx, actor.unitId, b.externalReference)) {
        throw conflict(`An item with external reference '${b.externalReference}' is already registered.`)
      }
      const provider = await resolveProvider(trx, b, b.target === 'provider', 'target')
      const link = await resolveCaseLink(trx, actor, b)
      const complaint = await insertComplaint(trx, {
        case_number: await nextCaseNumber(trx, 'SYN', todayInStockholm().slice(0, 4)),
        unit_id: actor.unitId,
        received_date: b.receivedDate,
        channel: b.channel,
        external_reference: b.externalReference ?? null,
        submitted_by: b.submittedBy,
        submitter_name: b.submitterName ?? null,
        submitter_contact: b.submitterContact ?? null,
        kind: b.kind,
        target: b.target,
        ...provider,
        categories: b.categories,
        description: b.description,
        ...link,
        answer_due_date: dueDate(b.receivedDate, opts.answerDays),
        registered_by: actor.subject
      })
      await app.audit(request, [{ action: 'create', resourceType: 'complaint', resourceId: complaint.id, personId: complaint.person_id }], trx)
      return complaint
    })
    setEtag(reply, complaint.version)
    return reply.code(201).header('location', `/v1/complaints/${complaint.id}`).send(await presentComplaint(app.db, request.actor, complaint))
  })

  app.get('/complaints', {
    ...reads,
    schema: {
      tags: ['Quality'], operationId: 'listComplaints', summary: 'List complaints and feedback',
      description: 'The caller\'s unit\'s complaints and feedback, newest received first. `overdue=true` lists those not answered by their due date (Stockholm time).',
      querystring: ComplaintListQuery,
      response: { 200: page(ref(Complaint)), ...problems(400, 403) }
    }
  }, async (request) => {
    const { limit = 50, cursor, overdue, ...filter } = request.query
    const after = decodeCursor(cursor, ['string', 'string']) as [string, string] | undefined
    const rows = await listVisibleComplaints(app.db, request.actor, {
      ...filter,
      overdueOn: overdue === undefined ? undefined : { today: todayInStockholm(), overdue }
    }, after, limit)
    const result = toPage(rows, limit, (c) => [c.received_date, c.id])
    await app.audit(request, complaintReadEvents(result.items))
    return { items: await presentComplaints(app.db, request.actor, result.items), nextCursor: result.nextCursor }
  })

  app.get('/complaints/:id', {
    ...reads,
    schema: {
      tags: ['Quality'], operationId: 'getComplaint', summary: 'Get a complaint',
      params: IdParams,
      response: { 200: ref(Complaint), ...problems(400, 403, 404) }
    }
  }, async (request, reply) => {
    const complaint = await findVisibleComplaint(app.db, request.actor, request.params.id)
    if (!complaint) throw notFound('Complaint')
    await app.audit(request, complaintReadEvents([complaint]))
    setEtag(reply, complaint.version)
    return presentComplaint(app.db, request.actor, complaint)
  })

  await app.register(actions)
}

export default routes
