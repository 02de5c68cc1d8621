/**
 * Request metrics: every response is counted and timed under its route template (never the raw
 * URL, whose ids would make one series per record); unmatched URLs count as "unmatched".
 */
import fp from 'fastify-plugin'
import { createMetrics, type Metrics, type PoolCounts } from '../telemetry/metrics.js'

declare module 'fastify' {
  interface FastifyInstance {
    metrics: Metrics
  }
}

export default fp(async (app, opts: { pool?: PoolCounts | undefined }) => {
  const metrics = createMetrics(opts.pool)
  app.decorate('metrics', metrics)
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched'
    metrics.observeRequest(request.method, route, reply.statusCode, reply.elapsedTime / 1000)
  })
}, { name: 'metrics' })
