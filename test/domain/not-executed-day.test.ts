import t from 'tap'
import { addDays } from '../../src/domain/calendar.js'
import {
  lateSince, lateWaitsOn, openDecisionWait, parseQuarter, quarterEntries, quarterOf, waitsPastLimitOn, type ExecutionFacts
} from '../../src/domain/not-executed.js'
import { executionWaitItem } from '../../src/domain/worklist-execution.js'

/** Facts of a granted decision that nothing has happened to yet. */
function facts(decisionDate: string, more: Partial<ExecutionFacts> = {}): ExecutionFacts {
  return { decisionDate, grantedHours: null, validTo: null, startedDate: null, hours: [], interruptions: [], endedDate: null, endReason: null, ...more }
}

const cases: Record<string, ExecutionFacts> = {
  'not started': facts('2026-03-31'),
  'started on the last on-time day': facts('2026-03-31', { startedDate: '2026-06-30' }),
  'started late': facts('2026-03-31', { startedDate: '2026-08-10' }),
  'lapsed before the limit': facts('2026-03-31', { validTo: '2026-06-15' }),
  'lapsed on the last on-time day': facts('2026-03-31', { validTo: '2026-06-30' }),
  'lapsed after the limit': facts('2026-02-10', { validTo: '2026-08-31' }),
  'ended before the limit': facts('2026-03-31', { endedDate: '2026-04-20', endReason: 'moved' }),
  'ended late': facts('2026-03-31', { endedDate: '2026-09-02', endReason: 'declined_by_person' }),
  'partly executed, then in full': facts('2026-03-31', {
    grantedHours: 40, startedDate: '2026-04-10',
    hours: [{ effectiveDate: '2026-04-10', hoursPerMonth: 20 }, { effectiveDate: '2026-08-15', hoursPerMonth: 40 }]
  }),
  'partly executed, never in full': facts('2026-03-31', { grantedHours: 40, startedDate: '2026-04-10', hours: [{ effectiveDate: '2026-04-10', hoursPerMonth: 20 }] }),
  'in full, then fewer hours': facts('2026-03-31', {
    grantedHours: 40, startedDate: '2026-04-10',
    hours: [{ effectiveDate: '2026-04-10', hoursPerMonth: 40 }, { effectiveDate: '2026-05-01', hoursPerMonth: 30 }]
  }),
  'interrupted for three months': facts('2026-01-10', { startedDate: '2026-01-20', interruptions: [{ startDate: '2026-03-01', endDate: null }] }),
  'interrupted and resumed in time': facts('2026-01-10', { startedDate: '2026-01-20', interruptions: [{ startDate: '2026-03-01', endDate: '2026-05-20' }] })
}

const days = (from: string, to: string) => {
  const out: string[] = []
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d)
  return out
}
const YEAR = days('2026-01-01', '2027-03-31')

t.test('lateSince and waitsPastLimitOn are one rule: late on a day exactly when some open wait is past the limit', async (t) => {
  for (const [name, f] of Object.entries(cases)) {
    const disagreeing = YEAR.filter((d) => (lateSince(f, d) !== null) !== waitsPastLimitOn(f, d))
    t.same(disagreeing, [], name)
  }
  t.equal(lateSince(cases['not started'] as ExecutionFacts, '2026-06-30'), null)
  t.equal(lateSince(cases['not started'] as ExecutionFacts, '2026-07-01'), '2026-07-01')
  t.equal(lateSince(cases['interrupted for three months'] as ExecutionFacts, '2026-06-02'), '2026-06-02', 'the interruption of 2026-03-01')
  t.same(lateWaitsOn(cases['interrupted for three months'] as ExecutionFacts, '2026-06-02').map((e) => e.kind), ['interrupted'])
})

t.test('openDecisionWait: the wait from the decision date until executed in full, ended or lapsed', async (t) => {
  const open = (name: string, date: string) => openDecisionWait(cases[name] as ExecutionFacts, date)
  t.match(open('not started', '2026-06-30'), { lastOnTimeDay: '2026-06-30', lateFrom: '2026-07-01', late: false, partlyExecuted: null })
  t.match(open('not started', '2026-07-01'), { late: true })
  t.equal(open('started on the last on-time day', '2026-06-29')?.late, false)
  t.equal(open('started on the last on-time day', '2026-06-30'), null, 'executed that day: over')
  t.equal(open('started late', '2026-08-09')?.late, true)
  t.equal(open('started late', '2026-08-10'), null)
  t.equal(open('lapsed before the limit', '2026-06-14')?.late, false, 'valid and unexecuted: a warning')
  t.equal(open('lapsed before the limit', '2026-06-15'), null, 'lapsed on its last valid day')
  t.equal(open('lapsed before the limit', '2026-07-01'), null, 'never late: nothing for IVO')
  t.equal(open('lapsed after the limit', '2026-08-30')?.late, true)
  t.equal(open('lapsed after the limit', '2026-08-31'), null)
  t.equal(open('ended before the limit', '2026-07-01'), null)
  t.match(open('partly executed, then in full', '2026-07-01'), { late: true, partlyExecuted: { grantedHours: 40, executedHours: 20, missingHours: 20 } })
  t.match(open('partly executed, then in full', '2026-04-09'), { late: false, partlyExecuted: null }, 'before the start nothing is partly executed')
  t.equal(open('partly executed, then in full', '2026-08-15'), null, 'the granted hours reached')
  t.equal(open('in full, then fewer hours', '2026-07-01'), null, 'executed in full once: fewer hours later do not reopen it')
  t.equal(open('interrupted for three months', '2026-06-02'), null, 'an interruption is not the decision date\'s wait')
})

t.test('the day and the quarter agree: a wait open and late on a day is in that quarter\'s report, not yet resolved that day', async (t) => {
  for (const [name, f] of Object.entries(cases)) {
    const disagreeing = YEAR.filter((d) => {
      const quarter = parseQuarter(quarterOf(d))
      if (!quarter) throw new Error(d)
      const inReport = quarterEntries(f, quarter).some((e) => e.episode.kind === 'not_executed' && e.lateFrom <= d && (e.resolution === null || e.resolution.date > d))
      return (openDecisionWait(f, d)?.late ?? false) !== inReport
    })
    t.same(disagreeing, [], name)
  }
})

t.test('executionWaitItem: the worklist\'s item, decided by the same wait', async (t) => {
  const item = (name: string, date: string) => executionWaitItem('home care', cases[name] as ExecutionFacts, date)
  t.match(item('not started', '2026-06-30'), { kind: 'execution_deadline_approaching', dueDate: '2026-06-30', why: /0 days left/ })
  t.match(item('not started', '2026-07-01'), { kind: 'execution_deadline_passed', dueDate: '2026-06-30', why: /IVO report/ })
  t.equal(item('lapsed before the limit', '2026-07-01'), null)
  t.equal(item('lapsed after the limit', '2026-09-01'), null)
  t.match(item('partly executed, never in full', '2026-07-01'), {
    kind: 'execution_deadline_passed', why: /is not executed; the 3-month limit passed 2026-06-30 .* Partly executed: 20 of 40 hours a month, 20 missing\.$/
  })
  for (const [name, f] of Object.entries(cases)) {
    const disagreeing = YEAR.filter((d) => {
      const wait = openDecisionWait(f, d)
      const i = executionWaitItem('home care', f, d)
      return wait === null ? i !== null : i?.kind !== (wait.late ? 'execution_deadline_passed' : 'execution_deadline_approaching')
    })
    t.same(disagreeing, [], `${name}: the item's kind is the wait's lateness`)
  }
})
