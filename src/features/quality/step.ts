/**
 * One lifecycle action on a quality item, the same way for all three kinds: lock the row,
 * check If-Match and whether the action is allowed now, apply the change with a new version,
 * and log the access when the item concerns a person — in one transaction.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { Transaction } from 'kysely'
import type { DB } from '../../db/schema.js'
import { assertVersion } from '../../http/etag.js'
import { notFound } from '../../http/problem.js'

export interface Lockable { id: string; version: number; person_id: string | null }

export interface QualityStep<Row extends Lockable> {
  resource: string
  resourceType: string
  lock: (trx: Transaction<DB>) => Promise<Row | undefined>
  /** Throws a 409 (or 400) when the action is not allowed on this row. */
  check: (current: Row) => void
  apply: (current: Row, trx: Transaction<DB>) => Promise<void>
  reload: (trx: Transaction<DB>, id: string) => Promise<Row>
}

export function qualityStep<Row extends Lockable>(
  app: FastifyInstance, request: FastifyRequest, step: QualityStep<Row>
): Promise<Row> {
  return app.db.transaction().execute(async (trx) => {
    const current = await step.lock(trx)
    if (!current) throw notFound(step.resource)
    assertVersion(request, current.version)
    step.check(current)
    await step.apply(current, trx)
    await app.audit(request, [{ action: 'update', resourceType: step.resourceType, resourceId: current.id, personId: current.person_id }], trx)
    return step.reload(trx, current.id)
  })
}
