/**
 * The access log: every read and write of an individual's data appends one event per
 * individual touched, stored as one `access_log` row per request and kind of access (the
 * persons and resources as arrays: see accessLogRows). Writes record their events in the same
 * transaction as the change, so a change without its event cannot commit; reads record before
 * the response is sent, grouped with the reads of other requests in flight into one INSERT
 * (see GroupCommit).
 */
import fp from 'fastify-plugin'
import type { FastifyRequest } from 'fastify'
import type { Insertable } from 'kysely'
import { GroupCommit } from '../db/group-commit.js'
import type { AccessLogTable } from '../db/schema.js'
import { accessLogRows } from '../db/access-log-rows.js'
import type { AuditEntry } from '../service/caller.js'


declare module 'fastify' {
  interface FastifyInstance {
    /** Appends a read's entries (group-committed with other reads in flight). */
    audit(request: FastifyRequest, entries: AuditEntry[]): Promise<void>
    /** A write's entries as rows, for its own transaction to insert (service/transaction.ts). */
    accessLogRows(request: FastifyRequest, entries: AuditEntry[]): Insertable<AccessLogTable>[]
  }
  interface FastifyRequest {
    /** The individuals whose data this request touched (kept with an idempotent response). */
    auditedPersonIds: string[]
  }
}

export default fp(async (app) => {
  app.decorateRequest('auditedPersonIds', null as unknown as string[])
  app.addHook('onRequest', async (request) => {
    request.auditedPersonIds = []
  })

  // Eight columns a row: 5,000 rows stay under PostgreSQL's 65,535 parameters.
  const reads = new GroupCommit<Insertable<AccessLogTable>>(async (rows) => {
    await app.db.insertInto('access_log').values(rows).execute()
  }, 5000, (batch) => app.metrics.observeGroupCommit(batch))

  const rowsOf = (request: FastifyRequest, entries: AuditEntry[]) => {
    for (const e of entries) if (e.personId !== null) request.auditedPersonIds.push(e.personId)
    return accessLogRows(request.actor, String(request.id), entries)
  }
  app.decorate('audit', async (request: FastifyRequest, entries: AuditEntry[]) => {
    if (entries.length === 0) return
    await reads.append(rowsOf(request, entries))
  })
  app.decorate('accessLogRows', rowsOf)
}, { name: 'audit', dependencies: ['database', 'metrics'] })
