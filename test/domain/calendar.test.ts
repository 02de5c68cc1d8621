import t from 'tap'
import { addDays, addMonths, daysBetween, todayInStockholm } from '../../src/domain/calendar.js'

t.test('addMonths: same day number n months later, clamped to the month end', async (t) => {
  const cases: [string, number, string][] = [
    // The law's example (CONVENTIONS: "3 months from the decision date").
    ['2026-03-31', 3, '2026-06-30'],
    ['2026-01-31', 1, '2026-02-28'],
    ['2024-01-31', 1, '2024-02-29'], // leap year
    ['2023-11-30', 3, '2024-02-29'], // into a leap February across a year end
    ['2024-02-29', 12, '2025-02-28'], // leap day to a non-leap year
    ['2024-02-29', 48, '2028-02-29'], // leap day to the next leap year
    ['2024-02-29', 1, '2024-03-29'], // clamping never carries over: the 29th stays the 29th
    ['2026-01-30', 1, '2026-02-28'],
    ['2026-01-29', 1, '2026-02-28'],
    ['2026-01-28', 1, '2026-02-28'],
    ['2026-05-31', 1, '2026-06-30'],
    ['2026-08-31', 1, '2026-09-30'],
    ['2026-07-31', 1, '2026-08-31'], // two 31-day months in a row
    ['2026-03-15', 3, '2026-06-15'],
    ['2026-03-15', 0, '2026-03-15'],
    ['2026-01-01', 0, '2026-01-01'],
    ['2099-12-31', 2, '2100-02-28'], // 2100 is not a leap year
    ['1999-12-31', 2, '2000-02-29'] // 2000 is
  ]
  for (const [date, months, expected] of cases) {
    t.equal(addMonths(date, months), expected, `${date} + ${months} months`)
  }
})

t.test('addMonths: year rollover', async (t) => {
  t.equal(addMonths('2026-12-15', 1), '2027-01-15')
  t.equal(addMonths('2026-12-31', 1), '2027-01-31')
  t.equal(addMonths('2026-11-30', 3), '2027-02-28')
  t.equal(addMonths('2026-10-31', 4), '2027-02-28')
  t.equal(addMonths('2026-06-30', 6), '2026-12-30')
  t.equal(addMonths('2026-07-01', 6), '2027-01-01')
  t.equal(addMonths('2026-01-15', 12), '2027-01-15')
  t.equal(addMonths('2026-01-15', 24), '2028-01-15')
  t.equal(addMonths('2026-12-31', 12), '2027-12-31')
  t.equal(addMonths('2026-12-31', 14), '2028-02-29')
})

t.test('addMonths: negative months', async (t) => {
  t.equal(addMonths('2026-03-31', -1), '2026-02-28')
  t.equal(addMonths('2024-03-31', -1), '2024-02-29')
  t.equal(addMonths('2026-06-30', -3), '2026-03-30')
  t.equal(addMonths('2026-07-31', -3), '2026-04-30')
  t.equal(addMonths('2026-01-15', -1), '2025-12-15')
  t.equal(addMonths('2026-01-31', -2), '2025-11-30')
  t.equal(addMonths('2026-02-28', -12), '2025-02-28')
  t.equal(addMonths('2025-02-28', -12), '2024-02-28')
  t.equal(addMonths('2026-01-01', -13), '2024-12-01')
  t.equal(addMonths('2026-12-31', -12), '2025-12-31')
  t.equal(addMonths('2025-02-28', -24), '2023-02-28')
})

t.test('addMonths: invariants over every day of 2023–2025 and -25…+25 months', async (t) => {
  const failures: string[] = []
  for (let date = '2023-01-01'; date <= '2025-12-31'; date = addDays(date, 1)) {
    const [y, m, d] = date.split('-').map(Number) as [number, number, number]
    for (let n = -25; n <= 25; n++) {
      const result = addMonths(date, n)
      const [ry, rm, rd] = result.split('-').map(Number) as [number, number, number]
      const monthShift = (ry * 12 + rm) - (y * 12 + m)
      const lastDay = new Date(Date.UTC(ry, rm, 0)).getUTCDate()
      const ok = /^\d{4}-\d{2}-\d{2}$/.test(result) && monthShift === n && rd === Math.min(d, lastDay)
      if (!ok) failures.push(`${date} ${n >= 0 ? '+' : ''}${n} → ${result}`)
    }
  }
  t.same(failures, [], 'lands in the right month on the same day or that month\'s last day')
})

t.test('addDays across month ends, year ends and leap days', async (t) => {
  const cases: [string, number, string][] = [
    ['2026-01-31', 1, '2026-02-01'],
    ['2026-02-28', 1, '2026-03-01'], // non-leap
    ['2024-02-28', 1, '2024-02-29'], // leap
    ['2024-02-29', 1, '2024-03-01'],
    ['2100-02-28', 1, '2100-03-01'], // century, not leap
    ['2000-02-28', 1, '2000-02-29'], // 400-year, leap
    ['2026-12-31', 1, '2027-01-01'],
    ['2026-12-17', 15, '2027-01-01'],
    ['2026-04-30', 1, '2026-05-01'],
    ['2026-03-28', 2, '2026-03-30'], // across the spring DST change in Stockholm
    ['2026-10-24', 2, '2026-10-26'], // across the autumn DST change
    ['2026-01-01', 365, '2027-01-01'],
    ['2024-01-01', 365, '2024-12-31'], // leap year has 366 days
    ['2024-01-01', 366, '2025-01-01'],
    ['2026-03-01', -1, '2026-02-28'],
    ['2024-03-01', -1, '2024-02-29'],
    ['2027-01-01', -1, '2026-12-31'],
    ['2026-05-01', -31, '2026-03-31'],
    ['2026-06-15', 0, '2026-06-15']
  ]
  for (const [date, days, expected] of cases) {
    t.equal(addDays(date, days), expected, `${date} ${days >= 0 ? '+' : ''}${days} days`)
  }
})

t.test('daysBetween in both directions', async (t) => {
  t.equal(daysBetween('2026-03-31', '2026-06-30'), 91)
  t.equal(daysBetween('2026-06-30', '2026-03-31'), -91)
  t.equal(daysBetween('2026-01-01', '2026-01-01'), 0)
  t.equal(daysBetween('2026-12-31', '2027-01-01'), 1)
  t.equal(daysBetween('2027-01-01', '2026-12-31'), -1)
  t.equal(daysBetween('2024-02-28', '2024-03-01'), 2, 'leap February')
  t.equal(daysBetween('2026-02-28', '2026-03-01'), 1, 'common February')
  t.equal(daysBetween('2024-01-01', '2025-01-01'), 366)
  t.equal(daysBetween('2026-01-01', '2027-01-01'), 365)
  t.equal(daysBetween('2026-03-28', '2026-03-30'), 2, 'DST change does not lose an hour into a day')
  t.equal(daysBetween('2026-10-24', '2026-10-26'), 2, 'DST change does not add a day')
  t.equal(daysBetween('2025-11-23', '2026-11-23'), 365)
})

t.test('addDays and daysBetween agree', async (t) => {
  const failures: string[] = []
  for (let n = -800; n <= 800; n += 7) {
    for (const start of ['2024-02-29', '2026-03-31', '2026-12-31']) {
      const end = addDays(start, n)
      if (daysBetween(start, end) !== n) failures.push(`${start} ${n} → ${end}`)
      if (daysBetween(end, start) !== -n) failures.push(`${end} back to ${start}`)
    }
  }
  t.same(failures, [])
})

t.test('todayInStockholm around midnight UTC vs Stockholm', async (t) => {
  const cases: [string, string, string][] = [
    // Summer time (CEST, UTC+2)
    ['2026-06-30T21:59:59Z', '2026-06-30', 'one second before Stockholm midnight in summer'],
    ['2026-06-30T22:00:00Z', '2026-07-01', 'Stockholm midnight in summer'],
    ['2026-06-30T22:30:00Z', '2026-07-01', 'still 30 June in UTC, already 1 July in Stockholm'],
    ['2026-06-30T23:59:59Z', '2026-07-01', ''],
    ['2026-07-01T00:00:00Z', '2026-07-01', ''],
    // Winter time (CET, UTC+1)
    ['2026-12-31T22:59:59Z', '2026-12-31', 'one second before Stockholm midnight in winter'],
    ['2026-12-31T23:00:00Z', '2027-01-01', 'new year in Stockholm'],
    ['2026-12-31T23:30:00Z', '2027-01-01', 'still 2026 in UTC, already 2027 in Stockholm'],
    ['2027-01-01T00:30:00Z', '2027-01-01', ''],
    ['2026-01-15T12:00:00Z', '2026-01-15', 'midday'],
    // Around the DST changes (last Sunday of March / October 2026)
    ['2026-03-28T22:59:59Z', '2026-03-28', 'last second of the day before spring forward (CET)'],
    ['2026-03-28T23:00:00Z', '2026-03-29', ''],
    ['2026-03-29T21:59:59Z', '2026-03-29', 'first evening in summer time'],
    ['2026-03-29T22:00:00Z', '2026-03-30', ''],
    ['2026-10-24T21:59:59Z', '2026-10-24', 'last evening in summer time'],
    ['2026-10-24T22:00:00Z', '2026-10-25', ''],
    ['2026-10-25T22:59:59Z', '2026-10-25', 'first evening back in winter time'],
    ['2026-10-25T23:00:00Z', '2026-10-26', ''],
    // Leap day
    ['2024-02-28T23:00:00Z', '2024-02-29', ''],
    ['2024-02-29T22:59:59Z', '2024-02-29', '']
  ]
  for (const [instant, expected, why] of cases) {
    t.equal(todayInStockholm(new Date(instant)), expected, `${instant} → ${expected}${why ? ` (${why})` : ''}`)
  }
  t.match(todayInStockholm(), /^\d{4}-\d{2}-\d{2}$/, 'defaults to now, as YYYY-MM-DD')
})
