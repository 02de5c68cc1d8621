import t from 'tap'
import { decisionsInPeriod } from '../../src/formulas/decisions-in-period.js'
import type { FormulaScope } from '../../src/formulas/formula.js'
import { grantedHomeCareHours } from '../../src/formulas/granted-home-care-hours.js'
import { medianDaysToDecision } from '../../src/formulas/median-days-to-decision.js'
import { peopleWithServices } from '../../src/formulas/people-with-services.js'
import { FORMULAS, findFormula, formulaParamErrors } from '../../src/formulas/registry.js'
import { shareCurrentDecisions } from '../../src/formulas/share-current-decisions.js'
import { median } from '../../src/formulas/split.js'

const scope = (period: 'T1' | 'T2' | 'year', params: Record<string, string> = {}): FormulaScope => {
  const ranges = { T1: ['2026-01-01', '2026-04-30'], T2: ['2026-05-01', '2026-08-31'], year: ['2026-01-01', '2026-12-31'] } as const
  return { unitId: 'u', year: 2026, period, start: ranges[period][0], end: ranges[period][1], params }
}

t.test('the catalogue: unique codes, a version each, found by code', async (t) => {
  const codes = FORMULAS.map((f) => f.code)
  t.equal(new Set(codes).size, codes.length)
  for (const f of FORMULAS) {
    t.ok(Number.isInteger(f.version) && f.version >= 1, `${f.code} has a version`)
    t.equal(findFormula(f.code), f)
  }
  t.equal(findFormula('nope'), undefined)
  t.same(codes.sort(), [
    'complaints_received', 'decisions_in_period', 'discharge_days_ready_mean', 'discharge_days_ready_median', 'discharge_within_agreement',
    'follow_ups_on_time', 'granted_home_care_hours', 'influence_care_home', 'influence_home_care', 'lex_sarah_reports', 'lex_sarah_serious',
    'median_days_to_decision', 'not_executed_decisions', 'outdoors_care_home', 'people_with_services', 'safe_care_home', 'safe_home_care', 'satisfied_care_home',
    'satisfied_home_care', 'satisfied_meals_care_home', 'share_current_decisions'
  ])
})

t.test('formula parameters are checked against the formula and the reference data', async (t) => {
  const types = new Set(['home_care', 'care_home'])
  t.same(formulaParamErrors(peopleWithServices, { serviceTypeCode: 'home_care' }, types), [])
  t.match(formulaParamErrors(peopleWithServices, {}, types), [{ pointer: '/formulaParams/serviceTypeCode' }], 'required')
  t.match(formulaParamErrors(peopleWithServices, { serviceTypeCode: 'flying_carpet' }, types), [{ message: /Unknown service type/ }])
  t.match(formulaParamErrors(peopleWithServices, { serviceTypeCode: 'home_care', colour: 'red' }, types), [{ pointer: '/formulaParams/colour' }], 'unknown parameter')
  t.same(formulaParamErrors(decisionsInPeriod, {}, types), [], 'optional parameters may be left out')
  t.match(formulaParamErrors(decisionsInPeriod, { outcome: 'maybe' }, types), [{ message: /Unknown outcome/ }])
  t.same(formulaParamErrors(grantedHomeCareHours, {}, types), [])
})

t.test('people with services: in force on the last day, each person once, by sex', async (t) => {
  const facts = [
    { personId: 'p1', sex: 'female' as const, from: '2026-01-10', to: null },
    { personId: 'p1', sex: 'female' as const, from: '2026-03-01', to: '2026-12-31' }, // a second decision: still one person
    { personId: 'p2', sex: 'male' as const, from: '2026-02-01', to: '2026-04-30' }, // ends on the last day of T1: counts
    { personId: 'p3', sex: 'male' as const, from: '2026-02-01', to: '2026-04-29' }, // ended the day before
    { personId: 'p4', sex: 'female' as const, from: '2026-05-01', to: null } // starts after T1
  ]
  t.same(peopleWithServices.compute(facts, scope('T1')), { total: 2, women: 1, men: 1, basis: { total: 2, women: 1, men: 1 }, missingReason: null })
  t.same(peopleWithServices.compute(facts, scope('T2')), { total: 2, women: 2, men: 0, basis: { total: 2, women: 2, men: 0 }, missingReason: null })
  t.same(peopleWithServices.compute([], scope('T1')).total, 0, 'no one is a count of zero, not a missing value')
})

t.test('granted home-care hours on the last day', async (t) => {
  const facts = [
    { sex: 'female' as const, hoursPerMonth: 40, from: '2026-01-01', to: null },
    { sex: 'female' as const, hoursPerMonth: 12.5, from: '2026-02-01', to: '2026-06-30' },
    { sex: 'male' as const, hoursPerMonth: 100, from: '2026-04-01', to: '2026-04-29' }
  ]
  const r = grantedHomeCareHours.compute(facts, scope('T1'))
  t.same([r.total, r.women, r.men], [52.5, 52.5, 0])
  t.same(r.basis, { total: 2, women: 2, men: 0 })
  t.same(grantedHomeCareHours.compute(facts, scope('T2')).total, 40)
})

t.test('decisions in the period, with optional service type and outcome', async (t) => {
  const facts = [
    { sex: 'female' as const, decisionDate: '2026-01-01', serviceTypeCode: 'home_care', outcome: 'granted' },
    { sex: 'male' as const, decisionDate: '2026-04-30', serviceTypeCode: 'care_home', outcome: 'rejected' },
    { sex: 'male' as const, decisionDate: '2026-05-01', serviceTypeCode: 'home_care', outcome: 'granted' }
  ]
  t.same(decisionsInPeriod.compute(facts, scope('T1')).total, 2, 'both ends of T1 count; 1 May does not')
  t.same(decisionsInPeriod.compute(facts, scope('year', { serviceTypeCode: 'home_care' })).total, 2)
  t.same(decisionsInPeriod.compute(facts, scope('year', { outcome: 'rejected' })).men, 1)
})

t.test('median days from application to decision', async (t) => {
  t.equal(median([]), null)
  t.equal(median([5]), 5)
  t.equal(median([9, 1, 5]), 5)
  t.equal(median([1, 2, 3, 10]), 2.5, 'even count: mean of the middle two')
  const facts = [
    { sex: 'female' as const, receivedDate: '2026-01-01', decisionDate: '2026-01-11' }, // 10
    { sex: 'female' as const, receivedDate: '2026-02-27', decisionDate: '2026-03-01' }, // 2 (no leap day)
    { sex: 'male' as const, receivedDate: '2026-03-01', decisionDate: '2026-03-31' } // 30
  ]
  t.same(medianDaysToDecision.compute(facts, scope('T1')), { total: 10, women: 6, men: 30, basis: { total: 3, women: 2, men: 1 }, missingReason: null })
  const none = medianDaysToDecision.compute([], scope('T1'))
  t.equal(none.total, null)
  t.ok(none.missingReason, 'no decisions: missing with a reason')
})

t.test('share of time-limited decisions re-assessed in time', async (t) => {
  const facts = [
    { sex: 'female' as const, validTo: '2026-03-31', nextDecisionDate: '2026-03-31' }, // on the end date: in time
    { sex: 'female' as const, validTo: '2026-03-31', nextDecisionDate: '2026-04-01' }, // a day late
    { sex: 'male' as const, validTo: '2026-02-28', nextDecisionDate: null } // never re-assessed
  ]
  const r = shareCurrentDecisions.compute(facts, scope('T1'))
  t.equal(r.total, 33.3333)
  t.equal(r.women, 50)
  t.equal(r.men, 0)
  t.same(r.basis, { total: 3, women: 2, men: 1 }, 'the number of decisions behind each share')
  const empty = shareCurrentDecisions.compute([], scope('T1'))
  t.same([empty.total, empty.women, empty.men], [null, null, null])
  t.same(shareCurrentDecisions.compute(facts, scope('T1')), r, 'the same facts give the same result')
})

t.test('påverka in home care: the unweighted mean of the two questions\' shares', async (t) => {
  const { combinedShare } = await import('../../src/formulas/influence-home-care.js')
  const scope = { start: '2025-01-01', end: '2025-12-31' }
  const fact = (sex: 'female' | 'male', questionCode: string, favourable: boolean | null) =>
    ({ sex, performedDate: '2025-06-01', questionCode, answerCode: favourable === null ? null : 'x', favourable })
  const facts = [
    // help as agreed: 3 of 4 favourable (75 %); women 2/2, men 1/2
    fact('female', 'home_care_help_as_agreed', true), fact('female', 'home_care_help_as_agreed', true),
    fact('male', 'home_care_help_as_agreed', true), fact('male', 'home_care_help_as_agreed', false),
    // planning participation: 1 of 2 favourable (50 %), only women answered; one did not answer
    fact('female', 'home_care_planning_participation', true), fact('female', 'home_care_planning_participation', false),
    fact('male', 'home_care_planning_participation', null)
  ]
  const result = combinedShare(facts, scope)
  t.equal(result.total, 62.5, '(75 + 50) / 2, not the pooled 4/6')
  t.equal(result.women, 75, '(100 + 50) / 2')
  t.equal(result.men, 50, 'men answered one question only: its share alone')
  t.same(result.basis, { total: 6, women: 4, men: 2 })
  t.match(combinedShare([], scope), { total: null, women: null, men: null, missingReason: /Inga underlag/ })
})

t.test('discharge days: median, mean and the share within the agreement', async (t) => {
  const { dischargeDaysMedian, dischargeDaysMean, dischargeWithinAgreement } = await import('../../src/formulas/discharge-days.js')
  const scope = { unitId: 'u', year: 2026, period: 'year' as const, start: '2026-01-01', end: '2026-12-31', params: {} }
  const e = (sex: 'female' | 'male', readyDate: string, leftHospitalDate: string, agreementDays = 3) => ({ sex, readyDate, leftHospitalDate, agreementDays })
  const facts = [e('female', '2026-10-30', '2026-10-30'), e('female', '2026-10-30', '2026-11-02'), e('male', '2026-10-30', '2026-11-03'), e('male', '2026-12-30', '2027-01-09', 2)]
  t.match(dischargeDaysMedian.compute(facts, scope), { total: 3.5, women: 1.5, men: 7 })
  t.match(dischargeDaysMean.compute(facts, scope), { total: 4.25, women: 1.5, men: 7 })
  t.match(dischargeWithinAgreement.compute(facts, scope), { total: 50, women: 100, men: 0, basis: { total: 4, women: 2, men: 2 } })
})
