import t from 'tap'
import { parseIdentityNumber } from '../../src/domain/identity-number.js'

/**
 * Luhn check digit over the 9 digits YYMMDDNNN (weights 2,1,2,1,…), as Skatteverket defines it.
 * Written here independently of the `personnummer` package so the tests don't trust what
 * they test.
 */
function checkDigit(nine: string): string {
  let sum = 0
  for (let i = 0; i < nine.length; i++) {
    let v = Number(nine[i]) * (i % 2 === 0 ? 2 : 1)
    if (v > 9) v -= 9
    sum += v
  }
  return String((10 - (sum % 10)) % 10)
}

/** A valid 12-digit number for the date part YYYYMMDD (day + 60 for samordningsnummer) and serial NNN. */
function valid12(yyyymmdd: string, serial: string): string {
  return yyyymmdd + serial + checkDigit(yyyymmdd.slice(2) + serial)
}

/** The same number with its check digit replaced by every wrong digit. */
function wrongCheckDigits(twelve: string): string[] {
  const right = twelve.slice(-1)
  return '0123456789'.split('').filter((d) => d !== right).map((d) => twelve.slice(0, -1) + d)
}

const hyphenated = (twelve: string, sep = '-') => `${twelve.slice(0, 8)}${sep}${twelve.slice(8)}`
const short = (twelve: string, sep = '-') => `${twelve.slice(2, 8)}${sep}${twelve.slice(8)}`

/** The century of a 10-digit number is decided against `today`, never the machine's clock. */
const TODAY = '2026-11-23'
const parse = parseIdentityNumber

t.test('the test helper agrees with published valid numbers', async (t) => {
  // Skatteverket's well-known test number 19121212-1212, and 811218-9876.
  t.equal(checkDigit('121212121'), '2')
  t.equal(checkDigit('811218987'), '6')
  t.equal(valid12('19121212', '121'), '191212121212')
})

t.test('12-digit, hyphenated and 10-digit forms normalise to the same 12 digits', async (t) => {
  const twelve = valid12('19450315', '123')
  const forms = [
    twelve,
    hyphenated(twelve),
    short(twelve),
    short(twelve, ''),
    `  ${hyphenated(twelve)}  ` // surrounding whitespace from a paste
  ]
  for (const form of forms) {
    const parsed = parse(form, TODAY)
    t.same(parsed, { normalised: twelve, kind: 'personnummer', birthDate: '1945-03-15', legalSex: 'male' }, `'${form}'`)
  }
  t.same(parse('19121212-1212', TODAY), {
    normalised: '191212121212', kind: 'personnummer', birthDate: '1912-12-12', legalSex: 'male'
  }, 'Skatteverket\'s test number')
})

t.test('`+` separator: the person is 100 years or older', async (t) => {
  const twelve = valid12('19210504', '246')
  t.same(parse(short(twelve, '+'), TODAY), {
    normalised: twelve, kind: 'personnummer', birthDate: '1921-05-04', legalSex: 'female'
  }, '210504+NNNC is born in 1921')
  t.equal(parse(short(twelve, '-'), TODAY)?.birthDate, '2021-05-04', 'with `-` the same digits are a five-year-old')
  t.equal(parse(hyphenated(twelve, '+'), TODAY)?.normalised, twelve, 'a 12-digit form with `+` keeps its century')
  const centenarian = valid12('19121212', '121')
  t.equal(parse(short(centenarian, '+'), TODAY)?.birthDate, '1912-12-12')
  t.equal(parse(short(centenarian, '+'), TODAY)?.normalised, centenarian)
})

t.test('10-digit form with `-`: the century that makes the person under 100', async (t) => {
  const sixtyFive = valid12('19610101', '987')
  t.equal(parse(short(sixtyFive), TODAY)?.birthDate, '1961-01-01')
  const bornThisYear = valid12('20260101', '987')
  t.equal(parse(short(bornThisYear), TODAY)?.birthDate, '2026-01-01')
  const bornLastCentury = valid12('19271124', '987') // 98 today, 99 tomorrow
  t.equal(parse(short(bornLastCentury), TODAY)?.birthDate, '1927-11-24')
})

t.test('10-digit form of a 99-year-old born later in the calendar year than today', async (t) => {
  // Born 1926-12-01: 99 years old on 2026-11-23, so written 261201-NNNC (with `-`, under 100).
  // Elderly care meets such persons. The century belongs to the youngest date not in the future.
  const twelve = valid12('19261201', '987')
  const parsed = parse(short(twelve), TODAY)
  t.equal(parsed?.birthDate, '1926-12-01', 'birth date 1926-12-01')
  t.equal(parsed?.normalised, twelve, 'normalised with century 19')
  // The 12-digit form is unambiguous and works.
  t.equal(parse(twelve, TODAY)?.birthDate, '1926-12-01')
})

t.test('samordningsnummer: day + 60', async (t) => {
  const twelve = valid12('19450375', '123') // born 1945-03-15
  t.same(parse(twelve, TODAY), {
    normalised: twelve, kind: 'samordningsnummer', birthDate: '1945-03-15', legalSex: 'male'
  })
  t.same(parse(hyphenated(twelve), TODAY)?.normalised, twelve)
  t.same(parse(short(twelve), TODAY)?.normalised, twelve, '10-digit samordningsnummer')
  t.equal(parse(valid12('19450361', '123'), TODAY)?.birthDate, '1945-03-01', 'day 61 is the 1st')
  t.equal(parse(valid12('19450391', '123'), TODAY)?.birthDate, '1945-03-31', 'day 91 is the 31st')
  t.equal(parse(valid12('19450392', '123'), TODAY), undefined, 'day 92 (32nd) does not exist')
  t.equal(parse(valid12('19450490', '123'), TODAY)?.birthDate, '1945-04-30', 'day 90 in April is the 30th')
  t.equal(parse(valid12('19450491', '123'), TODAY), undefined, 'day 91 in April (the 31st) does not exist')
  t.equal(parse(valid12('19440289', '123'), TODAY)?.birthDate, '1944-02-29', 'leap-day samordningsnummer')
  t.equal(parse(valid12('19450289', '123'), TODAY), undefined, 'Feb 29 + 60 in a non-leap year')
  t.equal(parse(valid12('19450360', '123'), TODAY), undefined, 'day 60 (the 0th) does not exist')
  t.equal(parse(valid12('20261184', '123'), TODAY), undefined, 'a samordningsnummer for tomorrow is in the future')
  t.equal(parse(valid12('20261183', '123'), TODAY)?.birthDate, TODAY, 'one for today is allowed')
})

t.test('wrong check digit → undefined, in every form', async (t) => {
  for (const twelve of [valid12('19450315', '123'), valid12('19450375', '123')]) {
    for (const wrong of wrongCheckDigits(twelve)) {
      t.equal(parse(wrong, TODAY), undefined, wrong)
    }
    t.equal(parse(short(wrongCheckDigits(twelve)[0] as string), TODAY), undefined, '10-digit')
  }
  // Transposed digits are caught by Luhn.
  const twelve = valid12('19450315', '123')
  t.equal(parse(twelve.slice(0, 8) + '213' + twelve.slice(-1), TODAY), undefined, 'transposed serial digits')
})

t.test('impossible dates → undefined even with a correct check digit', async (t) => {
  const impossible = ['20260230', '19450230', '19450431', '19451301', '19450001', '19450100', '19450132']
  for (const date of impossible) {
    t.equal(parse(valid12(date, '123'), TODAY), undefined, date)
  }
})

t.test('29 February: only in leap years', async (t) => {
  t.equal(parse(valid12('19450229', '123'), TODAY), undefined, '1945 is not a leap year')
  t.equal(parse(valid12('19440229', '123'), TODAY)?.birthDate, '1944-02-29', '1944 is')
  t.equal(parse(valid12('19000229', '123'), TODAY), undefined, '1900 is not (century)')
  t.equal(parse(valid12('20000229', '123'), TODAY)?.birthDate, '2000-02-29', '2000 is (400 years)')
  t.equal(parse(short(valid12('19440229', '123')), TODAY)?.birthDate, '1944-02-29', '10-digit leap day')
})

t.test('letters, wrong length and other shapes → undefined', async (t) => {
  const twelve = valid12('19450315', '123')
  const bad = [
    '',
    '   ',
    twelve.slice(0, 11), // 11 digits
    twelve.slice(2, 11), // 9 digits
    twelve + '0', // 13 digits
    twelve.slice(2) + '0', // 11 digits
    hyphenated(twelve).replace('-', '--'),
    hyphenated(twelve).replace('-', ' '),
    hyphenated(twelve).replace('-', '/'),
    `${twelve.slice(0, 4)}-${twelve.slice(4, 6)}-${twelve.slice(6)}`,
    twelve.slice(0, 9) + 'A' + twelve.slice(10),
    'abcdefghijkl',
    `${twelve.slice(0, 8)}-T${twelve.slice(9)}`, // interim number (reservnummer style)
    `-${twelve}`,
    `${twelve}-`
  ]
  for (const input of bad) {
    t.equal(parse(input, TODAY), undefined, `'${input}'`)
  }
  t.equal(parse(valid12('19450315', '000'), TODAY), undefined, 'serial 000 is never issued')
})

t.test('future birth date → undefined; today is allowed', async (t) => {
  t.equal(parse(valid12('20261124', '123'), TODAY), undefined, 'tomorrow')
  t.equal(parse(valid12('20270101', '123'), TODAY), undefined, 'next year')
  t.equal(parse(valid12('20261123', '123'), TODAY)?.birthDate, TODAY, 'born today')
  t.equal(parse(valid12('20261122', '123'), TODAY)?.birthDate, '2026-11-22', 'born yesterday')
  t.equal(parse(valid12('20261123', '123'), '2026-11-22'), undefined, 'the `today` argument decides, not the clock')
})

t.test('legal sex from the second-to-last digit (odd: male, even: female)', async (t) => {
  for (let digit = 0; digit <= 9; digit++) {
    const twelve = valid12('19450315', `12${digit}`)
    const expected = digit % 2 === 1 ? 'male' : 'female'
    t.equal(parse(twelve, TODAY)?.legalSex, expected, `${twelve}: digit ${digit} → ${expected}`)
  }
  t.equal(parse(valid12('19450375', '124'), TODAY)?.legalSex, 'female', 'samordningsnummer too')
  t.equal(parse(valid12('19450375', '125'), TODAY)?.legalSex, 'male')
})
