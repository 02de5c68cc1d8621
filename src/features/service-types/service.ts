/**
 * Service types (insatser): reference data that administrators extend. Other features look
 * types up through `findServiceType`, `listServiceTypes` and `knownServiceTypeCodes`.
 */
import type { Kysely } from 'kysely'
import type { Static } from 'typebox'
import type { DB } from '../../db/schema.js'
import { conflict, notFound, stale } from '../../http/problem.js'
import type { Caller } from '../../service/caller.js'
import { assertExpectedVersion } from '../../service/step.js'
import { write } from '../../service/transaction.js'
import { findServiceType, insertServiceType, listServiceTypes, updateServiceType, type ServiceTypeRow } from './repository.js'
import type { ServiceTypeCreate, ServiceTypeUpdate } from './schemas.js'

export { findServiceType, listServiceTypes, type ServiceTypeRow } from './repository.js'

/** The codes of every service type, active or not: what a rule or formula may name. */
export async function knownServiceTypeCodes(db: Kysely<DB>): Promise<Set<string>> {
  return new Set((await listServiceTypes(db)).map((s) => s.code))
}

export async function readServiceType(db: Kysely<DB>, code: string): Promise<ServiceTypeRow> {
  const type = await findServiceType(db, code)
  if (!type) throw notFound('Service type')
  return type
}

export function addServiceType(db: Kysely<DB>, caller: Caller, b: Static<typeof ServiceTypeCreate>): Promise<ServiceTypeRow> {
  return write(db, caller, async ({ trx }) => {
    if (await findServiceType(trx, b.code)) throw conflict(`Service type '${b.code}' already exists.`)
    return insertServiceType(trx, {
      code: b.code, label_sv: b.labelSv, label_en: b.labelEn, housing: b.housing, hours_based: b.hoursBased,
      decided_under: b.decidedUnder ?? 'social_services_act', decided_as: b.decidedAs ?? 'assistance',
      legal_provision_purpose: b.legalProvisionPurpose === undefined ? 'assistance' : b.legalProvisionPurpose
    })
  })
}

/** Changes labels or flags, or deactivates the type (If-Match against its version). */
export function changeServiceType(db: Kysely<DB>, caller: Caller, code: string, b: Static<typeof ServiceTypeUpdate>): Promise<ServiceTypeRow> {
  return write(db, caller, async ({ trx }) => {
    const current = await readServiceType(trx, code)
    assertExpectedVersion(caller, current.version)
    const updated = await updateServiceType(trx, current.code, current.version, {
      label_sv: b.labelSv, label_en: b.labelEn, housing: b.housing, hours_based: b.hoursBased, active: b.active,
      decided_under: b.decidedUnder, decided_as: b.decidedAs, legal_provision_purpose: b.legalProvisionPurpose
    })
    if (!updated) throw stale()
    return updated
  })
}
