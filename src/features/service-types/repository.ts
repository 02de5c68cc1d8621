import type { Insertable, Kysely, Selectable } from 'kysely'
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

export function insertServiceType(db: Kysely<DB>, row: Insertable<ServiceTypeTable>) {
  return db.insertInto('service_types').values(row).returningAll().executeTakeFirstOrThrow()
}

export function updateServiceType(
  db: Kysely<DB>, code: string, expectedVersion: number,
  changes: Partial<Pick<ServiceTypeRow, 'label_sv' | 'label_en' | 'housing' | 'hours_based' | 'active' | 'decided_under' | 'decided_as' | 'legal_provision_purpose'>>
) {
  return db.updateTable('service_types')
    .set({ ...changes, version: nextVersion() })
    .where('code', '=', code).where('version', '=', expectedVersion)
    .returningAll().executeTakeFirst()
}
