import t from 'tap'
import { buildTestApp, createApplication, createPerson, readyForDecision } from '../helper.js'

t.test('applications: intake, investigation, communication, joint review, withdrawal', async (t) => {
  const ctx = await buildTestApp(t)
  const worker = await ctx.token('case_worker')
  const otherUnit = await ctx.token('case_worker', { unit: 'bromma' })

  t.test('create answers 201 with Location, ETag, a case number and the requested services', async (t) => {
    const person = await createPerson(ctx, worker)
    const res = await ctx.call('POST', '/v1/applications', {
      token: worker,
      body: { personId: person.id, receivedDate: '2026-01-15', channel: 'hospital_discharge', urgent: true, assignedCaseWorker: 'anna', requestedServices: [{ serviceTypeCode: 'home_care', requestedHoursPerMonth: 30 }, { serviceTypeCode: 'safety_alarm' }] }
    })
    t.equal(res.status, 201)
    t.equal(res.headers.location, `/v1/applications/${res.body.id}`)
    t.equal(res.headers.etag, '"1"')
    t.match(res.body.caseNumber, /^ANS-\d{4}-\d{6}$/)
    t.equal(res.body.status, 'received')
    t.equal(res.body.urgent, true)
    t.same(res.body.requestedServices.map((s: { serviceTypeCode: string }) => s.serviceTypeCode), ['home_care', 'safety_alarm'])
    t.equal(res.body.investigation, null)
  })

  t.test('create refuses bad input with 400 pointing at the field', async (t) => {
    const person = await createPerson(ctx, worker)
    const cases: [unknown, string][] = [
      [{ personId: person.id, receivedDate: '2026-02-30', channel: 'phone', requestedServices: [{ serviceTypeCode: 'home_care' }] }, '/receivedDate'],
      [{ personId: person.id, receivedDate: '2099-01-01', channel: 'phone', requestedServices: [{ serviceTypeCode: 'home_care' }] }, '/receivedDate'],
      [{ personId: person.id, receivedDate: '2026-01-15', channel: 'fax', requestedServices: [{ serviceTypeCode: 'home_care' }] }, '/channel'],
      [{ personId: person.id, receivedDate: '2026-01-15', channel: 'phone', requestedServices: [] }, '/requestedServices'],
      [{ personId: person.id, receivedDate: '2026-01-15', channel: 'phone', requestedServices: [{ serviceTypeCode: 'no_such_type' }] }, '/requestedServices/0/serviceTypeCode'],
      [{ personId: person.id, receivedDate: '2026-01-15', channel: 'phone', requestedServices: [{ serviceTypeCode: 'home_care' }, { serviceTypeCode: 'home_care' }] }, '/requestedServices'],
      [{ personId: person.id, receivedDate: '2026-01-15', channel: 'phone', requestedServices: [{ serviceTypeCode: 'safety_alarm', requestedHoursPerMonth: 5 }] }, '/requestedServices/0/requestedHoursPerMonth'],
      [{ personId: person.id, receivedDate: '2026-01-15', channel: 'phone', requestedServices: [{ serviceTypeCode: 'home_care' }], extra: 1 }, '/']
    ]
    for (const [body, pointer] of cases) {
      const res = await ctx.call('POST', '/v1/applications', { token: worker, body })
      t.equal(res.status, 400, `400 for ${pointer}`)
      t.match(res.headers['content-type'], /application\/problem\+json/)
      t.ok(res.body.errors.some((e: { pointer: string }) => e.pointer.startsWith(pointer)), `points at ${pointer}: ${JSON.stringify(res.body.errors)}`)
    }
  })

  t.test('another unit cannot see or use the person or the application', async (t) => {
    const application = await createApplication(ctx, worker)
    const res = await ctx.call('POST', '/v1/applications', {
      token: otherUnit, body: { personId: application.personId, receivedDate: '2026-01-15', channel: 'phone', requestedServices: [{ serviceTypeCode: 'home_care' }] }
    })
    t.equal(res.status, 404)
    const get = await ctx.call('GET', `/v1/applications/${application.id}`, { token: otherUnit })
    const missing = await ctx.call('GET', '/v1/applications/00000000-0000-4000-8000-000000000000', { token: worker })
    t.equal(get.status, 404)
    t.equal(get.body.detail, missing.body.detail, 'the same answer as for an id that does not exist')
    const list = await ctx.call('GET', `/v1/applications?personId=${application.personId}`, { token: otherUnit })
    t.same(list.body.items, [])
    const withdraw = await ctx.call('POST', `/v1/applications/${application.id}/withdraw`, { token: otherUnit, body: { date: '2026-02-01' } })
    t.equal(withdraw.status, 404)
  })

  t.test('the process: investigate, communicate without the assessment, re-investigate', async (t) => {
    const application = await createApplication(ctx, worker)
    const early = await ctx.call('POST', `/v1/applications/${application.id}/communicate`, { token: worker, body: { date: '2026-02-01', recipient: 'Sökanden' } })
    t.equal(early.status, 409, 'nothing to communicate before the investigation')
    t.equal(early.body.currentState, 'received')

    const inv = await ctx.call('PUT', `/v1/applications/${application.id}/investigation`, {
      token: worker, headers: { 'if-match': '"1"' },
      body: { method: 'home_visit', needsDescription: 'Behöver hjälp med dusch.', assessment: 'HEMLIG BEDÖMNING' }
    })
    t.equal(inv.status, 200)
    t.equal(inv.body.status, 'investigating')
    t.equal(inv.body.investigation.assessment, 'HEMLIG BEDÖMNING')
    t.equal(inv.headers.etag, '"2"')

    const beforeReceived = await ctx.call('POST', `/v1/applications/${application.id}/communicate`, { token: worker, body: { date: '2026-01-14', recipient: 'Sökanden' } })
    t.equal(beforeReceived.status, 400, 'cannot communicate before the application was received')
    const onReceived = await ctx.call('POST', `/v1/applications/${application.id}/communicate`, { token: worker, body: { date: '2026-01-15', recipient: 'Sökanden' } })
    t.equal(onReceived.status, 201, 'the received date itself is allowed')
    t.equal(onReceived.headers.location, `/v1/applications/${application.id}/communications/${onReceived.body.id}`)
    t.equal(onReceived.body.investigation.needsDescription, 'Behöver hjälp med dusch.')
    t.notOk('assessment' in onReceived.body.investigation)
    t.notMatch(onReceived.raw, /HEMLIG/, 'the assessment part is never shared')

    const changed = await ctx.call('PUT', `/v1/applications/${application.id}/investigation`, {
      token: worker, body: { method: 'phone', needsDescription: 'Ny beskrivning.', assessment: 'HEMLIG 2' }
    })
    t.equal(changed.body.status, 'investigating', 'a change after communication must be shared again')
    const fetched = await ctx.call('GET', `/v1/applications/${application.id}/communications/${onReceived.body.id}`, { token: worker })
    t.equal(fetched.status, 200)
    t.equal(fetched.body.investigation.needsDescription, 'Behöver hjälp med dusch.', 'exactly the version that was shared')
    t.equal(fetched.body.investigation.method, 'home_visit')
    t.notMatch(fetched.raw, /HEMLIG/)
    const list = await ctx.call('GET', `/v1/applications/${application.id}/communications`, { token: worker })
    t.equal(list.body.items.length, 1)
    const otherCommunication = await ctx.call('GET', `/v1/applications/${application.id}/communications/${onReceived.body.id}`, { token: otherUnit })
    t.equal(otherCommunication.status, 404)
  })

  t.test('joint review, assignment and withdrawal; nothing after withdrawal', async (t) => {
    const application = await createApplication(ctx, worker, { requestedServices: [{ serviceTypeCode: 'care_home' }] })
    const review = await ctx.call('POST', `/v1/applications/${application.id}/joint-review`, {
      token: worker, body: { date: '2026-01-20', participants: ['Enhetschef Eva Ek'], notes: 'Behov föreligger.' }
    })
    t.equal(review.status, 200)
    t.same(review.body.jointReview, { date: '2026-01-20', participants: ['Enhetschef Eva Ek'], notes: 'Behov föreligger.' })
    const assign = await ctx.call('POST', `/v1/applications/${application.id}/assign`, { token: worker, body: { caseWorker: 'bertil' } })
    t.equal(assign.body.assignedCaseWorker, 'bertil')
    const future = await ctx.call('POST', `/v1/applications/${application.id}/withdraw`, { token: worker, body: { date: '2099-01-01' } })
    t.equal(future.status, 400)
    const withdraw = await ctx.call('POST', `/v1/applications/${application.id}/withdraw`, { token: worker, body: { date: '2026-01-25', reason: 'Återtagen av sökanden' } })
    t.equal(withdraw.status, 200)
    t.equal(withdraw.body.status, 'withdrawn')
    t.same(withdraw.body.withdrawal, { date: '2026-01-25', reason: 'Återtagen av sökanden' })
    for (const [method, path, body] of [
      ['POST', 'withdraw', { date: '2026-01-26' }],
      ['PUT', 'investigation', { method: 'phone', needsDescription: 'x' }],
      ['POST', 'joint-review', { date: '2026-01-26', participants: ['x'] }],
      ['POST', 'assign', { caseWorker: 'x' }]
    ] as const) {
      const res = await ctx.call(method, `/v1/applications/${application.id}/${path}`, { token: worker, body })
      t.equal(res.status, 409, `${path} refused after withdrawal`)
      t.equal(res.body.currentState, 'withdrawn')
    }
    const patch = await ctx.call('PATCH', `/v1/applications/${application.id}`, { token: worker, body: { urgent: true } })
    t.equal(patch.status, 409)
  })

  t.test('once one service is decided, what the decision rests on is locked', async (t) => {
    const a = await createApplication(ctx, worker, { requestedServices: [{ serviceTypeCode: 'home_care', requestedHoursPerMonth: 20 }, { serviceTypeCode: 'safety_alarm' }] })
    await readyForDecision(ctx, worker, a.id)
    const d = await ctx.call('POST', `/v1/applications/${a.id}/decisions`, {
      token: worker, body: { serviceTypeCode: 'home_care', outcome: 'granted', reason: 'r', hoursPerMonth: 20, decisionDate: '2026-02-10', validFrom: '2026-02-10' }
    })
    t.equal(d.status, 201)
    const refused: [string, string, unknown][] = [
      ['PATCH', '', { receivedDate: '2026-01-20' }],
      ['PUT', '/investigation', { method: 'phone', needsDescription: 'Omskriven.' }],
      ['POST', '/communicate', { date: '2026-02-11', recipient: 'Sökanden' }],
      ['POST', '/withdraw', { date: '2026-02-11' }]
    ]
    for (const [method, path, body] of refused) {
      const res = await ctx.call(method as 'POST', `/v1/applications/${a.id}${path}`, { token: worker, body })
      t.equal(res.status, 409, `${method} ${path || '/'} refused after a decision`)
      t.equal(res.body.rule, 'locked_by_decision')
    }
    t.equal((await ctx.call('POST', `/v1/applications/${a.id}/assign`, { token: worker, body: { caseWorker: 'cecilia' } })).status, 200, 'reassignment is still allowed')
    const rest = await ctx.call('POST', `/v1/applications/${a.id}/decisions`, {
      token: worker, body: { serviceTypeCode: 'safety_alarm', outcome: 'granted', reason: 'r', decisionDate: '2026-02-10', validFrom: '2026-02-10' }
    })
    t.equal(rest.status, 201, 'the remaining service can be decided')
  })

  t.test('urgency can change only at intake', async (t) => {
    const a = await createApplication(ctx, worker)
    t.equal((await ctx.call('PATCH', `/v1/applications/${a.id}`, { token: worker, body: { urgent: true } })).status, 200, 'while received')
    await readyForDecision(ctx, worker, a.id, { communicate: false })
    const late = await ctx.call('PATCH', `/v1/applications/${a.id}`, { token: worker, body: { urgent: false } })
    t.equal(late.status, 409, 'not once the investigation has started')
    t.equal((await ctx.call('PATCH', `/v1/applications/${a.id}`, { token: worker, body: { urgent: true, channel: 'outreach' } })).status, 200, 'sending the unchanged value is fine')
  })

  t.test('PATCH honours If-Match', async (t) => {
    const application = await createApplication(ctx, worker)
    const ok = await ctx.call('PATCH', `/v1/applications/${application.id}`, { token: worker, headers: { 'if-match': '"1"' }, body: { urgent: true } })
    t.equal(ok.status, 200)
    t.equal(ok.body.urgent, true)
    const stale = await ctx.call('PATCH', `/v1/applications/${application.id}`, { token: worker, headers: { 'if-match': '"1"' }, body: { urgent: false } })
    t.equal(stale.status, 412)
    const garbage = await ctx.call('PATCH', `/v1/applications/${application.id}`, { token: worker, headers: { 'if-match': 'nonsense' }, body: { urgent: false } })
    t.equal(garbage.status, 412)
    const after = await ctx.call('GET', `/v1/applications/${application.id}`, { token: worker })
    t.equal(after.body.urgent, true, 'the stale update changed nothing')
  })

  t.test('list filters and cursor pagination', async (t) => {
    const fresh = await buildTestApp(t)
    const token = await fresh.token('case_worker')
    const person = await createPerson(fresh, token)
    const dates = ['2026-01-10', '2026-01-11', '2026-01-12', '2026-01-12', '2026-01-13']
    const ids: string[] = []
    for (const [i, date] of dates.entries()) {
      const a = await createApplication(fresh, token, {
        personId: person.id, receivedDate: date, urgent: i === 0, assignedCaseWorker: i % 2 === 0 ? 'anna' : 'bertil',
        requestedServices: [{ serviceTypeCode: i === 4 ? 'safety_alarm' : 'home_care' }]
      })
      ids.push(a.id)
    }
    await readyForDecision(fresh, token, ids[1] as string, { communicate: false })

    const seen: string[] = []
    let cursor: string | null = null
    do {
      const res: { body: { items: { id: string; receivedDate: string }[]; nextCursor: string | null } } =
        await fresh.call('GET', `/v1/applications?limit=2${cursor ? `&cursor=${cursor}` : ''}`, { token })
      t.ok(res.body.items.length <= 2)
      seen.push(...res.body.items.map((a) => a.id))
      cursor = res.body.nextCursor
    } while (cursor)
    t.equal(seen.length, 5)
    t.equal(new Set(seen).size, 5, 'no duplicates across pages')
    t.equal(seen[0], ids[4], 'newest received first')

    const q = async (query: string) => (await fresh.call('GET', `/v1/applications?${query}`, { token })).body.items.map((a: { id: string }) => a.id).sort()
    t.same(await q('status=investigating'), [ids[1]])
    t.same(await q('urgent=true'), [ids[0]])
    t.same(await q('caseWorker=bertil'), [ids[1], ids[3]].sort())
    t.same(await q('receivedFrom=2026-01-12&receivedTo=2026-01-12'), [ids[2], ids[3]].sort())
    t.same(await q('serviceType=safety_alarm'), [ids[4]])
    t.same(await q(`unitId=${await fresh.unitId('bromma')}`), [], 'another unit gives an empty list')

    t.equal((await fresh.call('GET', '/v1/applications?cursor=not-a-cursor', { token })).status, 400)
    t.equal((await fresh.call('GET', '/v1/applications?limit=100000', { token })).status, 400)
    t.equal((await fresh.call('GET', '/v1/applications?status=bogus', { token })).status, 400)
  })

  t.test('reads and writes leave audit events', async (t) => {
    const application = await createApplication(ctx, worker)
    await ctx.call('GET', `/v1/applications/${application.id}`, { token: worker })
    const events = await ctx.database.db.selectFrom('audit_events').select(['action', 'resource_type', 'person_id', 'actor'])
      .where('resource_id', '=', application.id).orderBy('id').execute()
    t.same(events.map((e) => `${e.action}:${e.resource_type}`), ['create:application', 'read:application'])
    t.ok(events.every((e) => e.person_id === application.personId && e.actor === 'test.case_worker'))
  })

  t.test('statistics readers see no individual data', async (t) => {
    const stats = await ctx.token('statistics_reader')
    t.equal((await ctx.call('GET', '/v1/applications', { token: stats })).status, 403)
    const application = await createApplication(ctx, worker)
    t.equal((await ctx.call('GET', `/v1/applications/${application.id}`, { token: stats })).status, 403)
  })
})
