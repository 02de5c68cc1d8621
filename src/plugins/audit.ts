/**
 * The access log: every read and write of an individual's data appends one event per
 * individual touched. Writes record their events in the same transaction as the change, so a
 * change without its event cannot commit; reads record before the response is sent.
 */
import fp from 'fastify-plugin'
import type { FastifyRequest } from 'fastify'
import type { Kysely } from 'kysely'
import type { DB } from '../db/schema.js'

export interface AuditEntry {
  action: 'read' | 'create' | 'update' | 'search'
  resourceType: string
  resourceId: string | null
  personId: string | null
}

declare module 'fastify' {
  interface FastifyInstance {
    audit(request: FastifyRequest, entries: AuditEntry[], executor?: Kysely<DB>): Promise<void>
  }
  interface FastifyRequest {
    /** The individuals whose data this request touched (kept with an idempotent response). */
    auditedPersonIds: string[]
  }
}

export default fp(async (app) => {
  app.decorateRequest('auditedPersonIds', null as unknown as string[])
  app.addHook('onRequest', async (request) => {
    request.auditedPersonIds = []
  })

  app.decorate('audit', async (request: FastifyRequest, entries: AuditEntry[], executor?: Kysely<DB>) => {
    if (entries.length === 0) return
    const { actor } = request
    await (executor ?? app.db).insertInto('audit_events').values(entries.map((e) => ({
      actor: actor.subject,
      actor_roles: actor.roles,
      unit_id: actor.unitId,
      action: e.action,
      resource_type: e.resourceType,
      resource_id: e.resourceId,
      person_id: e.personId,
      request_id: String(request.id)
    }))).execute()
    for (const e of entries) if (e.personId !== null) request.auditedPersonIds.push(e.personId)
  })
}, { name: 'audit', dependencies: ['database'] })
