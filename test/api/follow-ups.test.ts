import t from 'tap'
import { replanFollowUps } from '../../src/features/follow-ups/planning.js'
import { buildTestApp, createApplication, createPerson, readyForDecision } from '../helper.js'
import { decided, followUpsOf, startExecution } from '../follow-up-fixtures.js'

t.test('follow-ups', async (t) => {
  const ctx = await buildTestApp(t)
  const worker = await ctx.token('case_worker', { subject: 'anna.andersson' })
  const manager = await ctx.token('unit_manager')
  const admin = await ctx.token('administrator')

  t.test('deciding a time-limited grant plans its review 30 days before the end, for the application\'s case worker', async (t) => {
    const decision = await decided(ctx, worker, { validTo: '2027-03-31' })
    const planned = await followUpsOf(ctx, worker, decision.id)
    t.equal(planned.length, 1)
    t.match(planned[0], {
      kind: 'time_limited_review', origin: 'automatic', status: 'planned', dueDate: '2027-03-01', basisDate: '2027-03-31',
      decisionId: decision.id, applicationId: decision.applicationId, personId: decision.personId, assignedCaseWorker: 'anna.andersson', overdue: false
    })
    const audit = await ctx.database.db.selectFrom('audit_events').select(['action', 'resource_type'])
      .where('resource_id', '=', planned[0].id).execute()
    t.match(audit, [{ action: 'create', resource_type: 'follow_up' }], 'the planned follow-up is in the access log')

    const open = await decided(ctx, worker, { validTo: null })
    t.same(await followUpsOf(ctx, worker, open.id), [], 'an open-ended decision has no review')
    const rejected = await decided(ctx, worker, { outcome: 'rejected' })
    t.same(await followUpsOf(ctx, worker, rejected.id), [], 'a rejection is not followed up')
  })

  t.test('changing a decision\'s dates re-plans its follow-ups', async (t) => {
    const decision = await decided(ctx, worker, { validTo: '2027-03-31' })
    const [review] = await followUpsOf(ctx, worker, decision.id)
    const path = `/v1/decisions/${decision.id}`

    t.equal((await ctx.call('PATCH', path, { token: worker, body: { validTo: '2027-09-30' }, headers: { 'if-match': '"7"' } })).status, 412, 'stale If-Match')
    const backwards = await ctx.call('PATCH', path, { token: worker, body: { validTo: '2026-03-31' } })
    t.equal(backwards.status, 400, 'the end cannot precede the start')
    t.equal(backwards.body.errors[0].pointer, '/validTo')
    t.equal((await ctx.call('PATCH', path, { token: worker, body: {} })).status, 400, 'an empty change')
    t.equal((await ctx.call('PATCH', path, { token: admin, body: { validTo: '2027-09-30' } })).status, 403, 'administrators do not decide')
    t.same(await followUpsOf(ctx, worker, decision.id), [review], 'refused changes re-plan nothing')

    const extended = await ctx.call('PATCH', path, { token: worker, body: { validTo: '2027-09-30' }, headers: { 'if-match': '"1"' } })
    t.equal(extended.status, 200)
    t.equal(extended.body.validTo, '2027-09-30')
    t.equal(extended.headers.etag, '"2"')
    const [moved] = await followUpsOf(ctx, worker, decision.id)
    t.equal(moved.id, review.id, 'the same follow-up is moved')
    t.equal(moved.dueDate, '2027-08-31')
    t.equal(moved.version, 2)

    const openEnded = await ctx.call('PATCH', path, { token: worker, body: { validTo: null } })
    t.equal(openEnded.status, 200)
    t.same(await followUpsOf(ctx, worker, decision.id), [], 'no end, no review')
    const cancelled = await followUpsOf(ctx, worker, decision.id, 'cancelled')
    t.match(cancelled, [{ id: review.id, cancellation: { by: 'replanned' } }])

    await ctx.call('PATCH', path, { token: worker, body: { validTo: '2027-09-30' } })
    const again = await followUpsOf(ctx, worker, decision.id)
    t.equal(again.length, 1, 'an end again: a review again')
    t.not(again[0].id, review.id)
    t.equal(again[0].dueDate, '2027-08-31')

    const events = await ctx.database.db.selectFrom('audit_events').select(['action', 'resource_type'])
      .where('resource_id', '=', decision.id).where('action', '=', 'update').execute()
    t.equal(events.length, 3, 'each change of dates is logged')
  })

  t.test('changing dates follows the decision rules and the delegation order', async (t) => {
    const big = await decided(ctx, manager, { hours: 120, validTo: '2027-03-31' })
    const refused = await ctx.call('PATCH', `/v1/decisions/${big.id}`, { token: worker, body: { validTo: '2027-06-30' } })
    t.equal(refused.status, 403)
    t.equal(refused.body.rule, 'home_care_over_99_hours')
    t.equal((await ctx.call('PATCH', `/v1/decisions/${big.id}`, { token: manager, body: { validTo: '2027-06-30' } })).status, 200)
    const rejected = await decided(ctx, worker, { outcome: 'rejected' })
    const noPeriod = await ctx.call('PATCH', `/v1/decisions/${rejected.id}`, { token: worker, body: { validTo: '2027-06-30' } })
    t.equal(noPeriod.status, 400, 'a rejection has no validity period')
    const other = await ctx.token('unit_manager', { unit: 'bromma' })
    t.equal((await ctx.call('PATCH', `/v1/decisions/${big.id}`, { token: other, body: { validTo: '2027-06-30' } })).status, 404, 'another unit\'s decision')
  })

  t.test('a cancelled automatic follow-up is not planned again for the same end', async (t) => {
    const decision = await decided(ctx, worker, { validTo: '2027-03-31' })
    const [review] = await followUpsOf(ctx, worker, decision.id)
    const cancel = await ctx.call('POST', `/v1/follow-ups/${review.id}/cancel`, { token: worker, body: { date: '2026-04-02', reason: 'Omprövas i annat ärende.' } })
    t.equal(cancel.status, 200)
    t.match(cancel.body, { status: 'cancelled', cancellation: { date: '2026-04-02', by: 'by_user' } })
    t.equal((await ctx.call('PATCH', `/v1/decisions/${decision.id}`, { token: worker, body: { validFrom: '2026-04-02' } })).status, 200)
    t.same(await followUpsOf(ctx, worker, decision.id), [], 'the person\'s cancellation stands')
    const again = await ctx.call('POST', `/v1/follow-ups/${review.id}/cancel`, { token: worker, body: { date: '2026-04-02', reason: 'x' } })
    t.equal(again.status, 409)
    t.equal(again.body.currentState, 'cancelled')
  })

  t.test('continuous follow-up: 12 months from the execution start, then from the last one performed; none once ended', async (t) => {
    const decision = await decided(ctx, worker, { validTo: null })
    await startExecution(ctx, decision.id, '2026-04-01')
    const entries = await ctx.database.db.transaction().execute((trx) => replanFollowUps(trx, decision.id))
    t.match(entries, [{ action: 'create', resourceType: 'follow_up', personId: decision.personId }])
    t.same(await ctx.database.db.transaction().execute((trx) => replanFollowUps(trx, decision.id)), [], 'a second re-plan changes nothing')
    const [first] = await followUpsOf(ctx, worker, decision.id)
    t.match(first, { kind: 'continuous', dueDate: '2027-04-01', basisDate: '2026-04-01' })

    const performed = await ctx.call('POST', `/v1/follow-ups/${first.id}/perform`, {
      token: worker, headers: { 'if-match': `"${first.version}"` },
      body: { performedDate: '2026-10-15', method: 'home_visit', findings: 'Insatserna motsvarar behovet.', orderedHoursPerMonth: 40, deliveredHoursPerMonth: 34.5, outcome: 'unchanged' }
    })
    t.equal(performed.status, 200)
    t.match(performed.body, { status: 'performed', performance: { performedDate: '2026-10-15', performedBy: 'anna.andersson', missingHoursPerMonth: 5.5, outcome: 'unchanged', newApplicationId: null } })
    const [next] = await followUpsOf(ctx, worker, decision.id)
    t.match(next, { kind: 'continuous', origin: 'automatic', dueDate: '2027-10-15', basisDate: '2026-10-15' }, 'the next one counts from this one')
    t.not(next.id, first.id)

    await ctx.database.db.updateTable('executions').set({ ended_date: '2026-11-01', end_reason: 'moved' }).where('decision_id', '=', decision.id).execute()
    await ctx.database.db.transaction().execute((trx) => replanFollowUps(trx, decision.id))
    t.same(await followUpsOf(ctx, worker, decision.id), [], 'an ended service is not followed up')
  })

  t.test('a time-limited executing decision: no continuous follow-up after its end', async (t) => {
    const decision = await decided(ctx, worker, { validTo: '2027-03-31' })
    await startExecution(ctx, decision.id, '2026-04-01')
    await ctx.database.db.transaction().execute((trx) => replanFollowUps(trx, decision.id))
    t.same((await followUpsOf(ctx, worker, decision.id)).map((f) => f.kind), ['time_limited_review'], 'continuous would be due 2027-04-01, after the end')
    await ctx.call('PATCH', `/v1/decisions/${decision.id}`, { token: worker, body: { validTo: '2027-04-01' } })
    t.same((await followUpsOf(ctx, worker, decision.id)).map((f) => [f.kind, f.dueDate]), [['time_limited_review', '2027-03-02'], ['continuous', '2027-04-01']])
  })

  t.test('hospital discharge: one follow-up per application, within a month of the first service\'s start', async (t) => {
    const application = await createApplication(ctx, worker, {
      channel: 'hospital_discharge', assignedCaseWorker: 'bo.berg',
      requestedServices: [{ serviceTypeCode: 'home_care', requestedHoursPerMonth: 30 }, { serviceTypeCode: 'safety_alarm' }]
    })
    await readyForDecision(ctx, worker, application.id)
    const decide = (body: object) => ctx.call('POST', `/v1/applications/${application.id}/decisions`, { token: worker, body: { reason: 'Behov efter utskrivning.', decisionDate: '2026-02-10', ...body } })
    t.equal((await decide({ serviceTypeCode: 'home_care', outcome: 'granted', hoursPerMonth: 30, validFrom: '2026-01-31' })).status, 201)
    const list = async () => (await ctx.call('GET', `/v1/follow-ups?applicationId=${application.id}&kind=hospital_discharge&status=planned`, { token: worker })).body.items
    const [first] = await list()
    t.match(first, { kind: 'hospital_discharge', origin: 'automatic', decisionId: null, applicationId: application.id, dueDate: '2026-02-28', assignedCaseWorker: 'bo.berg' }, '31 Jan + 1 month')
    t.equal((await decide({ serviceTypeCode: 'safety_alarm', outcome: 'granted', validFrom: '2026-01-20' })).status, 201)
    const after = await list()
    t.equal(after.length, 1, 'still one for the application')
    t.equal(after[0].id, first.id)
    t.equal(after[0].dueDate, '2026-02-20', 'counted from the earlier start')
    t.equal(after[0].overdue, true, 'past due today')
  })

  t.test('creating follow-ups by hand: links, kinds and idempotency', async (t) => {
    const decision = await decided(ctx, worker, { validTo: null, caseWorker: 'cecilia.cajsa' })
    const body = { kind: 'continuous', decisionId: decision.id, dueDate: '2026-12-15', plannedDate: '2026-12-01' }
    const created = await ctx.call('POST', '/v1/follow-ups', { token: worker, body, headers: { 'idempotency-key': 'fu-1' } })
    t.equal(created.status, 201)
    t.equal(created.headers.location, `/v1/follow-ups/${created.body.id}`)
    t.match(created.body, { kind: 'continuous', origin: 'manual', personId: decision.personId, applicationId: decision.applicationId, assignedCaseWorker: 'cecilia.cajsa', plannedDate: '2026-12-01' })
    const replay = await ctx.call('POST', '/v1/follow-ups', { token: worker, body, headers: { 'idempotency-key': 'fu-1' } })
    t.equal(replay.body.id, created.body.id)
    t.equal(replay.headers['idempotent-replayed'], 'true')

    const rejected = await decided(ctx, worker, { outcome: 'rejected' })
    const notGranted = await ctx.call('POST', '/v1/follow-ups', { token: worker, body: { kind: 'continuous', decisionId: rejected.id, dueDate: '2026-12-15' } })
    t.equal(notGranted.status, 409)
    t.equal(notGranted.body.rule, 'decision_not_granted')
    const notLimited = await ctx.call('POST', '/v1/follow-ups', { token: worker, body: { kind: 'time_limited_review', decisionId: decision.id, dueDate: '2026-12-15' } })
    t.equal(notLimited.body.rule, 'decision_not_time_limited')
    const notDischarge = await ctx.call('POST', '/v1/follow-ups', { token: worker, body: { kind: 'hospital_discharge', applicationId: decision.applicationId, dueDate: '2026-12-15' } })
    t.equal(notDischarge.status, 409)
    t.equal(notDischarge.body.rule, 'not_hospital_discharge')
    t.equal((await ctx.call('POST', '/v1/follow-ups', { token: worker, body: { kind: 'continuous', dueDate: '2026-12-15', personId: decision.personId } })).status, 400, 'continuous needs a decision')
    t.equal((await ctx.call('POST', '/v1/follow-ups', { token: worker, body: { kind: 'kin', decisionId: decision.id, dueDate: '2026-12-15' } })).status, 400, 'KIN needs its context')
    t.equal((await ctx.call('POST', '/v1/follow-ups', { token: worker, body: { kind: 'continuous', serviceContext: 'home_care', decisionId: decision.id, dueDate: '2026-12-15' } })).status, 400, 'only KIN has a context')
    const otherPerson = await decided(ctx, worker, { validTo: null })
    t.equal((await ctx.call('POST', '/v1/follow-ups', { token: worker, body: { kind: 'continuous', decisionId: decision.id, personId: otherPerson.personId, dueDate: '2026-12-15' } })).status, 400, 'links must agree')
    t.equal((await ctx.call('POST', '/v1/follow-ups', { token: worker, body: { kind: 'continuous', decisionId: decision.id, applicationId: otherPerson.applicationId, dueDate: '2026-12-15' } })).status, 400)
    const elsewhere = await ctx.token('case_worker', { unit: 'bromma' })
    t.equal((await ctx.call('POST', '/v1/follow-ups', { token: elsewhere, body })).status, 404, 'another unit\'s decision')
    const stats = await ctx.token('statistics_reader')
    t.equal((await ctx.call('POST', '/v1/follow-ups', { token: stats, body })).status, 403)
  })

  t.test('KIN: the nine standard questions, and one answer per question when performed', async (t) => {
    const questions = await ctx.call('GET', '/v1/kin-questions', { token: worker })
    t.equal(questions.status, 200)
    t.equal(questions.body.items.length, 9)
    t.equal(questions.body.items.filter((q: any) => q.serviceContext === 'home_care').length, 4)
    t.ok(questions.body.items.some((q: any) => q.textSv === 'Hur nöjd eller missnöjd är du sammantaget med den hemtjänst du har?'))
    t.ok(questions.body.items.some((q: any) => q.textSv === 'Har du deltagit i planeringen om hur den beviljade hjälpen ska utföras'), 'verbatim, without a question mark')
    t.match(questions.body.items[0].options[0], { code: 'very_satisfied', labelSv: 'Mycket nöjd', favourable: true })

    const decision = await decided(ctx, worker, { validTo: null })
    const kin = await ctx.call('POST', '/v1/follow-ups', { token: worker, body: { kind: 'kin', serviceContext: 'home_care', decisionId: decision.id, dueDate: '2026-10-31' } })
    t.equal(kin.status, 201)
    const perform = (body: object) => ctx.call('POST', `/v1/follow-ups/${kin.body.id}/perform`, {
      token: worker, body: { performedDate: '2026-10-20', method: 'home_visit', findings: 'Nöjd.', outcome: 'unchanged', ...body }
    })
    t.equal((await perform({})).status, 400, 'answers are required')
    const partial = await perform({ kinAnswers: [{ questionCode: 'home_care_overall_satisfaction', answer: 'fairly_satisfied' }] })
    t.equal(partial.status, 400)
    t.match(partial.body.errors[0].message, /missing: home_care_safety/)
    const wrongContext = await perform({ kinAnswers: [{ questionCode: 'care_home_meals', answer: 'yes' }] })
    t.match(wrongContext.body.errors[0], { pointer: '/kinAnswers/0/questionCode' })
    const answers = [
      { questionCode: 'home_care_overall_satisfaction', answer: 'fairly_satisfied' },
      { questionCode: 'home_care_safety', answer: 'fairly_unsafe' },
      { questionCode: 'home_care_help_as_agreed', answer: 'mostly' },
      { questionCode: 'home_care_planning_participation', answer: null }
    ]
    const offScale = await perform({ kinAnswers: answers.map((a, i) => (i === 2 ? { ...a, answer: 'yes' } : a)) })
    t.equal(offScale.status, 400)
    t.equal(offScale.body.errors[0].pointer, '/kinAnswers/2/answer')
    const ok = await perform({ kinAnswers: answers })
    t.equal(ok.status, 200)
    t.same(ok.body.kinAnswers, [
      { questionCode: 'home_care_overall_satisfaction', answer: 'fairly_satisfied', favourable: true },
      { questionCode: 'home_care_safety', answer: 'fairly_unsafe', favourable: false },
      { questionCode: 'home_care_help_as_agreed', answer: 'mostly', favourable: true },
      { questionCode: 'home_care_planning_participation', answer: null, favourable: null }
    ])
    t.same((await ctx.call('GET', `/v1/follow-ups/${kin.body.id}`, { token: worker })).body.kinAnswers, ok.body.kinAnswers)

    const continuous = await ctx.call('POST', '/v1/follow-ups', { token: worker, body: { kind: 'continuous', decisionId: decision.id, dueDate: '2026-10-31' } })
    const notKin = await ctx.call('POST', `/v1/follow-ups/${continuous.body.id}/perform`, {
      token: worker, body: { performedDate: '2026-10-20', method: 'phone', findings: 'Ok.', outcome: 'unchanged', kinAnswers: answers }
    })
    t.equal(notKin.status, 400, 'answers belong to KIN follow-ups only')
  })

  t.test('performing: dates, outcome and the link to a new application', async (t) => {
    const decision = await decided(ctx, worker, { validTo: null, decisionDate: '2026-03-25' })
    const created = await ctx.call('POST', '/v1/follow-ups', { token: worker, body: { kind: 'continuous', decisionId: decision.id, dueDate: '2026-10-31' } })
    const path = `/v1/follow-ups/${created.body.id}/perform`
    const base = { method: 'phone', findings: 'Behovet har ökat.', outcome: 'changed' }
    t.equal((await ctx.call('POST', path, { token: worker, body: { ...base, performedDate: '2099-01-01' } })).status, 400, 'not in the future')
    const early = await ctx.call('POST', path, { token: worker, body: { ...base, performedDate: '2026-03-24' } })
    t.equal(early.status, 400, 'not before the decision')
    t.equal(early.body.errors[0].pointer, '/performedDate')
    t.equal((await ctx.call('POST', path, { token: worker, body: { ...base, performedDate: '2026-03-25' } })).status, 400, 'changed needs the new application')
    const stranger = await createApplication(ctx, worker)
    t.equal((await ctx.call('POST', path, { token: worker, body: { ...base, performedDate: '2026-03-25', newApplicationId: stranger.id } })).status, 400, 'another person\'s application')
    t.equal((await ctx.call('POST', path, { token: worker, body: { ...base, outcome: 'unchanged', performedDate: '2026-03-25', newApplicationId: stranger.id } })).status, 400, 'only changed links one')
    const newApplication = await createApplication(ctx, worker, { personId: decision.personId, receivedDate: '2026-10-01' })
    t.equal((await ctx.call('POST', path, { token: worker, headers: { 'if-match': '"9"' }, body: { ...base, performedDate: '2026-03-25', newApplicationId: newApplication.id } })).status, 412)
    const ok = await ctx.call('POST', path, { token: worker, headers: { 'if-match': '"1"' }, body: { ...base, performedDate: '2026-03-25', newApplicationId: newApplication.id } })
    t.equal(ok.status, 200)
    t.match(ok.body.performance, { performedDate: '2026-03-25', method: 'phone', outcome: 'changed', newApplicationId: newApplication.id, orderedHoursPerMonth: null, missingHoursPerMonth: null })
    t.equal(ok.headers.etag, '"2"')
    const twice = await ctx.call('POST', path, { token: worker, body: { ...base, outcome: 'unchanged', performedDate: '2026-03-25' } })
    t.equal(twice.status, 409)
    t.equal(twice.body.currentState, 'performed')
    t.equal((await ctx.call('POST', `/v1/follow-ups/${created.body.id}/plan`, { token: worker, body: { plannedDate: '2026-11-01' } })).status, 409, 'a performed follow-up is history')
  })

  t.test('planning: book, assign, move — a moved automatic follow-up becomes manual', async (t) => {
    const decision = await decided(ctx, worker, { validTo: '2027-03-31' })
    const [review] = await followUpsOf(ctx, worker, decision.id)
    const booked = await ctx.call('POST', `/v1/follow-ups/${review.id}/plan`, { token: worker, body: { plannedDate: '2027-02-15', assignedCaseWorker: 'david.dahl' } })
    t.equal(booked.status, 200)
    t.match(booked.body, { plannedDate: '2027-02-15', assignedCaseWorker: 'david.dahl', origin: 'automatic', dueDate: '2027-03-01' })
    const moved = await ctx.call('POST', `/v1/follow-ups/${review.id}/plan`, { token: worker, body: { dueDate: '2027-02-20' }, headers: { 'if-match': booked.headers.etag as string } })
    t.match(moved.body, { dueDate: '2027-02-20', origin: 'manual' })
    await ctx.call('PATCH', `/v1/decisions/${decision.id}`, { token: worker, body: { validFrom: '2026-04-02' } })
    const after = await followUpsOf(ctx, worker, decision.id)
    t.same(after.map((f) => [f.id, f.dueDate]), [[review.id, '2027-02-20']], 'the re-plan leaves the person\'s date alone and adds nothing')
  })

  t.test('listing: filters, order, pages, unit scoping and the access log', async (t) => {
    const person = (await decided(ctx, worker, { validTo: null })).personId
    const decision = await decided(ctx, worker, { validTo: null, personId: person, service: 'safety_alarm' })
    const mk = (dueDate: string, caseWorker: string) => ctx.call('POST', '/v1/follow-ups', { token: worker, body: { kind: 'continuous', decisionId: decision.id, dueDate, assignedCaseWorker: caseWorker } })
    const past = (await mk('2026-01-10', 'erik.ek')).body
    const future = (await mk('2099-01-10', 'erik.ek')).body
    const other = (await mk('2026-01-11', 'frida.fors')).body

    const byPerson = await ctx.call('GET', `/v1/follow-ups?personId=${person}`, { token: worker })
    t.same(byPerson.body.items.map((f: any) => f.id), [past.id, other.id, future.id], 'earliest due first')
    const overdue = await ctx.call('GET', `/v1/follow-ups?decisionId=${decision.id}&overdue=true`, { token: worker })
    t.same(overdue.body.items.map((f: any) => f.id), [past.id, other.id])
    t.ok(overdue.body.items.every((f: any) => f.overdue))
    const notOverdue = await ctx.call('GET', `/v1/follow-ups?decisionId=${decision.id}&overdue=false`, { token: worker })
    t.same(notOverdue.body.items.map((f: any) => f.id), [future.id])
    const mine = await ctx.call('GET', `/v1/follow-ups?caseWorker=erik.ek&overdue=true`, { token: worker })
    t.same(mine.body.items.map((f: any) => f.id), [past.id], 'a case worker\'s overdue list')
    const window = await ctx.call('GET', `/v1/follow-ups?decisionId=${decision.id}&dueAfter=2026-01-10&dueBefore=2099-01-10`, { token: worker })
    t.same(window.body.items.map((f: any) => f.id), [other.id], 'both bounds exclusive')
    t.same((await ctx.call('GET', `/v1/follow-ups?decisionId=${decision.id}&kind=kin`, { token: worker })).body.items, [])

    const first = await ctx.call('GET', `/v1/follow-ups?decisionId=${decision.id}&limit=2`, { token: worker })
    t.equal(first.body.items.length, 2)
    const second = await ctx.call('GET', `/v1/follow-ups?decisionId=${decision.id}&limit=2&cursor=${first.body.nextCursor}`, { token: worker })
    t.same(second.body.items.map((f: any) => f.id), [future.id])
    t.equal(second.body.nextCursor, null)

    const elsewhere = await ctx.token('case_worker', { unit: 'bromma' })
    t.same((await ctx.call('GET', `/v1/follow-ups?decisionId=${decision.id}`, { token: elsewhere })).body.items, [], 'another unit sees none')
    t.equal((await ctx.call('GET', `/v1/follow-ups/${past.id}`, { token: elsewhere })).status, 404)
    t.equal((await ctx.call('GET', `/v1/follow-ups/${past.id}`, { token: await ctx.token('statistics_reader') })).status, 403)

    const reader = await ctx.token('case_worker', { subject: 'reader.of.follow-ups' })
    t.equal((await ctx.call('GET', `/v1/follow-ups/${past.id}`, { token: reader })).status, 200)
    await ctx.call('GET', `/v1/follow-ups?decisionId=${decision.id}`, { token: reader })
    const reads = await ctx.database.db.selectFrom('audit_events').select(['resource_id', 'person_id'])
      .where('actor', '=', 'reader.of.follow-ups').where('action', '=', 'read').where('resource_type', '=', 'follow_up').execute()
    t.equal(reads.length, 4, 'one read for the GET, three for the list')
    t.ok(reads.every((r) => r.person_id === person))
  })

  t.test('protected identity: follow-ups of a protected person need the permission', async (t) => {
    const allowed = await ctx.token('case_worker', { permissions: ['protected_identity'] })
    const protectedPerson = { body: await createPerson(ctx, allowed, { firstName: 'Skyddad', protectedIdentity: true }) }
    const created = await ctx.call('POST', '/v1/follow-ups', { token: allowed, body: { kind: 'kin', serviceContext: 'care_home', personId: protectedPerson.body.id, dueDate: '2026-12-01' } })
    t.equal(created.status, 201)
    t.equal((await ctx.call('GET', `/v1/follow-ups/${created.body.id}`, { token: worker })).status, 404)
    t.same((await ctx.call('GET', `/v1/follow-ups?personId=${protectedPerson.body.id}`, { token: worker })).body.items, [])
    t.equal((await ctx.call('POST', '/v1/follow-ups', { token: worker, body: { kind: 'kin', serviceContext: 'care_home', personId: protectedPerson.body.id, dueDate: '2026-12-01' } })).status, 404)
  })

  t.test('planning rules per unit: read by all, changed by the unit\'s administrators, used by the next plan', async (t) => {
    const unitId = await ctx.unitId('hagersten-alvsjo')
    const path = `/v1/units/${unitId}/follow-up-rules`
    const current = await ctx.call('GET', path, { token: worker })
    t.equal(current.status, 200)
    t.same(current.body, { unitId, version: 1, timeLimitedReview: { enabled: true, daysBeforeEnd: 30 }, hospitalDischarge: { enabled: true, withinMonths: 1 }, continuous: { enabled: true, intervalMonths: 12 } })
    t.equal(current.headers.etag, '"1"')

    const body = { timeLimitedReview: { enabled: true, daysBeforeEnd: 45 }, hospitalDischarge: { enabled: false, withinMonths: 1 }, continuous: { enabled: true, intervalMonths: 6 } }
    t.equal((await ctx.call('PUT', path, { token: worker, body })).status, 403, 'not an administrator')
    const bromma = await ctx.unitId('bromma')
    t.equal((await ctx.call('PUT', `/v1/units/${bromma}/follow-up-rules`, { token: admin, body })).status, 403, 'another unit')
    t.equal((await ctx.call('PUT', path, { token: admin, body: { ...body, timeLimitedReview: { enabled: true, daysBeforeEnd: 366 } } })).status, 400)
    t.equal((await ctx.call('PUT', path, { token: admin, body, headers: { 'if-match': '"0"' } })).status, 412)
    const changed = await ctx.call('PUT', path, { token: admin, body, headers: { 'if-match': '"1"' } })
    t.equal(changed.status, 200)
    t.equal(changed.headers.etag, '"2"')
    t.match(changed.body, { version: 2, ...body })
    t.equal((await ctx.call('PUT', path, { token: admin, body, headers: { 'if-match': '"1"' } })).status, 412, 'the old version is stale now')
    const logged = await ctx.database.db.selectFrom('audit_events').select(['action']).where('resource_type', '=', 'follow_up_rules').where('resource_id', '=', unitId).execute()
    t.equal(logged.length, 1, 'the change is in the access log')
    t.same((await ctx.call('GET', `/v1/units/${bromma}/follow-up-rules`, { token: worker })).body.version, 1, 'other units keep theirs')

    const decision = await decided(ctx, worker, { validTo: '2027-03-31' })
    const [review] = await followUpsOf(ctx, worker, decision.id)
    t.equal(review.dueDate, '2027-02-14', '45 days before the end')
    await startExecution(ctx, decision.id, '2026-04-01')
    await ctx.database.db.transaction().execute((trx) => replanFollowUps(trx, decision.id))
    t.same((await followUpsOf(ctx, worker, decision.id)).map((f) => [f.kind, f.dueDate]), [['continuous', '2026-10-01'], ['time_limited_review', '2027-02-14']], 'every 6 months')

    const restore = await ctx.call('PUT', path, { token: admin, body: { timeLimitedReview: { enabled: true, daysBeforeEnd: 30 }, hospitalDischarge: { enabled: true, withinMonths: 1 }, continuous: { enabled: true, intervalMonths: 12 } } })
    t.equal(restore.status, 200)
  })
})
