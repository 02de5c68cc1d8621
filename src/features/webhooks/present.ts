import type { DeliveryRow, SubscriptionRow } from './repository.js'

export const toSubscription = (s: SubscriptionRow) => ({
  id: s.id, unitId: s.unit_id, url: s.target_url, eventTypes: s.event_types, description: s.description, status: s.status,
  failingSince: s.failing_since, nextAttemptAt: s.next_attempt_at, previousSecretExpiresAt: s.previous_secret_expires_at,
  createdBy: s.created_by, createdAt: s.created_at, version: s.version
})

export const withSecret = (s: SubscriptionRow) => ({ ...toSubscription(s), secret: s.secret })

export const toDelivery = (d: DeliveryRow) => ({
  id: d.id, eventId: d.event_id, attempt: d.attempt, attemptedAt: d.attempted_at, statusCode: d.status_code, error: d.error,
  durationMs: d.duration_ms, succeeded: d.succeeded
})
