/**
 * Who asks a service for something, without HTTP: the actor, the request id the access log
 * keeps, the version the caller expects (If-Match), and where access-log entries go. Handlers
 * make one with `callerOf(request)`; services never see Fastify.
 */
import type { Insertable } from 'kysely'
import type { Actor } from '../auth/actor.js'
import type { AccessLogTable } from '../db/schema.js'
import type { AuditAction } from '../domain/audit.js'
import type { HeldKey } from './idempotency.js'

/** One access-log entry: who touched which individual's record, and how. */
export interface AuditEntry {
  action: AuditAction
  resourceType: string
  resourceId: string | null
  personId: string | null
  /**
   * The unit whose record it is, when the actor belongs to none (a provider): the access log
   * then files the entry under that unit. A unit's own staff always log under their unit.
   */
  unitId?: string
}

export interface Caller {
  actor: Actor
  /** The version the caller expects (If-Match); undefined when none was sent or it is '*'. */
  expectedVersion: number | undefined
  /** Appends a read's access-log entries, group-committed with other reads (see GroupCommit). */
  audit(entries: AuditEntry[]): Promise<void>
  /**
   * A write's access-log entries as the rows `write` inserts in the change's own transaction
   * (so the change cannot commit without them); the persons are noted for an idempotent response.
   */
  accessLogRows(entries: AuditEntry[]): Insertable<AccessLogTable>[]
  /** A POST's Idempotency-Key: `write` reserves it in its transaction (service/idempotency.ts). */
  idempotency?: HeldKey | undefined
}
