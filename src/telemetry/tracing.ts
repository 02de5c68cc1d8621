/**
 * OpenTelemetry tracing of HTTP (incoming requests), Fastify (routes, hooks, handlers) and pg
 * (each query), with the OpenTelemetry Node SDK. Off by default; on when the standard variables
 * ask for it: OTEL_TRACES_EXPORTER (otlp, console, zipkin…) or an OTLP endpoint
 * (OTEL_EXPORTER_OTLP_ENDPOINT / OTEL_EXPORTER_OTLP_TRACES_ENDPOINT); OTEL_SDK_DISABLED=true
 * wins. Everything else (service name, sampler, headers, protocol) is the SDK's own OTEL_*.
 *
 * Must run before pg and Fastify are imported: the instrumentations patch them as they load
 * (ESM through the import-in-the-middle hook registered here, CommonJS through require hooks).
 * Spans carry no personal data: pg statements are parameterised and their values are not
 * recorded; incoming URLs are recorded without their query strings.
 */
import type { tracing } from '@opentelemetry/sdk-node'

type SpanProcessor = tracing.SpanProcessor

type Env = Record<string, string | undefined>

export function tracingRequested(env: Env = process.env): boolean {
  if (env.OTEL_SDK_DISABLED === 'true') return false
  const exporter = env.OTEL_TRACES_EXPORTER
  if (exporter !== undefined && exporter !== '') return exporter !== 'none'
  return Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT)
}

export interface Tracing {
  description: string
  shutdown(): Promise<void>
}

/**
 * Starts tracing when the environment asks for it (or when `spanProcessors` are given: the
 * tests' in-memory exporter); otherwise does nothing and returns undefined.
 */
export async function startTracing(env: Env = process.env, spanProcessors?: SpanProcessor[]): Promise<Tracing | undefined> {
  if (spanProcessors === undefined && !tracingRequested(env)) return undefined
  const { register } = await import('node:module')
  register('@opentelemetry/instrumentation/hook.mjs', import.meta.url)
  const [{ NodeSDK }, { HttpInstrumentation }, { PgInstrumentation }, { FastifyOtelInstrumentation }] = await Promise.all([
    import('@opentelemetry/sdk-node'),
    import('@opentelemetry/instrumentation-http'),
    import('@opentelemetry/instrumentation-pg'),
    import('@fastify/otel')
  ])
  const sdk = new NodeSDK({
    serviceName: env.OTEL_SERVICE_NAME ?? 'bestallarenhet-aldre',
    ...(spanProcessors ? { spanProcessors } : {}),
    instrumentations: [
      new HttpInstrumentation({
        // Probes would drown the traces; outgoing calls (JWKS) are still traced.
        ignoreIncomingRequestHook: (request) => (request.url ?? '').startsWith('/health/'),
        // A query string may hold search terms about a person: keep the path only.
        requestHook: (span, request) => {
          if (!('headers' in request) || typeof (request as { url?: unknown }).url !== 'string') return
          const target = ((request as { url: string }).url.split('?')[0]) ?? ''
          span.setAttribute('http.target', target)
          span.setAttribute('url.path', target)
          span.setAttribute('url.query', '')
        }
      }),
      new FastifyOtelInstrumentation({ registerOnInitialization: true }),
      new PgInstrumentation({ enhancedDatabaseReporting: false })
    ]
  })
  sdk.start()
  const exporter = spanProcessors ? 'in-process span processors' : `${env.OTEL_TRACES_EXPORTER ?? 'otlp'} exporter`
  return { description: `on (${exporter}; service ${env.OTEL_SERVICE_NAME ?? 'bestallarenhet-aldre'})`, shutdown: () => sdk.shutdown() }
}
