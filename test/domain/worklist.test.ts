import t from 'tap'
import { executionDeadline, executionItem, followUpItem, warnDecidedOnOrBefore, waitingItem } from '../../src/domain/worklist.js'

t.test('the 3-month execution limit and the warning from 60 days', async (t) => {
  t.equal(executionDeadline('2026-03-31'), '2026-06-30', 'the law\'s example')
  t.equal(executionDeadline('2027-11-30'), '2028-02-29', 'into a leap February')
  t.equal(executionDeadline('2026-11-30'), '2027-02-28')
  t.equal(warnDecidedOnOrBefore('2026-05-30', 60), '2026-03-31', 'decided 2026-03-31: warned from 2026-05-30')
  t.match(executionItem('home care', '2026-03-31', '2026-06-30'), { kind: 'execution_deadline_approaching', dueDate: '2026-06-30', why: /0 days left/ }, 'the last on-time day')
  t.match(executionItem('home care', '2026-03-31', '2026-07-01'), { kind: 'execution_deadline_passed', dueDate: '2026-06-30', why: /1 day ago.*IVO/ })
})

t.test('follow-ups: overdue from the day after the due date', async (t) => {
  t.match(followUpItem('continuous', '2026-05-31', '2026-05-31'), { kind: 'follow_up_upcoming', why: /today/ })
  t.match(followUpItem('continuous', '2026-05-31', '2026-06-01'), { kind: 'follow_up_overdue', why: /1 day overdue/ })
  t.match(followUpItem('time_limited_review', '2026-06-10', '2026-06-01'), { kind: 'follow_up_upcoming', why: /Review of a time-limited decision is due 2026-06-10, in 9 days/ })
})

t.test('waiting applications are due when they pass the allowed days', async (t) => {
  t.match(waitingItem('2026-05-01', 30, '2026-06-01'), { dueDate: '2026-05-31', why: /waited 31 days/ })
})
