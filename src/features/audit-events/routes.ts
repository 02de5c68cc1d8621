/** The access log, for administrators of the unit: who read or changed whose data, when. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { callerOf } from '../../http/caller.js'
import { decodeCursor } from '../../http/pagination.js'
import { badRequest } from '../../http/problem.js'
import { page, problems, ref } from '../../http/schemas.js'
import { toAuditEvent } from './present.js'
import { AuditEvent, AuditEventQuery } from './schemas.js'
import type { AuditCursor } from './repository.js'
import { auditEventPage } from './service.js'

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/audit-events', {
    preValidation: app.requireCapability('read_audit_log'),
    schema: {
      tags: ['Audit'], operationId: 'listAuditEvents', summary: 'List access-log events',
      description: 'Events recorded by users of the caller\'s unit, newest first, filterable by person (a person\'s access log), actor and time. Events about protected-identity persons need the protected_identity permission. Reading a person\'s log is itself logged.',
      querystring: AuditEventQuery,
      response: { 200: page(ref(AuditEvent)), ...problems(400, 403) }
    }
  }, async (request) => {
    const q = request.query
    if (q.from && q.to && Date.parse(q.from) > Date.parse(q.to)) throw badRequest('/from', '`from` must not be after `to`.', 'querystring')
    // A person's log pages by (time, id), the unit's review by id: the cursor carries what the order needs.
    const after = decodeCursor(q.cursor, q.personId ? ['number', 'number'] : ['number']) as AuditCursor | undefined
    const { items, nextCursor } = await auditEventPage(app.db, callerOf(request), q, after, q.limit ?? 50)
    return { items: items.map(toAuditEvent), nextCursor }
  })
}

export default routes
