/**
 * Liveness (the process answers) and readiness (the database answers and accepts changes).
 *
 * Readiness asks the database on a connection of its own (see db/database.ts `probe`), not
 * through the request pool: a pool momentarily busy with slow requests is load, not a dead
 * instance, and a load balancer that took it out of rotation (or an orchestrator that
 * restarted it) would only move the load and lose the requests in flight. A read-only
 * database (a failover to a standby, default_transaction_read_only) answers but refuses every
 * change: then readiness is 503 with `writable: false`, so traffic goes to an instance whose
 * database takes writes.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'

const Health = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('unavailable')]),
  database: Type.Optional(Type.Boolean({ description: 'Whether the database answered within 2 s.' })),
  writable: Type.Optional(Type.Boolean({ description: 'Whether the database accepts changes (false on a read-only standby).' }))
})
const READY_TIMEOUT_MS = 2000

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/health/live', {
    schema: {
      tags: ['Health'], operationId: 'live', summary: 'Liveness', security: [],
      description: 'Answers 200 while the process runs its event loop, whatever the database does (readiness is /health/ready). Not authenticated and not rate-limited, for the orchestrator\'s probes.',
      response: { 200: Health }
    }
  }, async () => ({ status: 'ok' as const }))

  app.get('/health/ready', {
    schema: {
      tags: ['Health'], operationId: 'ready', summary: 'Readiness: the database answers and accepts changes', security: [],
      description: 'Asked on a connection of its own, so a busy pool does not turn it 503; 503 when the database does not answer within 2 s or refuses changes (read-only).',
      response: { 200: Health, 503: Health }
    }
  }, async (_request, reply) => {
    const { answers, writable } = await app.probeDatabase(READY_TIMEOUT_MS)
    return answers && writable
      ? { status: 'ok' as const, database: true, writable: true }
      : reply.code(503).send({ status: 'unavailable' as const, database: answers, writable })
  })
}

export default routes
