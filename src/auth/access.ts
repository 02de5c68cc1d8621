/**
 * Who sees which individual: only the actor's own unit, and protected-identity persons only
 * with the explicit permission. Everything else answers 404, exactly as a missing record.
 */
import { sql, type ExpressionBuilder } from 'kysely'
import type { Actor } from './actor.js'
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

/**
 * The same rule for a decision without joining its person: a decision is in its person's unit
 * (enforced by a foreign key, migration 0008), so only a protected identity needs looking up, and
 * `persons_protected_idx` holds just those few persons. A list of fifty decisions then reads no
 * person rows at all.
 */
export function decisionVisibleTo(actor: Actor) {
  return (eb: ExpressionBuilder<DB, 'decisions'>) => {
    const inUnit = eb('decisions.unit_id', '=', actor.unitId)
    if (seesProtectedIdentities(actor)) return inUnit
    return eb.and([inUnit, sql<boolean>`NOT EXISTS (SELECT 1 FROM persons p WHERE p.id = decisions.person_id AND p.protected_identity)`])
  }
}
