import { Type } from 'typebox'
import { WEBHOOK_STATUSES } from '../../domain/webhooks.js'
import { component, Instant, Nullable, PageQuery, Uuid, Count, LogId } from '../../http/schemas.js'
import { CLOUD_EVENT_TYPES } from '../change-events/schemas.js'

export const SubscriptionCreate = Type.Object({
  url: Type.String({ maxLength: 2000, description: 'Where deliveries are POSTed: https in production; never a loopback, link-local or private address unless configured.', examples: ['https://planering.example.se/hooks/bestallarenhet'] }),
  eventTypes: Type.Optional(Type.Array(Type.String({ maxLength: 200 }), {
    maxItems: 100, description: `Event types (full or short, e.g. \`decision.taken\`); empty or absent for every type. One of: ${CLOUD_EVENT_TYPES.join(', ')}.`
  })),
  description: Type.Optional(Type.String({ maxLength: 500 }))
}, { additionalProperties: false })

const subscriptionFields = {
  id: Uuid,
  unitId: Uuid,
  url: Type.String(),
  eventTypes: Type.Array(Type.String(), { description: 'Short event types; empty for every type.' }),
  description: Nullable(Type.String()),
  status: Type.Enum([...WEBHOOK_STATUSES], { description: '`failing` after deliveries failed for the whole retry window (24 h); redeliver to resume.' }),
  failingSince: Nullable(Instant),
  nextAttemptAt: Instant,
  previousSecretExpiresAt: Nullable(Instant),
  createdBy: Type.String(),
  createdAt: Instant,
  version: Count()
}

export const Subscription = component('WebhookSubscription', Type.Object(subscriptionFields))

export const SubscriptionWithSecret = component('WebhookSubscriptionWithSecret', Type.Object({
  ...subscriptionFields,
  secret: Type.String({ description: 'The signing secret (`whsec_` + base64). Shown only in this answer: keep it.', examples: ['whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'] })
}))

export const Delivery = component('WebhookDelivery', Type.Object({
  id: LogId,
  eventId: Uuid,
  attempt: Count({ description: '1 for the first try of an event, counting up while it fails.' }),
  attemptedAt: Instant,
  statusCode: Nullable(Count()),
  error: Nullable(Type.String()),
  durationMs: Count(),
  succeeded: Type.Boolean()
}))

export const RedeliverBody = Type.Object({ eventId: Uuid }, { additionalProperties: false })
export const ListQuery = Type.Object({ ...PageQuery }, { additionalProperties: false })
