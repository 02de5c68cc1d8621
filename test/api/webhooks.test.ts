/**
 * Webhooks: a receiver started by the test gets signed Standard Webhooks deliveries it
 * verifies, in feed order; 500s and timeouts are retried with backoff and logged; a
 * subscription that keeps failing is marked failing and resumes on redeliver; a rotated secret
 * overlaps; nothing is lost across a restart; internal targets are refused.
 */
import { createHmac } from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import t from 'tap'
import { buildTestApp, createApplication, createPerson } from '../helper.js'

interface Received { id: string; timestamp: string; signature: string; body: string; type: string }

/** A receiver whose answer the test sets: a status, or silence longer than the timeout. */
async function startReceiver(t: { teardown(fn: () => unknown): void }) {
  const received: Received[] = []
  let answer: () => number | 'hang' = () => 204
  const server = http.createServer((req, res) => {
    let body = ''
    req.on('data', (chunk) => { body += chunk })
    req.on('end', () => {
      const outcome = answer()
      received.push({
        id: String(req.headers['webhook-id']), timestamp: String(req.headers['webhook-timestamp']),
        signature: String(req.headers['webhook-signature']), body, type: JSON.parse(body).type
      })
      if (outcome === 'hang') { setTimeout(() => res.destroy(), 1000); return }
      res.writeHead(outcome).end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  t.teardown(() => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()) }))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    received,
    answerWith(f: () => number | 'hang') { answer = f }
  }
}

/** What a receiver does to verify, in a few lines of Node (as in the README). */
function verifies(secret: string, r: Received): boolean {
  const key = Buffer.from(secret.slice('whsec_'.length), 'base64')
  const expected = 'v1,' + createHmac('sha256', key).update(`${r.id}.${r.timestamp}.${r.body}`).digest('base64')
  return r.signature.split(' ').includes(expected)
}

async function until(what: string, check: () => boolean | Promise<boolean>, ms = 10_000) {
  const end = Date.now() + ms
  while (Date.now() < end) {
    if (await check()) return
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
  throw new Error(`timed out waiting for ${what}`)
}

const DISPATCH = {
  WEBHOOK_DISPATCH: 'true', WEBHOOK_ALLOW_INTERNAL_TARGETS: 'true', WEBHOOK_POLL_INTERVAL_MS: '20', WEBHOOK_TIMEOUT_MS: '300',
  WEBHOOK_RETRY_BASE_MS: '20', WEBHOOK_RETRY_MAX_MS: '80', WEBHOOK_RETRY_WINDOW_MS: '3000'
}

t.test('webhooks', async (t) => {
  const ctx = await buildTestApp(t, DISPATCH)
  const admin = await ctx.token('administrator')
  const worker = await ctx.token('case_worker')
  const receiver = await startReceiver(t)

  const created = await ctx.call('POST', '/v1/webhook-subscriptions', { token: admin, body: { url: receiver.url, eventTypes: ['person.registered', 'application.received'] } })
  t.equal(created.status, 201, created.raw)
  t.match(created.body.secret, /^whsec_[A-Za-z0-9+/=]{40,}$/)
  const subscription = created.body
  const read = await ctx.call('GET', `/v1/webhook-subscriptions/${subscription.id}`, { token: admin })
  t.equal(read.body.secret, undefined, 'the secret is shown once')
  t.equal((await ctx.call('POST', '/v1/webhook-subscriptions', { token: worker, body: { url: receiver.url } })).status, 403, 'case workers do not subscribe')
  t.equal((await ctx.call('GET', `/v1/webhook-subscriptions/${subscription.id}`, { token: await ctx.token('administrator', { unit: 'bromma' }) })).status, 404)

  t.test('signed deliveries, verified by the receiver, in order', async (t) => {
    const person = await createPerson(ctx, worker)
    const application = await createApplication(ctx, worker, { personId: person.id })
    await until('two deliveries', () => receiver.received.length >= 2)
    t.same(receiver.received.map((r) => r.type.split('.').slice(-2).join('.')), ['person.registered', 'application.received'], 'in feed order, only the subscribed types')
    t.ok(receiver.received.every((r) => verifies(subscription.secret, r)), 'each signature verifies with the secret')
    t.notOk(verifies('whsec_' + Buffer.from('another secret, not the right one').toString('base64'), receiver.received[0]!), 'and not with another')
    const [first] = receiver.received
    t.equal(first!.id, JSON.parse(first!.body).id, 'webhook-id is the event id (receivers de-duplicate on it)')
    t.ok(Math.abs(Number(first!.timestamp) - Date.now() / 1000) < 60, 'webhook-timestamp is now, in seconds')
    t.equal(JSON.parse(receiver.received[1]!.body).data.subjectId, application.id)
  })

  t.test('retries after 500s and a timeout, logged per attempt', async (t) => {
    receiver.received.length = 0
    const answers: (number | 'hang')[] = [500, 503, 'hang', 200]
    receiver.answerWith(() => answers.shift() ?? 200)
    await createPerson(ctx, worker)
    await createPerson(ctx, worker)
    await until('the retried deliveries', () => receiver.received.length >= 5)
    const ids = receiver.received.map((r) => r.id)
    t.same(ids.slice(0, 4), [ids[0], ids[0], ids[0], ids[0]], 'the first event is retried until answered; the second waits behind it')
    t.not(ids[4], ids[0], 'then the second goes out')
    // The receiver counts a delivery when it arrives; the dispatcher logs it after the answer.
    const deliveries = () => ctx.call('GET', `/v1/webhook-subscriptions/${subscription.id}/deliveries?limit=5`, { token: admin })
    await until('the second event\'s delivery logged', async () => (await deliveries()).body.items[0]?.eventId === ids[4])
    const log = await deliveries()
    t.equal(log.status, 200)
    t.same(log.body.items.map((d: any) => [d.attempt, d.statusCode, d.succeeded]).reverse(), [[1, 500, false], [2, 503, false], [3, null, false], [4, 200, true], [1, 200, true]])
    t.match(log.body.items[2].error, /No answer within 300 ms/)
  })

  t.test('rotation: during the overlap both secrets sign', async (t) => {
    receiver.received.length = 0
    receiver.answerWith(() => 204)
    const rotated = await ctx.call('POST', `/v1/webhook-subscriptions/${subscription.id}/rotate-secret`, { token: admin })
    t.equal(rotated.status, 200, rotated.raw)
    t.not(rotated.body.secret, subscription.secret)
    await createPerson(ctx, worker)
    await until('a delivery', () => receiver.received.length >= 1)
    t.ok(verifies(rotated.body.secret, receiver.received[0]!), 'the new secret verifies')
    t.ok(verifies(subscription.secret, receiver.received[0]!), 'the previous one still does')
  })

  t.test('failing for the whole retry window marks the subscription failing; redeliver resumes it', async (t) => {
    receiver.received.length = 0
    receiver.answerWith(() => 500)
    const person = await createPerson(ctx, worker)
    await until('failing', async () => (await ctx.call('GET', `/v1/webhook-subscriptions/${subscription.id}`, { token: admin })).body.status === 'failing')
    const tries = receiver.received.length
    t.ok(tries >= 3, `retried with backoff before giving up (${tries} tries)`)
    await new Promise((resolve) => setTimeout(resolve, 200))
    t.equal(receiver.received.length, tries, 'a failing subscription gets no more tries')

    receiver.received.length = 0
    receiver.answerWith(() => 200)
    const eventId = JSON.parse(receiver.received[0]?.body ?? 'null')?.id ?? (await ctx.call('GET', '/v1/events?types=person.registered&limit=500', { token: worker })).body.items.find((e: any) => e.data.subjectId === person.id).id
    const resumed = await ctx.call('POST', `/v1/webhook-subscriptions/${subscription.id}/redeliver`, { token: admin, body: { eventId } })
    t.equal(resumed.status, 200, resumed.raw)
    t.equal(resumed.body.status, 'active')
    await until('the redelivery', () => receiver.received.some((r) => r.id === eventId))
  })

  t.test('internal targets are refused', async (t) => {
    const strict = await buildTestApp(t)
    const token = await strict.token('administrator')
    for (const url of ['http://127.0.0.1:8080/hook', 'http://localhost/hook', 'http://169.254.169.254/latest/meta-data', 'http://10.1.2.3/', 'http://[::1]/', 'http://[::ffff:192.168.0.1]/', 'ftp://example.org/', 'not a url', 'https://user:pw@example.org/']) {
      const res = await strict.call('POST', '/v1/webhook-subscriptions', { token, body: { url } })
      t.equal(res.status, 400, url)
    }
    const production = await buildTestApp(t, { WEBHOOK_REQUIRE_HTTPS: 'true' })
    const res = await production.call('POST', '/v1/webhook-subscriptions', { token: await production.token('administrator'), body: { url: 'http://example.org/hook' } })
    t.equal(res.status, 400, 'http is refused where https is required')
  })
})

t.test('nothing is lost across a restart', { skip: process.env.DATABASE_URL ? false : 'needs a server database two apps can share' }, async (t) => {
  const first = await buildTestApp(t, DISPATCH)
  const receiver = await startReceiver(t)
  receiver.answerWith(() => 503)
  const admin = await first.token('administrator')
  const worker = await first.token('case_worker')
  const created = await first.call('POST', '/v1/webhook-subscriptions', { token: admin, body: { url: receiver.url, eventTypes: ['person.registered'] } })
  t.equal(created.status, 201)
  const people = [await createPerson(first, worker), await createPerson(first, worker), await createPerson(first, worker)]
  await until('a failed try', () => receiver.received.length >= 1)
  await first.app.close()

  receiver.answerWith(() => 200)
  const second = await buildTestApp(t, DISPATCH, { databaseUrl: first.config.databaseUrl! })
  await until('every event after the restart', () => people.every((p) => receiver.received.some((r) => r.body.includes(p.id) && JSON.parse(r.body).data.subjectId === p.id)))
  const delivered = new Set(receiver.received.map((r) => JSON.parse(r.body).data.subjectId))
  t.same([...delivered].sort(), people.map((p) => p.id).sort(), 'all three arrive, none lost')
  t.ok(second.app.webhookDispatcher, 'the new instance dispatches')
})
