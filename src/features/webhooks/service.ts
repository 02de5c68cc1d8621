/**
 * Webhook subscriptions of the caller's unit (administrators and system clients): subscribe
 * with a target URL, event types and a secret shown once; rotate the secret with an overlap;
 * redeliver from an event; read the delivery log. The dispatcher (dispatcher.ts) sends.
 */
import type { Kysely } from 'kysely'
import { seesProtectedIdentities } from '../../auth/access.js'
import type { Config } from '../../config.js'
import type { DB } from '../../db/schema.js'
import type { EventType } from '../../domain/change-events.js'
import { newWebhookSecret, targetUrlProblem } from '../../domain/webhooks.js'
import { decodeCursor, toPage } from '../../http/pagination.js'
import { badRequest, notFound } from '../../http/problem.js'
import type { Caller } from '../../service/caller.js'
import { assertExpectedVersion } from '../../service/step.js'
import { write } from '../../service/transaction.js'
import { parseEventType } from '../change-events/service.js'
import { assertPublicTarget } from './dispatcher.js'
import {
  deleteSubscription, findSubscription, insertSubscription, listDeliveries, listSubscriptions, rewindTo, updateSubscription
} from './repository.js'

type WebhookConfig = Config['webhooks']

async function checkTarget(url: string, config: WebhookConfig): Promise<void> {
  const problem = targetUrlProblem(url, { requireHttps: config.requireHttps })
  if (problem) throw badRequest('/url', problem)
  try {
    await assertPublicTarget(url, config)
  } catch (error) {
    throw badRequest('/url', error instanceof Error && error.message.startsWith('The target') ? error.message : 'The target\'s host could not be resolved.')
  }
}

function eventTypes(types: string[] | undefined): EventType[] {
  return (types ?? []).map((raw, i) => {
    const type = parseEventType(raw)
    if (!type) throw badRequest(`/eventTypes/${i}`, `Unknown event type '${raw}'; see the ChangeEvent schema for the list.`)
    return type
  })
}

export interface SubscriptionInput { url: string; eventTypes?: string[] | undefined; description?: string | undefined }

/** Subscribes; the answer is the only place the secret is ever shown. */
export async function subscribe(db: Kysely<DB>, caller: Caller, input: SubscriptionInput, config: WebhookConfig) {
  await checkTarget(input.url, config)
  const types = eventTypes(input.eventTypes)
  return write(db, caller, ({ trx }) => insertSubscription(trx, {
    unit_id: caller.actor.unitId, target_url: input.url, event_types: types, description: input.description ?? null,
    secret: newWebhookSecret(), sees_protected: seesProtectedIdentities(caller.actor), created_by: caller.actor.subject
  }))
}

export async function getSubscription(db: Kysely<DB>, caller: Caller, id: string) {
  const found = await findSubscription(db, caller.actor.unitId, id)
  if (!found) throw notFound('Webhook subscription')
  return found
}

export async function subscriptionPage(db: Kysely<DB>, caller: Caller, cursor: string | undefined, limit: number) {
  const after = decodeCursor(cursor, ['string', 'string']) as [string, string] | undefined
  return toPage(await listSubscriptions(db, caller.actor.unitId, after, limit), limit, (s) => [s.created_at, s.id])
}

export async function unsubscribe(db: Kysely<DB>, caller: Caller, id: string): Promise<void> {
  const deleted = await deleteSubscription(db, caller.actor.unitId, id)
  if (deleted.numDeletedRows === 0n) throw notFound('Webhook subscription')
}

/** A new secret, shown once; the previous one still signs (alongside) for the overlap window. */
export function rotateSecret(db: Kysely<DB>, caller: Caller, id: string, config: WebhookConfig) {
  return write(db, caller, async ({ trx }) => {
    const current = await findSubscription(trx, caller.actor.unitId, id)
    if (!current) throw notFound('Webhook subscription')
    assertExpectedVersion(caller, current.version)
    return updateSubscription(trx, current.id, {
      secret: newWebhookSecret(), previous_secret: current.secret,
      previous_secret_expires_at: new Date(Date.now() + config.secretOverlapMs).toISOString()
    })
  })
}

/** Sends the event and every later one again (and makes a failing subscription active). */
export function redeliver(db: Kysely<DB>, caller: Caller, id: string, eventId: string) {
  return write(db, caller, async ({ trx }) => {
    const current = await findSubscription(trx, caller.actor.unitId, id)
    if (!current) throw notFound('Webhook subscription')
    const event = await trx.selectFrom('change_events').select('id').where('id', '=', eventId).where('unit_id', '=', caller.actor.unitId).executeTakeFirst()
    if (!event) throw badRequest('/eventId', 'No such event in your unit\'s feed.')
    return rewindTo(trx, current.id, event.id)
  })
}

export async function deliveryPage(db: Kysely<DB>, caller: Caller, id: string, cursor: string | undefined, limit: number) {
  const subscription = await getSubscription(db, caller, id)
  const before = decodeCursor(cursor, ['number']) as [number] | undefined
  return toPage(await listDeliveries(db, subscription.id, before?.[0], limit), limit, (d) => [d.id])
}

