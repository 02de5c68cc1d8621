/**
 * Swedish personal identity numbers (personnummer) and coordination numbers
 * (samordningsnummer: day + 60). Format, date and Luhn checks come from the `personnummer`
 * package; this module normalises to the 12 digits we store and derives the birth date.
 */
import personnummer from 'personnummer'

// The package is CommonJS (`module.exports = Personnummer`) but declares an ES default export;
// under NodeNext resolution TypeScript types the default import as the module namespace.
const Personnummer = personnummer as unknown as typeof personnummer.default

export interface IdentityNumber {
  /** YYYYMMDDNNNC */
  normalised: string
  kind: 'personnummer' | 'samordningsnummer'
  birthDate: string
  /** Legal sex from the second-to-last digit (odd: male). Stored separately on the person. */
  legalSex: 'female' | 'male'
}

const ACCEPTED_SHAPE = /^(\d{2})?\d{6}[-+]?\d{4}$/

export function parseIdentityNumber(input: string, today: string): IdentityNumber | undefined {
  const trimmed = input.trim()
  if (!ACCEPTED_SHAPE.test(trimmed)) return undefined
  let parsed: InstanceType<typeof Personnummer>
  try {
    parsed = Personnummer.parse(trimmed, { allowCoordinationNumber: true, allowInterimNumber: false })
  } catch {
    return undefined
  }
  const coordination = parsed.isCoordinationNumber()
  const day = Number(parsed.day) - (coordination ? 60 : 0)
  const birthDate = `${parsed.fullYear}-${parsed.month}-${String(day).padStart(2, '0')}`
  if (birthDate > today) return undefined
  return {
    normalised: parsed.format(true),
    kind: coordination ? 'samordningsnummer' : 'personnummer',
    birthDate,
    legalSex: parsed.isFemale() ? 'female' : 'male'
  }
}
