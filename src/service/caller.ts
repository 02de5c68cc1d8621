/**
 * Who asks a service for something, without HTTP: the actor, the request id the access log
 * keeps, the version the caller expects (If-Match), and where access-log entries go. Handlers
 * make one with `callerOf(request)`; services never see Fastify.
 */
import type { Kysely } from 'kysely'
import type { Actor } from '../auth/actor.js'
import type { DB } from '../db/schema.js'
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
  /**
   * Appends access-log entries: inside `trx` for a write (so the change cannot commit without
   * them), group-committed with other reads when no transaction is given.
   */
  audit(entries: AuditEntry[], trx?: Kysely<DB>): Promise<void>
  /** A POST's Idempotency-Key: `write` reserves it in its transaction (service/idempotency.ts). */
  idempotency?: HeldKey | undefined
}
