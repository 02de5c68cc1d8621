import t from 'tap'
import {
  LIMIT_MONTHS,
  episodes,
  fullExecutionDate,
  lastOnTimeDay,
  lateFrom,
  latestLateClockStart,
  parseQuarter,
  partlyExecutedOn,
  quarterEntries,
  quarterOf,
  waitsSettledOn
} from '../../src/domain/not-executed.js'
import type { ExecutionFacts, Quarter, QuarterEntry } from '../../src/domain/not-executed.js'
import { addDays } from '../../src/domain/calendar.js'

// ---------------------------------------------------------------------------------------------
// Helpers

/** Facts of a granted decision that nothing has happened to yet. */
function facts(decisionDate: string, more: Partial<ExecutionFacts> = {}): ExecutionFacts {
  return {
    decisionDate,
    grantedHours: null,
    validTo: null,
    startedDate: null,
    hours: [],
    interruptions: [],
    endedDate: null,
    endReason: null,
    ...more
  }
}

/** A decision (not hours-based) started on `startedDate`. */
const started = (decisionDate: string, startedDate: string, more: Partial<ExecutionFacts> = {}) =>
  facts(decisionDate, { startedDate, ...more })

function quarter(label: string): Quarter {
  const q = parseQuarter(label)
  if (q === undefined) throw new Error(`bad quarter ${label}`)
  return q
}

function nextQuarter(label: string): string {
  const [y, q] = [Number(label.slice(0, 4)), Number(label.slice(6))]
  return q === 4 ? `${y + 1}-Q1` : `${y}-Q${q + 1}`
}

/** Quarter labels from `from` to `to`, both included. */
function quarters(from: string, to: string): string[] {
  const out: string[] = []
  for (let label = from; label <= to; label = nextQuarter(label)) out.push(label)
  return out
}

const entries = (f: ExecutionFacts, label: string): QuarterEntry[] => quarterEntries(f, quarter(label))

/** The one entry for the decision's own (not-executed) episode, or null. */
function waitingEntry(f: ExecutionFacts, label: string): QuarterEntry | null {
  const found = entries(f, label).filter((e) => e.episode.kind === 'not_executed')
  if (found.length > 1) throw new Error('more than one not_executed entry')
  return found[0] ?? null
}

/** The labels of the quarters (in the range) whose report contains the decision. */
const reportedIn = (f: ExecutionFacts, from = '2023-Q1', to = '2029-Q4'): string[] =>
  quarters(from, to).filter((label) => entries(f, label).length > 0)

// ---------------------------------------------------------------------------------------------
// Quarters

t.test('parseQuarter: the four quarters and their bounds', async (t) => {
  t.same(parseQuarter('2026-Q1'), { label: '2026-Q1', start: '2026-01-01', end: '2026-03-31' })
  t.same(parseQuarter('2026-Q2'), { label: '2026-Q2', start: '2026-04-01', end: '2026-06-30' })
  t.same(parseQuarter('2026-Q3'), { label: '2026-Q3', start: '2026-07-01', end: '2026-09-30' })
  t.same(parseQuarter('2026-Q4'), { label: '2026-Q4', start: '2026-10-01', end: '2026-12-31' })
  t.same(parseQuarter('2028-Q1'), { label: '2028-Q1', start: '2028-01-01', end: '2028-03-31' }, 'leap year Q1')
  t.same(parseQuarter('2024-Q1'), { label: '2024-Q1', start: '2024-01-01', end: '2024-03-31' })
  t.same(parseQuarter('2027-Q4'), { label: '2027-Q4', start: '2027-10-01', end: '2027-12-31' })
})

t.test('parseQuarter: invalid labels', async (t) => {
  for (const label of ['2026-Q0', '2026-Q5', '2026Q1', '26-Q1', '2026-q1', '2026-Q', '2026-Q12', ' 2026-Q1', '2026-Q1 ', '2026-Q1\n', '2026-1', '', 'Q1-2026', '20260-Q1']) {
    t.equal(parseQuarter(label), undefined, JSON.stringify(label))
  }
})

t.test('quarterOf at every quarter boundary', async (t) => {
  const cases: [string, string][] = [
    ['2026-01-01', '2026-Q1'],
    ['2026-03-31', '2026-Q1'],
    ['2026-04-01', '2026-Q2'],
    ['2026-06-30', '2026-Q2'],
    ['2026-07-01', '2026-Q3'],
    ['2026-09-30', '2026-Q3'],
    ['2026-10-01', '2026-Q4'],
    ['2026-12-31', '2026-Q4'],
    ['2027-01-01', '2027-Q1'],
    ['2024-02-29', '2024-Q1'],
    ['2028-02-29', '2028-Q1']
  ]
  for (const [date, expected] of cases) t.equal(quarterOf(date), expected, date)
})

t.test('parseQuarter and quarterOf agree; quarters tile the calendar', async (t) => {
  const failures: string[] = []
  let previousEnd: string | null = null
  for (const label of quarters('2023-Q1', '2029-Q4')) {
    const q = quarter(label)
    if (quarterOf(q.start) !== label) failures.push(`${label} start ${q.start}`)
    if (quarterOf(q.end) !== label) failures.push(`${label} end ${q.end}`)
    if (previousEnd !== null) {
      // The day after the previous quarter's end is this quarter's start.
      const next = new Date(Date.parse(`${previousEnd}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)
      if (next !== q.start) failures.push(`${label} does not follow ${previousEnd}`)
    }
    previousEnd = q.end
  }
  t.same(failures, [])
})

// ---------------------------------------------------------------------------------------------
// The three-month limit

t.test('lastOnTimeDay and lateFrom: month ends and leap days', async (t) => {
  t.equal(LIMIT_MONTHS, 3)
  const cases: [string, string, string][] = [
    // [clock start, last on-time day, first late day]
    ['2026-03-31', '2026-06-30', '2026-07-01'], // the law's example
    ['2026-01-31', '2026-04-30', '2026-05-01'],
    ['2026-11-30', '2027-02-28', '2027-03-01'],
    ['2026-11-28', '2027-02-28', '2027-03-01'],
    ['2023-11-29', '2024-02-29', '2024-03-01'], // leap day
    ['2023-11-30', '2024-02-29', '2024-03-01'], // clamped to the leap day
    ['2023-11-28', '2024-02-28', '2024-02-29'], // late from the leap day itself
    ['2027-11-30', '2028-02-29', '2028-03-01'],
    ['2027-11-29', '2028-02-29', '2028-03-01'],
    ['2026-12-31', '2027-03-31', '2027-04-01'], // late only in the next quarter
    ['2026-12-01', '2027-03-01', '2027-03-02'],
    ['2026-03-15', '2026-06-15', '2026-06-16'],
    ['2026-04-01', '2026-07-01', '2026-07-02']
  ]
  for (const [start, last, late] of cases) {
    t.equal(lastOnTimeDay(start), last, `${start}: last on-time day`)
    t.equal(lateFrom(start), late, `${start}: late from`)
  }
})

t.test('the law\'s edge: decided 2026-03-31', async (t) => {
  t.test('executed 2026-06-30 is on time and never reported', async (t) => {
    const f = started('2026-03-31', '2026-06-30')
    t.same(reportedIn(f), [])
  })
  t.test('executed 2026-07-01 is late: reported in Q3 only, as executed', async (t) => {
    const f = started('2026-03-31', '2026-07-01')
    t.same(reportedIn(f), ['2026-Q3'])
    const e = waitingEntry(f, '2026-Q3')
    t.equal(e?.status, 'executed')
    t.same(e?.resolution, { date: '2026-07-01', kind: 'executed', endReason: null })
    t.equal(e?.lateFrom, '2026-07-01')
    t.equal(e?.daysWaited, 92)
    t.equal(e?.firstReportedQuarter, '2026-Q3')
  })
  t.test('still unexecuted on 2026-07-01 belongs to Q3, not Q2', async (t) => {
    const f = facts('2026-03-31')
    t.same(entries(f, '2026-Q2'), [], 'not in Q2: on 2026-06-30 it was still on time')
    const e = waitingEntry(f, '2026-Q3')
    t.equal(e?.status, 'waiting')
    t.equal(e?.resolution, null)
    t.equal(e?.lateFrom, '2026-07-01')
    t.equal(e?.daysWaited, 183, '2026-03-31 → 2026-09-30')
    t.equal(e?.firstReportedQuarter, '2026-Q3')
  })
})

t.test('month ends and leap days, both sides of each edge', async (t) => {
  // [decision date, last on-time day, first late day, quarter of the first late day]
  const cases: [string, string, string, string][] = [
    ['2026-01-31', '2026-04-30', '2026-05-01', '2026-Q2'],
    ['2026-11-30', '2027-02-28', '2027-03-01', '2027-Q1'],
    ['2023-11-29', '2024-02-29', '2024-03-01', '2024-Q1'],
    ['2023-11-30', '2024-02-29', '2024-03-01', '2024-Q1'],
    ['2027-11-30', '2028-02-29', '2028-03-01', '2028-Q1'],
    ['2026-12-31', '2027-03-31', '2027-04-01', '2027-Q2'],
    ['2023-11-28', '2024-02-28', '2024-02-29', '2024-Q1']
  ]
  for (const [decided, last, late, q] of cases) {
    t.same(reportedIn(started(decided, last)), [], `${decided} executed ${last}: on time, never reported`)
    const executedLate = started(decided, late)
    t.same(reportedIn(executedLate), [q], `${decided} executed ${late}: reported once, in ${q}`)
    t.equal(waitingEntry(executedLate, q)?.status, 'executed')
    t.equal(waitingEntry(executedLate, q)?.resolution?.date, late)
    const unexecuted = facts(decided)
    const first = reportedIn(unexecuted)[0]
    t.equal(first, q, `${decided} unexecuted: first reported in ${q}`)
    t.equal(waitingEntry(unexecuted, q)?.firstReportedQuarter, q)
    t.equal(waitingEntry(unexecuted, q)?.lateFrom, late)
  }
})

t.test('leap-year edge inside a quarter: late from 2024-02-29 vs 2024-03-01', async (t) => {
  // Both late days are in 2024-Q1; the difference shows in daysWaited and lateFrom.
  t.equal(waitingEntry(facts('2023-11-28'), '2024-Q1')?.daysWaited, 124, '2023-11-28 → 2024-03-31')
  t.equal(waitingEntry(facts('2023-11-30'), '2024-Q1')?.daysWaited, 122, '2023-11-30 → 2024-03-31')
  t.same(reportedIn(started('2023-11-28', '2024-02-28')), [])
  t.same(reportedIn(started('2023-11-28', '2024-02-29')), ['2024-Q1'])
})

t.test('quarter boundaries: execution on a quarter\'s first day counts in that quarter', async (t) => {
  // Decided 2026-03-15, late from 2026-06-16 (Q2).
  t.test('executed on the last day of Q2: reported in Q2 as executed, never again', async (t) => {
    const f = started('2026-03-15', '2026-06-30')
    t.same(reportedIn(f), ['2026-Q2'])
    t.equal(waitingEntry(f, '2026-Q2')?.status, 'executed')
    t.equal(waitingEntry(f, '2026-Q2')?.resolution?.date, '2026-06-30')
  })
  t.test('executed on the first day of Q3: waiting in Q2, executed in Q3', async (t) => {
    const f = started('2026-03-15', '2026-07-01')
    t.same(reportedIn(f), ['2026-Q2', '2026-Q3'])
    t.equal(waitingEntry(f, '2026-Q2')?.status, 'waiting')
    t.equal(waitingEntry(f, '2026-Q2')?.resolution, null, 'the later execution is not visible at the end of Q2')
    t.equal(waitingEntry(f, '2026-Q2')?.daysWaited, 107, '2026-03-15 → 2026-06-30')
    t.equal(waitingEntry(f, '2026-Q3')?.status, 'executed')
    t.equal(waitingEntry(f, '2026-Q3')?.resolution?.date, '2026-07-01')
    t.equal(waitingEntry(f, '2026-Q3')?.daysWaited, 108)
  })
  t.test('year end: executed 2026-12-31 vs 2027-01-01', async (t) => {
    t.same(reportedIn(started('2026-06-15', '2026-12-31')), ['2026-Q3', '2026-Q4'])
    t.same(reportedIn(started('2026-06-15', '2027-01-01')), ['2026-Q3', '2026-Q4', '2027-Q1'])
    t.equal(waitingEntry(started('2026-06-15', '2027-01-01'), '2026-Q4')?.status, 'waiting')
  })
  t.test('late from a quarter\'s first day', async (t) => {
    // Decided 2026-03-31 → late from 2026-07-01, the first day of Q3; 2026-06-30 → late from 2026-10-01.
    t.same(reportedIn(facts('2026-06-30'), '2026-Q1', '2026-Q4'), ['2026-Q4'])
    t.same(reportedIn(facts('2026-06-29'), '2026-Q1', '2026-Q4'), ['2026-Q3', '2026-Q4'], 'late from 2026-09-30, the last day of Q3')
  })
})

// ---------------------------------------------------------------------------------------------
// The scenarios

t.test('executed within 3 months is never reported', async (t) => {
  for (const startedDate of ['2026-01-15', '2026-02-01', '2026-04-14', '2026-04-15']) {
    t.same(reportedIn(started('2026-01-15', startedDate)), [], `decided 2026-01-15, executed ${startedDate}`)
  }
  t.same(reportedIn(started('2026-01-15', '2026-04-16')), ['2026-Q2'], 'one day more is late')
})

t.test('waiting past 3 months: reported every quarter until executed, once more as executed, then never', async (t) => {
  const decided = '2026-01-15' // late from 2026-04-16
  const executedOn = '2027-02-10'
  const f = started(decided, executedOn)
  t.same(reportedIn(f), ['2026-Q2', '2026-Q3', '2026-Q4', '2027-Q1'])

  const expectedWaiting: [string, number][] = [
    ['2026-Q2', 166], // to 2026-06-30
    ['2026-Q3', 258], // to 2026-09-30
    ['2026-Q4', 350] // to 2026-12-31
  ]
  let previous = -1
  for (const [label, days] of expectedWaiting) {
    const e = waitingEntry(f, label)
    t.equal(e?.status, 'waiting', `${label}: waiting`)
    t.equal(e?.resolution, null, `${label}: no resolution yet`)
    t.equal(e?.daysWaited, days, `${label}: days waited to the quarter's end`)
    t.ok((e?.daysWaited ?? -1) > previous, `${label}: days waited grow`)
    previous = e?.daysWaited ?? previous
    t.equal(e?.firstReportedQuarter, '2026-Q2', `${label}: first reported in 2026-Q2`)
    t.equal(e?.lateFrom, '2026-04-16')
    t.equal(e?.partlyExecuted, null, 'not hours-based')
  }
  const last = waitingEntry(f, '2027-Q1')
  t.equal(last?.status, 'executed')
  t.same(last?.resolution, { date: executedOn, kind: 'executed', endReason: null })
  t.equal(last?.daysWaited, 391, '2026-01-15 → 2027-02-10')
  t.equal(last?.firstReportedQuarter, '2026-Q2')
  for (const label of ['2027-Q2', '2027-Q3', '2028-Q1']) t.same(entries(f, label), [], `${label}: gone`)
})

t.test('still waiting: reported in every quarter for years', async (t) => {
  const f = facts('2026-01-15')
  t.same(reportedIn(f, '2025-Q1', '2029-Q4'), quarters('2026-Q2', '2029-Q4'))
})

t.test('passed 3 months and executed in the same quarter: reported once, as executed late', async (t) => {
  const f = started('2026-03-31', '2026-08-15')
  t.same(reportedIn(f), ['2026-Q3'])
  const e = waitingEntry(f, '2026-Q3')
  t.equal(e?.status, 'executed')
  t.equal(e?.resolution?.date, '2026-08-15')
  t.equal(e?.firstReportedQuarter, '2026-Q3', 'first reported in the quarter it was executed')
  t.equal(e?.daysWaited, 137)
  t.equal(e?.episode.kind, 'not_executed')
})

t.test('a decision in the future of the quarter is not in it', async (t) => {
  t.same(entries(facts('2026-08-01'), '2026-Q2'), [])
  t.same(entries(facts('2026-08-01'), '2026-Q3'), [])
  t.equal(waitingEntry(facts('2026-08-01'), '2026-Q4')?.lateFrom, '2026-11-02', 'late from 2026-11-02, in Q4')
})

// ---------------------------------------------------------------------------------------------
// Interruptions

t.test('interruption: exactly 3 months is not reported, one day more is', async (t) => {
  // Executed in time on 2026-02-01; interrupted from 2026-03-01. Resuming on or before
  // 2026-06-01 (three months from the day of the interruption) is in time.
  const base = started('2026-01-15', '2026-02-01')
  t.equal(lastOnTimeDay('2026-03-01'), '2026-06-01')

  const exactly = { ...base, interruptions: [{ startDate: '2026-03-01', endDate: '2026-06-01' }] }
  t.same(reportedIn(exactly), [], 'resumed on the last on-time day')

  const shorter = { ...base, interruptions: [{ startDate: '2026-03-01', endDate: '2026-04-15' }] }
  t.same(reportedIn(shorter), [], 'a short interruption')

  const oneDayMore = { ...base, interruptions: [{ startDate: '2026-03-01', endDate: '2026-06-02' }] }
  t.same(reportedIn(oneDayMore), ['2026-Q2'])
  const [e, ...rest] = entries(oneDayMore, '2026-Q2')
  t.same(rest, [], 'only the interruption: the decision itself was executed in time')
  t.equal(e?.episode.kind, 'interrupted')
  t.equal(e?.episode.clockStart, '2026-03-01')
  t.equal(e?.status, 'executed', 'resumed counts as executed again')
  t.same(e?.resolution, { date: '2026-06-02', kind: 'executed', endReason: null })
  t.equal(e?.lateFrom, '2026-06-02')
  t.equal(e?.daysWaited, 93, '2026-03-01 → 2026-06-02')
  t.equal(e?.firstReportedQuarter, '2026-Q2')
  t.equal(e?.partlyExecuted, null)
})

t.test('interruption at a month end: 2026-11-30 resumed 2027-02-28 vs 2027-03-01', async (t) => {
  const base = started('2026-06-01', '2026-07-01')
  t.same(reportedIn({ ...base, interruptions: [{ startDate: '2026-11-30', endDate: '2027-02-28' }] }), [])
  t.same(reportedIn({ ...base, interruptions: [{ startDate: '2026-11-30', endDate: '2027-03-01' }] }), ['2027-Q1'])
})

t.test('an open interruption is reported every quarter', async (t) => {
  const f = started('2026-01-15', '2026-02-01', { interruptions: [{ startDate: '2026-03-10', endDate: null }] })
  t.same(reportedIn(f, '2026-Q1', '2027-Q4'), quarters('2026-Q2', '2027-Q4'))
  const q2 = entries(f, '2026-Q2')
  t.equal(q2.length, 1)
  t.equal(q2[0]?.episode.kind, 'interrupted')
  t.equal(q2[0]?.status, 'waiting')
  t.equal(q2[0]?.lateFrom, '2026-06-11')
  t.equal(q2[0]?.daysWaited, 112, '2026-03-10 → 2026-06-30')
  t.equal(entries(f, '2026-Q3')[0]?.daysWaited, 204, '2026-03-10 → 2026-09-30')
  t.equal(q2[0]?.partlyExecuted, null)
})

t.test('an open interruption not yet 3 months old at the quarter\'s end is not reported', async (t) => {
  const f = started('2026-01-15', '2026-02-01', { interruptions: [{ startDate: '2026-06-01', endDate: null }] })
  t.same(entries(f, '2026-Q2'), [])
  t.equal(entries(f, '2026-Q3')[0]?.lateFrom, '2026-09-02', 'late from 2026-09-02, so in Q3')
})

t.test('an open interruption: late day in the quarter decides', async (t) => {
  // Interrupted 2026-06-30 → last on-time 2026-09-30 → late from 2026-10-01 (Q4).
  const f = started('2026-01-15', '2026-02-01', { interruptions: [{ startDate: '2026-06-30', endDate: null }] })
  t.same(entries(f, '2026-Q3'), [])
  t.equal(entries(f, '2026-Q4')[0]?.status, 'waiting')
  t.equal(entries(f, '2026-Q4')[0]?.firstReportedQuarter, '2026-Q4')
  // Interrupted 2026-06-29 → late from 2026-09-30, the last day of Q3.
  const g = started('2026-01-15', '2026-02-01', { interruptions: [{ startDate: '2026-06-29', endDate: null }] })
  t.equal(entries(g, '2026-Q3')[0]?.lateFrom, '2026-09-30')
})

t.test('an open interruption ended by death is reported once more as ended', async (t) => {
  const f = started('2026-01-15', '2026-02-01', {
    interruptions: [{ startDate: '2026-03-10', endDate: null }],
    endedDate: '2026-08-20',
    endReason: 'deceased'
  })
  t.same(reportedIn(f), ['2026-Q2', '2026-Q3'])
  const e = entries(f, '2026-Q3')[0]
  t.equal(e?.status, 'ended')
  t.same(e?.resolution, { date: '2026-08-20', kind: 'ended', endReason: 'deceased' })
})

t.test('two long interruptions are two entries', async (t) => {
  const f = started('2026-01-15', '2026-02-01', {
    interruptions: [
      { startDate: '2026-03-01', endDate: '2026-07-15' },
      { startDate: '2026-08-01', endDate: null }
    ]
  })
  t.same(entries(f, '2026-Q3').map((e) => [e.episode.clockStart, e.status]), [['2026-03-01', 'executed']])
  t.same(entries(f, '2026-Q4').map((e) => [e.episode.clockStart, e.status]), [['2026-08-01', 'waiting']])
})

// ---------------------------------------------------------------------------------------------
// Ending without execution, expiry

t.test('ended without execution: status ended with the reason', async (t) => {
  for (const reason of ['deceased', 'declined_by_person', 'moved', 'no_longer_needed', 'replaced_by_new_decision'] as const) {
    const f = facts('2026-03-31', { endedDate: '2026-08-10', endReason: reason })
    t.same(reportedIn(f), ['2026-Q3'], `${reason}: reported once`)
    const e = waitingEntry(f, '2026-Q3')
    t.equal(e?.status, 'ended')
    t.same(e?.resolution, { date: '2026-08-10', kind: 'ended', endReason: reason })
    t.equal(e?.daysWaited, 132, '2026-03-31 → 2026-08-10')
  }
})

t.test('ended in time is never reported; ended on the first late day is', async (t) => {
  t.same(reportedIn(facts('2026-03-31', { endedDate: '2026-06-30', endReason: 'deceased' })), [])
  t.same(reportedIn(facts('2026-03-31', { endedDate: '2026-04-10', endReason: 'declined_by_person' })), [])
  const late = facts('2026-03-31', { endedDate: '2026-07-01', endReason: 'deceased' })
  t.same(reportedIn(late), ['2026-Q3'])
  t.equal(waitingEntry(late, '2026-Q3')?.status, 'ended')
})

t.test('waiting across quarters, then ended: waiting … ended, then never', async (t) => {
  const f = facts('2026-01-15', { endedDate: '2026-10-01', endReason: 'declined_by_person' })
  t.same(reportedIn(f), ['2026-Q2', '2026-Q3', '2026-Q4'])
  t.equal(waitingEntry(f, '2026-Q3')?.status, 'waiting', 'the end on the first day of Q4 is not visible in Q3')
  t.equal(waitingEntry(f, '2026-Q4')?.status, 'ended')
  t.equal(waitingEntry(f, '2026-Q4')?.resolution?.endReason, 'declined_by_person')
})

t.test('executed and ended on the same day: execution wins', async (t) => {
  const f = started('2026-03-31', '2026-08-10', { endedDate: '2026-08-10', endReason: 'no_longer_needed' })
  t.equal(waitingEntry(f, '2026-Q3')?.status, 'executed')
  t.equal(waitingEntry(f, '2026-Q3')?.resolution?.kind, 'executed')
})

t.test('executed in time, ended later: never reported', async (t) => {
  t.same(reportedIn(started('2026-03-31', '2026-05-01', { endedDate: '2027-01-10', endReason: 'deceased' })), [])
})

t.test('a time-limited decision that lapses unexecuted: ended / expired on its last valid day', async (t) => {
  const f = facts('2026-03-31', { validTo: '2026-09-30' })
  t.same(reportedIn(f), ['2026-Q3'])
  const e = waitingEntry(f, '2026-Q3')
  t.equal(e?.status, 'ended')
  t.same(e?.resolution, { date: '2026-09-30', kind: 'expired', endReason: null })
  t.equal(e?.daysWaited, 183)

  const spanning = facts('2026-01-15', { validTo: '2026-12-31' })
  t.same(reportedIn(spanning), ['2026-Q2', '2026-Q3', '2026-Q4'])
  t.equal(waitingEntry(spanning, '2026-Q3')?.status, 'waiting')
  t.equal(waitingEntry(spanning, '2026-Q4')?.resolution?.kind, 'expired')
})

t.test('lapse edges: on the last on-time day vs the first late day', async (t) => {
  t.same(reportedIn(facts('2026-03-31', { validTo: '2026-06-30' })), [], 'lapsed while still in time')
  t.same(reportedIn(facts('2026-03-31', { validTo: '2026-05-31' })), [])
  const late = facts('2026-03-31', { validTo: '2026-07-01' })
  t.same(reportedIn(late), ['2026-Q3'])
  t.equal(waitingEntry(late, '2026-Q3')?.resolution?.kind, 'expired')
})

t.test('a time-limited decision executed in time is not reported because of its end', async (t) => {
  t.same(reportedIn(started('2026-03-31', '2026-05-01', { validTo: '2026-12-31' })), [])
})

t.test('an open interruption of a time-limited decision lapses with it', async (t) => {
  const f = started('2026-01-15', '2026-02-01', {
    validTo: '2026-11-30',
    interruptions: [{ startDate: '2026-03-10', endDate: null }]
  })
  t.same(reportedIn(f), ['2026-Q2', '2026-Q3', '2026-Q4'])
  const e = entries(f, '2026-Q4')[0]
  t.equal(e?.status, 'ended')
  t.same(e?.resolution, { date: '2026-11-30', kind: 'expired', endReason: null })
})

t.test('expiry and end on the same day: ended wins over expired', async (t) => {
  const f = facts('2026-01-15', { validTo: '2026-08-01', endedDate: '2026-08-01', endReason: 'moved' })
  t.same(waitingEntry(f, '2026-Q3')?.resolution, { date: '2026-08-01', kind: 'ended', endReason: 'moved' })
})

// ---------------------------------------------------------------------------------------------
// Partial execution (home care, hours per month)

t.test('partial execution: the missing part waits and is reported', async (t) => {
  // Granted 100 h/month, started in time with 60, raised to 80, then to 100 on 2026-08-10.
  const f = facts('2026-01-15', {
    grantedHours: 100,
    startedDate: '2026-02-01',
    hours: [
      { effectiveDate: '2026-02-01', hoursPerMonth: 60 },
      { effectiveDate: '2026-07-01', hoursPerMonth: 80 },
      { effectiveDate: '2026-08-10', hoursPerMonth: 100 }
    ]
  })
  t.equal(fullExecutionDate(f), '2026-08-10')
  t.same(reportedIn(f), ['2026-Q2', '2026-Q3'])
  const q2 = waitingEntry(f, '2026-Q2')
  t.equal(q2?.status, 'waiting', 'started in time, but only in part')
  t.same(q2?.partlyExecuted, { grantedHours: 100, executedHours: 60, missingHours: 40 })
  const q3 = waitingEntry(f, '2026-Q3')
  t.equal(q3?.status, 'executed', 'resolved when the hours reach the granted hours')
  t.same(q3?.resolution, { date: '2026-08-10', kind: 'executed', endReason: null })
  t.equal(q3?.partlyExecuted, null)
  t.same(entries(f, '2026-Q4'), [])
})

t.test('partial execution: the missing part follows the hours at each quarter\'s end', async (t) => {
  const f = facts('2026-01-15', {
    grantedHours: 100,
    startedDate: '2026-02-01',
    hours: [
      { effectiveDate: '2026-02-01', hoursPerMonth: 60 },
      { effectiveDate: '2026-07-01', hoursPerMonth: 80 },
      { effectiveDate: '2026-10-01', hoursPerMonth: 90 }
    ]
  })
  t.same(waitingEntry(f, '2026-Q2')?.partlyExecuted, { grantedHours: 100, executedHours: 60, missingHours: 40 })
  t.same(waitingEntry(f, '2026-Q3')?.partlyExecuted, { grantedHours: 100, executedHours: 80, missingHours: 20 })
  t.same(waitingEntry(f, '2026-Q4')?.partlyExecuted, { grantedHours: 100, executedHours: 90, missingHours: 10 })
  t.equal(fullExecutionDate(f), null)
})

t.test('partial execution: reaching the granted hours in time is never reported', async (t) => {
  const base = { grantedHours: 100, startedDate: '2026-04-01' }
  const onTime = facts('2026-03-31', {
    ...base,
    hours: [
      { effectiveDate: '2026-04-01', hoursPerMonth: 60 },
      { effectiveDate: '2026-06-30', hoursPerMonth: 100 }
    ]
  })
  t.same(reportedIn(onTime), [])
  const oneDayLate = facts('2026-03-31', {
    ...base,
    hours: [
      { effectiveDate: '2026-04-01', hoursPerMonth: 60 },
      { effectiveDate: '2026-07-01', hoursPerMonth: 100 }
    ]
  })
  t.same(reportedIn(oneDayLate), ['2026-Q3'])
  t.equal(waitingEntry(oneDayLate, '2026-Q3')?.status, 'executed')
  t.equal(waitingEntry(oneDayLate, '2026-Q3')?.resolution?.date, '2026-07-01')
})

t.test('fullExecutionDate', async (t) => {
  t.equal(fullExecutionDate(facts('2026-01-15')), null, 'not started')
  t.equal(fullExecutionDate(started('2026-01-15', '2026-02-01')), '2026-02-01', 'not hours-based: the start')
  t.equal(fullExecutionDate(facts('2026-01-15', {
    grantedHours: 40, startedDate: '2026-02-01', hours: [{ effectiveDate: '2026-02-01', hoursPerMonth: 40 }]
  })), '2026-02-01', 'all the hours from the start')
  t.equal(fullExecutionDate(facts('2026-01-15', {
    grantedHours: 40, startedDate: '2026-02-01', hours: [{ effectiveDate: '2026-02-01', hoursPerMonth: 45 }]
  })), '2026-02-01', 'more than granted counts as all')
  t.equal(fullExecutionDate(facts('2026-01-15', {
    grantedHours: 40, startedDate: '2026-02-01', hours: [{ effectiveDate: '2026-02-01', hoursPerMonth: 39.5 }]
  })), null, 'half an hour short')
})

t.test('partlyExecutedOn', async (t) => {
  const f = facts('2026-01-15', {
    grantedHours: 10.5,
    startedDate: '2026-02-01',
    hours: [{ effectiveDate: '2026-02-01', hoursPerMonth: 3.2 }]
  })
  t.equal(partlyExecutedOn(f, '2026-01-31'), null, 'before the start')
  t.same(partlyExecutedOn(f, '2026-02-01'), { grantedHours: 10.5, executedHours: 3.2, missingHours: 7.3 }, 'rounded to hundredths')
  t.equal(partlyExecutedOn(facts('2026-01-15', { grantedHours: 10 }), '2026-06-30'), null, 'not started: nothing is partly executed')
  t.equal(partlyExecutedOn(started('2026-01-15', '2026-02-01'), '2026-06-30'), null, 'not hours-based')
  t.equal(partlyExecutedOn(facts('2026-01-15', {
    grantedHours: 10, startedDate: '2026-02-01', hours: [{ effectiveDate: '2026-02-01', hoursPerMonth: 10 }]
  }), '2026-06-30'), null, 'fully executed')
})

t.test('not started, hours-based: waiting without a partial part', async (t) => {
  const f = facts('2026-01-15', { grantedHours: 100 })
  t.equal(waitingEntry(f, '2026-Q2')?.status, 'waiting')
  t.equal(waitingEntry(f, '2026-Q2')?.partlyExecuted, null)
})

// ---------------------------------------------------------------------------------------------
// Offers

t.test('a declined offer does not close the case', async (t) => {
  // ExecutionFacts has no offers at all: offers are recorded (for the report's offer dates)
  // but cannot influence whether a decision is reported. A person who declined an offer on
  // 2026-05-10 is, as far as these facts go, simply still waiting.
  const f = facts('2026-03-31')
  t.notOk('offers' in f, 'no offer input exists in the facts')
  t.same(reportedIn(f, '2026-Q1', '2027-Q2'), quarters('2026-Q3', '2027-Q2'))
  t.equal(waitingEntry(f, '2026-Q3')?.status, 'waiting')
  // Only ending the service (declined_by_person) closes it — see "ended without execution".
})

// ---------------------------------------------------------------------------------------------
// Episodes

t.test('episodes: the decision\'s own wait first, then one per interruption', async (t) => {
  const f = started('2026-01-15', '2026-02-01', {
    interruptions: [
      { startDate: '2026-03-01', endDate: '2026-03-20' },
      { startDate: '2026-05-01', endDate: null }
    ]
  })
  t.same(episodes(f), [
    { kind: 'not_executed', clockStart: '2026-01-15', resolution: { date: '2026-02-01', kind: 'executed', endReason: null } },
    { kind: 'interrupted', clockStart: '2026-03-01', resolution: { date: '2026-03-20', kind: 'executed', endReason: null } },
    { kind: 'interrupted', clockStart: '2026-05-01', resolution: null }
  ])
  t.same(episodes(facts('2026-01-15')), [{ kind: 'not_executed', clockStart: '2026-01-15', resolution: null }])
})

t.test('latestLateClockStart bounds every clock start that can be late on a day', async (t) => {
  // Every day of two years against clock starts around it: late on the day implies within the bound.
  let checked = 0
  for (let day = '2025-01-01'; day <= '2026-12-31'; day = addDays(day, 1)) {
    const bound = latestLateClockStart(day)
    for (let offset = -100; offset <= -80; offset++) {
      const clockStart = addDays(day, offset)
      if (lateFrom(clockStart) <= day && clockStart > bound) t.fail(`${clockStart} is late on ${day} but after the bound ${bound}`)
      checked++
    }
  }
  t.equal(latestLateClockStart('2026-09-30'), '2026-06-30')
  t.ok(lateFrom('2026-06-29') <= '2026-09-30' && lateFrom('2026-06-30') > '2026-09-30', 'the bound is at most a day loose')
  t.comment(`${checked} day and clock-start pairs`)
})

t.test('waitsSettledOn: the day the last wait was resolved, null while one is open', async (t) => {
  t.equal(waitsSettledOn(facts('2026-03-02')), null, 'waiting for execution')
  t.equal(waitsSettledOn(started('2026-03-02', '2026-04-01')), '2026-04-01', 'executed: settled on the start')
  t.equal(waitsSettledOn(facts('2026-03-02', { validTo: '2026-06-30' })), '2026-06-30', 'lapsing unexecuted: settled on the last valid day')
  const hours = { grantedHours: 40, startedDate: '2026-04-01' }
  t.equal(waitsSettledOn(facts('2026-03-02', { ...hours, hours: [{ effectiveDate: '2026-04-01', hoursPerMonth: 20 }] })), null, 'partly executed')
  t.equal(waitsSettledOn(facts('2026-03-02', { ...hours, hours: [{ effectiveDate: '2026-04-01', hoursPerMonth: 20 }, { effectiveDate: '2026-05-04', hoursPerMonth: 40 }] })),
    '2026-05-04', 'in full from the day the hours reached the grant')
  const full = [{ effectiveDate: '2026-04-01', hoursPerMonth: 40 }]
  t.equal(waitsSettledOn(facts('2026-03-02', { ...hours, hours: [...full, { effectiveDate: '2026-07-01', hoursPerMonth: 30 }] })), null, 'cut below the grant')
  t.equal(waitsSettledOn(facts('2026-03-02', { ...hours, hours: [...full, { effectiveDate: '2026-07-01', hoursPerMonth: 30 }, { effectiveDate: '2026-08-03', hoursPerMonth: 40 }] })),
    '2026-08-03', 'restored')
  t.equal(waitsSettledOn(started('2026-03-02', '2026-04-01', { interruptions: [{ startDate: '2026-06-01', endDate: null }] })), null, 'interrupted')
  t.equal(waitsSettledOn(started('2026-03-02', '2026-04-01', { interruptions: [{ startDate: '2026-06-01', endDate: '2026-06-20' }] })), '2026-06-20', 'resumed')
  t.equal(waitsSettledOn(started('2026-03-02', '2026-04-01', { interruptions: [{ startDate: '2026-09-01', endDate: null }], endedDate: '2026-10-15', endReason: 'replaced_by_new_decision' })),
    '2026-10-15', 'an open interruption is resolved by the end')
})
