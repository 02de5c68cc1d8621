/**
 * Change events: each change records exactly one event in its own transaction (none when it
 * rolls back); the feed never skips an event under concurrent writers; who sees which
 * events; and the case history with states from → to, read and logged like the record.
 */
import pg from 'pg'
import t from 'tap'
import { write } from '../../src/service/transaction.js'
import { buildTestApp, createApplication, createPerson, readyForDecision, type TestContext } from '../helper.js'

const PREFIX = 'se.stockholm.bestallarenhet.'
const short = (type: string) => type.slice(PREFIX.length)

/**
 * Reads the feed from `cursor` until at least `count` new events are there. The feed holds back
 * events while any older transaction of the database server is in flight (other test files
 * share the server), so a reader may have to poll a moment.
 */
async function poll(ctx: TestContext, token: string, cursor: string | null, count: number, query = '') {
  const items: any[] = []
  let next = cursor
  for (let i = 0; i < 100; i++) {
    const res = await ctx.call('GET', `/v1/events?limit=500${next ? `&after=${next}` : ''}${query}`, { token })
    if (res.status !== 200) throw new Error(`feed: ${res.status} ${res.raw}`)
    items.push(...res.body.items)
    next = res.body.nextCursor ?? next
    if (items.length >= count) break
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  return { items, cursor: next }
}

/**
 * A cursor past every event committed so far that the token sees. The feed hands out an event
 * only once no older transaction is in flight anywhere on the server — another test file's
 * included — so a single read can stop short of events already committed: read until the newest
 * of them has come.
 */
async function drained(ctx: TestContext, token: string, seesProtected: boolean) {
  const newest = await ctx.database.db.selectFrom('change_events as e')
    .leftJoin('persons as p', 'p.id', 'e.person_id')
    .select('e.id')
    .where('e.unit_id', '=', await ctx.unitId('hagersten-alvsjo')) // the tokens' default unit
    .$if(!seesProtected, (q) => q.where((eb) => eb.or([eb('p.protected_identity', 'is', null), eb('p.protected_identity', '=', false)])))
    .orderBy('e.xid', 'desc').orderBy('e.position', 'desc')
    .limit(1).executeTakeFirst()
  let read = await poll(ctx, token, null, 0)
  for (let i = 0; newest && i < 100 && !read.items.some((e) => e.id === newest.id); i++) {
    await new Promise((resolve) => setTimeout(resolve, 50))
    const more = await poll(ctx, token, read.cursor, 0)
    read = { items: [...read.items, ...more.items], cursor: more.cursor }
  }
  return read
}

t.test('change events', async (t) => {
  const ctx = await buildTestApp(t)
  const worker = await ctx.token('case_worker')
  let cursor: string | null = null

  /** The events one request caused: what the feed has beyond the cursor once it has `count`. */
  async function eventsOf(count: number): Promise<any[]> {
    const read = await poll(ctx, worker, cursor, count)
    // Anything a slower commit adds would show up in the next read, so read once more.
    const more = await poll(ctx, worker, read.cursor, 0)
    cursor = more.cursor
    return [...read.items, ...more.items]
  }

  t.test('each change records exactly one event, CloudEvents-shaped and thin', async (t) => {
    const person = await createPerson(ctx, worker)
    const registered = await eventsOf(1)
    t.same(registered.map((e) => short(e.type)), ['person.registered'])
    const [event] = registered
    t.match(event, {
      specversion: '1.0', source: `/v1/units/${await ctx.unitId('hagersten-alvsjo')}`, subject: `persons/${person.id}`,
      datacontenttype: 'application/json', data: { subjectType: 'person', subjectId: person.id, personId: person.id, actor: 'test.case_worker' }
    })
    t.notMatch(JSON.stringify(event), /Anna|Svensson|19\d{6}-?\d{4}/, 'no name or personnummer in an event')

    const application = await createApplication(ctx, worker, { personId: person.id })
    t.same((await eventsOf(1)).map((e) => [short(e.type), e.data.changes.state]), [['application.received', { from: null, to: 'received' }]])

    await readyForDecision(ctx, worker, application.id)
    t.same((await eventsOf(2)).map((e) => [short(e.type), e.data.changes.state]), [
      ['application.investigated', { from: 'received', to: 'investigating' }],
      ['application.communicated', { from: 'investigating', to: 'communicated' }]
    ])

    const decided = await ctx.call('POST', `/v1/applications/${application.id}/decisions`, {
      token: worker, body: { serviceTypeCode: 'home_care', outcome: 'granted', reason: 'Behov.', hoursPerMonth: 40, decisionDate: '2026-03-02', validFrom: '2026-03-02' }
    })
    t.equal(decided.status, 201, decided.raw)
    const decision = decided.body
    const onDecide = await eventsOf(2)
    t.same(onDecide.filter((e) => !e.type.includes('follow_up')).map((e) => short(e.type)), ['decision.taken', 'application.decided'])
    t.match(onDecide[0], { subject: `decisions/${decision.id}`, data: { changes: { state: { from: null, to: 'granted' }, related: { applicationId: application.id } } } })
    t.ok(onDecide.filter((e) => e.type.includes('follow_up')).every((e) => short(e.type) === 'follow_up.planned'), 'the re-plan announces the follow-ups it planned')

    const dated = await ctx.call('PATCH', `/v1/decisions/${decision.id}`, { token: worker, body: { validTo: '2026-12-31' } })
    t.equal(dated.status, 200, dated.raw)
    const onDates = await eventsOf(1)
    t.same(onDates.filter((e) => !e.type.includes('follow_up')).map((e) => [short(e.type), e.data.changes.fields]), [['decision.dates_changed', ['validTo']]])

    const ordered = await ctx.call('POST', `/v1/decisions/${decision.id}/execution/start`, { token: worker, body: { startedDate: '2026-03-05' } })
    t.equal(ordered.status, 200, ordered.raw)
    const onStart = await eventsOf(1)
    t.same(onStart.filter((e) => e.type.includes('execution')).map((e) => [short(e.type), e.subject, e.data.changes.state]),
      [['execution.started', `decisions/${decision.id}/execution`, { from: 'awaiting_order', to: 'executing' }]])

    const complaint = await ctx.call('POST', '/v1/complaints', {
      token: worker, body: { receivedDate: '2026-03-02', channel: 'phone', submittedBy: 'relative', kind: 'complaint', target: 'unit', categories: ['treatment'], description: 'Fritext som aldrig syns i en händelse.', personId: person.id }
    })
    t.equal(complaint.status, 201, complaint.raw)
    const onComplaint = await eventsOf(1)
    t.same(onComplaint.map((e) => short(e.type)), ['complaint.received'])
    t.notMatch(JSON.stringify(onComplaint), /Fritext/, 'no free text in an event')

    const changed = await ctx.call('PATCH', `/v1/persons/${person.id}`, { token: worker, body: { firstName: 'Annika' } })
    t.equal(changed.status, 200, changed.raw)
    const onChange = await eventsOf(1)
    t.same(onChange.map((e) => [short(e.type), e.data.changes.fields]), [['person.corrected', ['firstName']]], 'which field changed, never its value')
    t.notMatch(JSON.stringify(onChange), /Annika/)
  })

  t.test('a refused or rolled-back change records no event', async (t) => {
    const application = await createApplication(ctx, worker)
    await eventsOf(2)
    const refused = await ctx.call('POST', `/v1/applications/${application.id}/communicate`, { token: worker, body: { date: '2026-02-01', recipient: 'Sökanden' } })
    t.equal(refused.status, 409, 'communicating before the investigation is refused')
    const stale = await ctx.call('POST', `/v1/applications/${application.id}/withdraw`, { token: worker, body: { date: '2026-02-01' }, headers: { 'if-match': '"99"' } })
    t.equal(stale.status, 412)

    // A change that fails after it wrote its row and noted its event: the transaction rolls back whole.
    const unitId = await ctx.unitId('hagersten-alvsjo')
    const caller = { actor: { subject: 'test', roles: [], permissions: [], unitId } as any, expectedVersion: undefined, audit: async () => {}, accessLogRows: () => [] }
    await t.rejects(write(ctx.app.db, caller, async ({ trx, emit }) => {
      await trx.updateTable('applications').set({ urgent: true }).where('id', '=', application.id).execute()
      emit({ type: 'application.corrected', subjectId: application.id, personId: application.personId })
      throw new Error('fails before commit')
    }), /fails before commit/)
    await write(ctx.app.db, caller, async ({ emit }) => emit())

    // A marker change that surely commits after both: the feed has it and nothing before it.
    await ctx.call('POST', `/v1/applications/${application.id}/assign`, { token: worker, body: { caseWorker: 'test.case_worker' } })
    t.same((await eventsOf(1)).map((e) => short(e.type)), ['application.case_worker_assigned'], 'only the marker: the refused, stale and rolled-back changes left no event')
    const history = await ctx.call('GET', `/v1/applications/${application.id}/history`, { token: worker })
    t.same(history.body.items.map((e: any) => short(e.type)), ['application.received', 'application.case_worker_assigned'])
  })

  t.test('the case history shows who did what when, from → to, and reading it is logged', async (t) => {
    const application = await createApplication(ctx, worker)
    await readyForDecision(ctx, worker, application.id)
    const withdrawn = await ctx.call('POST', `/v1/applications/${application.id}/withdraw`, { token: worker, body: { date: '2026-02-02' } })
    t.equal(withdrawn.status, 200, withdrawn.raw)
    const history = await ctx.call('GET', `/v1/applications/${application.id}/history`, { token: worker })
    t.equal(history.status, 200)
    t.same(history.body.items.map((e: any) => [short(e.type), e.data.changes.state, e.data.actor]), [
      ['application.received', { from: null, to: 'received' }, 'test.case_worker'],
      ['application.investigated', { from: 'received', to: 'investigating' }, 'test.case_worker'],
      ['application.communicated', { from: 'investigating', to: 'communicated' }, 'test.case_worker'],
      ['application.withdrawn', { from: 'communicated', to: 'withdrawn' }, 'test.case_worker']
    ])
    const admin = await ctx.token('administrator')
    const log = await ctx.call('GET', `/v1/audit-events?personId=${application.personId}`, { token: admin })
    t.ok(log.body.items.some((e: any) => e.resourceType === 'application_history' && e.resourceId === application.id && e.action === 'read'), 'the read is in the access log')

    const bromma = await ctx.token('case_worker', { unit: 'bromma' })
    t.equal((await ctx.call('GET', `/v1/applications/${application.id}/history`, { token: bromma })).status, 404, 'another unit\'s record is not found')
    t.equal((await ctx.call('GET', `/v1/decisions/${application.id}/history`, { token: worker })).status, 404)
    t.equal((await ctx.call('GET', `/v1/applications/${application.id}/history`, { token: await ctx.token('statistics_reader') })).status, 403)
  })

  t.test('who sees which events: protected identities, statistics readers, other units, filters', async (t) => {
    const permitted = await ctx.token('case_worker', { subject: 'permitted.case_worker', permissions: ['protected_identity'] })
    const start = await drained(ctx, permitted, true)
    const hidden = await createPerson(ctx, permitted, { protectedIdentity: true })
    const open = await createPerson(ctx, worker)
    const seen = await poll(ctx, permitted, start.cursor, 2)
    t.same(seen.items.map((e) => e.data.subjectId).sort(), [hidden.id, open.id].sort(), 'with the permission: both')

    const withoutPermission = await poll(ctx, worker, null, 0)
    t.ok(withoutPermission.items.some((e) => e.data.subjectId === open.id))
    t.notOk(withoutPermission.items.some((e) => e.data.personId === hidden.id), 'without it: nothing about the protected person')

    const stats = await ctx.token('statistics_reader')
    const manager = await ctx.token('unit_manager')
    const indicator = await ctx.call('POST', '/v1/indicators', { token: manager, body: { code: 'ev-ind', name: 'Händelseindikator', unit: 'percent', direction: 'higher_is_better', periodicity: 'year', source: 'manual', level: 'council' } })
    t.equal(indicator.status, 201, indicator.raw)
    const value = await ctx.call('POST', `/v1/indicators/${indicator.body.id}/values`, { token: manager, body: { year: 2025, period: 'year', total: 80 } })
    t.equal(value.status, 201, value.raw)
    const statistics = await poll(ctx, stats, null, 1)
    t.ok(statistics.items.length >= 1)
    t.ok(statistics.items.every((e) => e.data.personId === null && e.data.subjectType === 'indicator_value'), 'statistics readers: no person-linked event')
    t.match(statistics.items.at(-1), { type: `${PREFIX}indicator_value.recorded`, subject: `indicators/${indicator.body.id}/values/${value.body.id}` })

    const bromma = await ctx.token('case_worker', { unit: 'bromma' })
    t.notOk((await poll(ctx, bromma, null, 0)).items.some((e) => e.data.subjectId === open.id), 'another unit sees none of these')

    const filtered = await poll(ctx, worker, null, 0, '&types=person.registered')
    t.ok(filtered.items.length > 0 && filtered.items.every((e) => e.type === `${PREFIX}person.registered`))
    const bySubject = await poll(ctx, worker, null, 0, '&subjectType=application')
    t.ok(bySubject.items.length > 0 && bySubject.items.every((e) => e.data.subjectType === 'application'))
    t.equal((await ctx.call('GET', '/v1/events?types=decision.eaten', { token: worker })).status, 400)
    t.equal((await ctx.call('GET', '/v1/events?after=bm9wZQ', { token: worker })).status, 400)
  })

  t.test('the feed never skips an event when transactions commit out of order', { skip: ctx.config.databaseUrl ? false : 'needs two connections (DATABASE_URL)' }, async (t) => {
    const unitId = await ctx.unitId('hagersten-alvsjo')
    const start = (await drained(ctx, worker, false)).cursor
    const first = new pg.Client({ connectionString: ctx.config.databaseUrl })
    const second = new pg.Client({ connectionString: ctx.config.databaseUrl })
    await first.connect()
    await second.connect()
    t.teardown(async () => { await first.end(); await second.end() })
    const insert = (client: pg.Client, id: string) => client.query(
      `INSERT INTO change_events (type, actor, unit_id, subject_type, subject_id, person_id) VALUES ('application.corrected', 'writer', $1, 'application', $2, NULL) RETURNING position`,
      [unitId, id])

    // Y starts first (older transaction id) but writes its event last and commits first;
    // X, younger, takes the lower position and commits last.
    await first.query('BEGIN')
    await first.query('SELECT pg_current_xact_id()')
    await second.query('BEGIN')
    const x = await insert(second, '00000000-0000-4000-8000-00000000000a')
    const y = await insert(first, '00000000-0000-4000-8000-00000000000b')
    t.ok(Number(x.rows[0].position) < Number(y.rows[0].position), 'X holds the lower position')
    await first.query('COMMIT')

    const early = await poll(ctx, worker, start, 1)
    t.same(early.items.map((e) => e.data.subjectId), ['00000000-0000-4000-8000-00000000000b'], 'Y is handed out; X is still in flight')
    const again = await ctx.call('GET', `/v1/events?after=${early.cursor}`, { token: worker })
    t.same(again.body.items, [], 'nothing more while X is in flight')

    await second.query('COMMIT')
    const late = await poll(ctx, worker, early.cursor, 1)
    t.same(late.items.map((e) => e.data.subjectId), ['00000000-0000-4000-8000-00000000000a'], 'X, committed later with a lower position, is not behind the cursor')

    // Many writers at once: every event reaches a reader that polls all along.
    const writers = 8
    const perWriter = 10
    const reader = (async () => {
      const seen: string[] = []
      let c = late.cursor
      for (let i = 0; i < 400 && seen.length < writers * perWriter; i++) {
        const res = await ctx.call('GET', `/v1/events?limit=500${c ? `&after=${c}` : ''}&types=application.corrected`, { token: worker })
        seen.push(...res.body.items.map((e: any) => e.data.subjectId))
        c = res.body.nextCursor ?? c
        await new Promise((resolve) => setTimeout(resolve, 10))
      }
      return seen
    })()
    await Promise.all(Array.from({ length: writers }, async (_, w) => {
      const client = new pg.Client({ connectionString: ctx.config.databaseUrl })
      await client.connect()
      for (let i = 0; i < perWriter; i++) {
        await client.query('BEGIN')
        await insert(client, `00000000-0000-4000-8000-${String(w * 1000 + i).padStart(12, '0')}`)
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 15))
        await client.query('COMMIT')
      }
      await client.end()
    }))
    const seen = await reader
    t.equal(seen.length, writers * perWriter, 'every event reached the polling reader')
    t.equal(new Set(seen).size, writers * perWriter, 'each exactly once')
  })
})
