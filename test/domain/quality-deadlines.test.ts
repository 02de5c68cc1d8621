import t from 'tap'
import { dueDate, isOverdue, withinDeadline } from '../../src/domain/quality-deadlines.js'

t.test('due date: the start plus the configured calendar days', async (t) => {
  const cases: [string, number, string, string][] = [
    ['2026-03-02', 14, '2026-03-16', 'the default 14 days'],
    ['2026-01-31', 14, '2026-02-14', 'from a month end'],
    ['2026-02-20', 14, '2026-03-06', 'across a short February'],
    ['2026-12-25', 14, '2027-01-08', 'across a year end'],
    ['2028-02-15', 14, '2028-02-29', 'onto a leap day'],
    ['2028-02-29', 14, '2028-03-14', 'from a leap day'],
    ['2027-02-15', 14, '2027-03-01', 'the same date in a common year lands in March'],
    ['2026-03-02', 1, '2026-03-03', 'a configured single day'],
    ['2026-03-02', 30, '2026-04-01', 'a configured 30 days']
  ]
  for (const [start, days, expected, name] of cases) t.equal(dueDate(start, days), expected, name)
})

t.test('overdue: the due date is the last day inside the deadline', async (t) => {
  t.equal(isOverdue('2026-03-16', true, '2026-03-15'), false, 'the day before the due date')
  t.equal(isOverdue('2026-03-16', true, '2026-03-16'), false, 'the due date itself is still inside')
  t.equal(isOverdue('2026-03-16', true, '2026-03-17'), true, 'the first day past it')
  t.equal(isOverdue('2028-02-29', true, '2028-02-29'), false, 'a leap-day due date is kept on the leap day')
  t.equal(isOverdue('2028-02-29', true, '2028-03-01'), true, 'and overdue on 1 March')
  t.equal(isOverdue('2026-01-31', true, '2026-02-01'), true, 'across a month end')
  t.equal(isOverdue('2026-03-16', false, '2027-01-01'), false, 'an item no longer waiting is never overdue')
  t.equal(isOverdue(null, true, '2027-01-01'), false, 'no deadline, never overdue')
})

t.test('within the deadline: done on or before the due date', async (t) => {
  t.equal(withinDeadline('2026-03-16', '2026-03-16'), true)
  t.equal(withinDeadline('2026-03-16', '2026-03-02'), true)
  t.equal(withinDeadline('2026-03-16', '2026-03-17'), false)
  t.equal(withinDeadline('2028-02-29', '2028-03-01'), false)
})

t.test('the deadlines are configuration: 14 days by default, validated', async (t) => {
  const { ConfigError, loadConfig } = await import('../../src/config.js')
  const defaults = loadConfig({})
  t.equal(defaults.complaintAnswerDays, 14)
  t.equal(defaults.lexSarahIvoNotificationDays, 14)
  const set = loadConfig({ COMPLAINT_ANSWER_DAYS: '21', LEX_SARAH_IVO_NOTIFICATION_DAYS: '7' })
  t.equal(set.complaintAnswerDays, 21)
  t.equal(set.lexSarahIvoNotificationDays, 7)
  for (const [name, value] of [['COMPLAINT_ANSWER_DAYS', '0'], ['COMPLAINT_ANSWER_DAYS', 'two weeks'], ['LEX_SARAH_IVO_NOTIFICATION_DAYS', '366']]) {
    t.throws(() => loadConfig({ [name as string]: value as string }), ConfigError, `${name}=${value}`)
    t.throws(() => loadConfig({ [name as string]: value as string }), new RegExp(name as string))
  }
})
