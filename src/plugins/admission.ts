/**
 * Admission control: at most `maxInFlight` requests are worked on at once by this instance;
 * the next one is answered 503 problem+json with Retry-After at once, before authentication,
 * body parsing or any database work. Health probes are always admitted (and not counted).
 *
 * Why a count and not only the event-loop delay (under-pressure, in security.ts): a service
 * whose requests wait for the database keeps an idle event loop while thousands of requests
 * queue for a pool connection, each holding its socket, parsed request, closures and — for a
 * list — the rows and the response being built. The bench drove the 50-row list at 500/s
 * (above what it serves) and the process grew to 345 MB without the loop ever lagging. With a
 * bound on requests in flight, the pool's wait queue (at most `maxInFlight` − pool size
 * waiters), the access log's group-commit queue and the memory they hold are bounded too.
 */
import fp from 'fastify-plugin'
import client from 'prom-client'
import { ProblemError } from '../http/problem.js'

export interface AdmissionOptions {
  /** Requests worked on at once; 0 turns the limit off. */
  maxInFlight: number
}

const isHealthCheck = (url: string) => url.startsWith('/health/')

export default fp(async (app, opts: AdmissionOptions) => {
  let inFlight = 0
  const shed = new client.Counter({
    name: 'http_requests_shed_total', help: 'Requests answered 503 at once because MAX_IN_FLIGHT_REQUESTS were already being worked on.',
    registers: [app.metrics.registry]
  })
  new client.Gauge({
    name: 'http_requests_in_flight', help: 'Requests being worked on (health probes not counted).', registers: [app.metrics.registry],
    collect() { this.set(inFlight) }
  })
  if (opts.maxInFlight === 0) return

  app.addHook('onRequest', async (request, reply) => {
    if (isHealthCheck(request.url)) return
    if (inFlight >= opts.maxInFlight) {
      shed.inc()
      throw new ProblemError(503, 'The service is at capacity; retry shortly.')
    }
    inFlight++
    // 'close' comes once per response, whether it was sent or the client went away: every
    // admitted request gives its place back exactly once.
    reply.raw.once('close', () => { inFlight-- })
  })
}, { name: 'admission', dependencies: ['metrics', 'errors'] })
