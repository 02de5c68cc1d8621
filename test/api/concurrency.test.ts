/**
 * Read-check-write happens under a row lock in one transaction: concurrent writers with the
 * same ETag, or concurrent decisions on one application, leave one consistent result.
 * Meaningful on a real server (DATABASE_URL); on PGlite requests are serialised anyway.
 * Each test prints what it sent and how it was answered.
 */
import t from 'tap'
import { buildTestApp, createApplication, createPerson, nextPersonnummer, readyForDecision, type Response } from '../helper.js'

const tally = (results: Response[]) => {
  const counts = new Map<number, number>()
  for (const r of results) counts.set(r.status, (counts.get(r.status) ?? 0) + 1)
  return [...counts.entries()].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`).join(' ')
}

t.test('concurrent writers', async (t) => {
  const ctx = await buildTestApp(t)
  const worker = await ctx.token('case_worker')

  t.test('50 PATCHes with the same If-Match: exactly one wins, the rest get 412', async (t) => {
    const person = await createPerson(ctx, worker)
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => ctx.call('PATCH', `/v1/persons/${person.id}`, {
      token: worker, headers: { 'if-match': '"1"' }, body: { district: `District ${i}` }
    })))
    t.comment(`same-ETag PATCH: 50 sent → ${tally(results)}`)
    t.equal(results.filter((r) => r.status === 200).length, 1, 'one winner')
    t.equal(results.filter((r) => r.status === 412).length, 49, 'the rest are told the version moved on')
    const after = await ctx.call('GET', `/v1/persons/${person.id}`, { token: worker })
    t.equal(after.body.version, 2, 'exactly one version step')
    t.equal(after.body.district, results.find((r) => r.status === 200)?.body.district, 'the winner\'s value is stored')
    const updates = await ctx.database.db.selectFrom('audit_events').select('id').where('person_id', '=', person.id).where('action', '=', 'update').execute()
    t.equal(updates.length, 1, 'one update event: the refused writers changed nothing')
  })

  t.test('50 process actions with the same If-Match: one assignment wins', async (t) => {
    const application = await createApplication(ctx, worker)
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => ctx.call('POST', `/v1/applications/${application.id}/assign`, {
      token: worker, headers: { 'if-match': '"1"' }, body: { caseWorker: `worker.${i}` }
    })))
    t.comment(`same-ETag assign: 50 sent → ${tally(results)}`)
    t.equal(results.filter((r) => r.status === 200).length, 1)
    t.equal(results.filter((r) => r.status === 412).length, 49)
    const after = await ctx.call('GET', `/v1/applications/${application.id}`, { token: worker })
    t.equal(after.body.version, 2)
    t.equal(after.body.assignedCaseWorker, results.find((r) => r.status === 200)?.body.assignedCaseWorker)
  })

  t.test('the same service decided concurrently: one decision per service, a decided application', async (t) => {
    const manager = await ctx.token('unit_manager')
    const a = await createApplication(ctx, manager, { requestedServices: [{ serviceTypeCode: 'home_care', requestedHoursPerMonth: 30 }, { serviceTypeCode: 'safety_alarm' }, { serviceTypeCode: 'day_activity' }] })
    await readyForDecision(ctx, manager, a.id)
    const decide = (serviceTypeCode: string, outcome: string, extra: Record<string, unknown>) => ctx.call('POST', `/v1/applications/${a.id}/decisions`, {
      token: manager, body: { serviceTypeCode, outcome, reason: 'r', decisionDate: '2026-02-10', ...(outcome === 'rejected' ? {} : { validFrom: '2026-02-10' }), ...extra }
    })
    const results = await Promise.all([
      ...Array.from({ length: 10 }, (_, i) => decide('home_care', i % 2 ? 'granted' : 'partially_granted', { hoursPerMonth: i % 2 ? 30 : 20 })),
      ...Array.from({ length: 10 }, (_, i) => decide('safety_alarm', i % 2 ? 'granted' : 'rejected', {})),
      ...Array.from({ length: 10 }, () => decide('day_activity', 'granted', {}))
    ])
    t.comment(`concurrent decisions: 30 sent for 3 services → ${tally(results)}`)
    t.equal(results.filter((r) => r.status === 201).length, 3, 'one decision per service')
    t.ok(results.every((r) => r.status === 201 || r.status === 409), 'the others are told it is decided')
    const decisions = await ctx.database.db.selectFrom('decisions').select(['id', 'service_type_code', 'outcome']).where('application_id', '=', a.id).execute()
    t.same(decisions.map((d) => d.service_type_code).sort(), ['day_activity', 'home_care', 'safety_alarm'])
    for (const d of decisions) {
      const answer = results.find((r) => r.status === 201 && r.body.id === d.id)
      t.equal(answer?.body.outcome, d.outcome, `the stored ${d.service_type_code} decision is the one that was answered 201`)
    }
    const application = await ctx.call('GET', `/v1/applications/${a.id}`, { token: manager })
    t.equal(application.body.status, 'decided', 'whichever came last saw the others and completed the application')
    const creates = await ctx.database.db.selectFrom('audit_events').select('resource_id').where('resource_type', '=', 'decision').where('action', '=', 'create').where('resource_id', 'in', decisions.map((d) => d.id)).execute()
    t.equal(creates.length, 3, 'one create event per stored decision, none for the refused')
  })

  // The lock of a step reads the requested services in the same statement (issue 17), whose
  // snapshot predates a lock it waited for: the step must still see what the holder committed.
  t.test('a decision that waited for the application lock sees the service decided meanwhile', { skip: ctx.config.databaseUrl ? false : 'needs two connections (DATABASE_URL)' }, async (t) => {
    const manager = await ctx.token('unit_manager')
    const a = await createApplication(ctx, manager, { requestedServices: [{ serviceTypeCode: 'safety_alarm' }, { serviceTypeCode: 'day_activity' }] })
    await readyForDecision(ctx, manager, a.id)
    let answer: Promise<Response> | undefined
    await ctx.database.db.transaction().execute(async (trx) => {
      // Another writer holds the application, decides safety_alarm and bumps the version, as deciding does.
      const held = await trx.selectFrom('applications').selectAll().where('id', '=', a.id).forUpdate().executeTakeFirstOrThrow()
      await trx.insertInto('decisions').values({
        application_id: a.id, person_id: held.person_id, unit_id: held.unit_id, service_type_code: 'safety_alarm', outcome: 'rejected',
        reason: 'r', legal_basis: 'SoL 4 kap. 1 §', decision_date: '2026-02-10', decided_by: 'other.writer', decided_by_role: 'unit_manager'
      }).execute()
      await trx.updateTable('applications').set((eb) => ({ version: eb('version', '+', 1) })).where('id', '=', a.id).execute()
      answer = ctx.call('POST', `/v1/applications/${a.id}/decisions`, {
        token: manager, body: { serviceTypeCode: 'day_activity', outcome: 'granted', reason: 'r', decisionDate: '2026-02-10', validFrom: '2026-02-10' }
      })
      // Long enough for the request to reach the lock and wait there.
      await new Promise((resolve) => setTimeout(resolve, 500))
    })
    const decided = await answer
    t.equal(decided?.status, 201, decided?.raw ?? 'no answer')
    const application = await ctx.call('GET', `/v1/applications/${a.id}`, { token: manager })
    t.equal(application.body.status, 'decided', 'the last service decided completes the application: the waiting step saw the other decision')
  })

  t.test('20 concurrent retries with one Idempotency-Key create one application', async (t) => {
    const person = await createPerson(ctx, worker)
    const body = { personId: person.id, receivedDate: '2026-01-15', channel: 'phone', requestedServices: [{ serviceTypeCode: 'day_activity' }] }
    const results = await Promise.all(Array.from({ length: 20 }, () => ctx.call('POST', '/v1/applications', {
      token: worker, headers: { 'idempotency-key': `concurrent-${person.id}` }, body
    })))
    t.comment(`idempotent retries: 20 sent with one key → ${tally(results)}`)
    const created = await ctx.database.db.selectFrom('applications').select('id').where('person_id', '=', person.id).execute()
    t.equal(created.length, 1, 'one record')
    t.ok(results.every((r) => r.status === 201 || r.status === 409), results.map((r) => r.status).join(','))
    t.ok(results.filter((r) => r.status === 201).every((r) => r.body.id === created[0]?.id), 'every 201 names the same application')
    const retry = await ctx.call('POST', '/v1/applications', { token: worker, headers: { 'idempotency-key': `concurrent-${person.id}` }, body })
    t.equal(retry.status, 201, 'a retry after the storm replays the first result')
    t.equal(retry.body.id, created[0]?.id)
    t.equal(retry.headers['idempotent-replayed'], 'true')
  })

  t.test('20 concurrent retries of a process action with one Idempotency-Key communicate once', async (t) => {
    const application = await createApplication(ctx, worker)
    await readyForDecision(ctx, worker, application.id, { communicate: false })
    const results = await Promise.all(Array.from({ length: 20 }, () => ctx.call('POST', `/v1/applications/${application.id}/communicate`, {
      token: worker, headers: { 'idempotency-key': `communicate-${application.id}` }, body: { date: '2026-02-01', recipient: 'Sökanden' }
    })))
    t.comment(`idempotent action retries: 20 sent with one key → ${tally(results)}`)
    const communications = await ctx.database.db.selectFrom('communications').select('id').where('application_id', '=', application.id).execute()
    t.equal(communications.length, 1, 'one communication')
    t.ok(results.every((r) => r.status === 201 || r.status === 409))
    t.ok(results.filter((r) => r.status === 201).every((r) => r.body.id === communications[0]?.id))
  })

  t.test('20 concurrent registrations of one personnummer: one person, the rest 409', async (t) => {
    const number = nextPersonnummer('19390405')
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => ctx.call('POST', '/v1/persons', {
      token: worker, body: { personalIdentityNumber: number, firstName: `Twin${i}`, lastName: 'Race' }
    })))
    t.comment(`same personnummer: 20 sent → ${tally(results)}`)
    t.equal(results.filter((r) => r.status === 201).length, 1)
    t.equal(results.filter((r) => r.status === 409).length, 19, 'a lost race is a conflict, not a 500')
    const stored = await ctx.database.db.selectFrom('persons').select('id').where('personal_identity_number', '=', number).execute()
    t.equal(stored.length, 1)
  })
})
