/**
 * The Prometheus endpoint after some traffic: requests per route template and status (never a
 * raw id), latency histograms, the pool, the access log's group commits, event-loop lag and
 * memory; served on its own port and, with a token configured, only to a caller who sends it.
 */
import t from 'tap'
import { startMetricsServer } from '../../src/telemetry/metrics-server.js'
import { buildTestApp, createPerson } from '../helper.js'

/** The value of one sample line, e.g. `http_requests_total{method="GET",…} 3`. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(name)) continue
    const match = /^([a-z0-9_]+)(?:\{(.*)\})? (\S+)$/.exec(line)
    if (!match || match[1] !== name) continue
    const present = Object.fromEntries([...(match[2] ?? '').matchAll(/([a-z_]+)="([^"]*)"/g)].map((m) => [m[1], m[2]]))
    if (Object.entries(labels).every(([k, v]) => present[k] === v)) return Number(match[3])
  }
  return undefined
}

t.test('the metrics endpoint shows the traffic, the pool, the group commits and the process', async (t) => {
  const ctx = await buildTestApp(t)
  const token = await ctx.token('case_worker')
  const person = await createPerson(ctx, token)
  // Concurrent reads: their access-log rows go through the group commit.
  const reads = await Promise.all(Array.from({ length: 8 }, () => ctx.call('GET', `/v1/persons/${person.id}`, { token })))
  t.same(reads.map((r) => r.status), Array(8).fill(200))
  t.equal((await ctx.call('GET', '/v1/persons/3f1c2b9a-5d7e-4c1a-9b2f-8e6d4a2c1b0f', { token })).status, 404)
  t.equal((await ctx.call('GET', '/v1/units')).status, 401)
  t.equal((await ctx.call('GET', '/no/such/path')).status, 404)

  const server = await startMetricsServer({ host: '127.0.0.1', port: 0, token: 'scrape-secret' }, ctx.app.metrics.registry)
  t.teardown(() => server.close())
  t.equal((await fetch(server.url)).status, 401, 'no token: 401')
  t.equal((await fetch(server.url, { headers: { authorization: 'Bearer wrong-secret!' } })).status, 401, 'wrong token: 401')
  t.equal((await fetch(server.url.replace('/metrics', '/'), { headers: { authorization: 'Bearer scrape-secret' } })).status, 404, 'only /metrics')
  const response = await fetch(server.url, { headers: { authorization: 'Bearer scrape-secret' } })
  t.equal(response.status, 200)
  t.match(response.headers.get('content-type'), /^text\/plain; version=0\.0\.4/)
  const text = await response.text()

  const read = { method: 'GET', route: '/v1/persons/:id', status_code: '200' }
  t.equal(sample(text, 'http_requests_total', read), 8, 'reads counted under the route template')
  t.equal(sample(text, 'http_requests_total', { ...read, status_code: '404' }), 1, 'and the 404 apart')
  t.equal(sample(text, 'http_requests_total', { method: 'POST', route: '/v1/persons', status_code: '201' }), 1)
  t.equal(sample(text, 'http_requests_total', { method: 'GET', route: '/v1/units', status_code: '401' }), 1)
  t.equal(sample(text, 'http_requests_total', { method: 'GET', route: 'unmatched', status_code: '404' }), 1, 'unknown paths share one series')
  t.equal(sample(text, 'http_request_duration_seconds_count', read), 8, 'latency histogram per route and status')
  t.equal(sample(text, 'http_request_duration_seconds_bucket', { ...read, le: '+Inf' }), 8)
  t.ok((sample(text, 'http_request_duration_seconds_sum', read) ?? 0) > 0)
  t.notMatch(text, person.id, 'no record id in any label')

  const batches = sample(text, 'access_log_group_commit_rows_count') ?? 0
  t.ok(batches >= 1, `group commits observed (${batches} writes)`)
  t.ok(batches <= 9, 'no more writes than reads')
  t.ok((sample(text, 'access_log_group_commit_rows_sum') ?? 0) >= 8, 'every read\'s rows were written')
  t.equal(sample(text, 'access_log_group_commit_wait_seconds_count'), sample(text, 'access_log_group_commit_requests_sum'), 'one wait observed per request in a batch')

  if (ctx.database.kind === 'postgres') {
    t.type(sample(text, 'db_pool_connections', { state: 'in_use' }), 'number', 'pool connections in use')
    t.type(sample(text, 'db_pool_connections', { state: 'idle' }), 'number', 'idle pool connections')
    t.equal(sample(text, 'db_pool_waiting_requests'), 0, 'nobody waits for a connection now')
  }
  t.type(sample(text, 'nodejs_eventloop_lag_seconds'), 'number', 'event-loop lag')
  t.type(sample(text, 'nodejs_eventloop_lag_p99_seconds'), 'number', 'event-loop lag percentiles')
  t.ok((sample(text, 'process_resident_memory_bytes') ?? 0) > 0, 'resident memory')
  t.ok((sample(text, 'nodejs_heap_size_used_bytes') ?? 0) > 0, 'heap in use')
})

t.test('without a token configured, the separate port alone protects the metrics', async (t) => {
  const ctx = await buildTestApp(t)
  const server = await startMetricsServer({ host: '127.0.0.1', port: 0, token: undefined }, ctx.app.metrics.registry)
  t.teardown(() => server.close())
  t.equal((await fetch(server.url)).status, 200)
  t.equal((await ctx.call('GET', '/metrics')).status, 404, 'the public API does not serve them')
})
