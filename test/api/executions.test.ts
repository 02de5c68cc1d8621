import t from 'tap'
import { buildTestApp, createApplication, readyForDecision, type TestContext } from '../helper.js'

/** A decision on the given date, the investigation communicated on the received date (the units' default policy communicates every non-urgent one). */
async function grantedDecision(ctx: TestContext, token: string, options: { decisionDate: string; serviceTypeCode?: string; hours?: number | null; validTo?: string; outcome?: string } = { decisionDate: '2026-03-31' }) {
  const serviceTypeCode = options.serviceTypeCode ?? 'home_care'
  const hours = options.hours === undefined ? (serviceTypeCode === 'home_care' ? 40 : null) : options.hours
  const application = await createApplication(ctx, token, {
    receivedDate: '2026-01-15',
    requestedServices: [{ serviceTypeCode, ...(hours !== null ? { requestedHoursPerMonth: hours } : {}) }]
  })
  await readyForDecision(ctx, token, application.id, { communicate: '2026-01-15' })
  const res = await ctx.call('POST', `/v1/applications/${application.id}/decisions`, {
    token,
    body: {
      serviceTypeCode, outcome: options.outcome ?? 'granted', reason: 'Behov av stöd.', decisionDate: options.decisionDate,
      ...(hours !== null && options.outcome !== 'rejected' ? { hoursPerMonth: hours } : {}),
      ...(options.outcome === 'rejected' ? {} : { validFrom: options.decisionDate }),
      ...(options.validTo ? { validTo: options.validTo } : {})
    }
  })
  if (res.status !== 201) throw new Error(`decide: ${res.status} ${res.raw}`)
  return res.body
}

async function provider(ctx: TestContext, admin: string, serviceTypeCodes = ['home_care'], name = `Utförare ${Math.random().toString(36).slice(2, 8)}`) {
  const res = await ctx.call('POST', '/v1/providers', { token: admin, body: { name, regime: 'private', serviceTypeCodes } })
  if (res.status !== 201) throw new Error(`provider: ${res.status} ${res.raw}`)
  return res.body
}

t.test('execution of a decision', async (t) => {
  const ctx = await buildTestApp(t)
  const worker = await ctx.token('case_worker')
  const admin = await ctx.token('administrator')
  const act = (decisionId: string, action: string, body: unknown, headers: Record<string, string> = {}) =>
    ctx.call('POST', `/v1/decisions/${decisionId}/execution/${action}`, { token: worker, body, headers })

  t.test('providers are reference data for administrators', async (t) => {
    const refused = await ctx.call('POST', '/v1/providers', { token: worker, body: { name: 'X', regime: 'private', serviceTypeCodes: ['home_care'] } })
    t.equal(refused.status, 403)
    const unknownType = await ctx.call('POST', '/v1/providers', { token: admin, body: { name: 'Y', regime: 'private', serviceTypeCodes: ['flying_carpet'] } })
    t.equal(unknownType.status, 400)
    const p = await provider(ctx, admin, ['home_care', 'safety_alarm'], 'Omsorg AB')
    t.same(p.serviceTypeCodes, ['home_care', 'safety_alarm'])
    t.equal((await ctx.call('POST', '/v1/providers', { token: admin, body: { name: 'Omsorg AB', regime: 'municipal', serviceTypeCodes: ['home_care'] } })).status, 409, 'names are unique')
    const listed = await ctx.call('GET', '/v1/providers?serviceTypeCode=safety_alarm', { token: worker })
    t.ok(listed.body.items.some((x: any) => x.id === p.id))
    t.notOk((await ctx.call('GET', '/v1/providers?serviceTypeCode=care_home', { token: worker })).body.items.some((x: any) => x.id === p.id))
    const got = await ctx.call('GET', `/v1/providers/${p.id}`, { token: worker })
    const stale = await ctx.call('PATCH', `/v1/providers/${p.id}`, { token: admin, body: { active: false }, headers: { 'if-match': '"99"' } })
    t.equal(stale.status, 412)
    const off = await ctx.call('PATCH', `/v1/providers/${p.id}`, { token: admin, body: { active: false }, headers: { 'if-match': got.headers.etag as string } })
    t.equal(off.status, 200)
    t.equal(off.body.active, false)
    t.equal((await ctx.call('GET', '/v1/providers?active=true', { token: worker })).body.items.some((x: any) => x.id === p.id), false)
  })

  t.test('order → plan → start → partial hours → full hours, with state checks', async (t) => {
    const p = await provider(ctx, admin)
    const d = await grantedDecision(ctx, worker, { decisionDate: '2026-03-02' })
    const before = await ctx.call('GET', `/v1/decisions/${d.id}/execution`, { token: worker })
    t.equal(before.status, 200)
    t.equal(before.body.state, 'awaiting_order')
    t.equal(before.headers.etag, '"0"')
    t.equal(before.body.notExecuted.lastOnTimeDate, '2026-06-02')

    t.equal((await act(d.id, 'resume', { resumedDate: '2026-03-05' })).status, 409, 'nothing to resume')
    const early = await act(d.id, 'order', { orderedDate: '2026-03-01', providerId: p.id })
    t.equal(early.status, 400, 'an order cannot precede the decision')
    const future = await act(d.id, 'order', { orderedDate: '2099-01-01', providerId: p.id })
    t.equal(future.status, 400, 'nor lie in the future')
    const alarmOnly = await provider(ctx, admin, ['safety_alarm'])
    t.equal((await act(d.id, 'order', { orderedDate: '2026-03-03', providerId: alarmOnly.id })).status, 400, 'the provider must offer the service')
    t.equal((await act(d.id, 'order', { orderedDate: '2026-03-03', providerId: p.id, orderedHoursPerMonth: 41 })).status, 400, 'no more than granted')

    const ordered = await act(d.id, 'order', { orderedDate: '2026-03-03', providerId: p.id }, { 'if-match': '"0"' })
    t.equal(ordered.status, 200)
    t.equal(ordered.body.state, 'ordered')
    t.equal(ordered.body.orderedHoursPerMonth, 40, 'defaults to the granted hours')
    t.equal(ordered.body.implementationPlan.dueDate, '2026-03-18', '15 days after the order')
    t.equal(ordered.body.implementationPlan.overdue, true, 'the due date has passed without a plan')
    t.equal(ordered.headers.etag, '"1"')
    t.equal((await act(d.id, 'order', { orderedDate: '2026-03-04', providerId: p.id })).status, 409, 'ordered once')
    t.equal((await act(d.id, 'implementation-plan', { receivedDate: '2026-03-10' }, { 'if-match': '"0"' })).status, 412, 'a stale ETag is refused')

    const plan = await act(d.id, 'implementation-plan', { receivedDate: '2026-03-10' })
    t.equal(plan.body.implementationPlan.overdue, false)
    t.equal((await act(d.id, 'implementation-plan', { receivedDate: '2026-03-11' })).status, 409, 'recorded once')

    for (const tiny of [0.004, 8.4e-323]) {
      t.equal((await act(d.id, 'start', { startedDate: '2026-03-20', executedHoursPerMonth: tiny })).status, 400, `${tiny} hours would be stored as 0.00`)
    }
    const partial = await act(d.id, 'start', { startedDate: '2026-03-20', executedHoursPerMonth: 30 })
    t.equal(partial.status, 200)
    t.equal(partial.body.state, 'executing')
    t.equal(partial.body.executedHoursPerMonth, 30)
    t.equal((await act(d.id, 'start', { startedDate: '2026-03-21' })).status, 409, 'started once')
    t.equal((await act(d.id, 'hours', { effectiveDate: '2026-03-19', executedHoursPerMonth: 40 })).status, 400, 'not before the start')
    const full = await act(d.id, 'hours', { effectiveDate: '2026-04-15', executedHoursPerMonth: 40 })
    t.same(full.body.hours, [{ effectiveDate: '2026-03-20', hoursPerMonth: 30 }, { effectiveDate: '2026-04-15', hoursPerMonth: 40 }])
    t.equal(full.body.notExecuted.lateSince, null)

    const interrupted = await act(d.id, 'interruptions', { startDate: '2026-05-01', reason: 'hospital_stay' })
    t.equal(interrupted.body.state, 'interrupted')
    t.equal((await act(d.id, 'interruptions', { startDate: '2026-05-02', reason: 'other' })).status, 409, 'one open interruption at a time')
    t.equal((await act(d.id, 'resume', { resumedDate: '2026-04-30' })).status, 400, 'resumed before it stopped')
    const resumed = await act(d.id, 'resume', { resumedDate: '2026-05-20' })
    t.equal(resumed.body.state, 'executing')
    t.equal(resumed.body.interruptions[0].endDate, '2026-05-20')

    const ended = await act(d.id, 'end', { endedDate: '2026-06-01', reason: 'moved' })
    t.equal(ended.body.state, 'ended')
    t.equal((await act(d.id, 'interruptions', { startDate: '2026-06-02', reason: 'other' })).status, 409, 'nothing happens after the end')
    t.equal((await act(d.id, 'offers', { offeredDate: '2026-06-02', description: 'x' })).status, 409)
  })

  t.test('starting and ending the execution re-plans its continuous follow-up', async (t) => {
    const d = await grantedDecision(ctx, worker, { decisionDate: '2026-03-02' })
    const continuous = async () => (await ctx.call('GET', `/v1/follow-ups?decisionId=${d.id}&kind=continuous&status=planned`, { token: worker })).body.items
    t.same(await continuous(), [], 'nothing to follow up before the start')
    await act(d.id, 'start', { startedDate: '2026-03-16' })
    t.match(await continuous(), [{ kind: 'continuous', origin: 'automatic', dueDate: '2027-03-16' }], '12 months after the start')
    await act(d.id, 'end', { endedDate: '2026-09-30', reason: 'deceased' })
    t.same(await continuous(), [], 'an ended service is not followed up')
  })

  t.test('a rejected decision cannot be executed', async (t) => {
    const d = await grantedDecision(ctx, worker, { decisionDate: '2026-03-02', outcome: 'rejected' })
    const view = await ctx.call('GET', `/v1/decisions/${d.id}/execution`, { token: worker })
    t.equal(view.body.state, 'not_executable')
    const refused = await act(d.id, 'start', { startedDate: '2026-03-05' })
    t.equal(refused.status, 409)
    t.equal(refused.body.currentState, 'not_executable')
  })

  t.test('hours only for decisions granted in hours', async (t) => {
    const d = await grantedDecision(ctx, worker, { decisionDate: '2026-03-02', serviceTypeCode: 'safety_alarm' })
    t.equal((await act(d.id, 'start', { startedDate: '2026-03-05', executedHoursPerMonth: 3 })).status, 400)
    const started = await act(d.id, 'start', { startedDate: '2026-03-05' })
    t.equal(started.status, 200)
    t.same(started.body.hours, [])
    t.equal((await act(d.id, 'hours', { effectiveDate: '2026-03-06', executedHoursPerMonth: 3 })).status, 400)
  })

  t.test('offers: a declined offer is recorded and the person stays waiting', async (t) => {
    const d = await grantedDecision(ctx, worker, { decisionDate: '2026-03-02' })
    t.equal((await act(d.id, 'offers', { offeredDate: '2026-03-10', description: 'x', response: 'declined' })).status, 400, 'an answer needs its date')
    t.equal((await act(d.id, 'offers', { offeredDate: '2026-03-10', description: 'x', response: 'declined', responseDate: '2026-03-09' })).status, 400, 'not answered before offered')
    const offered = await act(d.id, 'offers', { offeredDate: '2026-03-10', description: 'Hemtjänst från Omsorg AB' })
    const offerId = offered.body.offers[0].id
    t.equal(offered.body.offers[0].response, 'pending')
    const answered = await ctx.call('POST', `/v1/decisions/${d.id}/execution/offers/${offerId}/response`, { token: worker, body: { response: 'declined', responseDate: '2026-03-12' } })
    t.equal(answered.status, 200)
    t.equal(answered.body.offers[0].response, 'declined')
    t.equal(answered.body.state, 'awaiting_order', 'declining does not close the case')
    t.equal((await ctx.call('POST', `/v1/decisions/${d.id}/execution/offers/${offerId}/response`, { token: worker, body: { response: 'accepted', responseDate: '2026-03-13' } })).status, 409, 'answered once')
    const account = await ctx.call('PUT', `/v1/decisions/${d.id}/execution/delay-account`, { token: worker, body: { reason: 'Personen tackade nej.', consequences: null, interimServices: 'Anhörig hjälper.' } })
    t.same(account.body.delayAccount, { reason: 'Personen tackade nej.', consequences: null, interimServices: 'Anhörig hjälper.' })
    t.not(account.body.notExecuted.lateSince, null, 'decided 2026-03-02 and still waiting: late since 2026-06-03')
    t.equal(account.body.notExecuted.lateSince, '2026-06-03')
  })

  t.test('access: another unit and statistics readers see nothing', async (t) => {
    const d = await grantedDecision(ctx, worker, { decisionDate: '2026-03-02' })
    const other = await ctx.token('case_worker', { unit: 'bromma' })
    t.equal((await ctx.call('GET', `/v1/decisions/${d.id}/execution`, { token: other })).status, 404)
    t.equal((await ctx.call('POST', `/v1/decisions/${d.id}/execution/start`, { token: other, body: { startedDate: '2026-03-05' } })).status, 404)
    const stats = await ctx.token('statistics_reader')
    t.equal((await ctx.call('GET', `/v1/decisions/${d.id}/execution`, { token: stats })).status, 403)
    const audit = await ctx.database.db.selectFrom('audit_events').selectAll().where('resource_type', '=', 'execution').where('resource_id', '=', d.id).execute()
    t.equal(audit.length, 0, 'refused requests leave no read in the log')
    await ctx.call('GET', `/v1/decisions/${d.id}/execution`, { token: worker })
    const logged = await ctx.database.db.selectFrom('audit_events').selectAll().where('resource_type', '=', 'execution').where('resource_id', '=', d.id).execute()
    t.equal(logged.length, 1)
  })
})

export { grantedDecision, provider }
