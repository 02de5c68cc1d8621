import { sql, type Kysely, type Selectable, type Transaction } from 'kysely'
import type { DB, ProviderTable } from '../../db/schema.js'
import { versionBump } from '../../db/version.js'
import type { ProviderRegime } from '../../domain/provider.js'

export type ProviderRow = Selectable<ProviderTable> & { service_type_codes: string[] }

function withServiceTypes(db: Kysely<DB>) {
  return db.selectFrom('providers').selectAll('providers').select((eb) =>
    eb.fn.coalesce(
      eb.selectFrom('provider_service_types as pst').whereRef('pst.provider_id', '=', 'providers.id')
        .select(sql<string[]>`array_agg(pst.service_type_code ORDER BY pst.service_type_code)`.as('codes')),
      sql<string[]>`'{}'::text[]`
    ).as('service_type_codes'))
}

export function listProviders(db: Kysely<DB>, filter: { active?: boolean | undefined; regime?: ProviderRegime | undefined; serviceTypeCode?: string | undefined }) {
  let query = withServiceTypes(db).orderBy('providers.name')
  if (filter.active !== undefined) query = query.where('providers.active', '=', filter.active)
  if (filter.regime) query = query.where('providers.regime', '=', filter.regime)
  if (filter.serviceTypeCode) {
    const code = filter.serviceTypeCode
    query = query.where(({ exists, selectFrom }) => exists(selectFrom('provider_service_types as pst')
      .whereRef('pst.provider_id', '=', 'providers.id').where('pst.service_type_code', '=', code).select(sql`1`.as('x'))))
  }
  return query.execute() as Promise<ProviderRow[]>
}

export function findProvider(db: Kysely<DB>, id: string) {
  return withServiceTypes(db).where('providers.id', '=', id).executeTakeFirst() as Promise<ProviderRow | undefined>
}

export async function unknownServiceTypes(db: Kysely<DB>, codes: readonly string[]): Promise<string[]> {
  const known = await db.selectFrom('service_types').select('code').where('code', 'in', codes).execute()
  return codes.filter((code) => !known.some((row) => row.code === code))
}

async function replaceServiceTypes(trx: Transaction<DB>, providerId: string, codes: readonly string[]) {
  await trx.deleteFrom('provider_service_types').where('provider_id', '=', providerId).execute()
  await trx.insertInto('provider_service_types').values(codes.map((code) => ({ provider_id: providerId, service_type_code: code }))).execute()
}

export async function insertProvider(trx: Transaction<DB>, row: { name: string; regime: ProviderRegime; organisation_number: string | null }, codes: readonly string[]) {
  const { id } = await trx.insertInto('providers').values(row).returning('id').executeTakeFirstOrThrow()
  await replaceServiceTypes(trx, id, codes)
  return id
}

/** Applies the changes if the version still matches; false when someone else changed it first. Run it in the caller's transaction. */
export async function updateProvider(
  trx: Transaction<DB>, id: string, expectedVersion: number,
  changes: Partial<Pick<ProviderRow, 'name' | 'regime' | 'organisation_number' | 'active'>>, codes: readonly string[] | undefined
) {
  const updated = await trx.updateTable('providers')
    .set({ ...changes, ...versionBump() })
    .where('id', '=', id).where('version', '=', expectedVersion)
    .returning('id').executeTakeFirst()
  if (!updated) return false
  if (codes) await replaceServiceTypes(trx, id, codes)
  return true
}
