/**
 * Providers (utförare): city-wide reference data. Adding and changing one commits in one
 * transaction with its service types. Other features use `findProvider` from here.
 */
import type { Kysely } from 'kysely'
import type { DB, ProviderRegime } from '../../db/schema.js'
import { badRequest, notFound, stale } from '../../http/problem.js'
import type { Caller } from '../../service/caller.js'
import { assertExpectedVersion } from '../../service/step.js'
import { write } from '../../service/transaction.js'
import { findProvider, insertProvider, listProviders, unknownServiceTypes, updateProvider, type ProviderRow } from './repository.js'

export { findProvider, listProviders, type ProviderRow }

interface ProviderFields {
  name?: string | undefined
  regime?: ProviderRegime | undefined
  organisationNumber?: string | null | undefined
  serviceTypeCodes?: string[] | undefined
  active?: boolean | undefined
}

async function assertKnownServiceTypes(db: Kysely<DB>, codes: readonly string[] | undefined) {
  if (!codes) return
  const unknown = await unknownServiceTypes(db, codes)
  if (unknown.length > 0) throw badRequest('/serviceTypeCodes', `Unknown service type(s): ${unknown.join(', ')}.`)
}

export async function getProvider(db: Kysely<DB>, id: string): Promise<ProviderRow> {
  const provider = await findProvider(db, id)
  if (!provider) throw notFound('Provider')
  return provider
}

export async function createProvider(
  db: Kysely<DB>, caller: Caller, b: { name: string; regime: ProviderRegime; organisationNumber?: string | null | undefined; serviceTypeCodes: string[] }
): Promise<ProviderRow> {
  await assertKnownServiceTypes(db, b.serviceTypeCodes)
  return write(db, caller, async ({ trx }) => {
    const id = await insertProvider(trx, { name: b.name, regime: b.regime, organisation_number: b.organisationNumber ?? null }, b.serviceTypeCodes)
    return getProvider(trx, id)
  })
}

/** Changes a provider at the version the caller expects (412 otherwise). */
export async function changeProvider(db: Kysely<DB>, caller: Caller, id: string, b: ProviderFields): Promise<ProviderRow> {
  const current = await getProvider(db, id)
  assertExpectedVersion(caller, current.version)
  await assertKnownServiceTypes(db, b.serviceTypeCodes)
  return write(db, caller, async ({ trx }) => {
    const changed = await updateProvider(trx, current.id, current.version, {
      name: b.name, regime: b.regime, organisation_number: b.organisationNumber, active: b.active
    }, b.serviceTypeCodes)
    if (!changed) throw stale()
    return getProvider(trx, current.id)
  })
}
