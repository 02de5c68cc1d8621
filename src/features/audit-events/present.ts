import type { AuditEventRow } from './repository.js'

export const toAuditEvent = (e: AuditEventRow) => ({
  id: e.id, occurredAt: e.occurred_at, actor: e.actor, actorRoles: e.actor_roles, unitId: e.unit_id, action: e.action,
  resourceType: e.resource_type, resourceId: e.resource_id, personId: e.person_id, requestId: e.request_id
})
