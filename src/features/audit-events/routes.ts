/** The access log, for administrators of the unit: who read or changed whose data, when. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { decodeCursor, toPage } from '../../http/pagination.js'
import { badRequest } from '../../http/problem.js'
import { seesProtectedIdentities } from '../../auth/access.js'
import { component, Instant, Nullable, PageQuery, page, problems, ref, Uuid } from '../../http/schemas.js'

const AuditEvent = component('AuditEvent', Type.Object({
  id: Type.Integer(),
  occurredAt: Instant,
  actor: Type.String(),
  actorRoles: Type.Array(Type.String()),
  unitId: Nullable(Uuid),
  action: Type.Enum(['read', 'create', 'update', 'search']),
  resourceType: Type.String({ examples: ['person', 'application', 'decision', 'communication'] }),
  resourceId: Nullable(Type.String()),
  personId: Nullable(Uuid),
  requestId: Nullable(Type.String())
}))

const Query = Type.Object({
  personId: Type.Optional(Uuid),
  actor: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  from: Type.Optional(Type.String({ format: 'date-time', description: 'Events at or after this instant.' })),
  to: Type.Optional(Type.String({ format: 'date-time', description: 'Events before this instant.' })),
  ...PageQuery
}, { additionalProperties: false })

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/audit-events', {
    preValidation: app.requireCapability('read_audit_log'),
    schema: {
      tags: ['Audit'], operationId: 'listAuditEvents', summary: 'List access-log events',
      description: 'Events recorded by users of the caller\'s unit, newest first, filterable by person (a person\'s access log), actor and time. Events about protected-identity persons need the protected_identity permission. Reading a person\'s log is itself logged.',
      querystring: Query,
      response: { 200: page(ref(AuditEvent)), ...problems(400, 403) }
    }
  }, async (request) => {
    const q = request.query
    const limit = q.limit ?? 50
    if (q.from && q.to && Date.parse(q.from) > Date.parse(q.to)) throw badRequest('/from', '`from` must not be after `to`.', 'querystring')
    const after = decodeCursor(q.cursor, ['number']) as [number] | undefined
    let query = app.db.selectFrom('audit_events').selectAll().where('unit_id', '=', request.actor.unitId)
    // Who looked at a protected person is itself protected.
    if (!seesProtectedIdentities(request.actor)) {
      query = query.where((eb) => eb.not(eb.exists(eb.selectFrom('persons').select('persons.id')
        .whereRef('persons.id', '=', 'audit_events.person_id').where('persons.protected_identity', '=', true))))
    }
    if (q.personId) query = query.where('person_id', '=', q.personId)
    if (q.actor) query = query.where('actor', '=', q.actor)
    if (q.from) query = query.where('occurred_at', '>=', q.from)
    if (q.to) query = query.where('occurred_at', '<', q.to)
    if (after) query = query.where('id', '<', after[0])
    const rows = await query.orderBy('id', 'desc').limit(limit + 1).execute()
    const result = toPage(rows, limit, (e) => [e.id])
    // Extracting a person's access log is an access to their data too.
    if (q.personId) await app.audit(request, [{ action: 'read', resourceType: 'audit_log', resourceId: null, personId: q.personId }])
    return {
      items: result.items.map((e) => ({
        id: e.id, occurredAt: e.occurred_at, actor: e.actor, actorRoles: e.actor_roles, unitId: e.unit_id, action: e.action,
        resourceType: e.resource_type, resourceId: e.resource_id, personId: e.person_id, requestId: e.request_id
      })),
      nextCursor: result.nextCursor
    }
  })
}

export default routes
