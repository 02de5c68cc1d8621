import t from 'tap'
import { buildTestApp, createApplication, createPerson } from '../helper.js'
import { decided, startExecution } from '../follow-up-fixtures.js'

t.test('worklists', async (t) => {
  const ctx = await buildTestApp(t)
  const worker = await ctx.token('case_worker', { subject: 'worklist.reader' })
  const list = async (caseWorker: string, query: string, token = worker) => {
    const res = await ctx.call('GET', `/v1/worklists/${caseWorker}?${query}`, { token })
    if (res.status !== 200) throw new Error(`worklist: ${res.status} ${res.raw}`)
    return res.body
  }
  const kinds = (body: any, kind?: string) => (body.items as any[]).filter((i) => kind === undefined || i.kind === kind)

  t.test('a granted decision not executed: warned from 60 days, due on the last on-time day, then passed', async (t) => {
    const d = await decided(ctx, worker, { decisionDate: '2026-03-31', validFrom: '2026-04-01', validTo: null, caseWorker: 'w.exec' })
    t.same(kinds(await list('w.exec', 'asOf=2026-05-29')), [], '59 days after the decision: not yet')
    const warned = await list('w.exec', 'asOf=2026-05-30')
    t.match(kinds(warned), [{
      kind: 'execution_deadline_approaching', dueDate: '2026-06-30', decisionId: d.id, applicationId: d.applicationId, personId: d.personId,
      followUpId: null, caseWorker: 'w.exec', personName: 'Testa Testsson', why: /must be by 2026-06-30 \(31 days left\)/
    }])
    t.match(kinds(await list('w.exec', 'asOf=2026-06-30')), [{ kind: 'execution_deadline_approaching', why: /0 days left/ }], '2026-03-31 → 2026-06-30 is still on time')
    const late = await list('w.exec', 'asOf=2026-07-01')
    t.match(kinds(late), [{ kind: 'execution_deadline_passed', dueDate: '2026-06-30', why: /IVO/ }])
    t.equal(late.counts.execution_deadline_passed, 1)
    t.equal(late.counts.execution_deadline_approaching, 0)
    t.match(kinds(await list('w.exec', 'asOf=2026-03-31&executionWarningDays=0')), [{ kind: 'execution_deadline_approaching' }], 'the warning period is a parameter')

    // Started as the API starts it: with the executed hours (all 40 granted), or it is only partly executed.
    t.equal((await ctx.call('POST', `/v1/decisions/${d.id}/execution/start`, { token: worker, body: { startedDate: '2026-06-30' } })).status, 200)
    t.same(kinds(await list('w.exec', 'asOf=2026-07-01')), [], 'executed: off the list')

    const endedUnexecuted = await decided(ctx, worker, { decisionDate: '2026-03-31', validTo: null, caseWorker: 'w.exec2' })
    await ctx.database.db.insertInto('executions').values({
      decision_id: endedUnexecuted.id, provider_id: null, ordered_date: null, ordered_hours_per_month: null, implementation_plan_due_date: null,
      implementation_plan_received_date: null, started_date: null, ended_date: '2026-05-01', end_reason: 'declined_by_person',
      delay_reason: null, delay_consequences: null, interim_services: null
    }).execute()
    await decided(ctx, worker, { decisionDate: '2026-03-31', outcome: 'rejected', caseWorker: 'w.exec2' })
    t.same(kinds(await list('w.exec2', 'asOf=2026-07-01')), [], 'ended without execution, or rejected: nothing to execute')
  })

  t.test('missing implementation plans: listed the day after the due date, until received', async (t) => {
    const d = await decided(ctx, worker, { validTo: null, caseWorker: 'w.plan' })
    await ctx.database.db.insertInto('executions').values({
      decision_id: d.id, provider_id: null, ordered_date: '2026-04-01', ordered_hours_per_month: 40, implementation_plan_due_date: '2026-04-16',
      implementation_plan_received_date: null, started_date: '2026-04-01', ended_date: null, end_reason: null,
      delay_reason: null, delay_consequences: null, interim_services: null
    }).execute()
    t.same(kinds(await list('w.plan', 'asOf=2026-04-16')), [], 'due today: not yet missing')
    t.match(kinds(await list('w.plan', 'asOf=2026-04-17')), [{ kind: 'implementation_plan_missing', dueDate: '2026-04-16', decisionId: d.id, why: /ordered 2026-04-01.*1 day late/ }])
    await ctx.database.db.updateTable('executions').set({ implementation_plan_received_date: '2026-04-20' }).where('decision_id', '=', d.id).execute()
    t.same(kinds(await list('w.plan', 'asOf=2026-04-21')), [], 'received: off the list')
  })

  t.test('time-limited decisions ending within N days, and their review as a follow-up', async (t) => {
    const d = await decided(ctx, worker, { validTo: '2026-12-31', caseWorker: 'w.exp' })
    await startExecution(ctx, d.id, '2026-04-01')
    t.match(kinds(await list('w.exp', 'asOf=2026-11-01&expiringWithinDays=60'), 'time_limited_decision_expiring'),
      [{ dueDate: '2026-12-31', decisionId: d.id, why: /home care ends 2026-12-31, in 60 days/ }])
    t.same(kinds(await list('w.exp', 'asOf=2026-11-01&expiringWithinDays=59'), 'time_limited_decision_expiring'), [], '59 days ahead reaches 2026-12-30 only')
    t.match(kinds(await list('w.exp', 'asOf=2026-12-31&expiringWithinDays=0'), 'time_limited_decision_expiring'), [{ why: /today/ }])
    t.same(kinds(await list('w.exp', 'asOf=2027-01-01'), 'time_limited_decision_expiring'), [], 'ended: nothing to re-assess')

    const review = (body: any) => kinds(body).filter((i) => i.kind.startsWith('follow_up'))
    t.same(review(await list('w.exp', 'asOf=2026-11-01&upcomingDays=29')), [], 'due 2026-12-01 is 30 days ahead')
    t.match(review(await list('w.exp', 'asOf=2026-11-01&upcomingDays=30')), [{ kind: 'follow_up_upcoming', dueDate: '2026-12-01', decisionId: d.id, followUpId: String }])
    t.match(review(await list('w.exp', 'asOf=2026-12-01')), [{ kind: 'follow_up_upcoming', why: /today/ }])
    const overdue = await list('w.exp', 'asOf=2026-12-02')
    t.match(review(overdue), [{ kind: 'follow_up_overdue', why: /1 day overdue/ }])
    t.equal(overdue.counts.follow_up_overdue, 1)
    t.equal(overdue.counts.follow_up_upcoming, 0)
  })

  t.test('applications waiting for a decision longer than N days', async (t) => {
    const waiting = await createApplication(ctx, worker, { receivedDate: '2026-01-15', assignedCaseWorker: 'w.wait' })
    const withdrawn = await createApplication(ctx, worker, { receivedDate: '2026-01-15', assignedCaseWorker: 'w.wait' })
    t.equal((await ctx.call('POST', `/v1/applications/${withdrawn.id}/withdraw`, { token: worker, body: { date: '2026-01-20' } })).status, 200)
    t.same(kinds(await list('w.wait', 'asOf=2026-02-14&waitingDays=30')), [], 'exactly 30 days is not longer than 30')
    t.match(kinds(await list('w.wait', 'asOf=2026-02-15&waitingDays=30')), [{ kind: 'application_waiting', applicationId: waiting.id, decisionId: null, dueDate: '2026-02-14', why: /waited 31 days/ }])
    t.equal(kinds(await list('w.wait', 'asOf=2026-02-15&waitingDays=31')).length, 0)
  })

  t.test('the unit\'s list, order, counts, limits, names, scoping and the access log', async (t) => {
    const greta = await createPerson(ctx, worker, { firstName: 'Greta', lastName: 'Gustafsson' })
    const a1 = await createApplication(ctx, worker, { personId: greta.id, receivedDate: '2026-01-10', assignedCaseWorker: 'w.unit1' })
    const a2 = await createApplication(ctx, worker, { receivedDate: '2026-01-05', assignedCaseWorker: 'w.unit2' })

    const mine = await list('w.unit1', 'asOf=2026-03-01')
    t.same(kinds(mine).map((i) => [i.applicationId, i.personName]), [[a1.id, 'Greta Gustafsson']], 'only the case worker\'s own')
    t.equal(mine.caseWorker, 'w.unit1')
    t.equal(mine.asOf, '2026-03-01')

    const unit = await ctx.call('GET', '/v1/worklists?asOf=2026-03-01', { token: worker })
    t.equal(unit.status, 200)
    t.equal(unit.body.caseWorker, null)
    const ids = kinds(unit.body, 'application_waiting').map((i: any) => i.applicationId)
    t.ok(ids.includes(a1.id) && ids.includes(a2.id), 'the unit sees every case worker\'s items')
    t.ok(ids.indexOf(a2.id) < ids.indexOf(a1.id), 'earliest due first')
    const dues = unit.body.items.map((i: any) => i.dueDate)
    t.same(dues, [...dues].sort(), 'sorted by due date')
    t.equal(unit.body.counts.application_waiting, kinds(unit.body, 'application_waiting').length)
    t.equal(unit.body.truncated, false)

    const limited = await ctx.call('GET', '/v1/worklists?asOf=2026-03-01&limitPerKind=1', { token: worker })
    t.equal(kinds(limited.body, 'application_waiting').length, 1)
    t.equal(limited.body.counts.application_waiting, unit.body.counts.application_waiting, 'counts are totals beyond the limit')
    t.equal(limited.body.truncated, true)

    const events = await ctx.database.db.selectFrom('audit_events').select(['resource_type', 'resource_id', 'person_id'])
      .where('actor', '=', 'worklist.reader').where('action', '=', 'read').where('resource_id', '=', a1.id).execute()
    t.equal(events.length, 2, 'each list that showed the name logged a read (the limited one did not show it)')
    t.match(events[0], { resource_type: 'application', person_id: greta.id })

    const elsewhere = await ctx.token('case_worker', { unit: 'bromma' })
    t.same((await ctx.call('GET', '/v1/worklists?asOf=2026-03-01', { token: elsewhere })).body.items, [], 'another unit sees none of it')
    t.equal((await ctx.call('GET', '/v1/worklists', { token: await ctx.token('statistics_reader') })).status, 403)
    t.equal((await ctx.call('GET', '/v1/worklists?asOf=2026-02-30', { token: worker })).status, 400)
    t.equal((await ctx.call('GET', '/v1/worklists?limitPerKind=0', { token: worker })).status, 400)
    t.same((await list('nobody.here', 'asOf=2026-03-01')).items, [])
  })

  t.test('protected identity: items of a protected person need the permission', async (t) => {
    const allowed = await ctx.token('case_worker', { permissions: ['protected_identity'] })
    const hidden = await createPerson(ctx, allowed, { protectedIdentity: true })
    const application = await createApplication(ctx, allowed, { personId: hidden.id, receivedDate: '2026-01-10', assignedCaseWorker: 'w.protected' })
    t.same(kinds(await list('w.protected', 'asOf=2026-03-01')), [])
    t.match(kinds(await list('w.protected', 'asOf=2026-03-01', allowed)), [{ applicationId: application.id }])
  })
})
