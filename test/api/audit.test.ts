/**
 * The access log through the HTTP surface and in the database: reads and writes of a person
 * append events (actor, roles, unit, action, resource, person, request id, time); the unit's
 * administrators list them with filters and cursor pagination; the table is append-only.
 */
import { setTimeout as pause } from 'node:timers/promises'
import { sql } from 'kysely'
import t, { type Test } from 'tap'
import { buildTestApp, createPerson, nextPersonnummer, personnummer, type Response } from '../helper.js'

interface AuditEvent {
  id: number
  occurredAt: string
  actor: string
  actorRoles: string[]
  unitId: string | null
  action: string
  resourceType: string
  resourceId: string | null
  personId: string | null
  requestId: string | null
}

function assertProblem(t: Test, res: Response, status: number) {
  t.equal(res.status, status, `status ${status}`)
  t.match(res.headers['content-type'], /^application\/problem\+json/, 'problem+json')
  t.equal(res.body.status, status, 'body.status')
}

const cursorOf = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')

t.test('audit', async (t) => {
  const ctx = await buildTestApp(t)
  const db = ctx.database.db
  const unitId = await ctx.unitId('hagersten-alvsjo')
  const brommaId = await ctx.unitId('bromma')
  const caseWorker = await ctx.token('case_worker', { subject: 'anna.case_worker' })
  const colleague = await ctx.token('case_worker_special_delegation', { subject: 'bo.special' })
  const admin = await ctx.token('administrator', { subject: 'ada.admin' })
  const brommaAdmin = await ctx.token('administrator', { unit: 'bromma', subject: 'bromma.admin' })
  const brommaCaseWorker = await ctx.token('case_worker', { unit: 'bromma', subject: 'bromma.case_worker' })

  /** Lists events as the given caller, one page; anything but 200 fails the test. */
  // Reading a person's access log is itself logged (resource type audit_log); the tests below
  // are about the other events, so they leave out their own log reads (tested on their own).
  async function list(token: string, query = '') {
    const res = await ctx.call<{ items: AuditEvent[]; nextCursor: string | null }>('GET', `/v1/audit-events${query}`, { token })
    if (res.status !== 200) throw new Error(`GET /v1/audit-events${query}: ${res.status} ${res.raw.slice(0, 300)}`)
    return { ...res.body, items: res.body.items.filter((e) => e.resourceType !== 'audit_log') }
  }

  // The person whose access log the tests read: created, read, changed and searched, each a
  // few milliseconds apart so that time filters can separate them.
  const number = personnummer('19360101', '123')
  const created = await ctx.call('POST', '/v1/persons', {
    token: caseWorker, headers: { 'x-request-id': 'req-create' },
    body: { personalIdentityNumber: number, firstName: 'Logg', lastName: 'Loggsson' }
  })
  t.equal(created.status, 201)
  const personId = created.body.id as string
  await pause(15)
  const read = await ctx.call('GET', `/v1/persons/${personId}`, { token: caseWorker, headers: { 'x-request-id': 'req-read' } })
  t.equal(read.status, 200)
  await pause(15)
  const updated = await ctx.call('PATCH', `/v1/persons/${personId}`, {
    token: colleague, headers: { 'x-request-id': 'req-update' }, body: { language: 'svenska' }
  })
  t.equal(updated.status, 200)
  await pause(15)
  const searched = await ctx.call('POST', '/v1/persons/search', {
    token: caseWorker, headers: { 'x-request-id': 'req-search' }, body: { personalIdentityNumber: number }
  })
  t.equal(searched.body.items.length, 1)

  t.test('reads and writes append events in the database', async (t) => {
    const rows = await db.selectFrom('audit_events').selectAll().where('person_id', '=', personId).orderBy('id').execute()
    t.same(rows.map((r) => [r.action, r.actor, r.actor_roles, r.request_id]), [
      ['create', 'anna.case_worker', ['case_worker'], 'req-create'],
      ['read', 'anna.case_worker', ['case_worker'], 'req-read'],
      ['update', 'bo.special', ['case_worker_special_delegation'], 'req-update'],
      ['search', 'anna.case_worker', ['case_worker'], 'req-search']
    ])
    for (const row of rows) {
      t.equal(row.unit_id, unitId, `${row.action}: the actor's unit`)
      t.equal(row.resource_type, 'person', `${row.action}: resource type`)
      t.equal(row.resource_id, personId, `${row.action}: resource id`)
      t.ok(!Number.isNaN(Date.parse(String(row.occurred_at))), `${row.action}: a time`)
    }
    const times = rows.map((r) => Date.parse(String(r.occurred_at)))
    t.same([...times].sort((a, b) => a - b), times, 'in time order')

    const before = await db.selectFrom('audit_events').select('id').execute()
    const miss = await ctx.call('POST', '/v1/persons/search', {
      token: caseWorker, headers: { 'x-request-id': 'req-miss' }, body: { personalIdentityNumber: nextPersonnummer('19360102') }
    })
    t.same(miss.body.items, [])
    const missRow = await db.selectFrom('audit_events').selectAll().where('request_id', '=', 'req-miss').executeTakeFirst()
    t.match(missRow, { action: 'search', person_id: null, resource_id: null, actor: 'anna.case_worker' }, 'a search without a match is logged too')

    const foreign = await ctx.call('GET', `/v1/persons/${personId}`, { token: brommaCaseWorker })
    t.equal(foreign.status, 404)
    const forbidden = await ctx.call('GET', `/v1/persons/${personId}`, { token: await ctx.token('statistics_reader', { subject: 'stats' }) })
    t.equal(forbidden.status, 403)
    const after = await db.selectFrom('audit_events').select('id').execute()
    t.equal(after.length, before.length + 1, 'refused reads disclose nothing and log nothing')

    const failed = await ctx.call('POST', '/v1/persons', {
      token: caseWorker, headers: { 'x-request-id': 'req-dup' }, body: { personalIdentityNumber: number, firstName: 'Dubbel', lastName: 'Dubbelsson' }
    })
    t.equal(failed.status, 409)
    t.equal((await db.selectFrom('audit_events').select('id').where('request_id', '=', 'req-dup').execute()).length, 0, 'a refused write logs no create')
  })

  t.test('administrators list the unit\'s events over HTTP', async (t) => {
    const page = await list(admin, `?personId=${personId}`)
    t.same(page.items.map((e) => e.action), ['search', 'update', 'read', 'create'], 'newest first')
    t.equal(page.nextCursor, null)
    const [search, update, readEvent, create] = page.items
    t.match(create, {
      actor: 'anna.case_worker', actorRoles: ['case_worker'], unitId, action: 'create',
      resourceType: 'person', resourceId: personId, personId, requestId: 'req-create'
    })
    t.match(update, { actor: 'bo.special', actorRoles: ['case_worker_special_delegation'], requestId: 'req-update' })
    t.equal(readEvent?.requestId, 'req-read')
    t.equal(search?.requestId, 'req-search')
    t.match(create?.occurredAt, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/, 'an ISO instant')
    const rows = await db.selectFrom('audit_events').select('id').where('person_id', '=', personId)
      .where('resource_type', '!=', 'audit_log').orderBy('id', 'desc').execute()
    t.same(page.items.map((e) => e.id), rows.map((r) => r.id), 'the same events as in the database')

    const adminRead = await ctx.call('GET', `/v1/persons/${personId}`, { token: admin, headers: { 'x-request-id': 'req-admin-read' } })
    t.equal(adminRead.status, 200)
    const withAdmin = await list(admin, `?personId=${personId}`)
    t.match(withAdmin.items[0], { action: 'read', actor: 'ada.admin', actorRoles: ['administrator'], requestId: 'req-admin-read' }, 'the administrator\'s own read is logged')
  })

  t.test('extracting a person\'s access log is itself logged', async (t) => {
    const res = await ctx.call('GET', `/v1/audit-events?personId=${personId}`, { token: admin, headers: { 'x-request-id': 'req-log-read' } })
    t.equal(res.status, 200)
    const logged = await db.selectFrom('audit_events').selectAll().where('request_id', '=', 'req-log-read').execute()
    t.equal(logged.length, 1)
    t.match(logged[0], { action: 'read', resource_type: 'audit_log', person_id: personId, actor: 'ada.admin' })
    const unfiltered = await ctx.call('GET', '/v1/audit-events?limit=1', { token: admin, headers: { 'x-request-id': 'req-log-all' } })
    t.equal(unfiltered.status, 200)
    t.equal((await db.selectFrom('audit_events').select('id').where('request_id', '=', 'req-log-all').execute()).length, 0, 'an unfiltered listing names no person')
  })

  t.test('filters: person, actor, time', async (t) => {
    const other = await createPerson(ctx, caseWorker)
    const byPerson = await list(admin, `?personId=${other.id}`)
    t.same(byPerson.items.map((e) => e.action), ['create'])
    t.ok(byPerson.items.every((e) => e.personId === other.id))

    const byActor = await list(admin, '?actor=bo.special')
    t.same(byActor.items.map((e) => [e.action, e.requestId]), [['update', 'req-update']])
    const byBoth = await list(admin, `?actor=anna.case_worker&personId=${personId}`)
    t.same(byBoth.items.map((e) => e.action), ['search', 'read', 'create'])
    const nobody = await list(admin, '?actor=nobody')
    t.same(nobody, { items: [], nextCursor: null })

    const events = (await list(admin, `?personId=${personId}&actor=anna.case_worker`)).items.reverse() // oldest first
    const [createEvent, readEvent, searchEvent] = events
    const at = (e: AuditEvent | undefined) => encodeURIComponent(String(e?.occurredAt))
    const from = await list(admin, `?personId=${personId}&from=${at(readEvent)}`)
    t.same(from.items.map((e) => e.requestId), ['req-admin-read', 'req-search', 'req-update', 'req-read'], 'from is inclusive')
    const to = await list(admin, `?personId=${personId}&to=${at(readEvent)}`)
    t.same(to.items.map((e) => e.requestId), ['req-create'], 'to is exclusive')
    const window = await list(admin, `?personId=${personId}&from=${at(createEvent)}&to=${at(searchEvent)}`)
    t.same(window.items.map((e) => e.requestId), ['req-update', 'req-read', 'req-create'], 'a window')
    const future = await list(admin, `?personId=${personId}&from=${encodeURIComponent('2999-01-01T00:00:00Z')}`)
    t.same(future.items, [])
    const past = await list(admin, `?to=${encodeURIComponent('2000-01-01T00:00:00Z')}`)
    t.same(past.items, [])

    assertProblem(t, await ctx.call('GET', '/v1/audit-events?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z', { token: admin }), 400)
    assertProblem(t, await ctx.call('GET', '/v1/audit-events?from=yesterday', { token: admin }), 400)
    assertProblem(t, await ctx.call('GET', '/v1/audit-events?personId=not-a-uuid', { token: admin }), 400)
    assertProblem(t, await ctx.call('GET', '/v1/audit-events?colour=red', { token: admin }), 400)

    // 10:00+02:00 is 08:00Z, before 09:00Z: a valid window, whatever the offsets.
    const offsets = await ctx.call('GET', `/v1/audit-events?from=${encodeURIComponent('2026-01-01T10:00:00+02:00')}&to=${encodeURIComponent('2026-01-01T09:00:00Z')}`, { token: admin })
    t.equal(offsets.status, 200, 'from before to across time-zone offsets')
  })

  t.test('only administrators, and only their own unit', async (t) => {
    for (const role of ['case_worker', 'unit_manager', 'statistics_reader', 'system_client'] as const) {
      const res = await ctx.call('GET', '/v1/audit-events', { token: await ctx.token(role) })
      assertProblem(t, res, 403)
      t.notMatch(res.raw, /anna\.case_worker|req-/, `${role}: no events leak in the error`)
    }
    assertProblem(t, await ctx.call('GET', '/v1/audit-events'), 401)

    await createPerson(ctx, brommaCaseWorker)
    const foreign = await list(brommaAdmin, `?personId=${personId}`)
    t.same(foreign.items, [], 'another unit\'s administrator sees none of this person\'s events')
    const all = await list(brommaAdmin, '?limit=200')
    t.ok(all.items.length >= 1, 'but sees their own unit\'s events')
    t.ok(all.items.every((e) => e.unitId === brommaId), 'and only those')
    const ours = await list(admin, '?limit=200')
    t.ok(ours.items.every((e) => e.unitId === unitId), 'and vice versa')
    t.notOk(ours.items.some((e) => e.actor === 'bromma.case_worker'))
  })

  t.test('pagination walks every event once', async (t) => {
    for (let i = 0; i < 3; i++) await createPerson(ctx, caseWorker)
    const rows = await db.selectFrom('audit_events').select(['id', 'resource_type']).where('unit_id', '=', unitId).orderBy('id', 'desc').execute()
    const expected = rows.filter((r) => r.resource_type !== 'audit_log').map((r) => r.id)
    t.ok(expected.length >= 8, `enough events to page (${expected.length})`)
    const all = await list(admin, '?limit=200')
    t.same(all.items.map((e) => e.id), expected)
    t.equal(all.nextCursor, null)

    for (const limit of [1, 3]) {
      const seen: number[] = []
      let cursor: string | null = null
      let pages = 0
      do {
        const query: string = `?limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`
        const page = await list(admin, query)
        t.ok(page.items.length <= limit, `limit ${limit}: page size`)
        seen.push(...page.items.map((e) => e.id))
        cursor = page.nextCursor
        pages++
      } while (cursor !== null && pages <= rows.length + 1)
      t.equal(new Set(seen).size, seen.length, `limit ${limit}: no duplicates`)
      t.same(seen, expected, `limit ${limit}: every event, in order`)
      t.equal(pages, Math.ceil(rows.length / limit), `limit ${limit}: page count (log reads included)`)
    }

    const filtered: string[] = []
    let cursor: string | null = null
    do {
      const page = await list(admin, `?personId=${personId}&limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)
      filtered.push(...page.items.map((e) => e.action))
      cursor = page.nextCursor
    } while (cursor !== null && filtered.length < 50)
    t.same(filtered, ['read', 'search', 'update', 'read', 'create'], 'the cursor keeps the filter\'s order')

    assertProblem(t, await ctx.call('GET', '/v1/audit-events?limit=0', { token: admin }), 400)
    assertProblem(t, await ctx.call('GET', '/v1/audit-events?limit=201', { token: admin }), 400)
  })

  t.test('a person in many rows of one group commit, several times a row: every event once, on any page size', async (t) => {
    const often = (await createPerson(ctx, caseWorker)).id as string
    const other = (await createPerson(ctx, caseWorker)).id as string
    // One INSERT: every row gets the same occurred_at, as the reads of one group commit do. The
    // person is in each row one to three times, among another person's events.
    const shapes = [[often], [other, often, often], [often, other], [often, often, often], [other, often], [often]]
    await db.insertInto('access_log').values(shapes.map((persons, i) => ({
      actor: 'anna.case_worker', actor_roles: ['case_worker'], unit_id: unitId, action: 'read' as const, resource_type: 'decision',
      resource_ids: persons.map((_, j) => `r${i}-${j}`), person_ids: persons, request_id: `req-many-${i}`
    }))).execute()
    const expected = (await db.selectFrom('audit_events').select('id').where('person_id', '=', often).where('resource_type', '=', 'decision')
      .orderBy('occurred_at', 'desc').orderBy('id', 'desc').execute()).map((r) => Number(r.id))
    t.equal(expected.length, 9, 'nine events of the person')
    for (const limit of [1, 2, 3, 5, 9]) {
      const seen: number[] = []
      let cursor: string | null = null
      do {
        const page = await list(admin, `?personId=${often}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)
        t.ok(page.items.length <= limit, `limit ${limit}: page size`)
        seen.push(...page.items.filter((e) => e.resourceType === 'decision').map((e) => e.id))
        cursor = page.nextCursor
      } while (cursor !== null && seen.length <= expected.length)
      t.same(seen, expected, `limit ${limit}: every event once, newest first`)
    }
  })

  t.test('malformed cursors answer 400', async (t) => {
    for (const [name, cursor] of [
      ['not base64 JSON', 'not-a-cursor'],
      ['wrong type', cursorOf(['x'])],
      ['wrong length', cursorOf([1, 2])],
      ['an object', cursorOf({ id: 1 })],
      ['too long', 'A'.repeat(501)]
    ] as const) {
      const res = await ctx.call('GET', `/v1/audit-events?cursor=${encodeURIComponent(cursor)}`, { token: admin })
      assertProblem(t, res, 400)
      t.equal(res.body.errors?.[0]?.in, 'querystring', `${name}: in querystring`)
      t.equal(res.body.errors?.[0]?.pointer, '/cursor', `${name}: points at the cursor`)
    }
    const huge = await ctx.call('GET', `/v1/audit-events?cursor=${Buffer.from('[1e999]').toString('base64url')}`, { token: admin })
    t.equal(huge.status, 400, 'an out-of-range cursor is bad input, not a server error')
  })

  t.test('the database refuses UPDATE, DELETE and TRUNCATE on audit_events', async (t) => {
    const before = await db.selectFrom('audit_events').selectAll().orderBy('id').execute()
    t.ok(before.length > 0, 'rows exist, so row triggers fire')
    const first = before[0]?.id ?? 0

    await t.rejects(sql`UPDATE audit_events SET actor = 'x'`.execute(db), /append-only/, 'UPDATE of all rows')
    await t.rejects(sql`UPDATE audit_events SET actor = 'x' WHERE id = ${first}`.execute(db), /append-only/, 'UPDATE of one row')
    await t.rejects(db.updateTable('audit_events').set({ person_id: null }).where('id', '=', first).execute(), /append-only/, 'UPDATE through Kysely')
    await t.rejects(sql`DELETE FROM audit_events`.execute(db), /append-only/, 'DELETE of all rows')
    await t.rejects(db.deleteFrom('audit_events').where('id', '=', first).execute(), /append-only/, 'DELETE of one row')
    // audit_events is a view over access_log (migration 0020): TRUNCATE is refused on the
    // view for what it is, on the table and on each month's partition by the trigger.
    await t.rejects(sql`TRUNCATE audit_events`.execute(db), /not a table|append-only/, 'TRUNCATE of the view')
    await t.rejects(sql`TRUNCATE access_log`.execute(db), /append-only/, 'TRUNCATE of the table')
    const month = new Date().toISOString().slice(0, 7).replace('-', 'm')
    await t.rejects(sql`TRUNCATE ${sql.table(`access_log_y${month}`)}`.execute(db), /append-only/, 'TRUNCATE of this month\'s partition')
    await t.rejects(sql`TRUNCATE access_log_default`.execute(db), /append-only/, 'TRUNCATE of the default partition')
    await t.rejects(sql`DELETE FROM ${sql.table(`access_log_y${month}`)}`.execute(db), /append-only/, 'DELETE from a partition')
    await t.rejects(sql`UPDATE access_log SET actor = 'x'`.execute(db), /append-only/, 'UPDATE of the table')
    await t.rejects(db.transaction().execute(async (trx) => {
      await trx.insertInto('audit_events').values({ actor: 'tx', actor_roles: ['administrator'], action: 'read', resource_type: 'person' }).execute()
      await sql`DELETE FROM audit_events WHERE actor = 'tx'`.execute(trx)
    }), /append-only/, 'DELETE inside a transaction')

    const after = await db.selectFrom('audit_events').selectAll().orderBy('id').execute()
    t.same(after, before, 'every row is unchanged')

    const stillListed = await list(admin, `?personId=${personId}`)
    t.equal(stillListed.items.length, 5, 'the log still reads as before')
    const appended = await ctx.call('GET', `/v1/persons/${personId}`, { token: caseWorker })
    t.equal(appended.status, 200)
    t.equal((await list(admin, `?personId=${personId}`)).items.length, 6, 'and appending still works')
  })
})

t.test('who looked at a protected person is visible only with the permission', async (t) => {
  const ctx = await buildTestApp(t)
  const permitted = await ctx.token('case_worker', { permissions: ['protected_identity'] })
  const person = await createPerson(ctx, permitted, { protectedIdentity: true })
  await ctx.call('GET', `/v1/persons/${person.id}`, { token: permitted })
  const admin = await ctx.token('administrator')
  const hidden = await ctx.call('GET', `/v1/audit-events?personId=${person.id}`, { token: admin })
  t.equal(hidden.status, 200)
  t.same(hidden.body.items, [])
  const all = await ctx.call('GET', '/v1/audit-events?limit=200', { token: admin })
  t.notOk(all.body.items.some((e: { personId: string | null }) => e.personId === person.id), 'not in the unfiltered list either')
  const adminWithPermission = await ctx.token('administrator', { permissions: ['protected_identity'] })
  const shown = await ctx.call('GET', `/v1/audit-events?personId=${person.id}`, { token: adminWithPermission })
  t.ok(shown.body.items.some((e: { action: string; resourceType: string }) => e.action === 'create' && e.resourceType === 'person'))
})
