import type { Insertable, Kysely, Selectable, Updateable } from 'kysely'
import type { DB, PersonTable } from '../../db/schema.js'
import { versionBump } from '../../db/version.js'
import type { Actor } from '../../auth/actor.js'
import { personVisibleTo } from '../../auth/access.js'

export type PersonRow = Selectable<PersonTable>
export type PersonChanges = Omit<Updateable<PersonTable>, 'id' | 'unit_id' | 'version' | 'created_at'>

export function findVisiblePerson(db: Kysely<DB>, actor: Actor, id: string, options: { forUpdate?: boolean } = {}) {
  let query = db.selectFrom('persons').selectAll().where('id', '=', id).where(personVisibleTo(actor))
  if (options.forUpdate) query = query.forUpdate()
  return query.executeTakeFirst()
}

export function findVisiblePersonByNumber(db: Kysely<DB>, actor: Actor, normalised: string) {
  return db.selectFrom('persons').selectAll()
    .where('personal_identity_number', '=', normalised).where(personVisibleTo(actor))
    .executeTakeFirst()
}

export function personNumberTaken(db: Kysely<DB>, unitId: string, normalised: string, exceptId?: string) {
  let query = db.selectFrom('persons').select('id').where('unit_id', '=', unitId).where('personal_identity_number', '=', normalised)
  if (exceptId) query = query.where('id', '!=', exceptId)
  return query.executeTakeFirst().then(Boolean)
}

export function insertPerson(db: Kysely<DB>, row: Insertable<PersonTable>) {
  return db.insertInto('persons').values(row).returningAll().executeTakeFirstOrThrow()
}

export function updatePerson(db: Kysely<DB>, id: string, changes: PersonChanges) {
  return db.updateTable('persons')
    .set({ ...changes, ...versionBump() })
    .where('id', '=', id)
    .returningAll().executeTakeFirstOrThrow()
}

/** Registers the person unless the unit already has someone with the identity number; undefined then. */
export function insertPersonIfAbsent(db: Kysely<DB>, row: Insertable<PersonTable>) {
  return db.insertInto('persons').values(row)
    .onConflict((oc) => oc.columns(['unit_id', 'personal_identity_number']).doNothing())
    .returningAll().executeTakeFirst()
}
