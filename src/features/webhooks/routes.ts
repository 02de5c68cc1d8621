/** Webhook subscriptions of the caller's unit, for administrators and system clients. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Config } from '../../config.js'
import { callerOf } from '../../http/caller.js'
import { IdempotencyHeader, IdParams, IfMatchHeader, page, problems, ref } from '../../http/schemas.js'
import { toDelivery, toSubscription, withSecret } from './present.js'
import { Delivery, ListQuery, RedeliverBody, Subscription, SubscriptionCreate, SubscriptionWithSecret } from './schemas.js'
import { deliveryPage, getSubscription, redeliver, rotateSecret, subscribe, subscriptionPage, unsubscribe } from './service.js'

const routes: FastifyPluginAsyncTypebox<{ webhooks: Config['webhooks'] }> = async (app, { webhooks }) => {
  const common = { preValidation: app.requireCapability('manage_webhooks') }
  const tags = ['Webhooks']

  app.post('/webhook-subscriptions', {
    ...common,
    schema: {
      tags, operationId: 'createWebhookSubscription', summary: 'Subscribe to change events',
      description: 'Deliveries follow Standard Webhooks (`webhook-id`, `webhook-timestamp`, `webhook-signature`), at least once, in feed order, from events after the subscription was made. The secret is shown only in this answer.',
      headers: IdempotencyHeader, body: SubscriptionCreate,
      response: { 201: ref(SubscriptionWithSecret), ...problems(400, 403, 422) }
    }
  }, async (request, reply) => {
    const created = await subscribe(app.db, callerOf(request), request.body, webhooks)
    return reply.code(201).header('location', `/v1/webhook-subscriptions/${created.id}`).send(withSecret(created))
  })

  app.get('/webhook-subscriptions', {
    ...common,
    schema: { tags, operationId: 'listWebhookSubscriptions', summary: 'List the unit\'s webhook subscriptions', description: 'The caller\'s unit\'s webhook subscriptions, with their status (`failing` after 24 hours of failed deliveries). Secrets are never shown again.', querystring: ListQuery, response: { 200: page(ref(Subscription)), ...problems(400, 403) } }
  }, async (request) => {
    const result = await subscriptionPage(app.db, callerOf(request), request.query.cursor, request.query.limit ?? 50)
    return { items: result.items.map(toSubscription), nextCursor: result.nextCursor }
  })

  app.get('/webhook-subscriptions/:id', {
    ...common,
    schema: { tags, operationId: 'getWebhookSubscription', summary: 'Get a webhook subscription', description: 'One webhook subscription of the caller\'s unit: URL, event types, status (since when it fails, when it retries next). The secret is never shown again.', params: IdParams, response: { 200: ref(Subscription), ...problems(400, 403, 404) } }
  }, async (request) => toSubscription(await getSubscription(app.db, callerOf(request), request.params.id)))

  app.delete('/webhook-subscriptions/:id', {
    ...common,
    schema: {
      tags, operationId: 'deleteWebhookSubscription', summary: 'Unsubscribe', description: 'Ends the subscription: nothing more is delivered to its URL, pending retries included.', params: IdParams,
      response: { 204: { description: 'Unsubscribed; its delivery log goes with it.', type: 'null' }, ...problems(400, 403, 404) }
    }
  }, async (request, reply) => {
    await unsubscribe(app.db, callerOf(request), request.params.id)
    return reply.code(204).send(null)
  })

  app.post('/webhook-subscriptions/:id/rotate-secret', {
    ...common,
    schema: {
      tags, operationId: 'rotateWebhookSecret', summary: 'Rotate the signing secret',
      description: 'A new secret, shown once. For WEBHOOK_SECRET_OVERLAP_HOURS (default 24) deliveries carry signatures with both the new and the previous secret, so a receiver can switch without missing one.',
      params: IdParams, headers: IfMatchHeader, response: { 200: ref(SubscriptionWithSecret), ...problems(400, 403, 404, 409, 412, 422) }
    }
  }, async (request) => withSecret(await rotateSecret(app.db, callerOf(request), request.params.id, webhooks)))

  app.post('/webhook-subscriptions/:id/redeliver', {
    ...common,
    schema: {
      tags, operationId: 'redeliverWebhookEvents', summary: 'Deliver again from an event',
      description: 'Sends the event and every later one again, in order (receivers de-duplicate by `webhook-id`). Resumes a failing subscription.',
      params: IdParams, body: RedeliverBody, response: { 200: ref(Subscription), ...problems(400, 403, 404, 409, 422) }
    }
  }, async (request) => toSubscription(await redeliver(app.db, callerOf(request), request.params.id, request.body.eventId)))

  app.get('/webhook-subscriptions/:id/deliveries', {
    ...common,
    schema: {
      tags, operationId: 'listWebhookDeliveries', summary: 'The delivery log', description: 'Every attempt, newest first, with the receiver\'s status code and the time it took.',
      params: IdParams, querystring: ListQuery, response: { 200: page(ref(Delivery)), ...problems(400, 403, 404) }
    }
  }, async (request) => {
    const result = await deliveryPage(app.db, callerOf(request), request.params.id, request.query.cursor, request.query.limit ?? 50)
    return { items: result.items.map(toDelivery), nextCursor: result.nextCursor }
  })
}

export default routes
