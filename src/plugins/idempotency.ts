/**
 * Idempotency-Key on POST. The first request with a key reserves it (one row per caller and
 * key) and its response is kept; a retry with the same key and body gets that response again
 * with `Idempotent-Replayed: true`, and creates nothing. A retry while the first is still
 * running gets 409; the same key with a different body gets 422. Only successful responses
 * are kept: an error releases the key, so a corrected or later retry runs (a refused request
 * created nothing). Keys expire after IDEMPOTENCY_TTL_HOURS.
 */
import { createHash } from 'node:crypto'
import fp from 'fastify-plugin'
import { sql } from 'kysely'
import { ProblemError } from '../http/problem.js'

declare module 'fastify' {
  interface FastifyRequest {
    idempotencyKey: string | null
  }
}

const REPLAYED_HEADERS = ['location', 'etag', 'content-type']
// A reservation older than this without a response is from a crashed request: take it over.
const ABANDONED_AFTER_MS = 60_000

export default fp(async (app, opts: { ttlHours: number }) => {
  app.decorateRequest('idempotencyKey', null)

  app.addHook('preHandler', async (request, reply) => {
    if (request.method !== 'POST') return
    const key = request.headers['idempotency-key']
    if (typeof key !== 'string') return
    if (!/^[\x21-\x7e]{1,200}$/.test(key)) {
      throw new ProblemError(400, 'Idempotency-Key must be 1–200 visible ASCII characters.', { errors: [{ in: 'headers', pointer: '/idempotency-key', message: 'invalid' }] })
    }
    const actor = request.actor.subject
    const hash = createHash('sha256').update(`${request.method} ${request.url}\n${JSON.stringify(request.body ?? null)}`).digest('hex')

    const reserved = await app.db.insertInto('idempotency_keys')
      .values({ actor, key, request_hash: hash })
      .onConflict((oc) => oc.columns(['actor', 'key']).doUpdateSet({ request_hash: hash, created_at: sql<string>`now()` })
        .where('idempotency_keys.status_code', 'is', null)
        .where('idempotency_keys.created_at', '<', sql<string>`now() - ${`${ABANDONED_AFTER_MS} milliseconds`}::interval`))
      .returning('actor')
      .executeTakeFirst()
    if (reserved) {
      request.idempotencyKey = key
      return
    }
    const existing = await app.db.selectFrom('idempotency_keys').selectAll()
      .where('actor', '=', actor).where('key', '=', key).executeTakeFirst()
    if (!existing) throw new ProblemError(409, 'A request with this Idempotency-Key was just released; retry it.')
    if (existing.request_hash !== hash) {
      throw new ProblemError(422, 'This Idempotency-Key was used for a different request.')
    }
    if (existing.status_code === null) {
      throw new ProblemError(409, 'A request with this Idempotency-Key is still being processed; retry shortly.')
    }
    reply.code(existing.status_code).headers({ ...existing.response_headers, 'idempotent-replayed': 'true' })
    return reply.send(existing.response_body)
  })

  app.addHook('onSend', async (request, reply, payload) => {
    const key = request.idempotencyKey
    if (key === null) return payload
    request.idempotencyKey = null
    const where = { actor: request.actor.subject, key }
    if (reply.statusCode >= 300) {
      await app.db.deleteFrom('idempotency_keys').where('actor', '=', where.actor).where('key', '=', where.key).execute()
      return payload
    }
    const headers: Record<string, string> = {}
    for (const name of REPLAYED_HEADERS) {
      const value = reply.getHeader(name)
      if (value !== undefined) headers[name] = String(value)
    }
    await app.db.updateTable('idempotency_keys')
      .set({ status_code: reply.statusCode, response_headers: JSON.stringify(headers), response_body: typeof payload === 'string' ? payload : '' })
      .where('actor', '=', where.actor).where('key', '=', where.key)
      .execute()
    return payload
  })

  const sweep = setInterval(() => {
    app.db.deleteFrom('idempotency_keys')
      .where('created_at', '<', sql<string>`now() - ${`${opts.ttlHours} hours`}::interval`)
      .execute()
      .catch((err: unknown) => app.log.warn({ err }, 'idempotency key sweep failed'))
  }, 3_600_000)
  sweep.unref()
  app.addHook('onClose', async () => clearInterval(sweep))
}, { name: 'idempotency', dependencies: ['database', 'auth'] })
