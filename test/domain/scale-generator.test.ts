/**
 * The pure parts of the city generator (src/scale): the seeded stream and distributions, the
 * fast day arithmetic, the date rules of the generated history, identity numbers, staff
 * names and the command line.
 */
import t from 'tap'
import { addDays as calendarAddDays, daysBetween as calendarDaysBetween } from '../../src/domain/calendar.js'
import { parseIdentityNumber } from '../../src/domain/identity-number.js'
import { addDays, daysBetween } from '../../src/scale/days.js'
import { endOf } from '../../src/scale/executions.js'
import { parseScaleOptions, targetDatabase } from '../../src/scale/options.js'
import { drawPerson, identityNumber } from '../../src/scale/persons.js'
import { Random, Weighted } from '../../src/scale/random.js'
import { HOME_PHASE_MIX, SERVICES, partlyGrantedHours, requestedHours } from '../../src/scale/services.js'
import { caseWorker, caseWorkerCount, UNIT_WEIGHTS } from '../../src/scale/staff.js'
import { dayBetween, grantEnd, startAfterWait, yearsBetween } from '../../src/scale/timeline.js'
import { copyValue } from '../../src/scale/copy-writer.js'

t.test('the same seed gives the same stream, another seed another one', async (t) => {
  const a = new Random(42)
  const b = new Random(42)
  const c = new Random(43)
  const first = Array.from({ length: 5 }, () => a.uint32())
  t.same(Array.from({ length: 5 }, () => b.uint32()), first)
  t.not(Array.from({ length: 5 }, () => c.uint32()).join(), first.join())
  t.match(new Random(1).uuid(), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
})

t.test('int stays within its bounds and weighted draws follow their weights', async (t) => {
  const r = new Random(7)
  for (let i = 0; i < 10_000; i++) {
    const n = r.int(3, 9)
    if (n < 3 || n > 9) t.fail(`int out of bounds: ${n}`)
  }
  const w = new Weighted([['a', 1], ['b', 3]] as const)
  let bs = 0
  for (let i = 0; i < 20_000; i++) if (w.draw(r) === 'b') bs++
  t.ok(Math.abs(bs / 20_000 - 0.75) < 0.02, `share of b ${bs / 20_000}`)
  t.equal(w.share('b'), 0.75)
  t.throws(() => new Weighted([]))
})

t.test('home care is the most common requested service, then safety alarms, then care homes', async (t) => {
  const order = SERVICES.map((s) => s.code).sort((x, y) => HOME_PHASE_MIX.share(y) - HOME_PHASE_MIX.share(x))
  t.same(order.slice(0, 2), ['home_care', 'safety_alarm'])
  const r = new Random(3)
  const homeCare = SERVICES.find((s) => s.code === 'home_care')
  if (!homeCare) throw new Error('home_care profile missing')
  for (let i = 0; i < 2_000; i++) {
    const hours = requestedHours(r, homeCare)
    if (hours === null || hours < 2 || hours > 320) t.fail(`requested hours ${hours}`)
    const partly = partlyGrantedHours(r, hours ?? 2)
    if (partly > (hours ?? 2) || partly < 1) t.fail(`partly granted ${partly} of ${hours}`)
  }
})

t.test('fast day arithmetic agrees with the calendar', async (t) => {
  for (const date of ['2016-02-28', '2020-02-29', '2024-12-31', '1925-07-06', '2026-03-31']) {
    for (const n of [-400, -31, -1, 0, 1, 29, 365, 3650]) {
      if (addDays(date, n) !== calendarAddDays(date, n)) t.fail(`${date} + ${n}`)
    }
    t.equal(daysBetween(date, '2026-11-24'), calendarDaysBetween(date, '2026-11-24'))
  }
})

t.test('an execution never starts before its decision or its order', async (t) => {
  t.equal(startAfterWait('2026-03-10', null, 0), '2026-03-10')
  t.equal(startAfterWait('2026-03-10', null, -5), '2026-03-10', 'a negative wait counts as none')
  t.equal(startAfterWait('2026-03-10', '2026-03-12', 1), '2026-03-12', 'not before the order')
  t.equal(startAfterWait('2026-03-10', '2026-03-12', 30), '2026-04-09')
  const r = new Random(11)
  for (let i = 0; i < 1_000; i++) {
    const decided = dayBetween(r, '2017-01-01', '2026-11-24')
    const ordered = r.chance(0.5) ? addDays(decided, r.int(0, 3)) : null
    const start = startAfterWait(decided, ordered, r.normal() * 40)
    if (start < decided || (ordered !== null && start < ordered)) t.fail(`start ${start} before ${decided}/${ordered}`)
  }
})

t.test('a grant of n months ends the day before the same day n months later; open-ended has no end', async (t) => {
  t.equal(grantEnd('2026-01-15', 12), '2027-01-14')
  t.equal(grantEnd('2026-03-31', 1), '2026-04-29')
  t.equal(grantEnd('2026-01-15', 0), null)
})

t.test('the end of a grant is the earliest candidate by today, never before the decision', async (t) => {
  const today = '2026-11-24'
  t.same(endOf([{ date: '2026-06-01', reason: 'no_longer_needed', replacedBy: null }, { date: '2026-05-01', reason: 'deceased', replacedBy: null }], '2026-01-01', today),
    { date: '2026-05-01', reason: 'deceased', replacedBy: null })
  t.equal(endOf([{ date: '2027-01-01', reason: 'no_longer_needed', replacedBy: null }], '2026-01-01', today), null, 'a future end has not happened')
  t.same(endOf([{ date: '2025-12-01', reason: 'no_longer_needed', replacedBy: null }], '2026-01-01', today)?.date, '2026-01-01', 'clamped to the decision date')
  t.equal(dayBetween(new Random(1), '2026-05-01', '2026-04-01'), '2026-05-01', 'an empty range gives its start')
})

t.test('generated identity numbers pass the service\'s own parser with the right birth date and sex', async (t) => {
  const r = new Random(5)
  for (let i = 0; i < 2_000; i++) {
    const birth = dayBetween(r, '1920-01-01', '1960-12-31')
    const sex = r.chance(0.65) ? 'female' : 'male'
    const coordination = r.chance(0.1)
    const number = identityNumber(r, birth, sex, coordination)
    const parsed = parseIdentityNumber(number, '2026-11-24')
    if (!parsed || parsed.birthDate !== birth || parsed.legalSex !== sex || parsed.kind !== (coordination ? 'samordningsnummer' : 'personnummer')) {
      t.fail(`${number} for ${birth} ${sex}: ${JSON.stringify(parsed)}`)
    }
  }
})

t.test('every unit has 25–46 case workers with names a token can carry', async (t) => {
  const counts = Object.keys(UNIT_WEIGHTS).map(caseWorkerCount)
  t.equal(Math.min(...counts), 25)
  t.equal(Math.max(...counts), 46)
  t.equal(Object.keys(UNIT_WEIGHTS).length, 13)
  t.equal(caseWorker('rinkeby-kista', 7), 'hk.rinkeby-kista.07')
})

t.test('COPY text escapes what would break a row', async (t) => {
  t.equal(copyValue(null), '\\N')
  t.equal(copyValue('a\tb\nc\\d'), 'a\\tb\\nc\\\\d')
  t.equal(copyValue(['unit_manager', 'a"b']), '{"unit_manager","a\\\\"b"}')
  t.equal(copyValue(true), 't')
  t.throws(() => copyValue(Number.NaN))
})

t.test('options: defaults, bounds, and a PostgreSQL database of its own', async (t) => {
  t.same(parseScaleOptions([]), { persons: 35_000, years: 10, seed: 1, reset: false, accessLogYears: 1, accessLogOnly: false })
  t.same(parseScaleOptions(['--persons', '150', '--years', '3', '--seed', '9', '--reset']), { persons: 150, years: 3, seed: 9, reset: true, accessLogYears: 1, accessLogOnly: false })
  t.same(parseScaleOptions(['--access-log-only', '--access-log-years', '2']), { persons: 35_000, years: 10, seed: 1, reset: false, accessLogYears: 2, accessLogOnly: true })
  t.same(parseScaleOptions(['--access-log-years', '0']).accessLogYears, 0, 'a city without reads')
  t.throws(() => parseScaleOptions(['--access-log-only', '--reset']), { name: 'OptionError' }, 'adding reads never drops the city')
  t.throws(() => parseScaleOptions(['--access-log-only', '--access-log-years', '0']), { name: 'OptionError' })
  t.throws(() => parseScaleOptions(['--persons', '0']), { name: 'OptionError' })
  t.throws(() => parseScaleOptions(['--years', 'ten']), { name: 'OptionError' })
  t.throws(() => parseScaleOptions(['--bogus']), { name: 'OptionError' })
  t.throws(() => targetDatabase(undefined), /PGlite/)
  t.throws(() => targetDatabase('postgres://postgres@127.0.0.1:5432/postgres'), /own/)
  t.throws(() => targetDatabase('mysql://x@y/z'), /postgres/)
  t.same(targetDatabase('postgres://postgres@127.0.0.1:5432/scale_city'), {
    name: 'scale_city', url: 'postgres://postgres@127.0.0.1:5432/scale_city', adminUrl: 'postgres://postgres@127.0.0.1:5432/postgres'
  })
})

t.test('persons are real dates, 65–104 when their history here starts, about two thirds women', async (t) => {
  const r = new Random(21)
  const unit = { id: '00000000-0000-4000-8000-000000000001', code: 'bromma', district: 'Bromma', caseWorkers: 30 }
  const plan = { windowStart: '2016-11-25', today: '2026-11-24' }
  const choice = new Weighted([[unit, 1]] as const)
  let women = 0
  for (let i = 0; i < 5_000; i++) {
    const p = drawPerson(r, plan, choice)
    if (p.sex === 'female') women++
    if (calendarAddDays(p.birthDate, 0) !== p.birthDate) t.fail(`not a real date: ${p.birthDate}`)
    const age = yearsBetween(p.birthDate, p.careStart)
    if (age < 65 || age > 104) t.fail(`age ${age} at the start of care`)
    if (p.careStart < plan.windowStart || p.careStart > plan.today || (p.careEnd !== null && (p.careEnd < p.careStart || p.careEnd > plan.today))) {
      t.fail(`care ${p.careStart}–${p.careEnd} outside the window`)
    }
  }
  t.ok(Math.abs(women / 5_000 - 0.65) < 0.03, `women ${women / 5_000}`)
})
