import t from 'tap'
import {
  decisionFollowUps, DEFAULT_FOLLOW_UP_RULES, hospitalDischargeFollowUp, reconcile,
  type DecisionFacts, type FollowUpRules, type PlanChange, type PlannedFollowUp, type RecordedFollowUp
} from '../../src/domain/follow-up-planning.js'

const rules = DEFAULT_FOLLOW_UP_RULES
const facts = (over: Partial<DecisionFacts> = {}): DecisionFacts => ({
  outcome: 'granted', decisionDate: '2026-03-25', validFrom: '2026-04-01', validTo: null,
  executionStartedDate: null, executionEndedDate: null, lastContinuousPerformedDate: null, ...over
})
const only = (plans: PlannedFollowUp[], kind: string) => plans.filter((p) => p.kind === kind)

t.test('time-limited review: due the configured days before the end', async (t) => {
  t.same(decisionFollowUps(facts({ validTo: '2027-03-31' }), rules), [{ kind: 'time_limited_review', basisDate: '2027-03-31', dueDate: '2027-03-01' }])
  t.same(only(decisionFollowUps(facts({ validTo: '2028-03-30' }), rules), 'time_limited_review')[0]?.dueDate, '2028-02-29', '30 days back across a leap February')
  t.same(only(decisionFollowUps(facts({ validTo: '2027-03-30' }), rules), 'time_limited_review')[0]?.dueDate, '2027-02-28')
  const sameDay: FollowUpRules = { ...rules, timeLimitedReview: { enabled: true, daysBeforeEnd: 0 } }
  t.same(decisionFollowUps(facts({ validTo: '2027-03-31' }), sameDay)[0]?.dueDate, '2027-03-31', '0 days: due on the last day')
  t.same(decisionFollowUps(facts({ validTo: null }), rules), [], 'an open-ended decision has no review')
  t.same(decisionFollowUps(facts({ validTo: '2027-03-31' }), { ...rules, timeLimitedReview: { enabled: false, daysBeforeEnd: 30 } }), [], 'rule off')
})

t.test('time-limited review of a decision shorter than the notice is due at the decision date, not before it', async (t) => {
  const short = facts({ decisionDate: '2026-02-20', validFrom: '2026-02-20', validTo: '2026-03-10' })
  t.same(decisionFollowUps(short, rules)[0]?.dueDate, '2026-02-20')
  const exactly = facts({ decisionDate: '2026-02-08', validFrom: '2026-02-08', validTo: '2026-03-10' })
  t.same(decisionFollowUps(exactly, rules)[0]?.dueDate, '2026-02-08', 'exactly 30 days: unclamped and clamped agree')
  const oneMore = facts({ decisionDate: '2026-02-07', validFrom: '2026-02-07', validTo: '2026-03-10' })
  t.same(decisionFollowUps(oneMore, rules)[0]?.dueDate, '2026-02-08')
})

t.test('continuous: every 12 months from the execution start, then from the last performed one', async (t) => {
  t.same(decisionFollowUps(facts(), rules), [], 'not executing yet: nothing')
  t.same(decisionFollowUps(facts({ executionStartedDate: '2026-04-01' }), rules), [{ kind: 'continuous', basisDate: '2026-04-01', dueDate: '2027-04-01' }])
  t.same(decisionFollowUps(facts({ executionStartedDate: '2028-02-29' }), rules)[0], { kind: 'continuous', basisDate: '2028-02-29', dueDate: '2029-02-28' }, 'leap day + 12 months')
  t.same(decisionFollowUps(facts({ executionStartedDate: '2027-02-28' }), rules)[0]?.dueDate, '2028-02-28', 'not moved to the leap day')
  t.same(decisionFollowUps(facts({ executionStartedDate: '2026-04-01', lastContinuousPerformedDate: '2026-11-15' }), rules)[0],
    { kind: 'continuous', basisDate: '2026-11-15', dueDate: '2027-11-15' }, 'counted from the last performed follow-up')
  t.same(decisionFollowUps(facts({ executionStartedDate: '2026-04-01', lastContinuousPerformedDate: '2026-03-30' }), rules)[0]?.basisDate, '2026-04-01',
    'a follow-up before the (re)start does not count')
  const monthly: FollowUpRules = { ...rules, continuous: { enabled: true, intervalMonths: 1 } }
  t.same(decisionFollowUps(facts({ executionStartedDate: '2026-01-31' }), monthly)[0]?.dueDate, '2026-02-28', '31 Jan + 1 month')
  t.same(decisionFollowUps(facts({ executionStartedDate: '2028-01-31' }), monthly)[0]?.dueDate, '2028-02-29', '31 Jan + 1 month in a leap year')
})

t.test('continuous is not planned past the decision\'s end, where its review takes over', async (t) => {
  const base = facts({ executionStartedDate: '2026-04-01' })
  t.same(only(decisionFollowUps({ ...base, validTo: '2027-04-01' }, rules), 'continuous').length, 1, 'due on the last valid day: planned')
  t.same(only(decisionFollowUps({ ...base, validTo: '2027-03-31' }, rules), 'continuous').length, 0, 'due the day after the end: not planned')
  t.same(only(decisionFollowUps({ ...base, validTo: '2027-03-31' }, rules), 'time_limited_review').length, 1)
})

t.test('nothing for a rejection or an ended service', async (t) => {
  t.same(decisionFollowUps(facts({ outcome: 'rejected', validFrom: null }), rules), [])
  t.same(decisionFollowUps(facts({ validTo: '2027-03-31', executionStartedDate: '2026-04-01', executionEndedDate: '2026-06-01' }), rules), [])
  t.same(decisionFollowUps(facts({ outcome: 'partially_granted', validTo: '2027-03-31' }), rules).length, 1, 'a partial grant is followed up')
})

t.test('hospital discharge: within a month of the first granted service\'s start, per application', async (t) => {
  const discharge = { channel: 'hospital_discharge' }
  const granted = (validFrom: string, ended: string | null = null) => ({ outcome: 'granted' as const, validFrom, executionEndedDate: ended })
  t.same(hospitalDischargeFollowUp(discharge, [granted('2026-01-31')], rules), { kind: 'hospital_discharge', basisDate: '2026-01-31', dueDate: '2026-02-28' }, '31 Jan + 1 month')
  t.same(hospitalDischargeFollowUp(discharge, [granted('2028-01-31')], rules)?.dueDate, '2028-02-29', 'leap year')
  t.same(hospitalDischargeFollowUp(discharge, [granted('2026-05-10'), granted('2026-05-03')], rules)?.basisDate, '2026-05-03', 'the earliest start')
  t.equal(hospitalDischargeFollowUp({ channel: 'phone' }, [granted('2026-05-10')], rules), null, 'another channel')
  t.equal(hospitalDischargeFollowUp(discharge, [{ outcome: 'rejected', validFrom: null, executionEndedDate: null }], rules), null, 'nothing granted')
  t.equal(hospitalDischargeFollowUp(discharge, [granted('2026-05-10', '2026-05-20')], rules), null, 'every service ended')
  t.ok(hospitalDischargeFollowUp(discharge, [granted('2026-05-10', '2026-05-20'), granted('2026-05-12')], rules), 'one still running')
  t.equal(hospitalDischargeFollowUp(discharge, [granted('2026-05-10')], { ...rules, hospitalDischarge: { enabled: false, withinMonths: 1 } }), null, 'rule off')
  t.same(hospitalDischargeFollowUp(discharge, [granted('2026-05-31')], { ...rules, hospitalDischarge: { enabled: true, withinMonths: 3 } })?.dueDate, '2026-08-31')
})

t.test('reconcile: create, keep, move, cancel — and a second run changes nothing', async (t) => {
  let seq = 0
  const rec = (over: Partial<RecordedFollowUp>): RecordedFollowUp => ({
    id: `r${++seq}`, kind: 'continuous', origin: 'automatic', status: 'planned', cancelledBy: null, basisDate: '2026-04-01', dueDate: '2027-04-01', ...over
  })
  const apply = (recorded: RecordedFollowUp[], changes: PlanChange[]): RecordedFollowUp[] => {
    const out = recorded.map((r) => ({ ...r }))
    for (const c of changes) {
      if (c.op === 'create') out.push(rec({ kind: c.plan.kind, basisDate: c.plan.basisDate, dueDate: c.plan.dueDate }))
      const row = c.op === 'create' ? undefined : out.find((r) => r.id === c.id)
      if (row && c.op === 'move') Object.assign(row, { basisDate: c.plan.basisDate, dueDate: c.plan.dueDate })
      if (row && c.op === 'cancel') Object.assign(row, { status: 'cancelled', cancelledBy: 'replanned' })
    }
    return out
  }
  const kinds = ['continuous', 'time_limited_review'] as const
  const plan: PlannedFollowUp = { kind: 'continuous', basisDate: '2026-04-01', dueDate: '2027-04-01' }
  const idempotent = (recorded: RecordedFollowUp[], plans: PlannedFollowUp[]) => {
    const once = apply(recorded, reconcile(kinds, plans, recorded))
    t.same(reconcile(kinds, plans, once), [], 'a second run changes nothing')
    return once
  }

  t.match(reconcile(kinds, [plan], []), [{ op: 'create', plan }], 'nothing on record: create')
  idempotent([], [plan])
  t.same(reconcile(kinds, [plan], [rec({})]), [], 'already planned: keep')

  const moved = rec({ dueDate: '2027-05-01' })
  t.same(reconcile(kinds, [plan], [moved]), [{ op: 'move', id: moved.id, plan }], 'same basis, new interval: move')
  const older = rec({ basisDate: '2026-03-01', dueDate: '2027-03-01' })
  t.same(reconcile(kinds, [plan], [older]), [{ op: 'move', id: older.id, plan }], 'new basis: move the open one')
  idempotent([older], [plan])

  t.same(reconcile(kinds, [plan], [rec({ status: 'performed' })]), [], 'performed for this basis: satisfied')
  t.same(reconcile(kinds, [plan], [rec({ status: 'cancelled', cancelledBy: 'by_user' })]), [], 'cancelled by a person: not planned again')
  t.match(reconcile(kinds, [plan], [rec({ status: 'cancelled', cancelledBy: 'replanned' })]), [{ op: 'create' }], 'cancelled by an earlier re-plan: planned anew')
  const manual = rec({ origin: 'manual' })
  const auto = rec({ basisDate: '2026-02-01' })
  t.same(reconcile(kinds, [plan], [manual, auto]), [{ op: 'cancel', id: auto.id }], 'a manual one for the same basis satisfies; the automatic one goes')

  const stray = rec({ kind: 'time_limited_review', basisDate: '2027-03-31', dueDate: '2027-03-01' })
  t.same(reconcile(kinds, [plan], [rec({}), stray]), [{ op: 'cancel', id: stray.id }], 'no longer asked for: cancel')
  t.same(reconcile(kinds, [], [rec({ origin: 'manual' }), rec({ status: 'performed' })]), [], 'manual and performed ones are never touched')
  const twins = [rec({ basisDate: '2026-01-01' }), rec({ basisDate: '2026-02-01' })]
  const result = idempotent(twins, [plan])
  t.equal(result.filter((r) => r.status === 'planned').length, 1, 'at most one open automatic follow-up per kind')
})
