/** Security headers, rate limiting and load shedding, from the maintained Fastify plugins. */
import fp from 'fastify-plugin'
import helmet from '@fastify/helmet'
import rateLimit from '@fastify/rate-limit'
import underPressure from '@fastify/under-pressure'
import { ProblemError } from '../http/problem.js'

const SHEDDING_GRACE_MS = 2000

export interface SecurityOptions {
  rateLimit: { max: number; windowMs: number }
  maxEventLoopDelayMs: number
}

export default fp(async (app, opts: SecurityOptions) => {
  await app.register(helmet, {
    // The API serves JSON; Swagger UI sets its own CSP (staticCSP) for /docs.
    contentSecurityPolicy: false,
    crossOriginEmbedderPolicy: false
  })
  const isHealthCheck = (url: string) => url.startsWith('/health/')
  await app.register(rateLimit, {
    // Not per route (route hooks run after authentication): one instance-wide onRequest hook
    // below, so that requests with bad tokens are counted too.
    global: false,
    max: opts.rateLimit.max,
    timeWindow: opts.rateLimit.windowMs,
    allowList: (request) => isHealthCheck(request.url),
    // The key is the client address. A malformed request (e.g. a bad Transfer-Encoding) can
    // leave the socket without one, and an exception here would be logged on every such
    // request: such requests share one bucket instead.
    keyGenerator: (request) => {
      try {
        return request.ip || request.socket?.remoteAddress || 'unknown'
      } catch {
        return 'unknown'
      }
    },
    errorResponseBuilder: () => new ProblemError(429, 'Too many requests; slow down and retry later.')
  })
  app.addHook('onRequest', app.rateLimit())
  // Right after start-up the event-loop delay still measures the boot (compiling schemas,
  // migrations): shedding then would answer 503 to the first requests of a ready instance.
  let sheddingFrom = Infinity
  app.addHook('onReady', async () => {
    sheddingFrom = Date.now() + SHEDDING_GRACE_MS
  })
  await app.register(underPressure, {
    maxEventLoopDelay: opts.maxEventLoopDelayMs,
    retryAfter: 5,
    pressureHandler: (request) => {
      // A busy instance is still alive and its readiness is the database's: never shed probes.
      if (isHealthCheck(request.url) || Date.now() < sheddingFrom) return
      throw new ProblemError(503, 'The service is overloaded; retry shortly.')
    }
  })
}, { name: 'security' })
