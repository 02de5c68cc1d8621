import type { Kysely, Selectable } from 'kysely'
import type { DB, DelegationRuleTable } from '../../db/schema.js'
import type { DelegationRule } from '../../domain/delegation.js'
import type { DecidingRole } from '../../domain/roles.js'

export function listUnits(db: Kysely<DB>) {
  return db.selectFrom('units').selectAll().orderBy('district').orderBy('code').execute()
}

/** The unit as a report names it. */
export function findReportUnit(db: Kysely<DB>, id: string) {
  return db.selectFrom('units').select(['id', 'code', 'district']).where('id', '=', id).executeTakeFirst()
}

export function findUnit(db: Kysely<DB>, id: string) {
  return db.selectFrom('units').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function listDelegationRules(db: Kysely<DB>, unitId: string): Promise<DelegationRule[]> {
  const rows = await db.selectFrom('delegation_rules').selectAll()
    .where('unit_id', '=', unitId).orderBy('position').execute()
  return rows.map(toDelegationRule)
}

/** A row of `delegation_rules` as the domain reads it. */
export function toDelegationRule(r: Pick<Selectable<DelegationRuleTable>, 'code' | 'description' | 'service_type_codes' | 'housing_only' | 'hours_per_month_above' | 'allowed_roles'>): DelegationRule {
  return {
    code: r.code,
    description: r.description,
    serviceTypeCodes: r.service_type_codes,
    housingOnly: r.housing_only,
    hoursPerMonthAbove: r.hours_per_month_above,
    allowedRoles: r.allowed_roles as DecidingRole[]
  }
}

/**
 * Replaces the unit's whole delegation order and bumps its version; returns null when the
 * order changed since `expectedVersion` was read. Run it in the caller's transaction.
 */
export async function replaceDelegationRules(
  trx: Kysely<DB>, unitId: string, rules: DelegationRule[], expectedVersion: number
): Promise<number | null> {
  const unit = await trx.updateTable('units').set((eb) => ({ delegation_version: eb('delegation_version', '+', 1) }))
    .where('id', '=', unitId).where('delegation_version', '=', expectedVersion)
    .returning('delegation_version').executeTakeFirst()
  if (!unit) return null
  await trx.deleteFrom('delegation_rules').where('unit_id', '=', unitId).execute()
  if (rules.length > 0) {
    await trx.insertInto('delegation_rules').values(rules.map((r, i) => ({
      unit_id: unitId,
      code: r.code,
      description: r.description,
      service_type_codes: r.serviceTypeCodes,
      housing_only: r.housingOnly,
      hours_per_month_above: r.hoursPerMonthAbove,
      allowed_roles: r.allowedRoles,
      position: i + 1
    }))).execute()
  }
  return unit.delegation_version
}

/** The unit with this code, locked when asked (the demo seed serialises on it). */
export function findUnitByCode(db: Kysely<DB>, code: string, options: { forUpdate?: boolean } = {}) {
  let query = db.selectFrom('units').selectAll().where('code', '=', code)
  if (options.forUpdate) query = query.forUpdate()
  return query.executeTakeFirst()
}

/** The unit's communication policy (kommunicering before a decision). */
export async function findCommunicationPolicy(db: Kysely<DB>, unitId: string) {
  const row = await db.selectFrom('units').select('communication_policy').where('id', '=', unitId).executeTakeFirst()
  return row?.communication_policy
}
