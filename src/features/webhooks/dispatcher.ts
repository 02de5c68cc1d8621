/**
 * The in-process webhook dispatcher. Every `pollIntervalMs` it claims due subscriptions (FOR
 * UPDATE SKIP LOCKED plus a lease, see `claimDue`) and, for each, sends the events after its
 * cursor one at a time, in feed order, signed per Standard Webhooks. A 2xx advances the cursor;
 * anything else (or no answer within `timeoutMs`) stops that subscription until its next
 * attempt, exponential backoff with jitter; after `retryWindowMs` of failing it is marked
 * failing. Deliveries run outside any transaction and outside any request: a slow receiver
 * slows neither the API nor other subscriptions' claims.
 */
import { lookup } from 'node:dns/promises'
import type { Kysely } from 'kysely'
import type { FastifyBaseLogger } from 'fastify'
import type { Config } from '../../config.js'
import type { DB } from '../../db/schema.js'
import { retryDelayMs, retryWindowOver, signatureHeader, isInternalAddress, type WebhookStatus } from '../../domain/webhooks.js'
import type { EventType } from '../../domain/change-events.js'
import { nextEventsForSubscription } from '../change-events/service.js'
import { advance, claimDue, recordDelivery, release, type SubscriptionRow } from './repository.js'

type WebhookConfig = Config['webhooks']

const DNS_TIMEOUT_MS = 3000

/** At most this many events per subscription per claim, so one busy subscription does not starve others. */
const BATCH = 50

/** The secrets that sign now: the current one, and the previous one during a rotation's overlap. */
export function signingSecrets(s: Pick<SubscriptionRow, 'secret' | 'previous_secret' | 'previous_secret_expires_at'>, now = new Date()): string[] {
  const previous = s.previous_secret && s.previous_secret_expires_at && Date.parse(s.previous_secret_expires_at) > now.getTime() ? [s.previous_secret] : []
  return [s.secret, ...previous]
}

/** Refuses (throws) a target whose host resolves to an internal address, unless configured; checked at every send too (DNS may change). */
export async function assertPublicTarget(target: string, config: Pick<WebhookConfig, 'allowInternalTargets'>): Promise<void> {
  if (config.allowInternalTargets) return
  const host = new URL(target).hostname.replace(/^\[|\]$/g, '')
  // Bounded like every other wait: a resolver that does not answer refuses the target.
  const addresses = await Promise.race([
    lookup(host, { all: true, verbatim: true }),
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error('The target\'s host could not be resolved in time.')), DNS_TIMEOUT_MS).unref())
  ])
  const internal = addresses.find((a) => isInternalAddress(a.address))
  if (internal) throw new Error(`The target resolves to an internal address (${internal.address}).`)
}

interface Attempt { statusCode: number | null; error: string | null; durationMs: number; succeeded: boolean }

async function send(s: SubscriptionRow, id: string, body: string, config: WebhookConfig): Promise<Attempt> {
  const started = performance.now()
  const timestamp = Math.floor(Date.now() / 1000)
  try {
    await assertPublicTarget(s.target_url, config)
    const response = await fetch(s.target_url, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.timeout(config.timeoutMs),
      headers: {
        'content-type': 'application/json',
        'user-agent': 'bestallarenhet-webhooks/1',
        'webhook-id': id,
        'webhook-timestamp': String(timestamp),
        'webhook-signature': signatureHeader(signingSecrets(s), id, timestamp, body)
      },
      body
    })
    await response.body?.cancel()
    const ok = response.status >= 200 && response.status < 300
    return { statusCode: response.status, error: ok ? null : `HTTP ${response.status}`, durationMs: Math.round(performance.now() - started), succeeded: ok }
  } catch (error) {
    const message = error instanceof Error ? (error.name === 'TimeoutError' ? `No answer within ${config.timeoutMs} ms.` : error.message) : String(error)
    return { statusCode: null, error: message.slice(0, 500), durationMs: Math.round(performance.now() - started), succeeded: false }
  }
}

/** Delivers a claimed subscription's next events; returns how many went out. */
export async function deliverSubscription(db: Kysely<DB>, s: SubscriptionRow & { cursor_xid_text: string }, config: WebhookConfig): Promise<number> {
  const pending = await nextEventsForSubscription(db, {
    unitId: s.unit_id, types: s.event_types.length > 0 ? s.event_types as EventType[] : undefined, seesProtected: s.sees_protected
  }, [s.cursor_xid_text, s.cursor_position], BATCH)
  let delivered = 0
  for (const { event, position } of pending) {
    const attempt = await send(s, event.id, JSON.stringify(event), config)
    const number = s.attempts + 1
    await recordDelivery(db, {
      subscription_id: s.id, event_id: event.id, attempt: number, status_code: attempt.statusCode, error: attempt.error,
      duration_ms: attempt.durationMs, succeeded: attempt.succeeded
    })
    if (!attempt.succeeded) {
      const now = new Date()
      const failingSince = s.failing_since ? new Date(s.failing_since) : now
      const over = retryWindowOver(failingSince, now, config.retryWindowMs)
      await release(db, s.id, {
        attempts: number,
        failing_since: failingSince.toISOString(),
        status: (over ? 'failing' : 'active') satisfies WebhookStatus,
        next_attempt_at: new Date(now.getTime() + retryDelayMs(number, { baseMs: config.retryBaseMs, maxMs: config.retryMaxMs })).toISOString()
      })
      return delivered
    }
    await advance(db, s.id, position[0], position[1])
    s = { ...s, attempts: 0, failing_since: null }
    delivered++
  }
  await release(db, s.id)
  return delivered
}

export interface Dispatcher { stop(): Promise<void>; tick(): Promise<number> }

/** Starts the loop; `stop` waits for the deliveries under way, so their outcome is recorded before the process ends. */
export function startDispatcher(db: Kysely<DB>, config: WebhookConfig, log: FastifyBaseLogger): Dispatcher {
  let running: Promise<number> | undefined
  let stopped = false
  // A lease outlives the slowest batch a claim may send, so no other instance takes it meanwhile.
  const leaseMs = Math.max(60_000, config.timeoutMs * (BATCH + 1))
  const tick = async (): Promise<number> => {
    const claimed = await claimDue(db, 5, leaseMs)
    const counts = await Promise.all(claimed.map((s) => deliverSubscription(db, s, config).catch(async (error: unknown) => {
      log.error({ err: error, subscriptionId: s.id }, 'webhook delivery failed')
      await release(db, s.id).catch(() => {})
      return 0
    })))
    return counts.reduce((a, b) => a + b, 0)
  }
  const timer = setInterval(() => {
    if (running || stopped) return
    running = tick().catch((error: unknown) => { log.error({ err: error }, 'webhook dispatch failed'); return 0 }).finally(() => { running = undefined })
  }, config.pollIntervalMs)
  timer.unref()
  return {
    tick,
    async stop() {
      stopped = true
      clearInterval(timer)
      await running
    }
  }
}
