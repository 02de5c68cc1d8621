/**
 * A traced request: with tracing on (here with an in-memory exporter instead of OTEL_* and an
 * OTLP collector), one HTTP request gives a server span with Fastify's spans and the pg query
 * spans beneath it, all in one trace. Tracing must start before pg and Fastify load, so the
 * app is imported only afterwards.
 */
import { tracing as sdk } from '@opentelemetry/sdk-node'
import t from 'tap'
import { startTracing, tracingRequested } from '../../src/telemetry/tracing.js'

t.test('tracing is off unless the standard OTEL_* variables ask for it', async (t) => {
  t.equal(tracingRequested({}), false, 'off by default')
  t.equal(tracingRequested({ OTEL_TRACES_EXPORTER: 'otlp' }), true)
  t.equal(tracingRequested({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }), true)
  t.equal(tracingRequested({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/v1/traces' }), true)
  t.equal(tracingRequested({ OTEL_TRACES_EXPORTER: 'none', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }), false)
  t.equal(tracingRequested({ OTEL_SDK_DISABLED: 'true', OTEL_TRACES_EXPORTER: 'otlp' }), false)
  t.equal(await startTracing({}), undefined, 'nothing is started when not asked')
})

t.test('a request\'s pg spans sit under its HTTP server span', { skip: process.env.DATABASE_URL ? false : 'pg spans need DATABASE_URL (the embedded database does not use pg)' }, async (t) => {
  const exporter = new sdk.InMemorySpanExporter()
  const tracing = await startTracing({}, [new sdk.SimpleSpanProcessor(exporter)])
  t.teardown(() => tracing?.shutdown())
  const { buildTestApp, createPerson } = await import('../helper.js')

  const ctx = await buildTestApp(t)
  const token = await ctx.token('case_worker')
  const person = await createPerson(ctx, token)
  const address = await ctx.app.listen({ host: '127.0.0.1', port: 0 })
  exporter.reset()

  const response = await fetch(`${address}/v1/persons/${person.id}?note=19121212-1212`, { headers: { authorization: `Bearer ${token}` } })
  t.equal(response.status, 200)
  await new Promise((resolve) => setTimeout(resolve, 200))

  const spans = exporter.getFinishedSpans()
  const parentOf = (span: sdk.ReadableSpan) => span.parentSpanContext?.spanId
  const server = spans.find((s) => s.kind === 1 /* SERVER */ && s.instrumentationScope.name.includes('http'))
  if (!server) return t.fail(`no HTTP server span among: ${spans.map((s) => s.name).join(', ')}`)
  const trace = spans.filter((s) => s.spanContext().traceId === server.spanContext().traceId)
  const byId = new Map(trace.map((s) => [s.spanContext().spanId, s]))
  const underServer = (span: sdk.ReadableSpan): boolean => {
    for (let s: sdk.ReadableSpan | undefined = span; s; s = byId.get(parentOf(s) ?? '')) if (s === server) return true
    return false
  }

  const pg = trace.filter((s) => s.instrumentationScope.name.includes('instrumentation-pg') && s.name.startsWith('pg.query'))
  t.ok(pg.length >= 2, `pg query spans in the request's trace (${pg.map((s) => s.name).join(', ')})`)
  t.ok(pg.every(underServer), 'every pg span descends from the server span')
  t.ok(pg.some((s) => /access_log/.test(String(s.attributes['db.statement'] ?? s.attributes['db.query.text']))), 'the access-log write is among them')
  t.notMatch(JSON.stringify(pg.map((s) => s.attributes)), /Testa|Testsson|19121212/, 'no parameter values in pg spans')

  const fastify = trace.filter((s) => s.instrumentationScope.name.includes('fastify'))
  t.ok(fastify.length >= 1, `Fastify spans (${[...new Set(fastify.map((s) => s.name))].slice(0, 6).join(', ')}…)`)
  t.ok(fastify.every(underServer), 'Fastify spans descend from the server span')
  t.ok(fastify.some((s) => s.attributes['http.route'] === '/v1/persons/:id'), 'the route template is recorded')

  t.notMatch(JSON.stringify(server.attributes), /19121212|note=/, 'the query string is not recorded')
})
