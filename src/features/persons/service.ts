/**
 * Persons (den enskilde): registration, changes and exact search by identity number, each
 * logged as an access to the person's data. Other features find a person through
 * `findVisiblePerson`; the demo seed registers its persons with
 * `insertPersonIfAbsent`.
 */
import type { Kysely } from 'kysely'
import type { Static } from 'typebox'
import type { Actor } from '../../auth/actor.js'
import type { DB } from '../../db/schema.js'
import { todayInStockholm } from '../../domain/calendar.js'
import { parseIdentityNumber, type IdentityNumber } from '../../domain/identity-number.js'
import { badRequest, conflict, notFound } from '../../http/problem.js'
import type { Caller } from '../../service/caller.js'
import { assertExpectedVersion } from '../../service/step.js'
import { write } from '../../service/transaction.js'
import { findVisiblePerson, findVisiblePersonByNumber, holdersOfNumber, insertPerson, recordIdentityClash, updatePerson, type PersonChanges, type PersonRow } from './repository.js'
import type { PersonCreate, PersonUpdate } from './schemas.js'

export { findVisiblePerson, insertPersonIfAbsent } from './repository.js'

function identityNumber(input: string): IdentityNumber {
  const parsed = parseIdentityNumber(input, todayInStockholm())
  if (!parsed) {
    throw badRequest('/personalIdentityNumber', 'Not a valid personnummer or samordningsnummer (check the date and the check digit).')
  }
  return parsed
}

const numberTaken = () => conflict('A person with this identity number is already registered in the unit.')

/*
 * No existence oracle for a protected identity: a number held only by persons the caller may
 * not see is answered exactly as a number nobody holds — the change succeeds — and the clash is
 * kept (identity_clashes) for those with the `protected_identity` permission to resolve. A 409
 * there would tell a caller without the permission that, and in which unit, a person with
 * protected identity lives.
 */
/** Registers a person in the caller's unit. */
export function registerPerson(db: Kysely<DB>, caller: Caller, b: Static<typeof PersonCreate>): Promise<PersonRow> {
  const id = identityNumber(b.personalIdentityNumber)
  const { unitId } = caller.actor
  return write(db, caller, async ({ trx, log, emit }) => {
    const holders = await holdersOfNumber(trx, caller.actor, id.normalised)
    if (holders.visible.length > 0) throw numberTaken()
    const created = await insertPerson(trx, {
      unit_id: unitId,
      personal_identity_number: id.normalised,
      identity_kind: id.kind,
      birth_date: id.birthDate,
      first_name: b.firstName,
      last_name: b.lastName,
      sex: b.sex ?? id.legalSex,
      district: b.district ?? null,
      language: b.language ?? null,
      interpreter_needed: b.interpreterNeeded ?? false,
      interpreter_language: b.interpreterLanguage ?? null,
      representatives: JSON.stringify(b.representatives ?? []),
      children_in_household: b.childrenInHousehold ?? null,
      violence_asked: b.violenceAsked ?? false,
      violence_suspected: b.violenceSuspected ?? false,
      protected_identity: b.protectedIdentity ?? false
    })
    await recordIdentityClash(trx, unitId, holders.hidden, created.id)
    log({ action: 'create', resourceType: 'person', resourceId: created.id, personId: created.id })
    emit({ type: 'person.registered', subjectId: created.id, personId: created.id })
    return created
  })
}

export async function readPerson(db: Kysely<DB>, caller: Caller, id: string): Promise<PersonRow> {
  const person = await findVisiblePerson(db, caller.actor, id)
  if (!person) throw notFound('Person')
  await caller.audit([{ action: 'read', resourceType: 'person', resourceId: person.id, personId: person.id }])
  return person
}

/** Changes the given fields (If-Match against the person's version). */
export function changePerson(db: Kysely<DB>, caller: Caller, id: string, b: Static<typeof PersonUpdate>): Promise<PersonRow> {
  return write(db, caller, async ({ trx, log, emit }) => {
    const current = await findVisiblePerson(trx, caller.actor, id, { forUpdate: true })
    if (!current) throw notFound('Person')
    assertExpectedVersion(caller, current.version)
    const changes: PersonChanges = {
      first_name: b.firstName,
      last_name: b.lastName,
      sex: b.sex,
      district: b.district,
      language: b.language,
      interpreter_needed: b.interpreterNeeded,
      interpreter_language: b.interpreterLanguage,
      representatives: b.representatives === undefined ? undefined : JSON.stringify(b.representatives),
      children_in_household: b.childrenInHousehold,
      violence_asked: b.violenceAsked,
      violence_suspected: b.violenceSuspected,
      protected_identity: b.protectedIdentity
    }
    let hiddenHolders: string[] = []
    if (b.personalIdentityNumber !== undefined) {
      const number = identityNumber(b.personalIdentityNumber)
      const holders = await holdersOfNumber(trx, caller.actor, number.normalised, current.id)
      if (holders.visible.length > 0) throw numberTaken()
      hiddenHolders = holders.hidden
      Object.assign(changes, { personal_identity_number: number.normalised, identity_kind: number.kind, birth_date: number.birthDate })
    }
    const updated = await updatePerson(trx, current.id, changes)
    await recordIdentityClash(trx, caller.actor.unitId, hiddenHolders, current.id)
    log({ action: 'update', resourceType: 'person', resourceId: current.id, personId: current.id })
    // Which fields changed, never their values: a name or a personnummer stays in the API.
    emit({ type: 'person.corrected', subjectId: current.id, personId: current.id, changes: { fields: Object.keys(b).filter((k) => b[k as keyof typeof b] !== undefined) } })
    return updated
  })
}

/** For other features (inbound notices naming a person by number): the visible person with this number, not logged here. */
export function findVisiblePersonByIdentity(db: Kysely<DB>, actor: Actor, personalIdentityNumber: string): Promise<PersonRow | undefined> {
  return findVisiblePersonByNumber(db, actor, identityNumber(personalIdentityNumber).normalised)
}

/** The person with this identity number in the caller's unit, if the caller may see them; the search is logged either way. */
export async function searchPerson(db: Kysely<DB>, caller: Caller, personalIdentityNumber: string): Promise<PersonRow | undefined> {
  const id = identityNumber(personalIdentityNumber)
  const person = await findVisiblePersonByNumber(db, caller.actor, id.normalised)
  await caller.audit([{ action: 'search', resourceType: 'person', resourceId: person?.id ?? null, personId: person?.id ?? null }])
  return person
}
