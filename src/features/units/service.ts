/**
 * Units and their delegation orders. Other features look units up through `findUnit` and
 * `findReportUnit`, and read a unit's delegation order through `listDelegationRules`.
 */
import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.js'
import type { DelegationRule } from '../../domain/delegation.js'
import { badRequest, forbidden, notFound, stale } from '../../http/problem.js'
import type { Caller } from '../../service/caller.js'
import { assertExpectedVersion } from '../../service/step.js'
import { write } from '../../service/transaction.js'
import { knownServiceTypeCodes } from '../service-types/service.js'
import { findUnit, listDelegationRules, replaceDelegationRules } from './repository.js'

export { findCommunicationPolicy, findReportUnit, findUnit, findUnitByCode, listDelegationRules, listUnits, toDelegationRule } from './repository.js'

export async function readUnit(db: Kysely<DB>, id: string) {
  const unit = await findUnit(db, id)
  if (!unit) throw notFound('Unit')
  return unit
}

export async function readDelegationOrder(db: Kysely<DB>, unitId: string) {
  const unit = await readUnit(db, unitId)
  return { unitId: unit.id, version: unit.delegation_version, rules: await listDelegationRules(db, unit.id) }
}

/** Replaces the caller's own unit's whole delegation order (If-Match against its version); logged. */
export function replaceDelegationOrder(db: Kysely<DB>, caller: Caller, unitId: string, rules: DelegationRule[]) {
  return write(db, caller, async ({ trx, log }) => {
    const unit = await readUnit(trx, unitId)
    if (unit.id !== caller.actor.unitId) throw forbidden('Administrators change the delegation order of their own unit only.')
    const codes = new Set(rules.map((r) => r.code))
    if (codes.size !== rules.length) throw badRequest('/rules', 'Rule codes must be unique within the unit.')
    const known = await knownServiceTypeCodes(trx)
    rules.forEach((rule, i) => {
      const unknown = rule.serviceTypeCodes.find((c) => !known.has(c))
      if (unknown) throw badRequest(`/rules/${i}/serviceTypeCodes`, `Unknown service type '${unknown}'.`)
    })
    assertExpectedVersion(caller, unit.delegation_version)
    const version = await replaceDelegationRules(trx, unit.id, rules, unit.delegation_version)
    if (version === null) throw stale()
    log({ action: 'update', resourceType: 'delegation_order', resourceId: unit.id, personId: null })
    return { unitId: unit.id, version, rules }
  })
}
