/**
 * Idempotency-Key on POST. A retry with the same key and body gets the first request's
 * successful response again with `Idempotent-Replayed: true`, and creates nothing; the same key
 * with a different body gets 422. The key is reserved inside the request's own write
 * transaction and its response stored in it before it commits (service/idempotency.ts): this
 * plugin opens the hold, stores or releases it when the response is rendered, and replays.
 * A retry while the first request is still running waits for it (bounded by the lock timeout)
 * and then answers 409 "retry it"; a request that failed or died left nothing, so a retry runs
 * anew. Keys expire after IDEMPOTENCY_TTL_HOURS.
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
import { HeldKey, type FaultPause } from '../service/idempotency.js'

declare module 'fastify' {
  interface FastifyRequest {
    idempotency: HeldKey | null
  }
  interface FastifyContextConfig {
    idempotent?: boolean
  }
}

const REPLAYED_HEADERS = ['location', 'etag', 'content-type']

function principalOf(request: FastifyRequest): string {
  const { subject, unitId, providerId, roles, permissions } = request.actor
  // A provider belongs to no unit: its provider is its scope.
  return createHash('sha256').update(JSON.stringify([subject, providerId ?? unitId, [...roles].sort(), [...permissions].sort()])).digest('hex')
}

export default fp(async (app, opts: { ttlHours: number; faultPause?: FaultPause }) => {
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

    const kept = await app.db.selectFrom('idempotency_keys').selectAll()
      .where('principal', '=', principal).where('key', '=', key).executeTakeFirst()
    // No committed answer (a reservation is only ever visible with its response, except one
    // left by the service before it reserved keys inside the transaction): run the request.
    if (!kept || kept.status_code === null) {
      if (kept) await app.db.deleteFrom('idempotency_keys').where('principal', '=', principal).where('key', '=', key).where('status_code', 'is', null).execute()
      request.idempotency = new HeldKey(principal, key, hash, opts.faultPause)
      return
    }
    if (kept.request_hash !== hash) throw new ProblemError(422, 'This Idempotency-Key was used for a different request.')

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
    if (reply.statusCode >= 300 || !held.open) {
      await held.release()
      return payload
    }
    const headers: Record<string, string> = {}
    for (const name of REPLAYED_HEADERS) {
      const value = reply.getHeader(name)
      if (value !== undefined) headers[name] = String(value)
    }
    // Commits the change with the response; a failure here (the database went away) answers 503
    // and, whether or not the commit took, a retry with the key gets the one true answer.
    await held.store({ statusCode: reply.statusCode, headers, body: typeof payload === 'string' ? payload : '', personIds: request.auditedPersonIds })
    return payload
  })

  // A response that never reached onSend (the connection dropped) still ends the transaction.
  const release = async (request: FastifyRequest) => {
    const held = request.idempotency
    request.idempotency = null
    await held?.release()
  }
  app.addHook('onResponse', release)
  app.addHook('onRequestAbort', release)

  const sweep = setInterval(() => {
    app.db.deleteFrom('idempotency_keys')
      .where('created_at', '<', sql<string>`now() - ${`${opts.ttlHours} hours`}::interval`)
      .execute()
      .catch((err: unknown) => app.log.warn({ err }, 'idempotency key sweep failed'))
  }, 3_600_000)
  sweep.unref()
  app.addHook('onClose', async () => clearInterval(sweep))
}, { name: 'idempotency', dependencies: ['database', 'auth', 'audit'] })
