import t from 'tap'
import {
  belowForMonths, DEFAULT_TOLERANCE, deliveredPercent, deviationOf, differenceOf, monthEnd, monthStart, monthsBefore
} from '../../src/domain/delivered-time.js'
import { answerDueDate, canAnswer, canReport, startDueDate } from '../../src/domain/order.js'

t.test('deviation: ±10 % or more than 8 hours, exactly at the limit is within', async (t) => {
  const d = (ordered: number, delivered: number | null) => deviationOf(ordered, delivered, DEFAULT_TOLERANCE)
  // 40 h: 10 % is 4 h, which binds before the 8 hours.
  t.equal(d(40, 36), 'within')
  t.equal(d(40, 35.99), 'below')
  t.equal(d(40, 44), 'within')
  t.equal(d(40, 44.01), 'above')
  // 99 h: 10 % is 9.9 h, so the 8 hours bind.
  t.equal(d(99, 91), 'within')
  t.equal(d(99, 90.99), 'below')
  t.equal(d(99, 107), 'within')
  t.equal(d(99, 107.01), 'above')
  // 80 h: both limits are 8 h.
  t.equal(d(80, 72), 'within')
  t.equal(d(80, 71.99), 'below')
  t.equal(d(40, null), 'not_reported')
  t.equal(d(40, 40), 'within')
  t.equal(d(0.5, 0), 'below', 'nothing delivered of a small order')
  t.equal(deviationOf(40, 38, { percent: 0, hours: 0 }), 'below', 'a zero tolerance flags any difference')
  t.equal(deviationOf(40, 40, { percent: 0, hours: 0 }), 'within')
})

t.test('difference and share', async (t) => {
  t.equal(differenceOf(40, 35.99), -4.01)
  t.equal(differenceOf(0.1, 0.3), 0.2, 'no floating-point residue')
  t.equal(deliveredPercent(40, 36), 90)
  t.equal(deliveredPercent(3, 1), 33.3)
  t.equal(deliveredPercent(0, 1), null)
})

t.test('months', async (t) => {
  t.equal(monthStart('2026-10'), '2026-10-01')
  t.equal(monthStart('2026-13'), null)
  t.equal(monthStart('2026-1'), null)
  t.equal(monthEnd('2026-02-01'), '2026-02-28')
  t.equal(monthEnd('2028-02-01'), '2028-02-29')
  t.equal(monthEnd('2026-12-01'), '2026-12-31')
  t.equal(monthEnd('9999-12-01'), '9999-12-31', 'the last month of ISO dates has a last day (no next month needed)')
  t.equal(monthEnd('2000-02-01'), '2000-02-29', 'divisible by 400: a leap year')
  t.equal(monthEnd('2100-02-01'), '2100-02-28', 'by 100 but not 400: not one')
  t.equal(monthEnd('0004-02-01'), '0004-02-29', 'years below 100 are not read as 1900s')
  t.same(monthsBefore('2026-01-15', 3), ['2025-10-01', '2025-11-01', '2025-12-01'])
  t.same(monthsBefore('2026-11-01', 1), ['2026-10-01'])
})

t.test('below for months running', async (t) => {
  const months = ['2026-08-01', '2026-09-01', '2026-10-01']
  const below = months.map((month) => ({ month, ordered: 40, delivered: 30 }))
  t.equal(belowForMonths(below, months, DEFAULT_TOLERANCE), true)
  t.equal(belowForMonths(below.slice(1), months, DEFAULT_TOLERANCE), false, 'a month not reported breaks the run')
  t.equal(belowForMonths([{ month: '2026-08-01', ordered: 40, delivered: 36 }, ...below.slice(1)], months, DEFAULT_TOLERANCE), false, 'a month within breaks it')
  t.equal(belowForMonths([{ month: '2026-08-01', ordered: 40, delivered: 50 }, ...below.slice(1)], months, DEFAULT_TOLERANCE), false, 'a month above breaks it')
  t.equal(belowForMonths(below, [], DEFAULT_TOLERANCE), false)
})

t.test('the order\'s states and due dates', async (t) => {
  t.equal(canAnswer('sent'), true)
  t.equal(canAnswer('accepted'), false)
  t.equal(canAnswer('declined'), false)
  t.equal(canReport('accepted'), true)
  t.equal(canReport('sent'), false)
  t.equal(canReport('declined'), false)
  t.equal(answerDueDate('2026-09-28', 5), '2026-10-03')
  t.equal(startDueDate('2026-09-01', null, 14), '2026-09-15')
  t.equal(startDueDate('2026-09-01', '2026-10-01', 14), '2026-10-01', 'the wanted start')
})
