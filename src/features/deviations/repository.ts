import type { Insertable, Kysely, Selectable, Updateable } from 'kysely'
import type { DB, DeviationTable } from '../../db/schema.js'
import { versionBump } from '../../db/version.js'
import type { Actor } from '../../auth/actor.js'
import type { ProviderRegime } from '../../domain/provider.js'
import { qualityItemVisibleTo } from '../quality/service.js'
import { keysetPage } from '../../db/keyset.js'

export type DeviationRow = Selectable<DeviationTable> & { provider_record_name: string | null; provider_record_regime: ProviderRegime | null }

function selectDeviations(db: Kysely<DB>) {
  return db.selectFrom('deviations')
    .leftJoin('providers', 'providers.id', 'deviations.provider_id')
    .selectAll('deviations')
    .select(['providers.name as provider_record_name', 'providers.regime as provider_record_regime'])
}

export function findVisibleDeviation(db: Kysely<DB>, actor: Actor, id: string, options: { forUpdate?: boolean } = {}) {
  let query = selectDeviations(db).where('deviations.id', '=', id).where(qualityItemVisibleTo('deviations', actor))
  if (options.forUpdate) query = query.forUpdate('deviations')
  return query.executeTakeFirst()
}

export function findDeviation(db: Kysely<DB>, id: string) {
  return selectDeviations(db).where('deviations.id', '=', id).executeTakeFirstOrThrow()
}

export async function insertDeviation(db: Kysely<DB>, row: Insertable<DeviationTable>) {
  const { id } = await db.insertInto('deviations').values(row).returning('id').executeTakeFirstOrThrow()
  return findDeviation(db, id)
}

export async function updateDeviation(db: Kysely<DB>, id: string, changes: Omit<Updateable<DeviationTable>, 'id' | 'version' | 'unit_id'>) {
  await db.updateTable('deviations')
    .set({ ...changes, ...versionBump() })
    .where('id', '=', id).execute()
}

export interface DeviationFilter {
  status?: DeviationRow['status'] | undefined
  target?: DeviationRow['target'] | undefined
  category?: string | undefined
  providerId?: string | undefined
  personId?: string | undefined
  complaintId?: string | undefined
  sentFrom?: string | undefined
  sentTo?: string | undefined
}

/** Newest sent first; keyset on (sent_date, id). */
export function listVisibleDeviations(db: Kysely<DB>, actor: Actor, f: DeviationFilter, after: [string, string] | undefined, limit: number) {
  let query = selectDeviations(db).where(qualityItemVisibleTo('deviations', actor))
  if (f.status) query = query.where('deviations.status', '=', f.status)
  if (f.target) query = query.where('deviations.target', '=', f.target)
  if (f.category) query = query.where('deviations.category', '=', f.category)
  if (f.providerId) query = query.where('deviations.provider_id', '=', f.providerId)
  if (f.personId) query = query.where('deviations.person_id', '=', f.personId)
  if (f.complaintId) query = query.where('deviations.complaint_id', '=', f.complaintId)
  if (f.sentFrom) query = query.where('deviations.sent_date', '>=', f.sentFrom)
  if (f.sentTo) query = query.where('deviations.sent_date', '<=', f.sentTo)
  return keysetPage(query, ['deviations.sent_date', 'deviations.id'], after, 'desc', limit)
}
