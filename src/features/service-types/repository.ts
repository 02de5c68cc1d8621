import type { Kysely, Selectable } from 'kysely'
import type { DB, ServiceTypeTable } from '../../db/schema.js'
import { nextVersion } from '../../db/version.js'

export type ServiceTypeRow = Selectable<ServiceTypeTable>

export function listServiceTypes(db: Kysely<DB>, options: { activeOnly?: boolean } = {}) {
  let query = db.selectFrom('service_types').selectAll().orderBy('code')
  if (options.activeOnly) query = query.where('active', '=', true)
  return query.execute()
}

export function findServiceType(db: Kysely<DB>, code: string) {
  return db.selectFrom('service_types').selectAll().where('code', '=', code).executeTakeFirst()
}

export function insertServiceType(db: Kysely<DB>, row: { code: string; label_sv: string; label_en: string; housing: boolean; hours_based: boolean }) {
  return db.insertInto('service_types').values(row).returningAll().executeTakeFirstOrThrow()
}

export function updateServiceType(
  db: Kysely<DB>, code: string, expectedVersion: number,
  changes: Partial<Pick<ServiceTypeRow, 'label_sv' | 'label_en' | 'housing' | 'hours_based' | 'active'>>
) {
  return db.updateTable('service_types')
    .set({ ...changes, version: nextVersion() })
    .where('code', '=', code).where('version', '=', expectedVersion)
    .returningAll().executeTakeFirst()
}
