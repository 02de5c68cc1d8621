/**
 * Webhook rules without HTTP or SQL: Standard Webhooks signatures, the retry schedule, and
 * which target addresses are refused (SSRF).
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { BlockList, isIP } from 'node:net'

/** A subscription is active, or failing once its deliveries kept failing for the whole retry window. */
export const WEBHOOK_STATUSES = ['active', 'failing'] as const
export type WebhookStatus = (typeof WEBHOOK_STATUSES)[number]

/** A new signing secret in the Standard Webhooks form: `whsec_` and 32 random bytes in base64. */
export const newWebhookSecret = (): string => `whsec_${randomBytes(32).toString('base64')}`

const keyOf = (secret: string): Buffer => Buffer.from(secret.startsWith('whsec_') ? secret.slice(6) : secret, 'base64')

/** One signature: `v1,` and the base64 HMAC-SHA256 of `<id>.<timestamp>.<body>` under the secret's key. */
export function sign(secret: string, id: string, timestamp: number, body: string): string {
  return `v1,${createHmac('sha256', keyOf(secret)).update(`${id}.${timestamp}.${body}`).digest('base64')}`
}

/** The `webhook-signature` header: one signature per secret in use (two during a rotation's overlap), space-separated. */
export const signatureHeader = (secrets: readonly string[], id: string, timestamp: number, body: string): string =>
  secrets.map((s) => sign(s, id, timestamp, body)).join(' ')

/** What a receiver does: true when one of the header's signatures is the secret's. */
export function verify(secret: string, id: string, timestamp: number, body: string, header: string): boolean {
  const expected = Buffer.from(sign(secret, id, timestamp, body))
  return header.split(' ').some((candidate) => {
    const given = Buffer.from(candidate)
    return given.length === expected.length && timingSafeEqual(given, expected)
  })
}

/** The retry schedule: exponential from `baseMs`, capped at `maxMs`, with full jitter. */
export interface Backoff { baseMs: number; maxMs: number }

/** The wait before the next attempt after `failures` failed ones (1 = the first failure); `random` in [0, 1). */
export function retryDelayMs(failures: number, { baseMs, maxMs }: Backoff, random: number = Math.random()): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.min(failures - 1, 30))
  // Half fixed, half random: spreads the retries of many subscriptions without ever retrying at once.
  return Math.round(ceiling / 2 + (ceiling / 2) * random)
}

/** Whether a subscription that has failed since `failingSince` has used up its retry window. */
export const retryWindowOver = (failingSince: Date, now: Date, windowMs: number): boolean =>
  now.getTime() - failingSince.getTime() >= windowMs

/** Loopback, link-local, private, shared, multicast and unspecified ranges (IPv4 and IPv6, incl. mapped). */
const INTERNAL = new BlockList()
for (const [net, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 4], ['240.0.0.0', 4]
] as const) INTERNAL.addSubnet(net, prefix, 'ipv4')
for (const [net, prefix] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8], ['64:ff9b::', 96]] as const) {
  INTERNAL.addSubnet(net, prefix, 'ipv6')
}

/** True for an address no webhook may reach unless internal targets are allowed by configuration. */
export function isInternalAddress(address: string): boolean {
  const family = isIP(address)
  if (family === 0) return true
  if (family === 6) {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)
    if (mapped) return INTERNAL.check(mapped[1]!, 'ipv4')
    return INTERNAL.check(address, 'ipv6')
  }
  return INTERNAL.check(address, 'ipv4')
}

/** Why a target URL is refused before any address is looked up, or undefined. */
export function targetUrlProblem(raw: string, { requireHttps }: { requireHttps: boolean }): string | undefined {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return 'The target is not a URL.'
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'The target must be an http(s) URL.'
  if (requireHttps && url.protocol !== 'https:') return 'The target must use https.'
  if (url.username || url.password) return 'The target must not carry credentials.'
  return undefined
}
