import { Type } from 'typebox'
import { WEBHOOK_STATUSES } from '../../domain/webhooks.js'
import { component, Instant, Nullable, PageQuery, Uuid, Count, LogId, ActorId } from '../../http/schemas.js'
import { CLOUD_EVENT_TYPES } from '../change-events/schemas.js'

const Url = Type.String({ maxLength: 2000 })
const Description = Type.String({ maxLength: 500 })

export const SubscriptionCreate = Type.Object({
  url: Type.String({ ...Url, description: 'Where deliveries are POSTed: https in production; never a loopback, link-local or private address unless configured.', examples: ['https://planering.example.se/hooks/bestallarenhet'] }),
  eventTypes: Type.Optional(Type.Array(Type.String({ maxLength: 200 }), {
    maxItems: 100, description: `Event types (full or short, e.g. \`decision.taken\`); empty or absent for every type. One of: ${CLOUD_EVENT_TYPES.join(', ')}.`
  })),
  description: Type.Optional(Description)
}, { additionalProperties: false })

const subscriptionFields = {
  id: Uuid,
  unitId: Uuid,
  url: Url,
  eventTypes: Type.Array(Type.String({ maxLength: 200 }), { maxItems: 100, description: 'Short event types; empty for every type.' }),
  description: Nullable(Description),
  status: Type.Enum([...WEBHOOK_STATUSES], { description: '`failing` after deliveries failed for the whole retry window (24 h); redeliver to resume.' }),
  failingSince: Nullable(Instant),
  nextAttemptAt: Instant,
  previousSecretExpiresAt: Nullable(Instant),
  createdBy: ActorId,
  createdAt: Instant,
  version: Count()
}

export const Subscription = component('WebhookSubscription', Type.Object(subscriptionFields))

export const SubscriptionWithSecret = component('WebhookSubscriptionWithSecret', Type.Object({
  ...subscriptionFields,
  secret: Type.String({ maxLength: 50, description: 'The signing secret (`whsec_` + base64). Shown only in this answer: keep it.', examples: ['whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'] })
}))

export const Delivery = component('WebhookDelivery', Type.Object({
  id: LogId,
  eventId: Uuid,
  attempt: Count({ description: '1 for the first try of an event, counting up while it fails.' }),
  attemptedAt: Instant,
  statusCode: Nullable(Count()),
  error: Nullable(Type.String({ maxLength: 500, description: '`HTTP <status>`, or why no answer came (cut to 500 characters).' })),
  durationMs: Count(),
  succeeded: Type.Boolean()
}))

export const RedeliverBody = Type.Object({ eventId: Uuid }, { additionalProperties: false })
export const ListQuery = Type.Object({ ...PageQuery }, { additionalProperties: false })
