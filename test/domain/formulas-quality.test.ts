import t from 'tap'
import type { ExecutionFacts } from '../../src/domain/not-executed.js'
import { complaintsReceived } from '../../src/formulas/complaints-received.js'
import { followUpsOnTime } from '../../src/formulas/follow-ups-on-time.js'
import type { FormulaScope } from '../../src/formulas/formula.js'
import { kinShare, type KinAnswerFact } from '../../src/formulas/kin-share.js'
import { lexSarahReports } from '../../src/formulas/lex-sarah-reports.js'
import { lexSarahSerious } from '../../src/formulas/lex-sarah-serious.js'
import { notExecutedDecisions, waitsPastLimitOn } from '../../src/formulas/not-executed-decisions.js'
import { safeCareHome } from '../../src/formulas/safe-care-home.js'
import { safeHomeCare } from '../../src/formulas/safe-home-care.js'
import { satisfiedCareHome } from '../../src/formulas/satisfied-care-home.js'
import { satisfiedHomeCare } from '../../src/formulas/satisfied-home-care.js'

const scope = (period: 'T1' | 'T2' | 'year'): FormulaScope => {
  const ranges = { T1: ['2026-01-01', '2026-04-30'], T2: ['2026-05-01', '2026-08-31'], year: ['2026-01-01', '2026-12-31'] } as const
  return { unitId: 'u', year: 2026, period, start: ranges[period][0], end: ranges[period][1], params: {} }
}
const T1 = scope('T1')
const EMPTY = { total: null, women: null, men: null, basis: { total: 0, women: 0, men: 0 } }

function facts(decisionDate: string, more: Partial<ExecutionFacts> = {}): ExecutionFacts {
  return { decisionDate, grantedHours: null, validTo: null, startedDate: null, hours: [], interruptions: [], endedDate: null, endReason: null, ...more }
}

t.test('not-executed decisions: waiting past three months on the period\'s last day', async (t) => {
  // T1 ends 2026-04-30: a decision of 2026-01-29 is late from 2026-04-30, one of 2026-01-30 from 2026-05-01.
  t.equal(waitsPastLimitOn(facts('2026-01-29'), '2026-04-30'), true, 'late from the last day itself')
  t.equal(waitsPastLimitOn(facts('2026-01-30'), '2026-04-30'), false, 'late only from the day after')
  t.equal(waitsPastLimitOn(facts('2025-12-01', { startedDate: '2026-04-30' }), '2026-04-30'), false, 'executed on the last day: resolved')
  t.equal(waitsPastLimitOn(facts('2025-12-01', { startedDate: '2026-05-01' }), '2026-04-30'), true, 'executed the day after: still waiting')
  t.equal(waitsPastLimitOn(facts('2025-12-01', { endedDate: '2026-04-30', endReason: 'moved' }), '2026-04-30'), false, 'ended')
  t.equal(waitsPastLimitOn(facts('2025-12-01', { validTo: '2026-04-30' }), '2026-04-30'), false, 'lapsed')
  t.equal(waitsPastLimitOn(facts('2025-10-01', { startedDate: '2025-10-10', interruptions: [{ startDate: '2026-01-15', endDate: null }] }), '2026-04-30'), true, 'interrupted for three months')
  t.equal(waitsPastLimitOn(facts('2025-10-01', { startedDate: '2025-10-10', interruptions: [{ startDate: '2026-01-15', endDate: '2026-03-01' }] }), '2026-04-30'), false, 'resumed in time')
  t.equal(waitsPastLimitOn(facts('2025-12-01', { grantedHours: 20, startedDate: '2026-01-05', hours: [{ effectiveDate: '2026-01-05', hoursPerMonth: 10 }] }), '2026-04-30'), true, 'partly executed: the missing part waits')
  t.equal(waitsPastLimitOn(facts('2025-12-01', { grantedHours: 20, startedDate: '2026-01-05', hours: [{ effectiveDate: '2026-01-05', hoursPerMonth: 20 }] }), '2026-04-30'), false)

  const rows = [
    { sex: 'female' as const, facts: facts('2026-01-29') },
    { sex: 'female' as const, facts: facts('2026-01-30') },
    // Late both from the decision date and from an interruption: one decision, counted once.
    { sex: 'male' as const, facts: facts('2025-06-01', { interruptions: [{ startDate: '2025-12-01', endDate: null }] }) }
  ]
  t.same(notExecutedDecisions.compute(rows, T1), { total: 2, women: 1, men: 1, basis: { total: 2, women: 1, men: 1 }, missingReason: null })
  t.same(notExecutedDecisions.compute(rows, scope('T2')).total, 3, 'by 31 August the second one is late too')
  t.same(notExecutedDecisions.compute([], T1).total, 0, 'none waiting is a count of zero')
})

t.test('follow-ups on time: performed by the due date, among those due in the period', async (t) => {
  const due = [
    { sex: 'female' as const, dueDate: '2026-01-01', performedDate: '2026-01-01' }, // first day, on the due date: on time
    { sex: 'female' as const, dueDate: '2026-04-30', performedDate: '2026-05-01' }, // last day, a day late
    { sex: 'male' as const, dueDate: '2026-04-30', performedDate: null }, // still planned: not on time
    { sex: 'male' as const, dueDate: '2026-03-01', performedDate: '2026-02-01' }, // early is on time
    { sex: 'male' as const, dueDate: '2026-05-01', performedDate: '2026-05-01' } // due in T2
  ]
  const r = followUpsOnTime.compute(due, T1)
  t.same([r.total, r.women, r.men], [50, 50, 50])
  t.same(r.basis, { total: 4, women: 2, men: 2 }, 'the number due behind each share')
  t.same(followUpsOnTime.compute(due, scope('T2')).basis.total, 1)
  t.match(followUpsOnTime.compute([], T1), EMPTY, 'nothing due: no share, not 0 %')
  t.ok(followUpsOnTime.compute([], T1).missingReason)
})

t.test('KIN shares: favourable among the answers given, "did not answer" left out', async (t) => {
  const answer = (sex: 'female' | 'male', performedDate: string, answerCode: string | null, favourable: boolean | null): KinAnswerFact => ({ sex, performedDate, answerCode, favourable })
  const answers = [
    answer('female', '2026-01-01', 'very_satisfied', true), // first day
    answer('female', '2026-04-30', 'fairly_satisfied', true), // last day
    answer('female', '2026-03-01', 'neither', false),
    answer('female', '2026-03-02', null, null), // did not answer
    answer('male', '2026-02-01', 'very_dissatisfied', false),
    answer('male', '2026-05-01', 'very_satisfied', true) // T2
  ]
  const r = kinShare(answers, T1)
  t.same([r.total, r.women, r.men], [50, 66.6667, 0])
  t.same(r.basis, { total: 4, women: 3, men: 1 }, 'the number of answers, without "did not answer"')
  t.match(kinShare([], T1), EMPTY, 'no follow-ups: no share')
  t.match(kinShare([answer('male', '2026-02-01', null, null)], T1), EMPTY, 'only "did not answer": no share with 0 answers')
  for (const formula of [satisfiedHomeCare, satisfiedCareHome, safeHomeCare, safeCareHome]) {
    t.same(formula.compute(answers, T1), r, `${formula.code} computes the same way`)
    t.equal(formula.unit, 'percent')
  }
  t.equal(satisfiedHomeCare.title, 'Andelen nöjda omsorgstagare i hemtjänst')
})

t.test('complaints and Lex Sarah reports: total of all, women and men where a person is linked', async (t) => {
  const complaints = [
    { sex: null, receivedDate: '2026-01-01' },
    { sex: 'female' as const, receivedDate: '2026-04-30' },
    { sex: 'male' as const, receivedDate: '2026-02-10' },
    { sex: null, receivedDate: '2025-12-31' },
    { sex: 'female' as const, receivedDate: '2026-05-01' }
  ]
  t.same(complaintsReceived.compute(complaints, T1), { total: 3, women: 1, men: 1, basis: { total: 3, women: 1, men: 1 }, missingReason: null }, 'both ends of T1; the anonymous one in the total only')
  t.same(complaintsReceived.compute([], T1).total, 0)

  const reports = [
    { sex: 'female' as const, reportedDate: '2026-01-01', serious: true },
    { sex: null, reportedDate: '2026-04-30', serious: true },
    { sex: 'male' as const, reportedDate: '2026-03-01', serious: false },
    { sex: 'male' as const, reportedDate: '2026-03-02', serious: null }, // not yet assessed
    { sex: 'female' as const, reportedDate: '2026-05-01', serious: true }
  ]
  t.same([lexSarahReports.compute(reports, T1).total, lexSarahReports.compute(reports, T1).women, lexSarahReports.compute(reports, T1).men], [4, 1, 2])
  t.same(lexSarahSerious.compute(reports, T1), { total: 2, women: 1, men: 0, basis: { total: 2, women: 1, men: 0 }, missingReason: null })
  t.same(lexSarahSerious.compute(reports, scope('year')).total, 3)
  t.same(lexSarahReports.compute([], T1).total, 0)
})
