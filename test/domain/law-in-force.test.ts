/**
 * The edges of issue 15: the act switching on 2025-07-01, 21 vs 22 days after notification,
 * hours cut at three months exactly and one day past, a favourable reconsideration or ruling
 * executed late (the clock from the change), IVO's identity format, and the scope by law.
 */
import t from 'tap'
import { appealLastDay, appealTimeliness, awaitsForwarding, favourableOutcome, forwardingDueDate, isDismissed } from '../../src/domain/appeal.js'
import { ivoIdentity, sexOfTNumber, tNumber } from '../../src/domain/ivo-identity.js'
import { citationOn, provisionInForce, provisionsDuring, type LegalProvision } from '../../src/domain/legal-provisions.js'
import {
  episodes, isPreliminaryQuarter, isReportableScope, parseQuarter, quarterEntries, reducedStretches, type ExecutionFacts, type Quarter
} from '../../src/domain/not-executed.js'

const provision = (purpose: string, citation: string, inForceFrom: string, inForceTo: string | null): LegalProvision => ({
  purpose, law: 'Socialtjänstlag', sfs: citation.includes('2025:400') ? '2025:400' : '2001:453', chapter: null, sections: '', citation, title: '',
  inForceFrom, inForceTo, verified: true, source: ''
})
const catalogue = [
  provision('assistance', 'SoL (2001:453) 4 kap. 1 §', '2002-01-01', '2025-06-30'),
  provision('assistance', 'SoL (2025:400) 11 kap. 1 §', '2025-07-01', null),
  provision('not_executed_reporting', 'SoL (2001:453) 16 kap. 6 f–6 h §§', '2006-07-01', '2025-06-30'),
  provision('not_executed_reporting', 'SoL (2025:400) 34 kap. 1–3 §§', '2025-07-01', null)
]

t.test('a decision cites the provision in force on its decision date: the old act on 2025-06-30, the new on 2025-07-01', async (t) => {
  t.equal(citationOn(catalogue, 'assistance', '2025-06-30', 'fallback'), 'SoL (2001:453) 4 kap. 1 §')
  t.equal(citationOn(catalogue, 'assistance', '2025-07-01', 'fallback'), 'SoL (2025:400) 11 kap. 1 §')
  t.equal(citationOn(catalogue, 'assistance', '2001-12-31', 'fallback'), 'fallback', 'before the catalogue begins: the fallback')
  t.equal(provisionInForce(catalogue, 'unknown', '2025-07-01'), undefined)
})

t.test('a report cites the provisions in force during its quarter', async (t) => {
  const cite = (q: string) => { const p = parseQuarter(q) as Quarter; return provisionsDuring(catalogue, 'not_executed_reporting', p.start, p.end).map((x) => x.citation) }
  t.same(cite('2025-Q2'), ['SoL (2001:453) 16 kap. 6 f–6 h §§'], 'Q2 2025 ends on 2025-06-30')
  t.same(cite('2025-Q3'), ['SoL (2025:400) 34 kap. 1–3 §§'], 'Q3 2025 begins on 2025-07-01')
  t.same(provisionsDuring(catalogue, 'not_executed_reporting', '2025-06-15', '2025-07-15').length, 2, 'a period across the change cites both')
})

t.test('a quarter not yet over is preliminary, its last day included', async (t) => {
  const q = parseQuarter('2026-Q4') as Quarter
  t.equal(isPreliminaryQuarter(q, '2026-12-31'), true)
  t.equal(isPreliminaryQuarter(q, '2027-01-01'), false)
})

t.test('the appeal window: received on day 21 after the notification is in time, on day 22 it is dismissed', async (t) => {
  t.equal(appealLastDay('2026-03-10'), '2026-03-31')
  t.same(appealTimeliness('2026-03-10', '2026-03-31', null), { inTime: true, lastDay: '2026-03-31' })
  const late = appealTimeliness('2026-03-10', '2026-04-01', null)
  t.same(late, { inTime: false, lastDay: '2026-03-31', accepted: null })
  t.equal(isDismissed(late), true)
  t.equal(isDismissed(appealTimeliness('2026-03-10', '2026-04-01', 'incorrect_appeal_information')), false, 'a recorded reason to accept it (FL 45 §)')
  t.same(appealTimeliness(null, '2027-01-01', null), { inTime: true, lastDay: null }, 'no notification recorded: the time has not begun')
})

t.test('a favourable reconsideration or ruling changes the outcome; the rest leave it', async (t) => {
  t.equal(favourableOutcome('rejected', 'changed_as_requested'), 'granted')
  t.equal(favourableOutcome('rejected', 'partially_changed'), 'partially_granted')
  t.equal(favourableOutcome('partially_granted', 'appeal_granted'), 'granted')
  t.equal(favourableOutcome('rejected', 'appeal_partially_granted'), 'partially_granted')
  t.equal(favourableOutcome('rejected', 'unchanged'), null)
  t.equal(favourableOutcome('rejected', 'appeal_rejected'), null)
  t.equal(favourableOutcome('rejected', 'returned_for_new_investigation'), null)
  const state = { outcome: 'rejected' as const, receivedDate: '2026-03-20', reconsideredDate: '2026-03-25', forwardedToCourtDate: null, courtOutcome: null }
  t.equal(awaitsForwarding({ ...state, reconsiderationOutcome: 'unchanged' }), true)
  t.equal(awaitsForwarding({ ...state, reconsiderationOutcome: 'changed_as_requested' }), false)
  t.equal(forwardingDueDate('2026-03-25'), '2026-04-01')
})

const base = (more: Partial<ExecutionFacts>): ExecutionFacts => ({
  decisionDate: '2026-01-10', grantedHours: null, validTo: null, startedDate: null, hours: [], interruptions: [], endedDate: null, endReason: null, ...more
})

t.test('a decision changed in the applicant\'s favour and executed late: the clock runs from the change', async (t) => {
  // Rejected 2026-01-10, changed on reconsideration 2026-03-31 (executable_from), not executed.
  const changed = base({ decisionDate: '2026-03-31' })
  t.same(quarterEntries(changed, parseQuarter('2026-Q2') as Quarter), [], 'three months from the change had not passed in Q2')
  t.match(quarterEntries(changed, parseQuarter('2026-Q3') as Quarter), [{ lateFrom: '2026-07-01', status: 'waiting' }])
  const executedOnTheLastDay = base({ decisionDate: '2026-03-31', startedDate: '2026-06-30' })
  t.same(quarterEntries(executedOnTheLastDay, parseQuarter('2026-Q3') as Quarter), [], 'executed three months after the change: in time')
})

t.test('reduced execution: partly executed from the day the hours fell below the granted until restored', async (t) => {
  const full = { grantedHours: 40, startedDate: '2026-01-20' }
  const cut = (restored: string | null) => base({
    ...full,
    hours: [{ effectiveDate: '2026-01-20', hoursPerMonth: 40 }, { effectiveDate: '2026-01-31', hoursPerMonth: 25 },
      ...(restored ? [{ effectiveDate: restored, hoursPerMonth: 40 }] : [])]
  })
  t.same(reducedStretches(cut('2026-04-30'), '2026-01-20'), [{ from: '2026-01-31', restored: '2026-04-30' }])
  // Cut on 2026-01-31: three months run to 2026-04-30; late from 2026-05-01.
  t.same(quarterEntries(cut('2026-04-30'), parseQuarter('2026-Q2') as Quarter), [], 'restored on the last day of the three months: in time, never reported')
  const [late] = quarterEntries(cut('2026-05-01'), parseQuarter('2026-Q2') as Quarter)
  t.match(late, { episode: { kind: 'reduced', clockStart: '2026-01-31' }, status: 'executed', lateFrom: '2026-05-01', resolution: { date: '2026-05-01' } },
    'restored one day past: reported, as executed late')
  const [waiting] = quarterEntries(cut(null), parseQuarter('2026-Q2') as Quarter)
  t.match(waiting, { episode: { kind: 'reduced' }, status: 'waiting', partlyExecuted: { grantedHours: 40, executedHours: 25, missingHours: 15 } },
    'still cut at the quarter\'s end: the missing part is reported')
  const ended = base({ ...cut(null), endedDate: '2026-04-15', endReason: 'deceased' })
  t.same(quarterEntries(ended, parseQuarter('2026-Q2') as Quarter), [], 'ended within the three months of the cut')
  t.equal(episodes(base({ ...full, hours: [{ effectiveDate: '2026-01-20', hoursPerMonth: 40 }] })).length, 1, 'never cut: no reduced episode')
  t.same(reducedStretches(base({ grantedHours: 40, startedDate: '2026-01-20', hours: [{ effectiveDate: '2026-01-20', hoursPerMonth: 20 }, { effectiveDate: '2026-02-01', hoursPerMonth: 10 }] }), null), [],
    'started partly and never full: the wait from the decision date covers it, not a reduction')
})

t.test('IVO\'s identity: the personnummer, or a stable T-number whose third position says the sex', async (t) => {
  t.same(ivoIdentity({ personId: 'p1', identityKind: 'personnummer', identityNumber: '193804122384', birthDate: '1938-04-12', sex: 'female' }),
    { value: '19380412-2384', format: 'personnummer' })
  const woman = ivoIdentity({ personId: 'p2', identityKind: 'samordningsnummer', identityNumber: '193804722381', birthDate: '1938-04-12', sex: 'female' })
  t.equal(woman.format, 't_number')
  t.match(woman.value, /^19380412-T\d{3}$/)
  t.equal(sexOfTNumber(woman.value), 'female')
  t.equal(woman.value, tNumber('p2', '1938-04-12', 'female'), 'the same for the person every quarter')
  for (let i = 0; i < 50; i++) {
    t.equal(sexOfTNumber(tNumber(`person-${i}`, '1940-01-01', 'male')), 'male')
    t.equal(sexOfTNumber(tNumber(`person-${i}`, '1940-01-01', 'female')), 'female')
  }
  t.equal(sexOfTNumber('19400101-TF12'), 'male', '-TF + two digits: the third position is the first digit')
  t.equal(sexOfTNumber('19400101-TF42'), 'female')
  t.equal(ivoIdentity({ personId: 'p3', identityKind: null, identityNumber: null, birthDate: '1940-01-01', sex: 'male' }).format, 't_number', 'no number at all')
})

t.test('scope by law: only bistånd under the social services act is reported', async (t) => {
  t.equal(isReportableScope({ decidedUnder: 'social_services_act', decidedAs: 'assistance' }), true)
  t.equal(isReportableScope({ decidedUnder: 'social_services_act', decidedAs: 'fee_decision' }), false)
  t.equal(isReportableScope({ decidedUnder: 'national_transport_act', decidedAs: 'permit' }), false)
  t.equal(isReportableScope({ decidedUnder: 'dental_care_act', decidedAs: 'investigation_only' }), false)
})
