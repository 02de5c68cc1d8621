import t from 'tap'
import { addDays, todayInStockholm } from '../../src/domain/calendar.js'
import { buildTestApp, createPerson } from '../helper.js'

const today = todayInStockholm()

const reportBody = (overrides: Record<string, unknown> = {}) => ({
  reportedDate: '2026-05-04', reporterRole: 'biståndshandläggare', eventDate: '2026-05-03', place: 'unit',
  category: 'documentation_to_wrong_person', description: 'Ett beslut om Tolvan skickades till fel mottagare.',
  immediateActions: 'Handlingen återkallades.', ...overrides
})

t.test('Lex Sarah reports', async (t) => {
  const ctx = await buildTestApp(t)
  const worker = await ctx.token('case_worker')
  const quality = await ctx.token('quality_officer')
  const deputy = await ctx.token('deputy_unit_manager')
  const report = (body: unknown, token = worker) => ctx.call('POST', '/v1/lex-sarah-reports', { token, body })
  const act = (id: string, action: string, body: unknown, token = quality, headers: Record<string, string> = {}) =>
    ctx.call('POST', `/v1/lex-sarah-reports/${id}/${action}`, { token, body, headers })

  t.test('any staff member reports; only quality staff and managers read the description and the person', async (t) => {
    const person = await createPerson(ctx, worker)
    const created = await report(reportBody({ personId: person.id }))
    t.equal(created.status, 201)
    t.equal(created.headers.location, `/v1/lex-sarah-reports/${created.body.id}`)
    t.match(created.body.caseNumber, /^LXS-\d{4}-\d{6}$/)
    t.match(created.body, { status: 'reported', reportedDate: '2026-05-04', details: null }, 'the reporter\'s answer shows existence and status only')

    const asWorker = await ctx.call('GET', `/v1/lex-sarah-reports/${created.body.id}`, { token: worker, headers: { 'x-request-id': 'lxs-worker-read' } })
    t.equal(asWorker.status, 200)
    t.equal(asWorker.body.status, 'reported')
    t.equal(asWorker.body.details, null, 'a case worker cannot read the description')
    t.notMatch(asWorker.raw, /fel mottagare/)
    t.notMatch(asWorker.raw, new RegExp(person.id))
    const listed = await ctx.call('GET', '/v1/lex-sarah-reports', { token: worker })
    const row = listed.body.items.find((r: any) => r.id === created.body.id)
    t.equal(row.details, null)
    t.notMatch(listed.raw, /fel mottagare/)
    for (const filter of ['category=treatment', 'serious=true', `personId=${person.id}`, 'ivoNotificationOverdue=true', 'place=unit']) {
      t.equal((await ctx.call('GET', `/v1/lex-sarah-reports?${filter}`, { token: worker })).status, 403, `a case worker cannot probe by ${filter}`)
    }
    t.equal((await ctx.call('GET', '/v1/lex-sarah-reports?status=reported', { token: worker })).status, 200, 'status is not a detail')

    for (const [name, token] of [['quality officer', quality], ['deputy unit manager', deputy], ['unit manager', await ctx.token('unit_manager')]] as const) {
      const res = await ctx.call('GET', `/v1/lex-sarah-reports/${created.body.id}`, { token })
      t.match(res.body.details, { description: 'Ett beslut om Tolvan skickades till fel mottagare.', personId: person.id, reporterRole: 'biståndshandläggare', immediateActions: 'Handlingen återkallades.' }, `${name} sees the details`)
    }
    t.notOk('registeredBy' in (await ctx.call('GET', `/v1/lex-sarah-reports/${created.body.id}`, { token: quality })).body.details, 'the reporter is not named to readers')

    await ctx.call('GET', `/v1/lex-sarah-reports/${created.body.id}`, { token: quality, headers: { 'x-request-id': 'lxs-quality-read' } })
    const logged = await ctx.database.db.selectFrom('audit_events').selectAll().where('request_id', 'in', ['lxs-worker-read', 'lxs-quality-read']).execute()
    t.match(logged, [{ request_id: 'lxs-quality-read', person_id: person.id, resource_type: 'lex_sarah_report', action: 'read' }],
      'only the read that showed the person is an access to their data')
    t.equal((await ctx.call('GET', '/v1/lex-sarah-reports', { token: await ctx.token('statistics_reader') })).status, 403)
  })

  t.test('links and places are checked', async (t) => {
    const bromma = await ctx.token('case_worker', { unit: 'bromma' })
    const foreign = await createPerson(ctx, bromma)
    const other = await report(reportBody({ personId: foreign.id }))
    const missing = await report(reportBody({ personId: '00000000-0000-4000-8000-000000000009' }))
    t.equal(other.status, 400)
    t.same(other.body.errors, missing.body.errors, 'another unit\'s person reads like a missing one')
    t.equal((await report(reportBody({ forInformation: true }))).status, 400, 'only a provider\'s report arrives for information')
    t.equal((await report(reportBody({ place: 'provider' }))).status, 400, 'a provider must be named')
    t.equal((await report(reportBody({ providerName: 'X AB' }))).status, 400, 'no provider when it happened in the unit')
    t.equal((await report(reportBody({ category: 'treatment', eventDate: '2026-05-05' }))).status, 400, 'the event cannot follow the report')
    t.equal((await report(reportBody({ category: 'discharge_process' }))).status, 400, 'a deviation category is not a Lex Sarah category')
    const elsewhere = await report(reportBody(), bromma)
    t.equal((await ctx.call('GET', `/v1/lex-sarah-reports/${elsewhere.body.id}`, { token: quality })).status, 404, 'another unit\'s report is 404')
    t.equal((await act(elsewhere.body.id, 'investigate', { date: '2026-05-05' })).status, 404)
  })

  t.test('lifecycle of a serious report: IVO must be notified before it closes', async (t) => {
    const r = (await report(reportBody())).body
    t.equal((await act(r.id, 'investigate', { date: '2026-05-05' }, worker)).status, 403, 'a case worker reports but does not investigate')
    t.equal((await act(r.id, 'assessment', { date: '2026-05-12', assessment: 'wrongdoing', serious: true })).status, 409, 'assessed only after an investigation starts')
    const investigating = await act(r.id, 'investigate', { date: '2026-05-05', investigator: 'Lena Lund' }, quality, { 'if-match': '"1"' })
    t.equal(investigating.status, 200)
    t.equal(investigating.body.status, 'investigating')
    t.equal((await act(r.id, 'assessment', { date: '2026-05-12', assessment: 'no_wrongdoing', serious: true })).status, 400, 'no wrongdoing cannot be serious')
    t.equal((await act(r.id, 'assessment', { date: '2026-05-04', assessment: 'wrongdoing', serious: true })).status, 400, 'not before the investigation started')

    const assessed = await act(r.id, 'assessment', { date: '2026-05-12', assessment: 'wrongdoing', serious: true, summary: 'Röjande av sekretess.' }, deputy)
    t.equal(assessed.status, 200)
    t.match(assessed.body.details.assessment, { date: '2026-05-12', assessment: 'wrongdoing', serious: true })
    t.match(assessed.body.details.ivoNotification, { dueDate: '2026-05-26', overdue: true, notifiedDate: null, onTime: null }, '14 days from the assessment')

    const refused = await act(r.id, 'close', { date: '2026-05-27', measures: 'Ny rutin.' })
    t.equal(refused.status, 409, 'closing a serious report without notifying IVO is refused')
    t.equal(refused.body.currentState, 'assessed')
    t.equal(refused.body.rule, 'ivo_notification_required')

    t.equal((await act(r.id, 'ivo-notification', { date: '2026-05-11', reference: 'IVO 1' })).status, 400, 'not before the assessment')
    const notified = await act(r.id, 'ivo-notification', { date: '2026-05-27', reference: 'IVO 3.5.1-12345/2026' })
    t.equal(notified.status, 200)
    t.match(notified.body.details.ivoNotification, { notifiedDate: '2026-05-27', reference: 'IVO 3.5.1-12345/2026', overdue: false, onTime: false }, 'notified the first day past the deadline: late')
    t.equal((await act(r.id, 'assessment', { date: '2026-05-28', assessment: 'risk_of_wrongdoing', serious: false })).status, 409, 'no reassessment once IVO is notified')

    const responded = await act(r.id, 'ivo-response', { date: '2026-08-30', response: 'IVO avslutar ärendet.' })
    t.match(responded.body, { status: 'ivo_responded', details: { ivoResponse: { date: '2026-08-30', text: 'IVO avslutar ärendet.' } } })
    const closed = await act(r.id, 'close', { date: '2026-09-02', measures: 'Rutinen för utskick reviderad.', learning: 'Genomgång på APT.' })
    t.equal(closed.status, 200)
    t.match(closed.body.details.closure, { date: '2026-09-02', measures: 'Rutinen för utskick reviderad.', learning: 'Genomgång på APT.' })

    for (const [action, body] of [
      ['investigate', { date: '2026-09-03' }],
      ['assessment', { date: '2026-09-03', assessment: 'wrongdoing', serious: true }],
      ['ivo-notification', { date: '2026-09-03', reference: 'X' }],
      ['ivo-response', { date: '2026-09-03', response: 'X' }],
      ['close', { date: '2026-09-03', measures: 'X' }]
    ] as const) {
      const res = await act(r.id, action, body)
      t.equal(res.status, 409, `${action} on a closed report`)
      t.equal(res.body.currentState, 'closed')
    }
    const asWorker = await ctx.call('GET', `/v1/lex-sarah-reports/${r.id}`, { token: worker })
    t.match(asWorker.body, { status: 'closed', details: null }, 'a case worker follows the status')
  })

  t.test('a report that is not serious closes without IVO; IVO is notified only of serious ones', async (t) => {
    const r = (await report(reportBody({ category: 'legal_certainty' }))).body
    await act(r.id, 'investigate', { date: '2026-05-05' })
    const assessed = await act(r.id, 'assessment', { date: '2026-05-10', assessment: 'risk_of_wrongdoing', serious: false })
    t.equal(assessed.body.details.ivoNotification, null)
    const notify = await act(r.id, 'ivo-notification', { date: '2026-05-11', reference: 'X' })
    t.equal(notify.status, 409)
    t.equal(notify.body.rule, 'not_serious')
    t.equal((await act(r.id, 'close', { date: '2026-05-11', measures: 'Påminnelse om rutin.' })).status, 200)
  })

  t.test('a provider\'s report for information closes without an investigation', async (t) => {
    const r = await report(reportBody({ place: 'provider', providerName: 'Omsorgsbolaget Solrosen AB', providerRegime: 'private', forInformation: true, category: 'treatment' }), quality)
    t.equal(r.status, 201)
    t.match(r.body.details, { place: 'provider', forInformation: true, provider: { id: null, name: 'Omsorgsbolaget Solrosen AB', regime: 'private' } })
    t.equal((await act(r.body.id, 'close', { date: '2026-05-06', measures: 'Noterad för kännedom.' })).status, 200)
    const own = (await report(reportBody())).body
    t.equal((await act(own.id, 'close', { date: '2026-05-06', measures: 'X' })).status, 409, 'the unit\'s own report is investigated first')
  })

  t.test('the IVO notification deadline: last day inside, first day past, and the overdue filter', async (t) => {
    const assessedOn = async (date: string) => {
      const r = (await report(reportBody({ reportedDate: addDays(date, -2), eventDate: null }))).body
      await act(r.id, 'investigate', { date: addDays(date, -1) })
      return (await act(r.id, 'assessment', { date, assessment: 'wrongdoing', serious: true })).body
    }
    const dueToday = await assessedOn(addDays(today, -14))
    const pastDue = await assessedOn(addDays(today, -15))
    t.equal(dueToday.details.ivoNotification.dueDate, today)
    t.equal(dueToday.details.ivoNotification.overdue, false, 'on the due date it is not yet overdue')
    t.equal(pastDue.details.ivoNotification.overdue, true, 'the day after it is')
    const notifiedLate = await assessedOn(addDays(today, -20))
    await act(notifiedLate.id, 'ivo-notification', { date: today, reference: 'IVO 9' })

    const overdue = (await ctx.call('GET', '/v1/lex-sarah-reports?ivoNotificationOverdue=true&limit=200', { token: quality })).body.items.map((r: any) => r.id)
    t.ok(overdue.includes(pastDue.id))
    t.notOk(overdue.includes(dueToday.id))
    t.notOk(overdue.includes(notifiedLate.id), 'a notified report is no longer overdue')
    const serious = (await ctx.call('GET', '/v1/lex-sarah-reports?serious=true&limit=200', { token: deputy })).body.items
    t.ok(serious.every((r: any) => r.details.assessment.serious === true))
    t.ok(serious.length >= 3)
  })
})

t.test('the IVO notification deadline is configurable', async (t) => {
  const ctx = await buildTestApp(t, { LEX_SARAH_IVO_NOTIFICATION_DAYS: '7' })
  const quality = await ctx.token('quality_officer')
  const r = (await ctx.call('POST', '/v1/lex-sarah-reports', { token: quality, body: reportBody({ reportedDate: '2024-02-20', eventDate: null }) })).body
  await ctx.call('POST', `/v1/lex-sarah-reports/${r.id}/investigate`, { token: quality, body: { date: '2024-02-21' } })
  const assessed = await ctx.call('POST', `/v1/lex-sarah-reports/${r.id}/assessment`, { token: quality, body: { date: '2024-02-22', assessment: 'wrongdoing', serious: true } })
  t.equal(assessed.body.details.ivoNotification.dueDate, '2024-02-29', 'seven days onto the leap day')
})
