/**
 * The execution state the database keeps for every granted decision (migration 0022) stays what
 * the facts give after every kind of change — a decision taken, its dates changed, a
 * reconsideration in the applicant's favour, each execution step by the unit and by a provider
 * through its order, an execution row written directly — and never claims a decision settled
 * earlier than the domain's own rules (`waitsSettledOn`) do: it may only narrow to a superset.
 */
import t, { type Test } from 'tap'
import { sql } from 'kysely'
import { GRANTING_OUTCOMES } from '../../src/domain/application-process.js'
import { waitsSettledOn } from '../../src/domain/not-executed.js'
import { hoursOfDecision, interruptionsOfDecision, toExecutionFacts } from '../../src/queries/not-executed.js'
import { decided, startExecution } from '../follow-up-fixtures.js'
import { buildTestApp, type TestContext } from '../helper.js'

interface StateRow { service_ends_on: string | null; waits_settled_on: string | null; started_date: string | null; hours_per_month: number | null }

/**
 * Every maintained row against the facts: equal to the state the view derives from them (the
 * triggers missed nothing), and against the domain: open exactly when the rules have an open
 * wait, else settled no earlier than the rules' last resolution. Returns the rows by decision.
 */
async function checkConsistent(t: Test, ctx: TestContext, step: string): Promise<Map<string, StateRow>> {
  const db = ctx.database.db
  const drift = await sql<Record<string, unknown>>`
    (SELECT 'maintained' AS side, * FROM (SELECT * FROM granted_decision_states EXCEPT SELECT * FROM granted_decision_states_from_facts) m)
    UNION ALL
    (SELECT 'from facts' AS side, * FROM (SELECT * FROM granted_decision_states_from_facts EXCEPT SELECT * FROM granted_decision_states) f)`.execute(db)
  t.same(drift.rows, [], `${step}: the maintained state is the state the facts give`)

  const rows = await db.selectFrom('decisions as d')
    .leftJoin('executions as e', 'e.decision_id', 'd.id')
    .leftJoin('granted_decision_states as s', 's.decision_id', 'd.id')
    .select(['d.id', 'd.outcome', 'd.decision_date', 'd.executable_from', 'd.hours_per_month', 'd.valid_to', 'e.started_date', 'e.ended_date', 'e.end_reason',
      's.decision_id as state_of', 's.waits_settled_on', 's.service_ends_on', 's.started_date as state_started', 's.hours_per_month as state_hours'])
    .select([hoursOfDecision(), interruptionsOfDecision()])
    .execute()
  const byDecision = new Map<string, StateRow>()
  let misjudged = 0
  for (const r of rows) {
    const granted = (GRANTING_OUTCOMES as readonly string[]).includes(r.outcome)
    if (!granted) {
      if (r.state_of !== null) misjudged++
      continue
    }
    if (r.state_of === null) {
      misjudged++
      continue
    }
    const settled = waitsSettledOn(toExecutionFacts(r, r, r.hours, r.interruptions))
    const ok = settled === null ? r.waits_settled_on === null : r.waits_settled_on !== null && r.waits_settled_on >= settled
    if (!ok) {
      misjudged++
      t.fail(`${step}: decision ${r.id} settled on ${String(r.waits_settled_on)} in the state, ${String(settled)} by the rules`)
    }
    byDecision.set(r.id, { service_ends_on: r.service_ends_on, waits_settled_on: r.waits_settled_on, started_date: r.state_started, hours_per_month: r.state_hours })
  }
  t.equal(misjudged, 0, `${step}: a state row for each granted decision only, never settled before the rules say`)
  return byDecision
}

async function newProvider(ctx: TestContext, admin: string) {
  const res = await ctx.call('POST', '/v1/providers', { token: admin, body: { name: `Utförare ${Math.random().toString(36).slice(2, 8)}`, regime: 'private', serviceTypeCodes: ['home_care'] } })
  if (res.status !== 201) throw new Error(`provider: ${res.status} ${res.raw}`)
  return res.body
}

t.test('the maintained execution state follows every change of the facts', async (t) => {
  const ctx = await buildTestApp(t)
  const worker = await ctx.token('case_worker', { subject: 'state.worker' })
  const admin = await ctx.token('administrator')
  const post = async (url: string, body: unknown, token = worker, status = 200) => {
    const res = await ctx.call('POST', url, { token, body })
    if (res.status !== status) throw new Error(`${url}: ${res.status} ${res.raw}`)
    return res.body
  }
  const stateOf = async (t: Test, step: string, decisionId: string) => (await checkConsistent(t, ctx, step)).get(decisionId)

  t.test('through the unit\'s execution steps: open until executed in full, reopened by an interruption and by a cut in hours', async (t) => {
    const d = await decided(ctx, worker, { decisionDate: '2026-03-02', validFrom: '2026-03-02', validTo: null, hours: 40, caseWorker: 'state.worker' })
    t.match(await stateOf(t, 'decided', d.id), { waits_settled_on: null, service_ends_on: null, started_date: null, hours_per_month: 40 }, 'decided: waiting')
    const act = (step: string, body: unknown) => post(`/v1/decisions/${d.id}/execution/${step}`, body)
    await act('start', { startedDate: '2026-04-01', executedHoursPerMonth: 20 })
    t.match(await stateOf(t, 'started in part', d.id), { waits_settled_on: null, started_date: '2026-04-01' }, 'half the hours: the missing part waits')
    await act('hours', { effectiveDate: '2026-05-04', executedHoursPerMonth: 40 })
    t.match(await stateOf(t, 'full hours', d.id), { waits_settled_on: '2026-05-04' }, 'executed in full on the day the hours reached the grant')
    await act('interruptions', { startDate: '2026-06-01', reason: 'hospital_stay' })
    t.match(await stateOf(t, 'interrupted', d.id), { waits_settled_on: null }, 'an interruption reopens it')
    await act('resume', { resumedDate: '2026-06-20' })
    t.match(await stateOf(t, 'resumed', d.id), { waits_settled_on: '2026-06-20' })
    await act('hours', { effectiveDate: '2026-07-01', executedHoursPerMonth: 30 })
    t.match(await stateOf(t, 'cut below the grant', d.id), { waits_settled_on: null }, 'reduced execution reopens it')
    await act('hours', { effectiveDate: '2026-08-03', executedHoursPerMonth: 40 })
    t.match(await stateOf(t, 'restored', d.id), { waits_settled_on: '2026-08-03' })
    await act('interruptions', { startDate: '2026-09-01', reason: 'person_request' })
    await act('end', { endedDate: '2026-10-15', reason: 'replaced_by_new_decision' })
    t.match(await stateOf(t, 'ended while interrupted', d.id), { waits_settled_on: '2026-10-15', service_ends_on: '2026-10-15' },
      'a later decision ended it: every wait resolved on the end')
  })

  t.test('through a provider\'s reports on its order', async (t) => {
    const provider = await newProvider(ctx, admin)
    const token = await ctx.token('provider', { provider: provider.id, subject: 'state.provider' })
    const d = await decided(ctx, worker, { decisionDate: '2026-02-02', validFrom: '2026-02-02', validTo: null, hours: 40, caseWorker: 'state.worker' })
    await post(`/v1/decisions/${d.id}/execution/order`, { orderedDate: '2026-02-03', providerId: provider.id, address: 'Storgatan 1', contact: '070-123 45 67' })
    t.match(await stateOf(t, 'ordered', d.id), { waits_settled_on: null })
    const orders = await ctx.call('GET', '/v1/orders?limit=200', { token })
    const orderId = orders.body.items.find((o: any) => o.decisionId === d.id).id as string
    const report = (step: string, body: unknown) => post(`/v1/orders/${orderId}/${step}`, body, token)
    await report('accept', { acceptedDate: '2026-02-04' })
    await report('start', { startedDate: '2026-02-16' })
    t.match(await stateOf(t, 'started by the provider', d.id), { waits_settled_on: '2026-02-16', started_date: '2026-02-16' })
    await report('interrupt', { startDate: '2026-03-10', reason: 'hospital_stay' })
    t.match(await stateOf(t, 'interrupted by the provider', d.id), { waits_settled_on: null })
    await report('resume', { resumedDate: '2026-03-30' })
    t.match(await stateOf(t, 'resumed by the provider', d.id), { waits_settled_on: '2026-03-30' })
    await report('end', { endedDate: '2026-09-30', reason: 'moved' })
    t.match(await stateOf(t, 'ended by the provider', d.id), { waits_settled_on: '2026-03-30', service_ends_on: '2026-09-30' })
  })

  t.test('a time-limited decision that is never executed settles on its last valid day, and moves with it', async (t) => {
    const d = await decided(ctx, worker, { decisionDate: '2026-02-10', validFrom: '2026-02-10', validTo: '2026-06-30', hours: 40, caseWorker: 'state.worker' })
    t.match(await stateOf(t, 'time-limited', d.id), { waits_settled_on: '2026-06-30', service_ends_on: '2026-06-30' }, 'lapses unexecuted on 2026-06-30')
    const current = await ctx.call('GET', `/v1/decisions/${d.id}`, { token: worker })
    const patched = await ctx.call('PATCH', `/v1/decisions/${d.id}`, { token: worker, body: { validTo: '2026-12-31' }, headers: { 'if-match': current.headers.etag as string } })
    t.equal(patched.status, 200, patched.raw)
    t.match(await stateOf(t, 'extended', d.id), { waits_settled_on: '2026-12-31', service_ends_on: '2026-12-31' })
  })

  t.test('a rejected decision has no state until a reconsideration grants it', async (t) => {
    const d = await decided(ctx, worker, { decisionDate: '2026-02-02', outcome: 'rejected', caseWorker: 'state.worker' })
    t.equal(await stateOf(t, 'rejected', d.id), undefined)
    await post(`/v1/decisions/${d.id}/appeal`, { receivedDate: '2026-02-20' })
    await post(`/v1/decisions/${d.id}/appeal/reconsideration`, { date: '2026-03-31', outcome: 'changed_as_requested' })
    t.match(await stateOf(t, 'granted on reconsideration', d.id), { waits_settled_on: null, hours_per_month: 40 })
    await post(`/v1/decisions/${d.id}/execution/start`, { startedDate: '2026-07-05', executedHoursPerMonth: 40 })
    t.match(await stateOf(t, 'executed after the change', d.id), { waits_settled_on: '2026-07-05' })
  })

  t.test('a reassigned application takes its decisions\' items to the new case worker\'s worklist', async (t) => {
    // Expiring (last valid day within 60 days), waiting to be executed, and a plan past due: the
    // case worker's kinds read through the state's case worker (migration 0025).
    const d = await decided(ctx, worker, { decisionDate: '2026-03-02', validFrom: '2026-03-02', validTo: '2026-06-30', hours: 40, caseWorker: 'state.before' })
    const other = await decided(ctx, worker, { decisionDate: '2026-03-02', validFrom: '2026-03-02', validTo: null, hours: 40, caseWorker: 'state.before' })
    await post(`/v1/decisions/${other.id}/execution/order`, { orderedDate: '2026-03-03', providerId: (await newProvider(ctx, admin)).id, address: 'Storgatan 1', contact: '070-123 45 67' })
    const itemsOf = async (caseWorker: string) => {
      const res = await ctx.call('GET', `/v1/worklists/${caseWorker}?asOf=2026-06-01`, { token: worker })
      if (res.status !== 200) throw new Error(`worklist: ${res.status} ${res.raw}`)
      return (res.body.items as { kind: string; decisionId: string | null; caseWorker: string | null }[])
        // A follow-up keeps the case worker it was planned for (its own column): not the application's.
        .filter((i) => (i.decisionId === d.id || i.decisionId === other.id) && !i.kind.startsWith('follow_up_')).map((i) => `${i.kind} ${i.decisionId === d.id ? 'd' : 'other'} ${String(i.caseWorker)}`).sort()
    }
    const before = await itemsOf('state.before')
    t.ok(before.includes('time_limited_decision_expiring d state.before'), `expiring on the first case worker's list: ${before.join(', ')}`)
    t.ok(before.some((i) => i.startsWith('execution_deadline_')), 'the wait to be executed too')
    t.ok(before.includes('implementation_plan_missing other state.before'), 'and the plan past due')
    t.ok(before.includes('start_not_reported other state.before'), 'and the start not reported')
    t.same(await itemsOf('state.after'), [], 'nothing yet on the second\'s')

    // However it is reassigned: here an administrator's UPDATE, not through the API.
    await sql`UPDATE applications SET assigned_case_worker = 'state.after' WHERE id IN (${d.applicationId}, ${other.applicationId})`.execute(ctx.database.db)
    const moved = await stateOf(t, 'reassigned', d.id)
    t.ok(moved, 'still a state row')
    t.same(await itemsOf('state.before'), [], 'gone from the first case worker\'s list')
    t.same(await itemsOf('state.after'), before.map((i) => i.replace('state.before', 'state.after')), 'the same items on the second\'s')
  })

  t.test('an execution row written directly, not through the API, is seen too', async (t) => {
    const d = await decided(ctx, worker, { decisionDate: '2026-03-10', validFrom: '2026-03-10', validTo: null, service: 'safety_alarm', hours: null, caseWorker: 'state.worker' })
    t.match(await stateOf(t, 'decided', d.id), { waits_settled_on: null, hours_per_month: null })
    await startExecution(ctx, d.id, '2026-03-20')
    t.match(await stateOf(t, 'started by an INSERT', d.id), { waits_settled_on: '2026-03-20', started_date: '2026-03-20' })
  })
})
