/**
 * Who sees which individual: only the actor's own unit, and protected-identity persons only
 * with the explicit permission. Everything else answers 404, exactly as a missing record.
 */
import type { ExpressionBuilder } from 'kysely'
import type { Actor } from '../plugins/auth.js'
import type { DB } from '../db/schema.js'

export function seesProtectedIdentities(actor: Actor): boolean {
  return actor.permissions.includes('protected_identity')
}

/** A filter on `persons` (or a join aliased as persons) for rows the actor may see. */
export function personVisibleTo(actor: Actor) {
  return (eb: ExpressionBuilder<DB, 'persons'>) =>
    seesProtectedIdentities(actor)
      ? eb('persons.unit_id', '=', actor.unitId)
      : eb.and([eb('persons.unit_id', '=', actor.unitId), eb('persons.protected_identity', '=', false)])
}
