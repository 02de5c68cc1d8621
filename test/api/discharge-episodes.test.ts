import t from 'tap'
import { addDays, todayInStockholm } from '../../src/domain/calendar.js'
import { buildTestApp, createApplication, createPerson, nextPersonnummer } from '../helper.js'

const today = todayInStockholm()

t.test('hospital discharge episodes', async (t) => {
  const ctx = await buildTestApp(t, { DISCHARGE_AGREEMENT_DAYS: '3' })
  const region = await ctx.token('system_client', { subject: 'lifecare' })
  const worker = await ctx.token('case_worker')
  const number = nextPersonnummer('19380304')
  const person = await createPerson(ctx, worker, { personalIdentityNumber: number })
  const notice = (body: Record<string, unknown>, key?: string) =>
    ctx.call('POST', '/v1/discharge-episodes', { token: region, body, headers: key ? { 'idempotency-key': key } : {} })

  t.test('a notice of admission creates the episode; a retried delivery replays it; corrections update it', async (t) => {
    const first = { personalIdentityNumber: number, externalReference: 'LC-1', hospital: 'Södersjukhuset avd 51', admittedDate: '2026-10-27' }
    const created = await notice(first, 'msg-1')
    t.equal(created.status, 201)
    t.equal(created.headers.location, `/v1/discharge-episodes/${created.body.id}`)
    t.match(created.body, { personId: person.id, source: 'lifecare', state: 'admitted', readyDate: null, agreementDays: 3, paymentResponsibilityFrom: null, pastAgreement: false, corrections: 0 })

    const replay = await notice(first, 'msg-1')
    t.equal(replay.status, 201)
    t.equal(replay.headers['idempotent-replayed'], 'true')
    t.equal(replay.body.id, created.body.id)
    const count = await ctx.database.db.selectFrom('discharge_episodes').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()
    t.equal(Number(count.n), 1, 'nothing new created')

    const ready = await notice({ ...first, readyDate: '2026-10-30' }, 'msg-2')
    t.equal(ready.status, 200, 'the same reference corrects the episode')
    t.match(ready.body, { id: created.body.id, state: 'ready_for_discharge', readyDate: '2026-10-30', paymentResponsibilityFrom: '2026-11-02', corrections: 1, version: 2 })

    const same = await notice({ ...first, readyDate: '2026-10-30' }, 'msg-3')
    t.equal(same.status, 200)
    t.equal(same.body.version, 2, 'an identical notice changes nothing')

    const corrected = await notice({ ...first, admittedDate: '2026-10-26', readyDate: '2026-10-31', leftHospitalDate: '2026-11-04' }, 'msg-4')
    t.match(corrected.body, {
      state: 'left_hospital', admittedDate: '2026-10-26', readyDate: '2026-10-31', leftHospitalDate: '2026-11-04',
      paymentResponsibilityFrom: '2026-11-03', daysReadyForDischarge: 4, daysWithPaymentResponsibility: 1, withinAgreement: false, corrections: 2
    })

    const bad = await notice({ ...first, readyDate: '2026-11-10', leftHospitalDate: '2026-11-05' })
    t.equal(bad.status, 400)
    t.equal(bad.body.errors[0].pointer, '/leftHospitalDate')
    const badPerson = await notice({ ...first, personalIdentityNumber: undefined, personId: person.id, externalReference: 'LC-x', personalIdentityNumberX: 1 })
    t.equal(badPerson.status, 400, 'unknown fields refused')
    const neither = await notice({ externalReference: 'LC-y', admittedDate: '2026-10-27' })
    t.equal(neither.status, 400)
    const other = await createPerson(ctx, worker)
    const stolen = await notice({ personId: other.id, externalReference: 'LC-1', admittedDate: '2026-10-27' })
    t.equal(stolen.status, 409, 'a reference cannot move to another person')
  })

  t.test('planning: SIP meeting by roles, services applied for, linked applications and their discharge follow-up', async (t) => {
    const created = await notice({ personId: person.id, externalReference: 'LC-2', admittedDate: addDays(today, -10), readyDate: addDays(today, -5) })
    t.equal(created.status, 201)
    t.match(created.body, { pastAgreement: true, daysReadyForDischarge: 5, daysWithPaymentResponsibility: 2, withinAgreement: null })
    const application = await createApplication(ctx, worker, { personId: person.id, channel: 'hospital_discharge' })
    const stale = await ctx.call('PATCH', `/v1/discharge-episodes/${created.body.id}`, { token: worker, headers: { 'if-match': '"7"' }, body: { servicesAppliedFor: ['home_care'] } })
    t.equal(stale.status, 412)
    const planned = await ctx.call('PATCH', `/v1/discharge-episodes/${created.body.id}`, {
      token: worker, headers: { 'if-match': `"${created.body.version}"` },
      body: { sipMeeting: { date: addDays(today, -6), participantRoles: ['person', 'case_worker', 'primary_care'] }, servicesAppliedFor: ['home_care', 'safety_alarm'], applicationIds: [application.id] }
    })
    t.equal(planned.status, 200, planned.raw)
    t.match(planned.body, { sipMeeting: { participantRoles: ['person', 'case_worker', 'primary_care'] }, servicesAppliedFor: ['home_care', 'safety_alarm'], applications: [{ id: application.id }] })
    t.equal(planned.headers.etag, `"${planned.body.version}"`)

    const foreignApp = await createApplication(ctx, worker)
    const wrong = await ctx.call('PATCH', `/v1/discharge-episodes/${created.body.id}`, { token: worker, body: { applicationIds: [foreignApp.id] } })
    t.equal(wrong.status, 400, 'another person\'s application')
    const unknown = await ctx.call('PATCH', `/v1/discharge-episodes/${created.body.id}`, { token: worker, body: { servicesAppliedFor: ['teleportation'] } })
    t.equal(unknown.status, 400)
    const badRole = await ctx.call('PATCH', `/v1/discharge-episodes/${created.body.id}`, { token: worker, body: { sipMeeting: { date: today, participantRoles: ['Karin Berg'] } } })
    t.equal(badRole.status, 400, 'participants by role, never by name')

    // The monthly list and the past-agreement list.
    const month = addDays(today, -5).slice(0, 7)
    const list = await ctx.call('GET', `/v1/discharge-episodes?readyMonth=${month}`, { token: worker })
    t.equal(list.status, 200)
    t.ok(list.body.items.some((e: any) => e.id === created.body.id))
    const past = await ctx.call('GET', '/v1/discharge-episodes?pastAgreement=true', { token: worker })
    t.same(past.body.items.map((e: any) => e.id), [created.body.id])
    t.equal((await ctx.call('GET', '/v1/discharge-episodes?readyMonth=2026-13', { token: worker })).status, 400)

    // The worklist shows it while the person is still in hospital.
    const worklist = await ctx.call('GET', '/v1/worklists', { token: worker })
    t.equal(worklist.status, 200, worklist.raw)
    const item = worklist.body.items.find((i: any) => i.kind === 'discharge_payment_responsibility')
    t.match(item, { personId: person.id, dueDate: addDays(today, -2) })
    t.equal(worklist.body.counts.discharge_payment_responsibility, 1)

    const left = await ctx.call('PATCH', `/v1/discharge-episodes/${created.body.id}`, { token: worker, body: { leftHospitalDate: today } })
    t.match(left.body, { state: 'left_hospital', pastAgreement: false, withinAgreement: false })
    const after = await ctx.call('GET', '/v1/worklists', { token: worker })
    t.equal(after.body.counts.discharge_payment_responsibility, 0)
  })

  t.test('unit isolation, roles and the access log', async (t) => {
    const created = await notice({ personId: person.id, externalReference: 'LC-3', admittedDate: '2026-10-01' })
    const bromma = await ctx.token('case_worker', { unit: 'bromma' })
    t.equal((await ctx.call('GET', `/v1/discharge-episodes/${created.body.id}`, { token: bromma })).status, 404)
    t.equal((await ctx.call('POST', '/v1/discharge-episodes', { token: bromma, body: { personId: person.id, externalReference: 'LC-9', admittedDate: '2026-10-01' } })).status, 400)
    t.equal((await ctx.call('GET', `/v1/discharge-episodes/${created.body.id}`, { token: await ctx.token('statistics_reader') })).status, 403)
    const read = await ctx.call('GET', `/v1/discharge-episodes/${created.body.id}`, { token: worker, headers: { 'x-request-id': 'discharge-read-1' } })
    t.equal(read.status, 200)
    const logged = await ctx.database.db.selectFrom('audit_events').selectAll().where('request_id', '=', 'discharge-read-1').execute()
    t.match(logged, [{ action: 'read', resource_type: 'discharge_episode', resource_id: created.body.id, person_id: person.id }])
  })
})
