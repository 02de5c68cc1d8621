/** The service layer's view of a request: who asks, which version they expect, where the access log goes. */
import type { FastifyRequest } from 'fastify'
import type { Caller } from '../service/caller.js'
import { expectedVersion } from './etag.js'

export function callerOf(request: FastifyRequest): Caller {
  return {
    actor: request.actor,
    expectedVersion: expectedVersion(request),
    audit: (entries) => request.server.audit(request, entries),
    accessLogRows: (entries) => request.server.accessLogRows(request, entries),
    idempotency: request.idempotency ?? undefined
  }
}
