/**
 * Admission control (MAX_IN_FLIGHT_REQUESTS) over a listening server: requests whose bodies
 * have not finished arriving are in flight and hold their places, so the bound is reached
 * deterministically without a slow database. The next request answers 503 problem+json with
 * Retry-After at once; health probes are still answered; places come back when requests end,
 * also when their client goes away.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import t from 'tap'
import { buildTestApp, nextPersonnummer } from '../helper.js'

const LIMIT = 3

interface Answer { status: number; headers: http.IncomingHttpHeaders; body: string }

function get(port: number, path: string, token?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, agent: false, headers: token ? { authorization: `Bearer ${token}` } : {} }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => { body += chunk })
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
    })
    req.on('error', reject)
    req.end()
  })
}

/** A POST whose headers are sent but whose body is held back until `finish` (or `abandon`). */
function heldPost(port: number, path: string, token: string, body: unknown) {
  const req = http.request({
    host: '127.0.0.1', port, path, method: 'POST', agent: false,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'transfer-encoding': 'chunked' }
  })
  const answer = new Promise<Answer>((resolve, reject) => {
    req.on('response', (res) => {
      let text = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => { text += chunk })
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }))
    })
    req.on('error', reject)
  })
  req.flushHeaders()
  return {
    finish: () => { req.end(JSON.stringify(body)); return answer },
    abandon: () => { answer.catch(() => {}); req.destroy() }
  }
}

async function until(condition: () => Promise<boolean>, what: string) {
  for (let i = 0; i < 200; i++) {
    if (await condition()) return
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
  throw new Error(`timed out waiting for ${what}`)
}

t.test('the request past MAX_IN_FLIGHT_REQUESTS is shed with 503 problem+json and Retry-After; probes are not', async (t) => {
  const ctx = await buildTestApp(t, { MAX_IN_FLIGHT_REQUESTS: String(LIMIT) })
  await ctx.app.listen({ host: '127.0.0.1', port: 0 })
  const { port } = ctx.app.server.address() as AddressInfo
  const token = await ctx.token('case_worker')
  const inFlight = async () => {
    const text = await ctx.app.metrics.registry.getSingleMetricAsString('http_requests_in_flight')
    return Number(/http_requests_in_flight (\d+)/.exec(text)?.[1])
  }

  t.equal((await get(port, '/v1/service-types', token)).status, 200, 'below the limit a request is served')

  const held = Array.from({ length: LIMIT }, () =>
    heldPost(port, '/v1/persons', token, { personalIdentityNumber: nextPersonnummer(), firstName: 'Hålla', lastName: 'Platsen' }))
  await until(async () => (await inFlight()) === LIMIT, `${LIMIT} requests in flight`)

  const started = performance.now()
  const shed = await get(port, '/v1/service-types', token)
  const shedMs = performance.now() - started
  t.equal(shed.status, 503, `request ${LIMIT + 1} is shed`)
  t.match(shed.headers['content-type'], /^application\/problem\+json/)
  t.match(shed.headers['retry-after'], /^\d+$/, 'with Retry-After in seconds')
  t.ok(shed.headers['x-request-id'], 'and a request id')
  const problem = JSON.parse(shed.body)
  t.match(problem, { status: 503, title: String, detail: /capacity/, instance: /^\/v1\/service-types#request-/ })
  t.ok(shedMs < 1000, `at once, without waiting for a place (${shedMs.toFixed(0)} ms)`)
  const unauthenticated = await get(port, '/v1/persons')
  t.equal(unauthenticated.status, 503, 'before authentication: shedding costs no token verification')

  t.equal((await get(port, '/health/live')).status, 200, 'liveness is answered at the limit')
  const ready = await get(port, '/health/ready')
  t.equal(ready.status, 200, 'readiness is answered at the limit')
  t.same(JSON.parse(ready.body), { status: 'ok', database: true, writable: true })

  const shedCount = await ctx.app.metrics.registry.getSingleMetricAsString('http_requests_shed_total')
  t.match(shedCount, /http_requests_shed_total 2\b/, 'the shed requests are counted')

  // One client gives up: its place comes back; the others finish and are stored.
  held[0]!.abandon()
  await until(async () => (await inFlight()) === LIMIT - 1, 'the abandoned request to give its place back')
  t.equal((await get(port, '/v1/service-types', token)).status, 200, 'a place freed by a client that left is used again')
  const created = await Promise.all(held.slice(1).map((h) => h.finish()))
  t.same(created.map((c) => c.status), [201, 201], 'the admitted requests complete')
  await until(async () => (await inFlight()) === 0, 'every place to be given back')
  const after = await Promise.all(Array.from({ length: LIMIT }, () => get(port, '/v1/service-types', token)))
  t.same(after.map((a) => a.status), Array(LIMIT).fill(200), `${LIMIT} at once are served again`)
  const oneByOne: number[] = []
  for (let i = 0; i < 2 * LIMIT; i++) oneByOne.push((await ctx.call('GET', '/v1/service-types', { token })).status)
  t.same(oneByOne, Array(2 * LIMIT).fill(200), 'requests one after another never run out of places (each gives its place back)')
})

t.test('MAX_IN_FLIGHT_REQUESTS=0 turns the limit off', async (t) => {
  const ctx = await buildTestApp(t, { MAX_IN_FLIGHT_REQUESTS: '0' })
  const token = await ctx.token('case_worker')
  const answers = await Promise.all(Array.from({ length: 40 }, () => ctx.call('GET', '/v1/service-types', { token })))
  t.ok(answers.every((a) => a.status === 200), '40 at once, all served')
})
