import t from 'tap'
import { coversWholeMonth, inForceOn, parseMonth, sameMonthLastYear } from '../../src/domain/monthly-volumes.js'

t.test('months', async (t) => {
  t.match(parseMonth('2026-10'), { label: '2026-10', start: '2026-10-01', end: '2026-10-31' })
  t.match(parseMonth('2028-02'), { end: '2028-02-29' }, 'leap February')
  t.match(parseMonth('2026-02'), { end: '2026-02-28' })
  for (const bad of ['2026-13', '2026-00', '26-10', '2026-1', '1999-12', '2026-10-01', '']) t.equal(parseMonth(bad), null, bad)
  t.equal(sameMonthLastYear(parseMonth('2026-10')!).label, '2025-10')
  t.equal(sameMonthLastYear(parseMonth('2028-02')!).end, '2027-02-28')
})

t.test('full-month placements', async (t) => {
  const october = parseMonth('2026-10')!
  t.equal(coversWholeMonth({ from: '2026-10-01', to: null }, october), true, 'starting on the 1st covers the month')
  t.equal(coversWholeMonth({ from: '2026-10-02', to: null }, october), false, 'starting on the 2nd does not')
  t.equal(coversWholeMonth({ from: '2026-09-30', to: '2026-10-31' }, october), true, 'ending on the last day covers it')
  t.equal(coversWholeMonth({ from: '2026-09-30', to: '2026-10-30' }, october), false, 'ending the day before the last does not')
  t.equal(coversWholeMonth({ from: '2026-11-01', to: null }, october), false, 'not yet begun')
  t.equal(coversWholeMonth({ from: '2026-01-01', to: '2026-09-30' }, october), false, 'ended before')
  const february = parseMonth('2028-02')!
  t.equal(coversWholeMonth({ from: '2028-02-01', to: '2028-02-29' }, february), true, 'a leap February, to its last day')
  t.equal(coversWholeMonth({ from: '2028-02-01', to: '2028-02-28' }, february), false)
  t.equal(inForceOn({ from: '2026-10-31', to: null }, '2026-10-31'), true)
  t.equal(inForceOn({ from: '2026-10-01', to: '2026-10-30' }, '2026-10-31'), false)
})
