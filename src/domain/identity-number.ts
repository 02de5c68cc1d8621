/**
 * Swedish personal identity numbers (personnummer) and coordination numbers
 * (samordningsnummer: day + 60). Format, date and Luhn checks come from the `personnummer`
 * package; this module normalises to the 12 digits we store and derives the birth date.
 */
import personnummer from 'personnummer'
import type { IdentityKind, Sex } from './person.js'

// The package is CommonJS (`module.exports = Personnummer`) but declares an ES default export;
// under NodeNext resolution TypeScript types the default import as the module namespace.
const Personnummer = personnummer as unknown as typeof personnummer.default

export interface IdentityNumber {
  /** YYYYMMDDNNNC */
  normalised: string
  kind: IdentityKind
  birthDate: string
  /** Legal sex from the second-to-last digit (odd: male). Stored separately on the person. */
  legalSex: Sex
}

const ACCEPTED_SHAPE = /^(\d{2})?(\d{6})([-+]?)(\d{4})$/

/**
 * The century of a 10-digit number, decided against `today` (not the machine's clock): the
 * latest birth date not after today, and a hundred years earlier with the '+' separator that
 * marks people aged 100 or more. Elderly care meets 99-year-olds born later in the year.
 */
function withCentury(yymmdd: string, separator: string, today: string): string {
  const yy = Number(yymmdd.slice(0, 2))
  const mmdd = yymmdd.slice(2, 4) + String(Number(yymmdd.slice(4, 6)) % 60).padStart(2, '0')
  const todayYear = Number(today.slice(0, 4))
  let year = Math.floor(todayYear / 100) * 100 + yy
  if (year > todayYear || (year === todayYear && mmdd > today.slice(5, 7) + today.slice(8, 10))) year -= 100
  if (separator === '+') year -= 100
  return String(year).slice(0, 2)
}

export function parseIdentityNumber(input: string, today: string): IdentityNumber | undefined {
  const shape = ACCEPTED_SHAPE.exec(input.trim())
  if (!shape) return undefined
  const [, century, yymmdd = '', separator = '', last4 = ''] = shape
  const twelve = `${century ?? withCentury(yymmdd, separator, today)}${yymmdd}${last4}`
  let parsed: InstanceType<typeof Personnummer>
  try {
    parsed = Personnummer.parse(twelve, { allowCoordinationNumber: true, allowInterimNumber: false })
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

/** The Luhn check digit of the nine digits YYMMDDNNN: for generating valid numbers (demo, city data). */
export function luhnCheckDigit(nineDigits: string): number {
  let sum = 0
  for (let i = 0; i < nineDigits.length; i++) {
    const d = Number(nineDigits[i]) * (i % 2 === 0 ? 2 : 1)
    sum += Math.floor(d / 10) + (d % 10)
  }
  return (10 - (sum % 10)) % 10
}
