/**
 * Hostile input: what an attacker or a broken client sends. Text that looks like SQL or
 * markup is data, stored and returned verbatim and never widens a filter; what cannot be
 * stored faithfully (NUL, lone surrogates, invalid UTF-8) or parsed safely (huge, deeply
 * nested, prototype-polluting bodies) is refused with a 4xx problem — never a 500.
 */
import t from 'tap'
import { buildTestApp, createApplication, createPerson, nextPersonnummer } from '../helper.js'

const INJECTIONS = [
  "Robert'); DROP TABLE persons;--",
  "' OR '1'='1",
  "'; UPDATE audit_events SET actor = 'x';--",
  '1; SELECT pg_sleep(5)--',
  '$$; DROP TABLE applications; $$',
  "\\'; SELECT * FROM persons; --",
  '<script>alert(document.cookie)</script>',
  '{{constructor.constructor("return process")()}}',
  '${7*7} %s %n %x',
  'Ω≈ç√∫ åäö ÅÄÖ 👵🏽 \u202Ereversed',
  ' '.repeat(3) + '\t\n'
]

t.test('hostile input', async (t) => {
  const ctx = await buildTestApp(t, { BODY_LIMIT_BYTES: '65536' })
  const token = await ctx.token('unit_manager')
  const admin = await ctx.token('administrator')
  const auth = { authorization: `Bearer ${token}` }
  const json = { ...auth, 'content-type': 'application/json' }
  let sent = 0
  const never500: string[] = []

  /** Sends raw and checks the universal rules: a 4xx is problem+json, nothing is a 5xx, no stack or SQL. */
  async function raw(name: string, method: string, url: string, headers: Record<string, string>, payload?: string | Buffer) {
    const res = await ctx.app.inject({ method: method as 'POST', url, headers, ...(payload === undefined ? {} : { payload }) })
    sent++
    if (res.statusCode >= 500) never500.push(`${name}: ${res.statusCode}`)
    if (res.statusCode >= 400) t.match(res.headers['content-type'], /^application\/problem\+json/, `${name}: problem+json`)
    if (res.statusCode >= 400) t.notMatch(res.body, /\bat .+\.(ts|js):\d+|SELECT |INSERT INTO|syntax error/, `${name}: no stack trace or SQL in the answer`)
    return res
  }

  t.test('SQL and markup in text fields are stored and returned verbatim', async (t) => {
    for (const text of INJECTIONS) {
      const created = await raw(`person named ${JSON.stringify(text)}`, 'POST', '/v1/persons', json, JSON.stringify({
        personalIdentityNumber: nextPersonnummer('19380102'), firstName: text, lastName: text, district: text, language: text
      }))
      t.equal(created.statusCode, 201, `created: ${JSON.stringify(text)}`)
      const back = await ctx.call('GET', `/v1/persons/${created.json().id}`, { token })
      t.same([back.body.firstName, back.body.lastName, back.body.district, back.body.language], [text, text, text, text], 'returned verbatim')
      const application = await createApplication(ctx, token, { personId: created.json().id, assignedCaseWorker: text.trim() || 'x' })
      const inv = await raw('investigation text', 'PUT', `/v1/applications/${application.id}/investigation`, json, JSON.stringify({ method: 'phone', needsDescription: text, assessment: text }))
      t.equal(inv.statusCode, 200)
      t.equal(inv.json().investigation.needsDescription, text)
      sent += 2
    }
    const tables = await ctx.database.db.selectFrom('persons').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
    t.ok(Number(tables.n) >= INJECTIONS.length, 'the persons table is still there')
  })

  t.test('SQL in filters matches literally and never widens a list', async (t) => {
    await createApplication(ctx, token)
    for (const text of INJECTIONS.slice(0, 6)) {
      const res = await raw(`caseWorker filter ${JSON.stringify(text)}`, 'GET', `/v1/applications?caseWorker=${encodeURIComponent(text)}`, auth)
      t.equal(res.statusCode, 200)
      t.ok(res.json().items.every((a: { assignedCaseWorker: string }) => a.assignedCaseWorker === text), 'only literal matches')
      const actor = await raw(`actor filter ${JSON.stringify(text)}`, 'GET', `/v1/audit-events?actor=${encodeURIComponent(text)}`, { authorization: `Bearer ${admin}` })
      t.equal(actor.statusCode, 200)
      t.same(actor.json().items, [], 'no actor is called that')
    }
    const search = await raw('search with SQL', 'POST', '/v1/persons/search', json, JSON.stringify({ personalIdentityNumber: "' OR '1'='1" }))
    t.equal(search.statusCode, 400)
  })

  t.test('text that cannot be stored faithfully answers 400 pointing at the field', async (t) => {
    const base = { personalIdentityNumber: nextPersonnummer('19380103'), lastName: 'x' }
    const cases: [string, string | Buffer, string][] = [
      ['NUL in a value', JSON.stringify({ ...base, firstName: 'Ann\u0000a' }), '/firstName'],
      ['escaped NUL in a value', `{"personalIdentityNumber":"${base.personalIdentityNumber}","lastName":"x","firstName":"Ann\\u0000a"}`, '/firstName'],
      ['NUL in a nested value', JSON.stringify({ ...base, firstName: 'a', representatives: [{ kind: 'god_man', name: 'x\u0000' }] }), '/representatives/0/name'],
      ['lone high surrogate', JSON.stringify({ ...base, firstName: 'a\ud800b' }), '/firstName'],
      ['lone low surrogate', `{"personalIdentityNumber":"${base.personalIdentityNumber}","lastName":"x","firstName":"\\udc00"}`, '/firstName'],
      ['NUL in a key', `{"personalIdentityNumber":"${base.personalIdentityNumber}","lastName":"x","firstName":"a","x\\u0000":1}`, '/x\u0000'],
      ['invalid UTF-8 bytes', Buffer.concat([Buffer.from(`{"personalIdentityNumber":"${base.personalIdentityNumber}","lastName":"x","firstName":"a`), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('"}')]), '/'],
      ['overlong UTF-8 encoding of "/"', Buffer.concat([Buffer.from(`{"personalIdentityNumber":"${base.personalIdentityNumber}","lastName":"x","firstName":"a`), Buffer.from([0xc0, 0xaf]), Buffer.from('"}')]), '/'],
      ['UTF-8 encoded surrogate', Buffer.concat([Buffer.from(`{"personalIdentityNumber":"${base.personalIdentityNumber}","lastName":"x","firstName":"a`), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('"}')]), '/']
    ]
    for (const [name, payload, pointer] of cases) {
      const res = await raw(name, 'POST', '/v1/persons', json, payload)
      t.equal(res.statusCode, 400, name)
      t.equal(res.json().errors?.[0]?.pointer, pointer, `${name}: points at ${JSON.stringify(pointer)}`)
    }
    const stored = await ctx.database.db.selectFrom('persons').select('id').where('personal_identity_number', '=', base.personalIdentityNumber).execute()
    t.same(stored, [], 'nothing was stored')
    const fine = await raw('well-formed astral characters', 'POST', '/v1/persons', json, JSON.stringify({ ...base, firstName: '👵🏽 Åsa' }))
    t.equal(fine.statusCode, 201, 'a surrogate pair (emoji) is fine')
    t.equal(fine.json().firstName, '👵🏽 Åsa')
  })

  t.test('bodies that are too large, too deep or poisoned', async (t) => {
    const limit = 65536
    const justUnder = JSON.stringify({ personalIdentityNumber: "' OR 1=1", firstName: 'x'.repeat(limit - 100), lastName: 'y' })
    t.ok(Buffer.byteLength(justUnder) <= limit)
    t.equal((await raw('body just under the limit', 'POST', '/v1/persons', json, justUnder)).statusCode, 400, 'under the limit: parsed and validated (400, not 413)')
    const over = JSON.stringify({ firstName: 'x'.repeat(limit) })
    t.equal((await raw('body over the limit', 'POST', '/v1/persons', json, over)).statusCode, 413)
    t.equal((await raw('body over the limit without content-length', 'POST', '/v1/persons', { ...json, 'transfer-encoding': 'chunked' }, over)).statusCode, 413)
    t.equal((await raw('multi-byte body over the limit', 'POST', '/v1/persons', json, JSON.stringify({ firstName: 'å'.repeat(limit / 2 + 10) }))).statusCode, 413, 'the limit counts bytes, not characters')
    t.equal((await raw('content-length smaller than the body', 'POST', '/v1/persons', { ...json, 'content-length': '5' }, '{"firstName":"abc"}')).statusCode, 400)

    for (const depth of [1000, 10_000]) {
      t.equal((await raw(`arrays nested ${depth} deep`, 'POST', '/v1/persons', json, '['.repeat(depth) + ']'.repeat(depth))).statusCode, 400)
      t.equal((await raw(`objects nested ${depth} deep`, 'POST', '/v1/persons', json, '{"a":'.repeat(depth) + '1' + '}'.repeat(depth))).statusCode, 400)
      t.equal((await raw(`nested ${depth} deep in a valid field`, 'POST', '/v1/persons', json, `{"personalIdentityNumber":"194006121232","firstName":"a","lastName":"b","representatives":${'['.repeat(depth)}${']'.repeat(depth)}}`)).statusCode, 400)
    }

    t.equal((await raw('arrays nested 32,000 deep', 'POST', '/v1/persons', json, '['.repeat(32_000) + ']'.repeat(32_000))).statusCode, 400)
    t.equal((await raw('a string nested 16,000 deep', 'POST', '/v1/persons', json, '['.repeat(16_000) + '"\\u0000"' + ']'.repeat(16_000))).statusCode, 400, 'found at any depth')
    for (const [name, payload] of [
      ['__proto__ key', '{"__proto__":{"isAdmin":true},"firstName":"a"}'],
      ['nested __proto__ key', '{"firstName":"a","representatives":[{"__proto__":{"isAdmin":true}}]}'],
      ['constructor.prototype', '{"constructor":{"prototype":{"isAdmin":true}},"firstName":"a"}'],
      ['__proto__ in a PATCH', '{"__proto__":{"polluted":1}}']
    ] as const) {
      t.equal((await raw(name, 'POST', '/v1/persons', json, payload)).statusCode, 400, name)
    }
    t.equal(({} as Record<string, unknown>).isAdmin, undefined, 'Object.prototype is not polluted')
    t.equal(({} as Record<string, unknown>).polluted, undefined)
    const harmless = await raw('constructor as a plain key', 'POST', '/v1/persons', json, JSON.stringify({ personalIdentityNumber: nextPersonnummer('19380104'), firstName: 'a', lastName: 'b', constructor: 'x' }))
    t.equal(harmless.statusCode, 400, 'an unknown property, refused by the schema')
  })

  t.test('numbers out of range', async (t) => {
    const person = await createPerson(ctx, token)
    const service = (hours: string) => `{"personId":"${person.id}","receivedDate":"2026-01-15","channel":"phone","requestedServices":[{"serviceTypeCode":"home_care","requestedHoursPerMonth":${hours}}]}`
    for (const hours of ['0', '-1', '745', '744.0001', '1e308', '1e999', '-1e999', '"40"', '1e-400', 'NaN', 'Infinity', '0x10', '01']) {
      const res = await raw(`requestedHoursPerMonth ${hours}`, 'POST', '/v1/applications', json, service(hours))
      t.equal(res.statusCode, 400, `hours ${hours}`)
    }
    for (const hours of ['744', '0.5', '1e2']) {
      t.equal((await raw(`requestedHoursPerMonth ${hours}`, 'POST', '/v1/applications', json, service(hours))).statusCode, 201, `hours ${hours} is within range`)
    }
    const current = await ctx.call('GET', `/v1/persons/${person.id}`, { token })
    for (const version of ['99999999999999999999', '-1', '1.5', '"1"x', '', '"1", "2"']) {
      const res = await raw(`If-Match ${version}`, 'PATCH', `/v1/persons/${person.id}`, { ...json, 'if-match': version }, '{"district":"x"}')
      t.ok([400, 412].includes(res.statusCode), `If-Match ${JSON.stringify(version)} → ${res.statusCode}`)
    }
    t.equal((await ctx.call('GET', `/v1/persons/${person.id}`, { token })).body.version, current.body.version, 'no odd If-Match let a write through')
  })

  t.test('impossible and edge dates', async (t) => {
    const person = await createPerson(ctx, token)
    const body = (date: string) => JSON.stringify({ personId: person.id, receivedDate: date, channel: 'phone', requestedServices: [{ serviceTypeCode: 'day_activity' }] })
    for (const date of ['2026-02-30', '2025-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '2026-01-00', '2026-1-5', '26-01-05', '2026-01-05T00:00:00Z', '20260105', '+02026-01-05', '2026-01-05 ', '']) {
      t.equal((await raw(`receivedDate ${date}`, 'POST', '/v1/applications', json, body(date))).statusCode, 400, `receivedDate ${JSON.stringify(date)}`)
    }
    t.equal((await raw('receivedDate 2024-02-29 (leap day)', 'POST', '/v1/applications', json, body('2024-02-29'))).statusCode, 201, 'a real leap day is accepted')
    for (const query of ['currentOn=2026-02-30', 'expiringBefore=2026-13-01', 'currentOn=today']) {
      t.equal((await raw(`decisions ?${query}`, 'GET', `/v1/decisions?${query}`, auth)).statusCode, 400, query)
    }
    for (const query of ['from=2026-02-30T00:00:00Z', 'to=2026-01-01T25:00:00Z', 'from=yesterday', 'from=2026-01-01']) {
      t.equal((await raw(`audit ?${query}`, 'GET', `/v1/audit-events?${query}`, { authorization: `Bearer ${admin}` })).statusCode, 400, query)
    }
  })

  t.test('wrong content types', async (t) => {
    const body = '{"personalIdentityNumber":"194006121232","firstName":"a","lastName":"b"}'
    for (const type of ['text/plain', 'application/xml', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/octet-stream', 'text/json', 'application/jsonx', 'image/png']) {
      t.equal((await raw(`content-type ${type}`, 'POST', '/v1/persons', { ...auth, 'content-type': type }, body)).statusCode, 415, type)
    }
    t.equal((await raw('no content-type', 'POST', '/v1/persons', auth, body)).statusCode, 415, 'a body without a content type')
    t.equal((await raw('JSON without a body', 'POST', '/v1/persons', json, '')).statusCode, 400)
    t.equal((await raw('JSON null', 'POST', '/v1/persons', json, 'null')).statusCode, 400)
    t.equal((await raw('JSON array', 'POST', '/v1/persons', json, '[]')).statusCode, 400)
    t.equal((await raw('JSON string', 'POST', '/v1/persons', json, '"x"')).statusCode, 400)
    t.equal((await raw('trailing garbage', 'POST', '/v1/persons', json, body + 'x')).statusCode, 400)
    const duplicate = await raw('duplicate keys', 'POST', '/v1/persons', json, `{"personalIdentityNumber":"${nextPersonnummer('19380105')}","firstName":"a","lastName":"b","firstName":"c"}`)
    t.equal(duplicate.statusCode, 201)
    t.equal(duplicate.json().firstName, 'c', 'the last of duplicate keys wins, as in JSON.parse')
  })

  t.test('huge limits, malformed cursors and ids', async (t) => {
    for (const limit of ['0', '-1', '201', '1e10', '99999999999999999999', 'abc', '1.5', '', '50&limit=60']) {
      t.equal((await raw(`limit=${limit}`, 'GET', `/v1/applications?limit=${limit}`, auth)).statusCode, 400, `limit=${limit}`)
    }
    for (const limit of ['1', '200']) t.equal((await raw(`limit=${limit}`, 'GET', `/v1/applications?limit=${limit}`, auth)).statusCode, 200, `limit=${limit} is within range`)
    const cursors = [
      'not-base64!', '%00', 'x'.repeat(501), Buffer.from('{}').toString('base64url'), Buffer.from('[]').toString('base64url'),
      Buffer.from('["a","b"]').toString('base64url'), Buffer.from('["2026-01-01","not-a-uuid"]').toString('base64url'),
      Buffer.from('[1e400,"x"]').toString('base64url'), Buffer.from(`["2026-01-01","${'x'.repeat(300)}"]`).toString('base64url'),
      Buffer.from("[\"2026-01-01'; DROP TABLE applications;--\",\"3f1c2b9a-5d7e-4c1a-9b2f-8e6d4a2c1b0f\"]").toString('base64url'),
      Buffer.from('{"__proto__":1}').toString('base64url')
    ]
    for (const [path, who] of [['/v1/applications', token], ['/v1/decisions', token], ['/v1/audit-events', admin]] as const) {
      for (const cursor of cursors) {
        t.equal((await raw(`${path} cursor ${cursor.slice(0, 20)}`, 'GET', `${path}?cursor=${encodeURIComponent(cursor)}`, { authorization: `Bearer ${who}` })).statusCode, 400, `${path} cursor ${cursor.slice(0, 30)}`)
      }
    }
    const ids = ['not-a-uuid', '3f1c2b9a-5d7e-4c1a-9b2f-8e6d4a2c1b0', '3f1c2b9a-5d7e-4c1a-9b2f-8e6d4a2c1b0fa', "1' OR '1'='1", '%00', '%zz', '..%2F..%2Fetc%2Fpasswd', 'x'.repeat(250), '{id}', '194006121232']
    for (const id of ids) {
      for (const path of [`/v1/persons/${id}`, `/v1/applications/${id}`, `/v1/decisions/${id}`, `/v1/units/${id}`]) {
        const res = await raw(`GET ${path.slice(0, 40)}`, 'GET', path, auth)
        t.ok([400, 404].includes(res.statusCode), `${path.slice(0, 50)} → ${res.statusCode}`)
      }
    }
  })

  t.test('nothing answered 5xx', async (t) => {
    t.same(never500, [], `${sent} hostile requests, none answered with a server error`)
    t.comment(`hostile input: ${sent} requests sent, ${never500.length} answered 5xx`)
  })
})
