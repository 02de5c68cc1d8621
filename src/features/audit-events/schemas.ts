import { Type } from 'typebox'
import { ROLES } from '../../domain/roles.js'
import { AUDIT_ACTIONS } from '../../domain/audit.js'
import { component, Instant, Nullable, PageQuery, Uuid, LogId, ActorId } from '../../http/schemas.js'

export const AuditEvent = component('AuditEvent', Type.Object({
  id: LogId,
  occurredAt: Instant,
  actor: ActorId,
  actorRoles: Type.Array(Type.String({ maxLength: 64 }), { maxItems: ROLES.length, description: 'The token\'s roles this service knows (others are dropped when the token is read).' }),
  unitId: Nullable(Uuid),
  action: Type.Enum([...AUDIT_ACTIONS]),
  resourceType: Type.String({ maxLength: 64, examples: ['person', 'application', 'decision', 'communication'] }),
  resourceId: Nullable(Type.String({ maxLength: 16_384, description: 'The record\'s id; for a replayed idempotent request, the created resource\'s location or the request URL (bounded by Node\'s 16 KiB header limit).' })),
  personId: Nullable(Uuid),
  requestId: Nullable(Type.String({ maxLength: 128, description: 'The caller\'s `x-request-id` when it matches `^[A-Za-z0-9._:-]{1,128}$`, else a UUID.' }))
}))

export const AuditEventQuery = Type.Object({
  personId: Type.Optional(Uuid),
  actor: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  from: Type.Optional(Type.String({ format: 'date-time', maxLength: 35, description: 'Events at or after this instant.' })),
  to: Type.Optional(Type.String({ format: 'date-time', maxLength: 35, description: 'Events before this instant.' })),
  ...PageQuery
}, { additionalProperties: false })
