import t from 'tap'
import {
  ACTION_LABELS,
  END_REASONS,
  EXECUTION_STATES,
  INTERRUPTION_REASONS,
  allowedStates,
  executedHoursOn,
  executionState,
  isExecutable,
  isExecutionAllowed
} from '../../src/domain/execution.js'
import type { ExecutionAction, ExecutionDates, ExecutionState } from '../../src/domain/execution.js'

t.test('the states and reasons', async (t) => {
  t.same([...EXECUTION_STATES], ['awaiting_order', 'ordered', 'executing', 'interrupted', 'ended'])
  // Issue 3: deceased, moved, no longer needed, replaced by a new decision, declined by the person.
  t.same([...END_REASONS], ['deceased', 'moved', 'no_longer_needed', 'replaced_by_new_decision', 'declined_by_person'])
  t.same([...INTERRUPTION_REASONS], ['hospital_stay', 'person_request', 'provider_capacity', 'other'])
})

t.test('executionState for every combination of the recorded dates', async (t) => {
  // [ordered, started, ended, interrupted] → state. Ended wins over everything; a start wins
  // over an order; the interrupted flag only matters once started.
  const cases: [boolean, boolean, boolean, boolean, ExecutionState][] = [
    [false, false, false, false, 'awaiting_order'],
    [false, false, false, true, 'awaiting_order'],
    [true, false, false, false, 'ordered'],
    [true, false, false, true, 'ordered'],
    [false, true, false, false, 'executing'], // started without an order
    [true, true, false, false, 'executing'],
    [false, true, false, true, 'interrupted'],
    [true, true, false, true, 'interrupted'],
    [false, false, true, false, 'ended'], // ended before anything happened (e.g. deceased)
    [false, false, true, true, 'ended'],
    [true, false, true, false, 'ended'],
    [true, false, true, true, 'ended'],
    [false, true, true, false, 'ended'],
    [false, true, true, true, 'ended'],
    [true, true, true, false, 'ended'],
    [true, true, true, true, 'ended']
  ]
  t.equal(cases.length, 16, 'all 2⁴ combinations')
  const seen = new Set(cases.map(([o, s, e, i]) => `${o}${s}${e}${i}`))
  t.equal(seen.size, 16, 'no combination twice')
  for (const [ordered, started, ended, interrupted, expected] of cases) {
    const dates: ExecutionDates = {
      orderedDate: ordered ? '2026-02-01' : null,
      startedDate: started ? '2026-02-10' : null,
      endedDate: ended ? '2026-05-31' : null,
      interrupted
    }
    t.equal(executionState(dates), expected, JSON.stringify(dates))
  }
})

// What each action may do, state by state. Written out in full, so that a change to the rules
// shows up here as a deliberate edit.
const EXPECTED: Record<ExecutionAction, Record<ExecutionState, boolean>> = {
  //                           awaiting_order  ordered  executing  interrupted  ended
  order:                      { awaiting_order: true, ordered: false, executing: false, interrupted: false, ended: false },
  record_implementation_plan: { awaiting_order: false, ordered: true, executing: true, interrupted: true, ended: false },
  start:                      { awaiting_order: true, ordered: true, executing: false, interrupted: false, ended: false },
  change_hours:               { awaiting_order: false, ordered: false, executing: true, interrupted: true, ended: false },
  interrupt:                  { awaiting_order: false, ordered: false, executing: true, interrupted: false, ended: false },
  resume:                     { awaiting_order: false, ordered: false, executing: false, interrupted: true, ended: false },
  end:                        { awaiting_order: true, ordered: true, executing: true, interrupted: true, ended: false },
  // Offers matter while the person waits, including for the missing part of a partial execution.
  record_offer:               { awaiting_order: true, ordered: true, executing: true, interrupted: true, ended: false }
}
const ACTIONS = Object.keys(EXPECTED) as ExecutionAction[]

t.test('isExecutionAllowed: the full action × state matrix', async (t) => {
  t.same([...ACTIONS].sort(), Object.keys(ACTION_LABELS).sort(), 'the table covers every action')
  t.equal(ACTIONS.length, 8)
  let checked = 0
  for (const action of ACTIONS) {
    t.same(Object.keys(EXPECTED[action]).sort(), [...EXECUTION_STATES].sort(), `${action}: the table covers every state`)
    for (const state of EXECUTION_STATES) {
      t.equal(isExecutionAllowed(action, state), EXPECTED[action][state], `${action} in ${state}`)
      checked++
    }
  }
  t.equal(checked, 40)
})

t.test('allowedStates agrees with the matrix, in state order', async (t) => {
  for (const action of ACTIONS) {
    const expected = EXECUTION_STATES.filter((s) => EXPECTED[action][s])
    t.same([...allowedStates(action)].sort(), [...expected].sort(), action)
    t.ok(allowedStates(action).length > 0, `${action} is possible somewhere`)
  }
})

t.test('nothing is allowed once ended; every non-ended state can be ended', async (t) => {
  for (const action of ACTIONS) t.notOk(isExecutionAllowed(action, 'ended'), `${action} after the end`)
  for (const state of EXECUTION_STATES) {
    t.equal(isExecutionAllowed('end', state), state !== 'ended', `end in ${state}`)
  }
})

t.test('every action has a label', async (t) => {
  for (const action of ACTIONS) t.match(ACTION_LABELS[action], /^[a-z]/, action)
})

t.test('isExecutable: only what was granted, in whole or in part', async (t) => {
  t.equal(isExecutable('granted'), true)
  t.equal(isExecutable('partially_granted'), true)
  t.equal(isExecutable('rejected'), false)
})

t.test('executedHoursOn: the latest level on or before the date', async (t) => {
  const levels = [
    { effectiveDate: '2026-02-01', hoursPerMonth: 60 },
    { effectiveDate: '2026-03-15', hoursPerMonth: 80 },
    { effectiveDate: '2026-05-01', hoursPerMonth: 100 }
  ]
  t.equal(executedHoursOn([], '2026-06-01'), null, 'no levels')
  t.equal(executedHoursOn(levels, '2026-01-31'), null, 'the day before the first level')
  t.equal(executedHoursOn(levels, '2026-02-01'), 60, 'on the first level\'s date')
  t.equal(executedHoursOn(levels, '2026-03-14'), 60, 'the day before a change')
  t.equal(executedHoursOn(levels, '2026-03-15'), 80, 'on the change date')
  t.equal(executedHoursOn(levels, '2026-04-30'), 80)
  t.equal(executedHoursOn(levels, '2026-05-01'), 100)
  t.equal(executedHoursOn(levels, '2030-12-31'), 100, 'long after the last level')
  t.equal(executedHoursOn([{ effectiveDate: '2026-02-01', hoursPerMonth: 0 }], '2026-02-01'), 0, 'zero hours is not null')
  t.equal(executedHoursOn([{ effectiveDate: '2026-02-01', hoursPerMonth: 12.5 }], '2026-02-02'), 12.5, 'fractions')
})

t.test('executedHoursOn: a level recorded twice on the same day — the later record wins', async (t) => {
  const levels = [
    { effectiveDate: '2026-02-01', hoursPerMonth: 60 },
    { effectiveDate: '2026-02-01', hoursPerMonth: 70 }
  ]
  t.equal(executedHoursOn(levels, '2026-02-01'), 70)
  t.equal(executedHoursOn(levels, '2026-01-31'), null)
})

t.test('executedHoursOn: a reduction is followed too', async (t) => {
  const levels = [
    { effectiveDate: '2026-02-01', hoursPerMonth: 100 },
    { effectiveDate: '2026-04-01', hoursPerMonth: 40 }
  ]
  t.equal(executedHoursOn(levels, '2026-03-31'), 100)
  t.equal(executedHoursOn(levels, '2026-04-01'), 40)
})

t.test('executedHoursOn: across a leap day and a year end', async (t) => {
  const levels = [
    { effectiveDate: '2024-02-29', hoursPerMonth: 10 },
    { effectiveDate: '2025-01-01', hoursPerMonth: 20 }
  ]
  t.equal(executedHoursOn(levels, '2024-02-28'), null)
  t.equal(executedHoursOn(levels, '2024-02-29'), 10)
  t.equal(executedHoursOn(levels, '2024-12-31'), 10)
  t.equal(executedHoursOn(levels, '2025-01-01'), 20)
})
