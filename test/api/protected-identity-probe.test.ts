/**
 * No existence oracle for a protected identity, tried from the prober's side: a case worker
 * without the `protected_identity` permission compares what the API answers for the number of
 * a protected person of the unit with what it answers for a number nobody holds — registering,
 * correcting a person to it, searching it. Every answer must be alike. The clash is kept for
 * those with the permission. And the access log neither names the person of a record hidden
 * from the reader nor records an id the reader cannot see.
 */
import { randomUUID } from 'node:crypto'
import t from 'tap'
import { buildTestApp, createPerson, nextPersonnummer, type Response } from '../helper.js'

/** What a prober can compare: status, headers present, body keys and field values other than ids and times. */
function shape(res: Response) {
  const headers = Object.keys(res.headers).filter((h) => !['date', 'x-request-id', 'content-length', 'etag', 'location', 'x-ratelimit-remaining', 'x-ratelimit-reset'].includes(h)).sort()
  const body = res.body && typeof res.body === 'object'
    ? JSON.stringify(res.body, (k, v) => (['id', 'createdAt', 'updatedAt', 'personalIdentityNumber', 'birthDate', 'sex', 'instance', 'items'].includes(k) ? typeof v : v))
    : String(res.body)
  return { status: res.status, headers, body }
}

t.test('protected identity probe', async (t) => {
  const ctx = await buildTestApp(t)
  const prober = await ctx.token('case_worker', { subject: 'curious.case_worker' })
  const permitted = await ctx.token('case_worker', { subject: 'permitted.case_worker', permissions: ['protected_identity'] })
  const protectedNumber = nextPersonnummer()
  const hidden = await ctx.call('POST', '/v1/persons', {
    token: permitted, body: { personalIdentityNumber: protectedNumber, firstName: 'Skyddad', lastName: 'Person', protectedIdentity: true }
  })
  t.equal(hidden.status, 201)

  t.test('search: the same empty answer as for a number nobody holds', async (t) => {
    const probe = await ctx.call('POST', '/v1/persons/search', { token: prober, body: { personalIdentityNumber: protectedNumber } })
    const control = await ctx.call('POST', '/v1/persons/search', { token: prober, body: { personalIdentityNumber: nextPersonnummer() } })
    t.same(shape(probe), shape(control))
    t.same(probe.body, { items: [] })
  })

  t.test('register: succeeds exactly as with an unused number; the clash goes to the permitted', async (t) => {
    const body = (pnr: string) => ({ personalIdentityNumber: pnr, firstName: 'Ny', lastName: 'Person' })
    const probe = await ctx.call('POST', '/v1/persons', { token: prober, body: body(protectedNumber) })
    const control = await ctx.call('POST', '/v1/persons', { token: prober, body: body(nextPersonnummer()) })
    t.equal(probe.status, 201)
    t.same(shape(probe), shape(control), 'same status, headers and body shape')
    t.not(probe.body.id, hidden.body.id, 'a new record, not the protected one')
    t.equal(probe.body.protectedIdentity, false)

    const clashes = await ctx.database.db.selectFrom('identity_clashes').selectAll().where('protected_person_id', '=', hidden.body.id).execute()
    t.equal(clashes.length, 1, 'the clash is kept for those with the permission')
    t.equal(clashes[0]?.person_id, probe.body.id)

    // Now the prober's own record answers searches and a second registration — as for any number they registered.
    const again = await ctx.call('POST', '/v1/persons', { token: prober, body: body(protectedNumber) })
    t.equal(again.status, 409, 'the prober\'s own (visible) record clashes, as any visible duplicate does')
    const found = await ctx.call('POST', '/v1/persons/search', { token: prober, body: { personalIdentityNumber: protectedNumber } })
    t.same(found.body.items.map((p: any) => p.id), [probe.body.id], 'search finds the prober\'s record only')
    const permittedSearch = await ctx.call('POST', '/v1/persons/search', { token: permitted, body: { personalIdentityNumber: protectedNumber } })
    t.equal(permittedSearch.status, 200)
    t.ok(permittedSearch.body.items.length >= 1, 'the permitted see the number\'s holders')

    const permittedRegister = await ctx.call('POST', '/v1/persons', { token: permitted, body: body(protectedNumber) })
    t.equal(permittedRegister.status, 409, 'who may see the protected person is told it exists')
  })

  t.test('PATCH to the number: succeeds exactly as with an unused number', async (t) => {
    const other = nextPersonnummer()
    await ctx.call('POST', '/v1/persons', { token: permitted, body: { personalIdentityNumber: other, firstName: 'Skyddad', lastName: 'Två', protectedIdentity: true } })
    const a = await createPerson(ctx, prober)
    const b = await createPerson(ctx, prober)
    const probe = await ctx.call('PATCH', `/v1/persons/${a.id}`, { token: prober, body: { personalIdentityNumber: other } })
    const control = await ctx.call('PATCH', `/v1/persons/${b.id}`, { token: prober, body: { personalIdentityNumber: nextPersonnummer() } })
    t.equal(probe.status, 200)
    t.same(shape(probe), shape(control))
    const clash = await ctx.database.db.selectFrom('identity_clashes').select('person_id').where('person_id', '=', a.id).execute()
    t.equal(clash.length, 1, 'the clash is kept')

    const visibleTaken = await ctx.call('PATCH', `/v1/persons/${b.id}`, { token: prober, body: { personalIdentityNumber: other } })
    t.equal(visibleTaken.status, 409, 'a number held by a person the caller sees still answers 409')
  })
})

t.test('access-log visibility', async (t) => {
  const ctx = await buildTestApp(t)
  const worker = await ctx.token('case_worker')
  const admin = await ctx.token('administrator')
  const person = await createPerson(ctx, worker)
  const report = await ctx.call('POST', '/v1/lex-sarah-reports', {
    token: worker,
    body: {
      reportedDate: '2026-05-04', reporterRole: 'biståndshandläggare', eventDate: '2026-05-03', place: 'unit',
      category: 'documentation_to_wrong_person', description: 'Fel mottagare.', immediateActions: 'Återkallad.', personId: person.id
    }
  })
  t.equal(report.status, 201)
  t.equal((await ctx.call('GET', `/v1/lex-sarah-reports/${report.body.id}`, { token: admin })).body.details, null, 'the report hides its person from an administrator')

  t.test('an administrator does not learn a Lex Sarah report\'s person from the log', async (t) => {
    const all = await ctx.call('GET', '/v1/audit-events?limit=200', { token: admin })
    t.equal(all.status, 200)
    const events = all.body.items.filter((e: any) => e.resourceType === 'lex_sarah_report')
    t.ok(events.length > 0, 'the report\'s events are listed')
    t.ok(events.every((e: any) => e.personId === null), 'without their person')
    const byPerson = await ctx.call('GET', `/v1/audit-events?personId=${person.id}&limit=200`, { token: admin })
    t.notOk(byPerson.body.items.some((e: any) => e.resourceType === 'lex_sarah_report'), 'nor by filtering on the person')
  })

  t.test('who may read the report sees its person in the log too', async (t) => {
    const roles = await ctx.token('unit_manager')
    const res = await ctx.call('GET', `/v1/audit-events?personId=${person.id}&limit=200`, { token: roles })
    if (res.status === 403) return t.pass('unit managers do not read the log')
    t.ok(res.body.items.some((e: any) => e.resourceType === 'lex_sarah_report' && e.personId === person.id))
  })

  t.test('?personId= of a person the reader cannot see is not recorded', async (t) => {
    const invisible = randomUUID()
    const bromma = await createPerson(ctx, await ctx.token('case_worker', { unit: 'bromma' }))
    for (const id of [invisible, bromma.id]) {
      const res = await ctx.call('GET', `/v1/audit-events?personId=${id}`, { token: admin })
      t.equal(res.status, 200)
      t.same(res.body.items, [])
      const recorded = await ctx.database.db.selectFrom('audit_events').select('id').where('person_id', '=', id).where('resource_type', '=', 'audit_log').execute()
      t.equal(recorded.length, 0, 'no event names the id')
    }
    const logReads = () => ctx.database.db.selectFrom('audit_events').select('id').where('person_id', '=', person.id).where('resource_type', '=', 'audit_log').execute()
    const before = (await logReads()).length
    await ctx.call('GET', `/v1/audit-events?personId=${person.id}`, { token: admin })
    t.equal((await logReads()).length, before + 1, 'a visible person\'s log read is recorded')
  })
})
