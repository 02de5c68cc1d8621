import type { Insertable, Kysely, Selectable, Updateable } from 'kysely'
import type { DB, PersonTable } from '../../db/schema.js'
import { versionBump } from '../../db/version.js'
import type { Actor } from '../../auth/actor.js'
import { personVisibleTo, seesProtectedIdentities } from '../../auth/access.js'

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

/** Who in the unit already holds this number: the persons the caller sees, and those hidden from them. */
export async function holdersOfNumber(db: Kysely<DB>, actor: Actor, normalised: string, exceptId?: string) {
  let query = db.selectFrom('persons').select(['id', 'protected_identity'])
    .where('unit_id', '=', actor.unitId).where('personal_identity_number', '=', normalised)
  if (exceptId) query = query.where('id', '!=', exceptId)
  const holders = await query.execute()
  const sees = (p: { protected_identity: boolean }) => !p.protected_identity || seesProtectedIdentities(actor)
  return { visible: holders.filter(sees).map((p) => p.id), hidden: holders.filter((p) => !sees(p)).map((p) => p.id) }
}

/** Keeps a protected number used by someone who may not see its holder, for those who may to resolve. */
export async function recordIdentityClash(db: Kysely<DB>, unitId: string, protectedPersonIds: string[], personId: string) {
  if (protectedPersonIds.length === 0) return
  await db.insertInto('identity_clashes')
    .values(protectedPersonIds.map((protectedPersonId) => ({ unit_id: unitId, protected_person_id: protectedPersonId, person_id: personId })))
    .execute()
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
    .onConflict((oc) => oc.columns(['unit_id', 'personal_identity_number']).where((eb) => eb.not(eb.ref('protected_identity'))).doNothing())
    .returningAll().executeTakeFirst()
}
