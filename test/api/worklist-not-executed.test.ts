import t, { type Test } from 'tap'
import { buildTestApp } from '../helper.js'
import { decided } from '../follow-up-fixtures.js'

/**
 * The worklist's execution items and the quarterly IVO report of not-executed decisions apply
 * one rule: on a day D a decision is past the limit when its wait from the decision date is
 * late on D and not resolved (executed in full, ended or lapsed) by D. Each case is read on
 * several days, through both endpoints, and the two must agree.
 */
t.test('the worklist and the IVO report agree on not-executed decisions', async (t) => {
  const ctx = await buildTestApp(t)
  const worker = await ctx.token('case_worker', { subject: 'agreement.reader' })

  async function executionItems(caseWorker: string, asOf: string) {
    const res = await ctx.call('GET', `/v1/worklists/${caseWorker}?asOf=${asOf}`, { token: worker })
    if (res.status !== 200) throw new Error(`worklist: ${res.status} ${res.raw}`)
    const items = (res.body.items as any[]).filter((i) => i.kind === 'execution_deadline_approaching' || i.kind === 'execution_deadline_passed')
    return { items, passed: res.body.counts.execution_deadline_passed as number, approaching: res.body.counts.execution_deadline_approaching as number }
  }
  async function reportRows(decisionId: string, quarter: string) {
    const res = await ctx.call('GET', `/v1/reports/not-executed-decisions?quarter=${quarter}`, { token: await ctx.token('case_worker', { permissions: ['ivo_reporting'] }) })
    if (res.status !== 200) throw new Error(`report: ${res.status} ${res.raw}`)
    return (res.body.items as any[]).filter((row) => row.decisionId === decisionId && row.kind === 'not_executed')
  }
  async function act(decisionId: string, action: string, body: unknown) {
    const res = await ctx.call('POST', `/v1/decisions/${decisionId}/execution/${action}`, { token: worker, body })
    if (res.status !== 200) throw new Error(`${action}: ${res.status} ${res.raw}`)
    return res.body
  }
  const quarterOf = (date: string) => `${date.slice(0, 4)}-Q${Math.ceil(Number(date.slice(5, 7)) / 3)}`

  /**
   * The worklist on `asOf` shows the decision as past the limit exactly when the report of that
   * day's quarter lists it as late by then and not yet resolved on that day.
   */
  async function agreeOn(t: Test, decisionId: string, caseWorker: string, asOf: string) {
    const list = await executionItems(caseWorker, asOf)
    const passed = list.items.some((i) => i.decisionId === decisionId && i.kind === 'execution_deadline_passed')
    const rows = await reportRows(decisionId, quarterOf(asOf))
    const waitingInReport = rows.some((r) => r.lateFrom <= asOf && (r.resolvedDate === null || r.resolvedDate > asOf))
    t.equal(passed, waitingInReport, `on ${asOf}: worklist says ${passed ? '' : 'not '}past the limit, the report ${waitingInReport ? '' : 'not '}waiting`)
  }

  t.test('a time-limited decision that lapsed unexecuted before the limit: never reported, so off the worklist once lapsed', async (t) => {
    const d = await decided(ctx, worker, { decisionDate: '2026-03-31', validFrom: '2026-03-31', validTo: '2026-06-15', caseWorker: 'agree.lapsed.early' })
    t.match((await executionItems('agree.lapsed.early', '2026-06-01')).items, [{ kind: 'execution_deadline_approaching', decisionId: d.id, dueDate: '2026-06-30' }],
      'still valid and unexecuted: warned')
    const after = await executionItems('agree.lapsed.early', '2026-07-01')
    t.same(after.items, [], 'lapsed on 2026-06-15: nothing left to execute, and not for IVO')
    t.equal(after.passed, 0)
    t.equal(after.approaching, 0)
    t.same(await reportRows(d.id, '2026-Q3'), [], 'the report leaves it out')
    for (const day of ['2026-06-01', '2026-06-15', '2026-06-16', '2026-07-01', '2026-11-29']) await agreeOn(t, d.id, 'agree.lapsed.early', day)
  })

  t.test('a time-limited decision that lapsed unexecuted after the limit: on both while it waits, on neither after it lapsed', async (t) => {
    const d = await decided(ctx, worker, { decisionDate: '2026-02-10', validFrom: '2026-02-10', validTo: '2026-08-31', caseWorker: 'agree.lapsed.late' })
    t.match((await executionItems('agree.lapsed.late', '2026-06-01')).items, [{ kind: 'execution_deadline_passed', decisionId: d.id, dueDate: '2026-05-10' }])
    t.match(await reportRows(d.id, '2026-Q2'), [{ status: 'waiting' }])
    t.same((await executionItems('agree.lapsed.late', '2026-09-01')).items, [], 'lapsed on 2026-08-31')
    t.match(await reportRows(d.id, '2026-Q3'), [{ status: 'ended', endReason: 'decision_expired', resolvedDate: '2026-08-31' }], 'reported once more as lapsed')
    t.same(await reportRows(d.id, '2026-Q4'), [])
    for (const day of ['2026-05-10', '2026-05-11', '2026-06-30', '2026-08-30', '2026-08-31', '2026-09-01', '2026-11-29']) await agreeOn(t, d.id, 'agree.lapsed.late', day)
  })

  t.test('a partly executed decision: the missing part waits, on the worklist as in the report, until the hours reach the grant', async (t) => {
    const d = await decided(ctx, worker, { decisionDate: '2026-03-31', validFrom: '2026-03-31', validTo: null, hours: 40, caseWorker: 'agree.partly' })
    await act(d.id, 'start', { startedDate: '2026-04-10', executedHoursPerMonth: 20 })
    t.match((await executionItems('agree.partly', '2026-06-01')).items, [{ kind: 'execution_deadline_approaching', decisionId: d.id, dueDate: '2026-06-30', why: /20 of 40/ }],
      'started with half the hours: still to execute in full')
    const late = await executionItems('agree.partly', '2026-07-01')
    t.match(late.items, [{ kind: 'execution_deadline_passed', decisionId: d.id, dueDate: '2026-06-30', why: /IVO.*20 of 40/ }])
    t.equal(late.passed, 1)
    t.match(await reportRows(d.id, '2026-Q3'), [{ status: 'waiting', partlyExecuted: { grantedHours: 40, executedHours: 20, missingHours: 20 } }])

    await act(d.id, 'hours', { effectiveDate: '2026-08-15', executedHoursPerMonth: 40 })
    t.match((await executionItems('agree.partly', '2026-08-14')).items, [{ kind: 'execution_deadline_passed', decisionId: d.id }], 'the day before the full hours')
    t.same((await executionItems('agree.partly', '2026-08-15')).items, [], 'executed in full: off the list')
    t.match(await reportRows(d.id, '2026-Q3'), [{ status: 'executed', resolvedDate: '2026-08-15' }])
    for (const day of ['2026-06-30', '2026-07-01', '2026-08-14', '2026-08-15', '2026-10-01']) await agreeOn(t, d.id, 'agree.partly', day)
  })

  t.test('started with all the hours, or ended: off the worklist, as in the report', async (t) => {
    const full = await decided(ctx, worker, { decisionDate: '2026-03-31', validFrom: '2026-03-31', validTo: null, hours: 40, caseWorker: 'agree.full' })
    await act(full.id, 'start', { startedDate: '2026-04-10' })
    const ended = await decided(ctx, worker, { decisionDate: '2026-03-31', validFrom: '2026-03-31', validTo: null, hours: 40, caseWorker: 'agree.full' })
    await act(ended.id, 'end', { endedDate: '2026-04-20', reason: 'moved' })
    t.same((await executionItems('agree.full', '2026-07-01')).items, [])
    for (const day of ['2026-06-01', '2026-07-01']) {
      await agreeOn(t, full.id, 'agree.full', day)
      await agreeOn(t, ended.id, 'agree.full', day)
    }
  })

  t.test('a partly executed decision is not shown to another case worker, and counts beyond the limit', async (t) => {
    const a = await decided(ctx, worker, { decisionDate: '2026-02-02', validFrom: '2026-02-02', validTo: null, hours: 30, caseWorker: 'agree.limit' })
    const b = await decided(ctx, worker, { decisionDate: '2026-02-01', validFrom: '2026-02-01', validTo: null, hours: 30, caseWorker: 'agree.limit' })
    await act(a.id, 'start', { startedDate: '2026-02-10', executedHoursPerMonth: 10 })
    const res = await ctx.call('GET', '/v1/worklists/agree.limit?asOf=2026-06-01&limitPerKind=1', { token: worker })
    t.equal(res.status, 200)
    const shown = (res.body.items as any[]).filter((i) => i.kind === 'execution_deadline_passed')
    t.same(shown.map((i) => i.decisionId), [b.id], 'the oldest decision first')
    t.equal(res.body.counts.execution_deadline_passed, 2, 'the count includes the partly executed one beyond the limit')
    t.equal(res.body.truncated, true)
    t.same((await executionItems('agree.someone.else', '2026-06-01')).items, [])
  })
})
