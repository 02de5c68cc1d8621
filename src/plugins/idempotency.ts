/**
 * Idempotency-Key on POST. The first request with a key reserves it and its successful
 * response is kept; a retry with the same key and body gets that response again with
 * `Idempotent-Replayed: true`, and creates nothing. A retry while the first is still running
 * gets 409; the same key with a different body gets 422. An error releases the key (a refused
 * request created nothing), so a corrected retry runs. Keys expire after IDEMPOTENCY_TTL_HOURS.
 *
 * A kept response may carry an individual's data, so a replay is a read like any other: keys
 * belong to the whole principal (sub, unit, roles, permissions), the individuals in the
 * response must still be visible to the caller, and the replay is audited. Capability checks
 * run before this hook (preValidation), so a caller who lost a role gets 403, not a replay.
 * Routes that change nothing opt out with `config: { idempotent: false }`.
 */
import { createHash } from 'node:crypto'
import fp from 'fastify-plugin'
import { sql } from 'kysely'
import type { FastifyRequest } from 'fastify'
import { notFound, ProblemError } from '../http/problem.js'
import { personVisibleTo } from '../auth/access.js'

declare module 'fastify' {
  interface FastifyRequest {
    idempotency: { principal: string; key: string } | null
  }
  interface FastifyContextConfig {
    idempotent?: boolean
  }
}

const REPLAYED_HEADERS = ['location', 'etag', 'content-type']
// A reservation older than this without a response is from a crashed request: take it over.
const ABANDONED_AFTER = '60 seconds'

function principalOf(request: FastifyRequest): string {
  const { subject, unitId, providerId, roles, permissions } = request.actor
  // A provider belongs to no unit: its provider is its scope.
  return createHash('sha256').update(JSON.stringify([subject, providerId ?? unitId, [...roles].sort(), [...permissions].sort()])).digest('hex')
}

export default fp(async (app, opts: { ttlHours: number }) => {
  app.decorateRequest('idempotency', null)

  /** For a provider, the persons it still sees: those with an order addressed to it. */
  const personsOfProvider = (ids: string[], providerId: string) =>
    app.db.selectFrom('orders').select('person_id as id').distinct().where('person_id', 'in', ids).where('provider_id', '=', providerId).execute()

  app.addHook('preHandler', async (request, reply) => {
    const key = request.headers['idempotency-key']
    if (request.method !== 'POST' || typeof key !== 'string' || request.routeOptions.config.idempotent === false) return
    if (!/^[\x21-\x7e]{1,200}$/.test(key)) {
      throw new ProblemError(400, 'Idempotency-Key must be 1–200 visible ASCII characters.', { errors: [{ in: 'headers', pointer: '/idempotency-key', message: 'invalid' }] })
    }
    const principal = principalOf(request)
    const hash = createHash('sha256').update(`${request.method} ${request.url}\n${JSON.stringify(request.body ?? null)}`).digest('hex')

    const reserved = await app.db.insertInto('idempotency_keys')
      .values({ principal, key, request_hash: hash })
      .onConflict((oc) => oc.columns(['principal', 'key']).doUpdateSet({ request_hash: hash, created_at: sql<string>`now()` })
        .where('idempotency_keys.status_code', 'is', null)
        .where('idempotency_keys.created_at', '<', sql<string>`now() - ${ABANDONED_AFTER}::interval`))
      .returning('key')
      .executeTakeFirst()
    if (reserved) {
      request.idempotency = { principal, key }
      return
    }
    const kept = await app.db.selectFrom('idempotency_keys').selectAll()
      .where('principal', '=', principal).where('key', '=', key).executeTakeFirst()
    if (!kept) throw new ProblemError(409, 'A request with this Idempotency-Key was just released; retry it.')
    if (kept.request_hash !== hash) throw new ProblemError(422, 'This Idempotency-Key was used for a different request.')
    if (kept.status_code === null) throw new ProblemError(409, 'A request with this Idempotency-Key is still being processed; retry shortly.')

    if (kept.person_ids.length > 0) {
      const visible = await app.db.selectFrom('persons').select('id')
        .where('id', 'in', kept.person_ids).where(personVisibleTo(request.actor)).execute()
        .then(async (rows) => request.actor.providerId === undefined ? rows : await personsOfProvider(kept.person_ids, request.actor.providerId))
      // person_ids are stored without duplicates (see onSend).
      if (visible.length < kept.person_ids.length) throw notFound('The resource')
      await app.audit(request, kept.person_ids.map((personId) => ({
        action: 'read' as const, resourceType: 'idempotent_replay', resourceId: kept.response_headers?.location ?? request.url, personId
      })))
    }
    reply.code(kept.status_code).headers({ ...kept.response_headers, 'idempotent-replayed': 'true' })
    return reply.send(kept.response_body)
  })

  app.addHook('onSend', async (request, reply, payload) => {
    const held = request.idempotency
    if (held === null) return payload
    request.idempotency = null
    if (reply.statusCode >= 300) {
      await app.db.deleteFrom('idempotency_keys').where('principal', '=', held.principal).where('key', '=', held.key).execute()
      return payload
    }
    const headers: Record<string, string> = {}
    for (const name of REPLAYED_HEADERS) {
      const value = reply.getHeader(name)
      if (value !== undefined) headers[name] = String(value)
    }
    await app.db.updateTable('idempotency_keys')
      .set({
        status_code: reply.statusCode,
        response_headers: JSON.stringify(headers),
        response_body: typeof payload === 'string' ? payload : '',
        person_ids: [...new Set(request.auditedPersonIds)]
      })
      .where('principal', '=', held.principal).where('key', '=', held.key)
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
}, { name: 'idempotency', dependencies: ['database', 'auth', 'audit'] })
