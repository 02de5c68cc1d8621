/**
 * Issue 15 through the API: the provision in force on the decision date, the scope of the IVO
 * report by law, reduced execution, appeals to the end (notification, 21 vs 22 days, a
 * favourable reconsideration or ruling executed late), the forwarding deadline on the worklist,
 * the council's anonymous statistics and the preliminary quarter.
 */
import t from 'tap'
import { todayInStockholm } from '../../src/domain/calendar.js'
import { parseQuarter, quarterOf } from '../../src/domain/not-executed.js'
import { buildTestApp, createApplication, readyForDecision } from '../helper.js'

t.test('the law in force', async (t) => {
  const ctx = await buildTestApp(t)
  const worker = await ctx.token('case_worker')
  const manager = await ctx.token('unit_manager')
  const ivo = await ctx.token('case_worker', { permissions: ['ivo_reporting'] })

  interface Decide { serviceTypeCode?: string; decisionDate: string; outcome?: string; hours?: number; receivedDate?: string; token?: string }
  async function decide(d: Decide) {
    const serviceTypeCode = d.serviceTypeCode ?? 'home_care'
    const hoursBased = serviceTypeCode === 'home_care'
    const token = d.token ?? worker
    const application = await createApplication(ctx, token, {
      receivedDate: d.receivedDate ?? '2025-06-01',
      requestedServices: [{ serviceTypeCode, ...(hoursBased ? { requestedHoursPerMonth: d.hours ?? 40 } : {}) }]
    })
    await readyForDecision(ctx, token, application.id, { communicate: d.receivedDate ?? '2025-06-01' })
    const outcome = d.outcome ?? 'granted'
    const res = await ctx.call('POST', `/v1/applications/${application.id}/decisions`, {
      token,
      body: {
        serviceTypeCode, outcome, reason: 'Behov.', decisionDate: d.decisionDate,
        ...(outcome === 'rejected' ? {} : { validFrom: d.decisionDate, ...(hoursBased ? { hoursPerMonth: d.hours ?? 40 } : {}) })
      }
    })
    if (res.status !== 201) throw new Error(`decide: ${res.status} ${res.raw}`)
    return res.body
  }
  async function act(id: string, action: string, body: unknown) {
    const res = await ctx.call('POST', `/v1/decisions/${id}/execution/${action}`, { token: worker, body })
    if (res.status !== 200) throw new Error(`${action}: ${res.status} ${res.raw}`)
    return res.body
  }
  async function post(path: string, body: unknown, token = worker) {
    return ctx.call('POST', path, { token, body })
  }
  async function report(quarter: string) {
    const res = await ctx.call('GET', `/v1/reports/not-executed-decisions?quarter=${quarter}`, { token: ivo })
    if (res.status !== 200) throw new Error(`report: ${res.status} ${res.raw}`)
    return res.body
  }
  const rowsFor = (r: any, id: string) => r.items.filter((row: any) => row.decisionId === id)

  t.test('a decision cites the provision in force on its decision date', async (t) => {
    const before = await decide({ serviceTypeCode: 'safety_alarm', decisionDate: '2025-06-30' })
    const after = await decide({ serviceTypeCode: 'safety_alarm', decisionDate: '2025-07-01' })
    t.equal(before.legalBasis, 'SoL (2001:453) 4 kap. 1 §', 'the old act until 2025-06-30')
    t.equal(after.legalBasis, 'SoL (2025:400) 11 kap. 1 §', 'the new act from 2025-07-01')
    const transport = await decide({ serviceTypeCode: 'national_transport', decisionDate: '2025-07-01' })
    t.equal(transport.legalBasis, 'Lag (1997:735) om riksfärdtjänst 4 §', 'a national-transport permit cites its own act')
    const catalogue = await ctx.call('GET', '/v1/legal-provisions?inForceOn=2025-07-01&purpose=assistance', { token: worker })
    t.equal(catalogue.status, 200)
    t.match(catalogue.body.items, [{ sfs: '2025:400', inForceFrom: '2025-07-01', inForceTo: null }])
    t.equal(catalogue.body.items.length, 1)
    const old = await ctx.call('GET', '/v1/legal-provisions?inForceOn=2025-06-30&purpose=assistance', { token: worker })
    t.match(old.body.items, [{ sfs: '2001:453', inForceTo: '2025-06-30', verified: true }])
    // The new act's numbering, checked against the text of SFS 2025:400 (README, "The law in force").
    const newAct = await ctx.call('GET', '/v1/legal-provisions?inForceOn=2025-07-01', { token: worker })
    const cited = (purpose: string) => newAct.body.items.find((p: any) => p.purpose === purpose && p.sfs === '2025:400')
    t.match(cited('assistance'), { chapter: '11', sections: '1 §', citation: 'SoL (2025:400) 11 kap. 1 §', verified: true })
    t.match(cited('fee_decision'), { chapter: '32', sections: '1 §', citation: 'SoL (2025:400) 32 kap. 1 §', verified: true })
    t.match(cited('not_executed_reporting'), { chapter: '34', sections: '1–3 §§', citation: 'SoL (2025:400) 34 kap. 1–3 §§', verified: true })
    t.match(cited('lex_sarah'), { chapter: '27', sections: '2–6 §§', citation: 'SoL (2025:400) 27 kap. 2–6 §§', verified: true })
    t.match(cited('lex_sarah_ivo_notification'), { chapter: '27', sections: '6 §', citation: 'SoL (2025:400) 27 kap. 6 §', verified: true })
    t.match(cited('appeal_right'), { chapter: '35', sections: '1 §', citation: 'SoL (2025:400) 35 kap. 1 §', verified: true })
    t.same(newAct.body.items.filter((p: any) => !p.verified).map((p: any) => p.purpose), [], 'every provision in force on 2025-07-01 is verified')
  })

  t.test('a future decision date is refused with a detail that says why', async (t) => {
    const application = await createApplication(ctx, worker, { receivedDate: '2026-01-15', requestedServices: [{ serviceTypeCode: 'safety_alarm' }] })
    await readyForDecision(ctx, worker, application.id, { communicate: false })
    const res = await post(`/v1/applications/${application.id}/decisions`, { serviceTypeCode: 'safety_alarm', outcome: 'granted', reason: 'r', decisionDate: '2099-01-01', validFrom: '2099-01-01' })
    t.equal(res.status, 400)
    t.match(res.body.detail, /decisionDate cannot be in the future: .*today is \d{4}-\d{2}-\d{2} in Stockholm/)
  })

  t.test('service types say under which law and as what; växelvård is housing', async (t) => {
    const types = (await ctx.call('GET', '/v1/service-types', { token: worker })).body.items
    const byCode = (code: string) => types.find((s: any) => s.code === code)
    t.match(byCode('home_care'), { decidedUnder: 'social_services_act', decidedAs: 'assistance', legalProvisionPurpose: 'assistance' })
    t.match(byCode('national_transport'), { decidedUnder: 'national_transport_act', decidedAs: 'permit' })
    t.match(byCode('transport_investigation'), { decidedAs: 'investigation_only', legalProvisionPurpose: null })
    t.match(byCode('dental_care_support'), { decidedUnder: 'dental_care_act', decidedAs: 'investigation_only' })
    t.match(byCode('fee_reduction'), { decidedAs: 'fee_decision' })
    t.equal(byCode('respite_care').housing, true, 'växelvård: decided under the housing delegation rule')
    const application = await createApplication(ctx, worker, { receivedDate: '2026-01-15', requestedServices: [{ serviceTypeCode: 'respite_care' }] })
    await readyForDecision(ctx, worker, application.id)
    const review = await post(`/v1/applications/${application.id}/joint-review`, { date: '2026-02-02', participants: ['Enhetschef'] }, manager)
    t.equal(review.status, 200, 'housing: a joint case review')
    const res = await post(`/v1/applications/${application.id}/decisions`, { serviceTypeCode: 'respite_care', outcome: 'granted', reason: 'r', decisionDate: '2026-02-03', validFrom: '2026-02-03' })
    t.equal(res.status, 403, 'a case worker may not decide växelvård')
    t.match(res.body, { rule: 'housing' })
  })

  t.test('scope by law: only favourable bistånd decisions are reported to IVO', async (t) => {
    const assistance = await decide({ serviceTypeCode: 'safety_alarm', decisionDate: '2026-02-10', receivedDate: '2026-01-15' })
    const transport = await decide({ serviceTypeCode: 'national_transport', decisionDate: '2026-02-10', receivedDate: '2026-01-15' })
    const fee = await decide({ serviceTypeCode: 'fee_reduction', decisionDate: '2026-02-10', receivedDate: '2026-01-15' })
    const q2 = await report('2026-Q2')
    t.equal(rowsFor(q2, assistance.id).length, 1, 'bistånd not executed in three months: reported')
    t.same(rowsFor(q2, transport.id), [], 'a national-transport permit is outside the duty')
    t.same(rowsFor(q2, fee.id), [], 'a fee decision is outside the duty')
    t.same(q2.legalBasis, ['SoL (2025:400) 34 kap. 1–3 §§'], 'the report cites the provision in force for its quarter')
    t.equal(q2.preliminary, false)
    const list = await ctx.call('GET', '/v1/worklists?asOf=2026-06-01', { token: worker })
    t.equal(list.status, 200)
    const onList = (id: string) => list.body.items.some((i: any) => i.decisionId === id && i.kind.startsWith('execution_'))
    t.ok(onList(assistance.id), 'on the worklist')
    t.notOk(onList(transport.id), 'not on the worklist')
    const q2025 = await report('2025-Q2')
    t.same(q2025.legalBasis, ['SoL (2001:453) 16 kap. 6 f–6 h §§'], 'a 2025-Q2 report cites the old act')
  })

  t.test('reduced execution: cut for three months exactly is in time, one day past is reported', async (t) => {
    const inTime = await decide({ decisionDate: '2026-01-10', receivedDate: '2026-01-05' })
    await act(inTime.id, 'start', { startedDate: '2026-01-20', executedHoursPerMonth: 40 })
    await act(inTime.id, 'hours', { effectiveDate: '2026-01-31', executedHoursPerMonth: 25 })
    await act(inTime.id, 'hours', { effectiveDate: '2026-04-30', executedHoursPerMonth: 40 })
    for (const q of ['2026-Q1', '2026-Q2', '2026-Q3']) t.same(rowsFor(await report(q), inTime.id), [], `restored on the last day: not in ${q}`)

    const late = await decide({ decisionDate: '2026-01-10', receivedDate: '2026-01-05' })
    await act(late.id, 'start', { startedDate: '2026-01-20', executedHoursPerMonth: 40 })
    await act(late.id, 'hours', { effectiveDate: '2026-01-31', executedHoursPerMonth: 25 })
    t.same(rowsFor(await report('2026-Q1'), late.id), [], 'the three months have not passed in Q1')
    t.match(rowsFor(await report('2026-Q2'), late.id), [{
      kind: 'reduced', status: 'waiting', reducedFrom: '2026-01-31', lateFrom: '2026-05-01', partlyExecuted: { grantedHours: 40, executedHours: 25, missingHours: 15 }
    }])
    await act(late.id, 'hours', { effectiveDate: '2026-05-01', executedHoursPerMonth: 40 })
    t.match(rowsFor(await report('2026-Q2'), late.id), [{ kind: 'reduced', status: 'executed', resolvedDate: '2026-05-01' }], 'restored one day past: reported once, as executed late')
    t.same(rowsFor(await report('2026-Q3'), late.id), [])
  })

  t.test('appeals to the end', async (t) => {
    t.test('notified: an appeal on day 21 is in time, on day 22 dismissed unless a reason to accept it is recorded', async (t) => {
      const inTime = await decide({ decisionDate: '2026-03-02', outcome: 'rejected', receivedDate: '2026-01-15' })
      const noted = await post(`/v1/decisions/${inTime.id}/notification`, { date: '2026-03-10', method: 'letter' })
      t.equal(noted.status, 200)
      t.same(noted.body.notification, { date: '2026-03-10', method: 'letter', appealLastDay: '2026-03-31' })
      t.equal((await post(`/v1/decisions/${inTime.id}/notification`, { date: '2026-03-11', method: 'letter' })).status, 409, 'recorded once')
      const day21 = await post(`/v1/decisions/${inTime.id}/appeal`, { receivedDate: '2026-03-31' })
      t.match(day21.body.appeal, { stage: 'received', inTime: true, lastDay: '2026-03-31', dismissedDate: null })

      const late = await decide({ decisionDate: '2026-03-02', outcome: 'rejected', receivedDate: '2026-01-15' })
      await post(`/v1/decisions/${late.id}/notification`, { date: '2026-03-10', method: 'e_service' })
      const day22 = await post(`/v1/decisions/${late.id}/appeal`, { receivedDate: '2026-04-01' })
      t.equal(day22.status, 200)
      t.match(day22.body.appeal, { stage: 'dismissed', inTime: false, lastDay: '2026-03-31', lateAcceptedReason: null })
      t.ok(day22.body.appeal.dismissedDate)
      const afterDismissal = await post(`/v1/decisions/${late.id}/appeal/reconsideration`, { date: '2026-04-02', outcome: 'unchanged' })
      t.equal(afterDismissal.status, 409, 'a dismissed appeal goes no further')
      t.equal(afterDismissal.body.currentState, 'dismissed')

      const accepted = await decide({ decisionDate: '2026-03-02', outcome: 'rejected', receivedDate: '2026-01-15' })
      await post(`/v1/decisions/${accepted.id}/notification`, { date: '2026-03-10', method: 'letter' })
      const res = await post(`/v1/decisions/${accepted.id}/appeal`, { receivedDate: '2026-04-01', lateAcceptedReason: 'incorrect_appeal_information' })
      t.match(res.body.appeal, { stage: 'received', inTime: false, lateAcceptedReason: 'incorrect_appeal_information', dismissedDate: null })

      const future = await post(`/v1/decisions/${accepted.id}/appeal/reconsideration`, { date: '2099-01-01', outcome: 'unchanged' })
      t.equal(future.status, 400)
      t.match(future.body.detail, /cannot be in the future: .*today is/)
      const beforeDecision = await post(`/v1/decisions/${late.id}/notification`, { date: '2026-03-01', method: 'letter' })
      t.equal(beforeDecision.status, 409, 'already recorded')
    })

    t.test('reconsidered in the applicant\'s favour: the decision changes and can be executed; the IVO clock runs from the change', async (t) => {
      const rejected = await decide({ decisionDate: '2026-02-02', outcome: 'rejected', receivedDate: '2026-01-15' })
      t.equal((await ctx.call('GET', `/v1/decisions/${rejected.id}/execution`, { token: worker })).body.state, 'not_executable')
      await post(`/v1/decisions/${rejected.id}/appeal`, { receivedDate: '2026-02-20' })
      const changed = await post(`/v1/decisions/${rejected.id}/appeal/reconsideration`, { date: '2026-03-31', outcome: 'changed_as_requested' })
      t.equal(changed.status, 200)
      t.match(changed.body, { outcome: 'granted', originalOutcome: 'rejected', hoursPerMonth: 40, executableFrom: '2026-03-31', validFrom: '2026-03-31', decisionDate: '2026-02-02' })
      t.match(changed.body.appeal, { stage: 'reconsidered', reconsiderationOutcome: 'changed_as_requested', forwardingDueDate: null })
      t.equal((await ctx.call('GET', `/v1/decisions/${rejected.id}/execution`, { token: worker })).body.state, 'awaiting_order', 'now executable')
      t.same(rowsFor(await report('2026-Q2'), rejected.id), [], 'three months from the change had not passed in Q2')
      t.match(rowsFor(await report('2026-Q3'), rejected.id), [{ status: 'waiting', decisionDate: '2026-02-02', executableFrom: '2026-03-31', lateFrom: '2026-07-01' }])
      await act(rejected.id, 'start', { startedDate: '2026-07-05', executedHoursPerMonth: 40 })
      t.match(rowsFor(await report('2026-Q3'), rejected.id), [{ status: 'executed', resolvedDate: '2026-07-05' }], 'executed late: reported once with the date')
    })

    t.test('a court ruling for the applicant is executed the same way; the forwarding is on the worklist until done', async (t) => {
      const rejected = await decide({ decisionDate: '2026-02-02', outcome: 'rejected', receivedDate: '2026-01-15' })
      await post(`/v1/decisions/${rejected.id}/appeal`, { receivedDate: '2026-02-20' })
      const kept = await post(`/v1/decisions/${rejected.id}/appeal/reconsideration`, { date: '2026-02-25', outcome: 'unchanged' })
      t.match(kept.body, { outcome: 'rejected', appeal: { forwardingDueDate: '2026-03-04' } })
      const due = await ctx.call('GET', '/v1/worklists?asOf=2026-03-05', { token: worker })
      t.match(due.body.items.find((i: any) => i.decisionId === rejected.id), { kind: 'appeal_forwarding_due', dueDate: '2026-03-04' })
      t.ok(due.body.counts.appeal_forwarding_due >= 1)
      t.notOk((await ctx.call('GET', '/v1/worklists?asOf=2026-02-24', { token: worker })).body.items.some((i: any) => i.decisionId === rejected.id && i.kind === 'appeal_forwarding_due'),
        'not before the reconsideration')
      await post(`/v1/decisions/${rejected.id}/appeal/court-referral`, { date: '2026-03-03' })
      t.notOk((await ctx.call('GET', '/v1/worklists?asOf=2026-03-05', { token: worker })).body.items.some((i: any) => i.decisionId === rejected.id && i.kind === 'appeal_forwarding_due'),
        'forwarded: off the worklist')
      const ruled = await post(`/v1/decisions/${rejected.id}/appeal/court-outcome`, { date: '2026-05-15', outcome: 'appeal_partially_granted', hoursPerMonth: 30 })
      t.equal(ruled.status, 200)
      t.match(ruled.body, { outcome: 'partially_granted', originalOutcome: 'rejected', hoursPerMonth: 30, executableFrom: '2026-05-15' })
      t.match(ruled.body.appeal, { stage: 'court_decided', receivedDate: '2026-02-20', reconsideredDate: '2026-02-25', forwardedToCourtDate: '2026-03-03', courtOutcome: 'appeal_partially_granted', courtOutcomeDate: '2026-05-15' },
        'the history of the appeal stays readable')
      t.same(rowsFor(await report('2026-Q2'), rejected.id), [], 'three months from the ruling run to 2026-08-15')
      t.match(rowsFor(await report('2026-Q3'), rejected.id), [{ status: 'waiting', executableFrom: '2026-05-15', lateFrom: '2026-08-16', partlyExecuted: null }])
    })
  })

  t.test('anonymous statistics for the council and the auditors; a quarter not yet over is preliminary', async (t) => {
    const stats = await ctx.token('statistics_reader')
    const res = await ctx.call('GET', '/v1/reports/not-executed-statistics?quarter=2026-Q2', { token: stats })
    t.equal(res.status, 200, 'every role that reads aggregates')
    t.same(res.body.recipients, ['council', 'auditors'])
    const ivoReport = await report('2026-Q2')
    t.equal(res.body.statistics.total, ivoReport.summary.total, 'the same quarter as the IVO report')
    t.equal(res.body.statistics.byWaited.reduce((n: number, b: any) => n + b.total, 0), res.body.statistics.total)
    t.equal(res.body.statistics.byReason.reduce((n: number, b: any) => n + b.total, 0), res.body.statistics.total)
    t.ok(res.body.statistics.byReason.some((b: any) => b.value === 'reduced'), 'reduced execution counted as a reason')
    t.notOk(/personalIdentity|decisionId|\d{8}-/.test(res.raw), 'no individual in it')
    t.equal(res.body.preliminary, false)
    const current = quarterOf(todayInStockholm())
    const now = await ctx.call('GET', `/v1/reports/not-executed-statistics?quarter=${current}`, { token: stats })
    t.equal(now.body.preliminary, true, 'the current quarter is preliminary')
    t.equal((await report(current)).preliminary, true, 'in both reports alike')
    t.equal(parseQuarter(current)?.label, current)
    t.equal((await ctx.call('GET', '/v1/reports/not-executed-statistics?quarter=2026-Q5', { token: stats })).status, 400)
  })
})
