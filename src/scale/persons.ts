/**
 * The city's elderly-care clients: about two thirds women, mostly 75–100 years old when in
 * care, each belonging to one unit and one case worker. A person's care runs from the first
 * application to death, a move away, or today. Personal identity numbers are generated with
 * a Luhn check digit and then read back with the service's own parser, so every stored
 * number is one the API would accept.
 */
import { addMonths } from '../domain/calendar.js'
import { addDays, daysBetween } from './days.js'
import { luhnCheckDigit, parseIdentityNumber } from '../domain/identity-number.js'
import type { Sex } from '../domain/person.js'
import type { Row } from './copy-writer.js'
import { Weighted, clamp, type Random } from './random.js'
import { dayBetween, earliest } from './timeline.js'

export interface Unit {
  id: string
  code: string
  district: string
  caseWorkers: number
}

export interface Person {
  id: string
  unit: Unit
  sex: Sex
  birthDate: string
  /** First day of care (the first application's received date). */
  careStart: string
  /** Last day of care: death or move; null while still in care today. */
  careEnd: string | null
  endReason: 'deceased' | 'moved' | null
  /** Number of the case worker (1…) the person's applications are assigned to. */
  caseWorker: number
  protectedIdentity: boolean
}

const WOMEN = ['Anna', 'Margareta', 'Elisabeth', 'Eva', 'Kristina', 'Birgitta', 'Karin', 'Marie', 'Ingrid', 'Gunnel', 'Maj-Britt', 'Ulla', 'Kerstin', 'Inger', 'Solveig', 'Berit', 'Gun', 'Barbro', 'Elsa', 'Astrid', 'Sonja', 'Gunilla', 'Aina', 'Irma', 'Märta', 'Britt', 'Siv', 'Laila', 'Aino', 'Fatima', 'Mirjana', 'Leila']
const MEN = ['Lars', 'Karl', 'Anders', 'Johan', 'Per', 'Erik', 'Nils', 'Bengt', 'Sven', 'Gunnar', 'Göran', 'Rolf', 'Lennart', 'Åke', 'Stig', 'Bertil', 'Olle', 'Gösta', 'Kjell', 'Arne', 'Leif', 'Ali', 'Hassan', 'Dragan', 'Pekka']
const LAST = ['Andersson', 'Johansson', 'Karlsson', 'Nilsson', 'Eriksson', 'Larsson', 'Olsson', 'Persson', 'Svensson', 'Gustafsson', 'Pettersson', 'Jonsson', 'Lindberg', 'Lindqvist', 'Bergström', 'Holm', 'Jansson', 'Hansson', 'Lindström', 'Axelsson', 'Berglund', 'Sandberg', 'Lundgren', 'Mattsson', 'Virtanen', 'Korhonen', 'Hosseini', 'Mohammed', 'Petrović', 'Öberg', 'Åberg', 'Sjöberg']
const LANGUAGES = new Weighted<string>([['svenska', 84], ['finska', 5], ['arabiska', 2.5], ['persiska', 1.5], ['bosniska', 1], ['spanska', 1], ['somaliska', 1], ['turkiska', 1], ['polska', 1], ['teckenspråk', 0.3], ['grekiska', 0.7]])

export const WOMEN_SHARE = 0.65

/**
 * A 12-digit number for a birth date and sex (the third serial digit is odd for men, even
 * for women); a coordination number adds 60 to the day.
 */
export function identityNumber(random: Random, birthDate: string, sex: Sex, coordination: boolean): string {
  const [y, m, d] = birthDate.split('-') as [string, string, string]
  const day = String(Number(d) + (coordination ? 60 : 0)).padStart(2, '0')
  // Serials run 001–999: the first digit is never 0 here, so 000 cannot come out.
  const serial = `${random.int(1, 9)}${random.int(0, 9)}${sex === 'male' ? 2 * random.int(0, 4) + 1 : 2 * random.int(0, 4)}`
  const nine = `${y.slice(2)}${m}${day}${serial}`
  return `${y}${m}${day}${serial}${luhnCheckDigit(nine)}`
}

export interface PersonPlan {
  windowStart: string
  today: string
}

/**
 * One person: the unit by size, sex, the age at the start of care (81 on average, 65–99),
 * the start of care spread over the window (those who were already clients start on its
 * first day), and death or a move after a few years for some.
 */
export function drawPerson(random: Random, plan: PersonPlan, unitChoice: Weighted<Unit>): Person {
  const unit = unitChoice.draw(random)
  const sex = random.chance(WOMEN_SHARE) ? 'female' : 'male'
  // Some were clients before the window opened: their history here starts on its first day.
  const careStart = dayBetween(random, addDays(plan.windowStart, -Math.round(daysBetween(plan.windowStart, plan.today) * 0.3)), addDays(plan.today, -7))
  const start = careStart < plan.windowStart ? plan.windowStart : careStart
  const ageAtStart = clamp(Math.round(81 + 7 * random.normal()), 65, 99)
  // Born within the year before the birthday that made them `ageAtStart` (month arithmetic keeps 29 February valid).
  const birthday = addMonths(careStart, -12 * ageAtStart)
  const birthDate = addDays(birthday, -random.int(0, 364))
  // Mean time in care about ten years (so most of the city's clients are in care today); nobody passes 104.
  const yearsInCare = Math.min(random.exponential(10), 104 - ageAtStart)
  const end = addDays(careStart, Math.max(30, Math.round(yearsInCare * 365.25)))
  const ended = end < plan.today && end > start
  return {
    id: random.uuid(),
    unit,
    sex,
    birthDate,
    careStart: start,
    careEnd: ended ? end : null,
    endReason: ended ? (random.chance(0.93) ? 'deceased' : 'moved') : null,
    caseWorker: random.int(1, unit.caseWorkers),
    protectedIdentity: random.chance(0.003)
  }
}

/** The person's row; the identity number is checked by the service's own parser. */
export function personRow(random: Random, person: Person, today: string, used: Set<string>): Row<'persons'> {
  const coordination = random.chance(0.01)
  let number = identityNumber(random, person.birthDate, person.sex, coordination)
  while (used.has(number)) number = identityNumber(random, person.birthDate, person.sex, coordination)
  used.add(number)
  const parsed = parseIdentityNumber(number, today)
  if (!parsed || parsed.birthDate !== person.birthDate || parsed.legalSex !== person.sex) {
    throw new Error(`generated identity number ${number} for ${person.birthDate} (${person.sex}) does not parse back: ${JSON.stringify(parsed)}`)
  }
  const language = LANGUAGES.draw(random)
  const interpreter = language !== 'svenska' && random.chance(0.55)
  const stamp = `${person.careStart}T08:00:00.000Z`
  return {
    id: person.id,
    unit_id: person.unit.id,
    personal_identity_number: parsed.normalised,
    identity_kind: parsed.kind,
    birth_date: parsed.birthDate,
    first_name: random.pick(person.sex === 'female' ? WOMEN : MEN),
    last_name: random.pick(LAST),
    sex: person.sex,
    district: person.unit.district,
    language,
    interpreter_needed: interpreter,
    interpreter_language: interpreter ? language : null,
    representatives: random.chance(0.08) ? JSON.stringify([{ kind: random.pick(['god_man', 'forvaltare', 'fullmakt'] as const), name: `${random.pick(WOMEN)} ${random.pick(LAST)}` }]) : '[]',
    children_in_household: random.chance(0.5) ? false : null,
    violence_asked: random.chance(0.25),
    violence_suspected: random.chance(0.008),
    protected_identity: person.protectedIdentity,
    created_at: stamp,
    updated_at: earliest(person.careEnd ?? today, today) + 'T08:00:00.000Z'
  }
}
