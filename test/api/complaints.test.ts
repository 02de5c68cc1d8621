import t from 'tap'
import { addDays, todayInStockholm } from '../../src/domain/calendar.js'
import { buildTestApp, createApplication, createPerson, readyForDecision, type TestContext } from '../helper.js'

const today = todayInStockholm()

const complaintBody = (overrides: Record<string, unknown> = {}) => ({
  receivedDate: '2026-03-02', channel: 'phone', submittedBy: 'relative', submitterName: 'Karin Berg', submitterContact: '070-123 45 67',
  kind: 'complaint', target: 'unit', categories: ['treatment'], description: 'Handläggaren återkom aldrig.', ...overrides
})

async function provider(ctx: TestContext, regime: 'municipal' | 'private', name = `Utförare ${Math.random().toString(36).slice(2, 8)}`) {
  const admin = await ctx.token('administrator')
  const res = await ctx.call('POST', '/v1/providers', { token: admin, body: { name, regime, serviceTypeCodes: ['home_care'] } })
  if (res.status !== 201) throw new Error(`provider: ${res.status} ${res.raw}`)
  return res.body
}

async function grantedDecision(ctx: TestContext, token: string, personId?: string) {
  const application = await createApplication(ctx, token, personId ? { personId } : {})
  await readyForDecision(ctx, token, application.id)
  const res = await ctx.call('POST', `/v1/applications/${application.id}/decisions`, {
    token, body: { serviceTypeCode: 'home_care', outcome: 'granted', reason: 'Behov.', hoursPerMonth: 40, decisionDate: '2026-03-02', validFrom: '2026-03-02' }
  })
  if (res.status !== 201) throw new Error(`decide: ${res.status} ${res.raw}`)
  return res.body
}

t.test('complaints and feedback', async (t) => {
  const ctx = await buildTestApp(t)
  const worker = await ctx.token('case_worker')
  const quality = await ctx.token('quality_officer')
  const manager = await ctx.token('unit_manager')
  const register = (body: unknown, token = worker, headers: Record<string, string> = {}) => ctx.call('POST', '/v1/complaints', { token, body, headers })
  const act = (id: string, action: string, body: unknown, token = quality, headers: Record<string, string> = {}) =>
    ctx.call('POST', `/v1/complaints/${id}/${action}`, { token, body, headers })

  t.test('registration: any staff member, with a provider record or a free-text provider', async (t) => {
    const created = await register(complaintBody())
    t.equal(created.status, 201)
    t.equal(created.headers.location, `/v1/complaints/${created.body.id}`)
    t.equal(created.headers.etag, '"1"')
    t.match(created.body.caseNumber, /^SYN-\d{4}-\d{6}$/)
    t.match(created.body, { status: 'registered', answerDueDate: '2026-03-16', overdue: true, provider: null, submitter: { name: 'Karin Berg' }, registeredBy: 'test.case_worker' })
    t.same(created.body.ledTo, { deviationIds: [], lexSarahReportIds: null }, 'a case worker does not see links to Lex Sarah reports')

    const p = await provider(ctx, 'private', 'Omsorg Privat AB')
    const withRecord = await register(complaintBody({ target: 'provider', providerId: p.id }))
    t.same(withRecord.body.provider, { id: p.id, name: 'Omsorg Privat AB', regime: 'private' })
    const freeText = await register(complaintBody({ target: 'provider', providerName: 'Solrosen AB', providerRegime: 'municipal' }), await ctx.token('system_client'))
    t.equal(freeText.status, 201, 'a system client (Synpunktsportalen) may feed complaints')
    t.same(freeText.body.provider, { id: null, name: 'Solrosen AB', regime: 'municipal' })

    const stats = await ctx.token('statistics_reader')
    t.equal((await register(complaintBody(), stats)).status, 403, 'statistics readers see aggregates only')
    t.equal((await ctx.call('GET', '/v1/complaints', { token: stats })).status, 403)
  })

  t.test('bad registrations are refused with the field named', async (t) => {
    const p = await provider(ctx, 'municipal')
    const cases: [string, Record<string, unknown>, string][] = [
      ['anonymous with a name', { submittedBy: 'anonymous' }, '/submitterName'],
      ['unknown category', { categories: ['weather'] }, '/categories'],
      ['a lex sarah category is not a complaint category', { categories: ['legal_certainty'] }, '/categories'],
      ['a provider named while the target is the unit', { providerName: 'X AB' }, '/providerId'],
      ['a provider target without a provider', { target: 'provider' }, '/providerId'],
      ['both a record and a free-text name', { target: 'provider', providerId: p.id, providerName: 'X AB' }, '/providerName'],
      ['an unknown provider', { target: 'provider', providerId: '00000000-0000-4000-8000-000000000000' }, '/providerId'],
      ['received in the future', { receivedDate: addDays(today, 1) }, '/receivedDate']
    ]
    for (const [name, overrides, pointer] of cases) {
      const res = await register(complaintBody(overrides))
      t.equal(res.status, 400, name)
      t.equal(res.body.errors?.[0]?.pointer, pointer, `${name}: points at ${pointer}`)
    }
    const anonymous = await register(complaintBody({ submittedBy: 'anonymous', submitterName: null, submitterContact: null }))
    t.equal(anonymous.status, 201)
    t.equal(anonymous.body.submitter, null)
    t.equal((await register(complaintBody({ kind: 'rumour' }))).status, 400, 'kinds are a closed list')
  })

  t.test('a re-fed item from a source system answers 409; an idempotent retry returns the first', async (t) => {
    const body = complaintBody({ channel: 'e_service', externalReference: 'SP-2026-118822' })
    const first = await register(body, worker, { 'idempotency-key': 'sp-118822' })
    t.equal(first.status, 201)
    t.equal(first.body.externalReference, 'SP-2026-118822')
    const replay = await register(body, worker, { 'idempotency-key': 'sp-118822' })
    t.equal(replay.body.id, first.body.id)
    t.equal(replay.headers['idempotent-replayed'], 'true')
    t.equal((await register(body)).status, 409, 'the same reference again is a conflict')
    const elsewhere = await register(body, await ctx.token('case_worker', { unit: 'bromma' }))
    t.equal(elsewhere.status, 201, 'references are unique within a unit')
  })

  t.test('links to a person and a decision stay within the unit and do not reveal others', async (t) => {
    const person = await createPerson(ctx, worker)
    const decision = await grantedDecision(ctx, worker, person.id)
    const bromma = await ctx.token('case_worker', { unit: 'bromma' })
    const foreignPerson = await createPerson(ctx, bromma)
    const foreignDecision = await grantedDecision(ctx, bromma)

    const byDecision = await register(complaintBody({ decisionId: decision.id }))
    t.equal(byDecision.status, 201)
    t.equal(byDecision.body.personId, person.id, 'the decision brings its person')

    const otherUnitPerson = await register(complaintBody({ personId: foreignPerson.id }))
    const missingPerson = await register(complaintBody({ personId: '00000000-0000-4000-8000-000000000001' }))
    t.equal(otherUnitPerson.status, 400)
    t.same(otherUnitPerson.body.errors, missingPerson.body.errors, 'another unit\'s person reads exactly like a missing one')
    t.same(otherUnitPerson.body.detail, missingPerson.body.detail)
    const otherUnitDecision = await register(complaintBody({ decisionId: foreignDecision.id }))
    const missingDecision = await register(complaintBody({ decisionId: '00000000-0000-4000-8000-000000000002' }))
    t.equal(otherUnitDecision.status, 400)
    t.same(otherUnitDecision.body.errors, missingDecision.body.errors)
    const mismatch = await register(complaintBody({ personId: (await createPerson(ctx, worker)).id, decisionId: decision.id }))
    t.equal(mismatch.status, 400, 'the decision must concern the linked person')
    t.equal(mismatch.body.errors[0].pointer, '/personId')
  })

  t.test('reads of person-linked complaints are logged; other units and hidden persons answer 404', async (t) => {
    const person = await createPerson(ctx, worker)
    const linked = (await register(complaintBody({ personId: person.id }))).body
    const unlinked = (await register(complaintBody())).body

    const read = await ctx.call('GET', `/v1/complaints/${linked.id}`, { token: quality, headers: { 'x-request-id': 'read-linked-complaint' } })
    t.equal(read.status, 200)
    const events = await ctx.database.db.selectFrom('audit_events').selectAll().where('request_id', '=', 'read-linked-complaint').execute()
    t.match(events, [{ action: 'read', resource_type: 'complaint', resource_id: linked.id, person_id: person.id, actor: 'test.quality_officer' }])
    await ctx.call('GET', `/v1/complaints/${unlinked.id}`, { token: quality, headers: { 'x-request-id': 'read-unlinked-complaint' } })
    const none = await ctx.database.db.selectFrom('audit_events').selectAll().where('request_id', '=', 'read-unlinked-complaint').execute()
    t.same(none, [], 'no individual, no access event')
    await ctx.call('GET', `/v1/complaints?personId=${person.id}`, { token: worker, headers: { 'x-request-id': 'list-complaints' } })
    const listed = await ctx.database.db.selectFrom('audit_events').selectAll().where('request_id', '=', 'list-complaints').execute()
    t.equal(listed.length, 1, 'a list logs each person-linked item')

    const bromma = await ctx.token('unit_manager', { unit: 'bromma' })
    t.equal((await ctx.call('GET', `/v1/complaints/${linked.id}`, { token: bromma })).status, 404, 'another unit\'s complaint is 404')
    t.equal((await act(unlinked.id, 'investigate', { date: '2026-03-03' }, bromma)).status, 404)
    t.notOk((await ctx.call('GET', '/v1/complaints', { token: bromma })).body.items.some((c: any) => c.id === unlinked.id))

    const secret = await createPerson(ctx, await ctx.token('case_worker', { permissions: ['protected_identity'] }), { protectedIdentity: true })
    const permitted = await ctx.token('quality_officer', { permissions: ['protected_identity'] })
    const aboutSecret = await register(complaintBody({ personId: secret.id }), permitted)
    t.equal(aboutSecret.status, 201)
    t.equal((await register(complaintBody({ personId: secret.id }))).status, 400, 'a protected identity cannot be linked without the permission')
    t.equal((await ctx.call('GET', `/v1/complaints/${aboutSecret.body.id}`, { token: quality })).status, 404, 'nor its complaint read')
    t.notOk((await ctx.call('GET', '/v1/complaints?limit=200', { token: quality })).body.items.some((c: any) => c.id === aboutSecret.body.id))
    t.equal((await ctx.call('GET', `/v1/complaints/${aboutSecret.body.id}`, { token: permitted })).status, 200)
  })

  t.test('lifecycle: investigate → answer → close, with If-Match and refused transitions', async (t) => {
    const c = (await register(complaintBody({ receivedDate: '2026-03-02' }))).body
    t.equal((await act(c.id, 'investigate', { date: '2026-03-03' }, worker)).status, 403, 'a case worker registers but does not handle')
    t.equal((await act(c.id, 'close', { date: '2026-03-04' })).status, 409, 'not before it is answered')
    t.equal((await act(c.id, 'investigate', { date: '2026-03-01' })).status, 400, 'not before it was received')
    const stale = await act(c.id, 'investigate', { date: '2026-03-03' }, quality, { 'if-match': '"7"' })
    t.equal(stale.status, 412)
    const investigating = await act(c.id, 'investigate', { date: '2026-03-03', investigator: 'Eva Ek' }, quality, { 'if-match': '"1"' })
    t.equal(investigating.status, 200)
    t.match(investigating.body, { status: 'investigating', investigation: { startedDate: '2026-03-03', investigator: 'Eva Ek' }, version: 2 })
    t.equal(investigating.headers.etag, '"2"')
    const again = await act(c.id, 'investigate', { date: '2026-03-04' })
    t.equal(again.status, 409)
    t.equal(again.body.currentState, 'investigating')

    const answered = await act(c.id, 'answer', { date: '2026-03-16', answeredBy: 'Eva Ek, enhetschef', method: 'phone', answer: 'Vi ber om ursäkt.' }, manager)
    t.equal(answered.status, 200)
    t.match(answered.body, { status: 'answered', overdue: false, answer: { date: '2026-03-16', method: 'phone', onTime: true } }, 'answered on the due date is on time')
    const closed = await act(c.id, 'close', { date: '2026-03-20', measures: 'Rutin för återkoppling.' })
    t.match(closed.body, { status: 'closed', closure: { date: '2026-03-20', measures: 'Rutin för återkoppling.' } })

    for (const [action, body] of [
      ['investigate', { date: '2026-03-21' }],
      ['answer', { date: '2026-03-21', answeredBy: 'X', method: 'letter', answer: 'Y' }],
      ['close', { date: '2026-03-21' }],
      ['deviations', { target: 'other', category: 'other', description: 'X', sentDate: '2026-03-21' }],
      ['lex-sarah-reports', { reportedDate: '2026-03-21', reporterRole: 'enhetschef', place: 'unit', category: 'other', description: 'X' }]
    ] as const) {
      const res = await act(c.id, action, body)
      t.equal(res.status, 409, `${action} on a closed complaint`)
      t.equal(res.body.currentState, 'closed')
    }

    const late = (await register(complaintBody({ receivedDate: '2026-03-02' }))).body
    const lateAnswer = await act(late.id, 'answer', { date: '2026-03-17', answeredBy: 'Eva Ek', method: 'letter', answer: 'Svar.' })
    t.equal(lateAnswer.body.answer.onTime, false, 'answered the first day past the deadline is late')

    const anonymous = (await register(complaintBody({ submittedBy: 'anonymous', submitterName: null, submitterContact: null }))).body
    const closedUnanswered = await act(anonymous.id, 'close', { date: '2026-03-05' })
    t.equal(closedUnanswered.status, 200, 'an anonymous item closes without an answer')
    t.equal(closedUnanswered.body.answer, null)
  })

  t.test('the answer deadline: last day inside, first day past, and the overdue filter', async (t) => {
    const dueToday = (await register(complaintBody({ receivedDate: addDays(today, -14) }))).body
    const pastDue = (await register(complaintBody({ receivedDate: addDays(today, -15) }))).body
    const answeredLate = (await register(complaintBody({ receivedDate: addDays(today, -30) }))).body
    await act(answeredLate.id, 'answer', { date: today, answeredBy: 'Eva Ek', method: 'email', answer: 'Svar.' })
    t.equal(dueToday.answerDueDate, today)
    t.equal(dueToday.overdue, false, 'on the due date it is not yet overdue')
    t.equal(pastDue.answerDueDate, addDays(today, -1))
    t.equal(pastDue.overdue, true, 'the day after the due date it is overdue')

    const overdue = (await ctx.call('GET', '/v1/complaints?overdue=true&limit=200', { token: quality })).body.items.map((c: any) => c.id)
    t.ok(overdue.includes(pastDue.id))
    t.notOk(overdue.includes(dueToday.id))
    t.notOk(overdue.includes(answeredLate.id), 'an answered item is no longer overdue')
    const notOverdue = (await ctx.call('GET', '/v1/complaints?overdue=false&limit=200', { token: quality })).body.items.map((c: any) => c.id)
    t.ok(notOverdue.includes(dueToday.id))
    t.ok(notOverdue.includes(answeredLate.id))
    t.notOk(notOverdue.includes(pastDue.id))
  })

  t.test('escalation into a deviation and a Lex Sarah report keeps the links', async (t) => {
    const person = await createPerson(ctx, worker)
    const c = (await register(complaintBody({ personId: person.id, target: 'provider', providerName: 'Solrosen AB', providerRegime: 'private' }))).body
    t.equal((await act(c.id, 'deviations', { target: 'provider', providerName: 'Solrosen AB', category: 'service_quality', description: 'Sena besök.', sentDate: '2026-03-05' }, worker)).status, 403)
    const deviation = await act(c.id, 'deviations', { target: 'provider', providerName: 'Solrosen AB', category: 'service_quality', description: 'Sena besök.', sentDate: '2026-03-05' }, quality, { 'if-match': '"1"' })
    t.equal(deviation.status, 201)
    t.equal(deviation.headers.location, `/v1/deviations/${deviation.body.id}`)
    t.match(deviation.body, { complaintId: c.id, personId: person.id, status: 'sent', category: 'service_quality' })
    t.equal((await act(c.id, 'deviations', { target: 'other', category: 'other', description: 'X', sentDate: '2026-03-05' }, quality, { 'if-match': '"1"' })).status, 412,
      'escalating changes the complaint\'s version')
    t.equal((await act(c.id, 'deviations', { target: 'other', category: 'other', description: 'X', sentDate: '2026-03-01' })).status, 400, 'not sent before the complaint arrived')

    const report = await act(c.id, 'lex-sarah-reports', { reportedDate: '2026-03-06', reporterRole: 'enhetschef', place: 'provider', providerName: 'Solrosen AB', category: 'execution_shortcomings', description: 'Uteblivna besök.' })
    t.equal(report.status, 201)
    t.match(report.body.details, { complaintId: c.id, personId: person.id })

    const asQuality = await ctx.call('GET', `/v1/complaints/${c.id}`, { token: quality })
    t.same(asQuality.body.ledTo, { deviationIds: [deviation.body.id], lexSarahReportIds: [report.body.id] })
    t.equal(asQuality.body.version, 3)
    const asWorker = await ctx.call('GET', `/v1/complaints/${c.id}`, { token: worker })
    t.same(asWorker.body.ledTo, { deviationIds: [deviation.body.id], lexSarahReportIds: null }, 'the Lex Sarah link is for those who may read its details')
    const deviations = await ctx.call('GET', `/v1/deviations?complaintId=${c.id}`, { token: worker })
    t.same(deviations.body.items.map((d: any) => d.id), [deviation.body.id])
  })

  t.test('list filters and pagination', async (t) => {
    const bromma = await ctx.token('case_worker', { unit: 'bromma' })
    const made = []
    for (const [kind, category] of [['idea', 'accessibility'], ['praise', 'information'], ['idea', 'information']]) {
      made.push((await register(complaintBody({ kind, categories: [category], receivedDate: '2025-06-01' }), bromma)).body.id)
    }
    const ideas = await ctx.call('GET', '/v1/complaints?kind=idea', { token: bromma })
    t.equal(ideas.body.items.length, 2)
    const information = await ctx.call('GET', '/v1/complaints?category=information', { token: bromma })
    t.equal(information.body.items.length, 2)
    const page1 = await ctx.call('GET', '/v1/complaints?receivedTo=2025-12-31&limit=2', { token: bromma })
    t.equal(page1.body.items.length, 2)
    const page2 = await ctx.call('GET', `/v1/complaints?receivedTo=2025-12-31&limit=2&cursor=${page1.body.nextCursor}`, { token: bromma })
    t.equal(page2.body.items.length, 1)
    t.equal(page2.body.nextCursor, null)
    t.same(new Set([...page1.body.items, ...page2.body.items].map((c: any) => c.id)), new Set(made))
  })
})

t.test('the answer deadline is configurable', async (t) => {
  const ctx = await buildTestApp(t, { COMPLAINT_ANSWER_DAYS: '3' })
  const worker = await ctx.token('case_worker')
  const res = await ctx.call('POST', '/v1/complaints', { token: worker, body: complaintBody({ receivedDate: '2024-02-27' }) })
  t.equal(res.body.answerDueDate, '2024-03-01', 'three days across the leap day')
})
