import { Type } from 'typebox'
import { AUDIT_ACTIONS } from '../../domain/audit.js'
import { component, Instant, Nullable, PageQuery, Uuid, LogId } from '../../http/schemas.js'

export const AuditEvent = component('AuditEvent', Type.Object({
  id: LogId,
  occurredAt: Instant,
  actor: Type.String(),
  actorRoles: Type.Array(Type.String()),
  unitId: Nullable(Uuid),
  action: Type.Enum([...AUDIT_ACTIONS]),
  resourceType: Type.String({ examples: ['person', 'application', 'decision', 'communication'] }),
  resourceId: Nullable(Type.String()),
  personId: Nullable(Uuid),
  requestId: Nullable(Type.String())
}))

export const AuditEventQuery = Type.Object({
  personId: Type.Optional(Uuid),
  actor: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  from: Type.Optional(Type.String({ format: 'date-time', maxLength: 35, description: 'Events at or after this instant.' })),
  to: Type.Optional(Type.String({ format: 'date-time', maxLength: 35, description: 'Events before this instant.' })),
  ...PageQuery
}, { additionalProperties: false })
