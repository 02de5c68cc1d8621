/**
 * Read-check-write happens under a row lock in one transaction: concurrent writers with the
 * same ETag, or concurrent decisions on one application, leave one consistent result.
 * Meaningful on a real server (DATABASE_URL); on PGlite requests are serialised anyway.
 */
import t from 'tap'
import { buildTestApp, createApplication, createPerson, readyForDecision } from '../helper.js'

t.test('concurrent writers', async (t) => {
  const ctx = await buildTestApp(t)
  const worker = await ctx.token('case_worker')

  t.test('20 PATCHes with the same If-Match: exactly one wins, the rest get 412', async (t) => {
    const person = await createPerson(ctx, worker)
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => ctx.call('PATCH', `/v1/persons/${person.id}`, {
      token: worker, headers: { 'if-match': '"1"' }, body: { district: `District ${i}` }
    })))
    const statuses = results.map((r) => r.status).sort()
    t.equal(statuses.filter((s) => s === 200).length, 1)
    t.equal(statuses.filter((s) => s === 412).length, 19)
    const after = await ctx.call('GET', `/v1/persons/${person.id}`, { token: worker })
    t.equal(after.body.version, 2)
    t.equal(after.body.district, results.find((r) => r.status === 200)?.body.district)
  })

  t.test('the same service decided concurrently: one decision, a decided application', async (t) => {
    const a = await createApplication(ctx, worker, { requestedServices: [{ serviceTypeCode: 'home_care', requestedHoursPerMonth: 30 }, { serviceTypeCode: 'safety_alarm' }] })
    await readyForDecision(ctx, worker, a.id)
    const decide = (serviceTypeCode: string, extra: Record<string, unknown>) => ctx.call('POST', `/v1/applications/${a.id}/decisions`, {
      token: worker, body: { serviceTypeCode, outcome: 'granted', reason: 'r', decisionDate: '2026-02-10', validFrom: '2026-02-10', ...extra }
    })
    const results = await Promise.all([
      ...Array.from({ length: 5 }, () => decide('home_care', { hoursPerMonth: 30 })),
      ...Array.from({ length: 5 }, () => decide('safety_alarm', {}))
    ])
    t.equal(results.filter((r) => r.status === 201).length, 2, 'one decision per service')
    t.ok(results.every((r) => r.status === 201 || r.status === 409), results.map((r) => r.status).join(','))
    const decisions = await ctx.database.db.selectFrom('decisions').select('service_type_code').where('application_id', '=', a.id).execute()
    t.same(decisions.map((d) => d.service_type_code).sort(), ['home_care', 'safety_alarm'])
    const application = await ctx.call('GET', `/v1/applications/${a.id}`, { token: worker })
    t.equal(application.body.status, 'decided', 'whichever came last saw the other and completed the application')
  })

  t.test('20 concurrent retries with one Idempotency-Key create one application', async (t) => {
    const person = await createPerson(ctx, worker)
    const body = { personId: person.id, receivedDate: '2026-01-15', channel: 'phone', requestedServices: [{ serviceTypeCode: 'day_activity' }] }
    const results = await Promise.all(Array.from({ length: 20 }, () => ctx.call('POST', '/v1/applications', {
      token: worker, headers: { 'idempotency-key': `concurrent-${person.id}` }, body
    })))
    const created = await ctx.database.db.selectFrom('applications').select('id').where('person_id', '=', person.id).execute()
    t.equal(created.length, 1, 'one record')
    t.ok(results.every((r) => r.status === 201 || r.status === 409), results.map((r) => r.status).join(','))
    t.ok(results.filter((r) => r.status === 201).every((r) => r.body.id === created[0]?.id), 'every 201 names the same application')
  })
})
