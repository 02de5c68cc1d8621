import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.js'

export function listLegalProvisionRows(db: Kysely<DB>) {
  return db.selectFrom('legal_provisions').selectAll().orderBy('purpose').orderBy('in_force_from').execute()
}
