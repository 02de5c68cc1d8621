/**
 * How the individual report to IVO identifies the person, so that IVO can follow them from
 * quarter to quarter and, where needed, apply for a särskild avgift (DOMAIN §2, IVO's FAQ on
 * reporting not-executed decisions): the personnummer; for a person without one, the birth
 * date `ÅÅÅÅMMDD-T` followed by three digits (IVO also accepts `-TF` plus two) whose third
 * position is even for a woman and odd for a man — the same for the person every quarter.
 *
 * A samordningsnummer is not a personnummer: such a person is given the T-number. The three
 * digits are derived from the person's id, so they never change while the person is on record.
 */
import { createHash } from 'node:crypto'
import type { IdentityKind, Sex } from './person.js'

export interface IvoIdentityInput {
  personId: string
  identityKind: IdentityKind | null
  /** The 12 stored digits, YYYYMMDDNNNC, when the person has one. */
  identityNumber: string | null
  birthDate: string
  sex: Sex
}

export type IvoIdentityFormat = 'personnummer' | 't_number'

export interface IvoIdentity {
  value: string
  format: IvoIdentityFormat
}

/** `ÅÅÅÅMMDD-T` + three digits: the third position of the suffix (`T`, d1, d2, d3) is d2. */
export function tNumber(personId: string, birthDate: string, sex: Sex): string {
  const digest = createHash('sha256').update(`ivo-t-number:${personId}`).digest()
  const d1 = (digest[0] as number) % 10
  const d2 = ((digest[1] as number) % 5) * 2 + (sex === 'male' ? 1 : 0)
  const d3 = (digest[2] as number) % 10
  return `${birthDate.replaceAll('-', '')}-T${d1}${d2}${d3}`
}

/** The sex a T-number (`-T` + 3 digits or `-TF` + 2) says: its suffix's third position. */
export function sexOfTNumber(value: string): Sex | undefined {
  const match = /^\d{8}-(T\d{3}|TF\d{2})$/.exec(value)
  if (!match) return undefined
  const third = Number((match[1] as string)[2])
  return third % 2 === 0 ? 'female' : 'male'
}

export function ivoIdentity(p: IvoIdentityInput): IvoIdentity {
  if (p.identityKind === 'personnummer' && p.identityNumber !== null) {
    return { value: `${p.identityNumber.slice(0, 8)}-${p.identityNumber.slice(8)}`, format: 'personnummer' }
  }
  return { value: tNumber(p.personId, p.birthDate, p.sex), format: 't_number' }
}
