import fs from 'node:fs'
import t from 'tap'
import { generateOpenApi } from '../../src/openapi.js'
import { buildTestApp, createPerson } from '../helper.js'

t.test('the committed OpenAPI file is what the code generates', async (t) => {
  const committed = fs.readFileSync(new URL('../../openapi/openapi.json', import.meta.url), 'utf8')
  const generated = await generateOpenApi()
  t.ok(committed === generated, 'openapi/openapi.json is stale: run `npm run openapi` and commit it')

  const spec = JSON.parse(generated)
  t.equal(spec.openapi, '3.1.0')
  for (const path of ['/v1/persons', '/v1/applications', '/v1/decisions', '/v1/audit-events', '/v1/service-types', '/v1/units']) {
    t.ok(spec.paths[path], `has ${path}`)
  }
  const operationIds = new Set<string>()
  for (const [path, operations] of Object.entries<Record<string, any>>(spec.paths)) {
    for (const [method, op] of Object.entries<any>(operations)) {
      const name = `${method.toUpperCase()} ${path}`
      t.ok(op.operationId, `${name} has an operationId`)
      t.notOk(operationIds.has(op.operationId), `${name} operationId is unique`)
      operationIds.add(op.operationId)
      t.ok(op.summary, `${name} has a summary`)
      t.ok(op.tags?.length, `${name} has a tag`)
      if (path.startsWith('/v1/')) {
        t.ok(op.responses['401'], `${name} documents 401`)
        const problem = op.responses['401'].content['application/problem+json']
        t.ok(problem, `${name} documents errors as problem+json`)
      }
    }
  }
})

t.test('HTTP contract', async (t) => {
  const ctx = await buildTestApp(t, { BODY_LIMIT_BYTES: '4096' })
  const token = await ctx.token('case_worker')

  t.test('unknown routes answer 404 problem+json', async (t) => {
    const res = await ctx.call('GET', '/v1/nothing-here', { token })
    t.equal(res.status, 404)
    t.match(res.headers['content-type'], /application\/problem\+json/)
    t.match(res.body, { type: String, title: 'Not Found', status: 404, detail: String, instance: String })
  })

  t.test('request ids: generated, or accepted from the caller when well-formed', async (t) => {
    const generated = await ctx.call('GET', '/health/live')
    t.match(generated.headers['x-request-id'], /^[0-9a-f-]{36}$/)
    const given = await ctx.call('GET', '/health/live', { headers: { 'x-request-id': 'caller-123' } })
    t.equal(given.headers['x-request-id'], 'caller-123')
    const hostile = await ctx.call('GET', '/health/live', { headers: { 'x-request-id': 'x'.repeat(500) } })
    t.not(hostile.headers['x-request-id'], 'x'.repeat(500))
  })

  t.test('security headers are set', async (t) => {
    const res = await ctx.call('GET', '/v1/units', { token })
    t.equal(res.headers['x-content-type-options'], 'nosniff')
    t.ok(res.headers['strict-transport-security'])
    t.ok(res.headers['x-ratelimit-limit'])
  })

  t.test('bad bodies get 4xx problems, never 500', async (t) => {
    const tooLarge = await ctx.app.inject({
      method: 'POST', url: '/v1/persons', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      payload: JSON.stringify({ firstName: 'x'.repeat(5000) })
    })
    t.equal(tooLarge.statusCode, 413)
    t.match(tooLarge.headers['content-type'], /problem\+json/)
    const malformed = await ctx.app.inject({
      method: 'POST', url: '/v1/persons', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, payload: '{"firstName":'
    })
    t.equal(malformed.statusCode, 400)
    const wrongType = await ctx.app.inject({
      method: 'POST', url: '/v1/persons', headers: { authorization: `Bearer ${token}`, 'content-type': 'text/plain' }, payload: 'hello'
    })
    t.equal(wrongType.statusCode, 415)
    const proto = await ctx.app.inject({
      method: 'POST', url: '/v1/persons', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      payload: '{"__proto__":{"admin":true},"personalIdentityNumber":"194006121232","firstName":"a","lastName":"b"}'
    })
    t.equal(proto.statusCode, 400)
    const injection = await createPerson(ctx, token, { firstName: "Robert'); DROP TABLE persons;--", lastName: 'Tables' })
    const back = await ctx.call('GET', `/v1/persons/${injection.id}`, { token })
    t.equal(back.body.firstName, "Robert'); DROP TABLE persons;--", 'stored and returned verbatim')
  })

  t.test('validation errors name the field and where it was', async (t) => {
    const res = await ctx.call('GET', '/v1/decisions?currentOn=2026-02-30', { token })
    t.equal(res.status, 400)
    t.same(res.body.errors[0].in, 'querystring')
    t.match(res.body.errors[0].pointer, /currentOn/)
  })

  t.test('POST with Idempotency-Key: a retry returns the first person, and a bad key is refused', async (t) => {
    const body = { personalIdentityNumber: '19410315-2346', firstName: 'Ida', lastName: 'Idempotent' }
    const first = await ctx.call('POST', '/v1/persons', { token, body, headers: { 'idempotency-key': 'person-ida' } })
    const retry = await ctx.call('POST', '/v1/persons', { token, body, headers: { 'idempotency-key': 'person-ida' } })
    t.equal(first.status, 201)
    t.equal(retry.status, 201)
    t.equal(retry.body.id, first.body.id)
    t.equal(retry.headers.etag, first.headers.etag)
    const bad = await ctx.call('POST', '/v1/persons', { token, body, headers: { 'idempotency-key': 'has space' } })
    t.equal(bad.status, 400)
  })

  t.test('a replay is a read: same rights only, still visible, audited', async (t) => {
    const sub = 'replay.owner'
    const owner = await ctx.token('case_worker', { subject: sub })
    const body = { personalIdentityNumber: '19450101-5673', firstName: 'Rita', lastName: 'Replay' }
    const headers = { 'idempotency-key': 'replay-rita' }
    const first = await ctx.call('POST', '/v1/persons', { token: owner, body, headers })
    t.equal(first.status, 201)

    const stats = await ctx.token('statistics_reader', { subject: sub })
    t.equal((await ctx.call('POST', '/v1/persons', { token: stats, body, headers })).status, 403, 'the same sub without the role gets 403, not the stored body')
    const otherUnit = await ctx.token('case_worker', { subject: sub, unit: 'bromma' })
    const elsewhere = await ctx.call('POST', '/v1/persons', { token: otherUnit, body, headers })
    t.equal(elsewhere.status, 201)
    t.not(elsewhere.body.id, first.body.id, 'another unit\'s token is another principal: its own request runs')
    t.notOk(elsewhere.headers['idempotent-replayed'])

    const replay = await ctx.call('POST', '/v1/persons', { token: owner, body, headers })
    t.equal(replay.headers['idempotent-replayed'], 'true')
    const events = await ctx.database.db.selectFrom('audit_events').select(['action', 'resource_type'])
      .where('person_id', '=', first.body.id).where('resource_type', '=', 'idempotent_replay').execute()
    t.equal(events.length, 1, 'the replay left a read event')

    const permitted = await ctx.token('case_worker', { permissions: ['protected_identity'] })
    t.equal((await ctx.call('PATCH', `/v1/persons/${first.body.id}`, { token: permitted, body: { protectedIdentity: true } })).status, 200)
    const hidden = await ctx.call('POST', '/v1/persons', { token: owner, body, headers })
    t.equal(hidden.status, 404, 'no replay of a person the caller may no longer see')
    t.notMatch(hidden.raw, /Replay/)
  })

  t.test('search takes no idempotency key: it changes nothing', async (t) => {
    const headers = { 'idempotency-key': 'search-1' }
    const a = await ctx.call('POST', '/v1/persons/search', { token, headers, body: { personalIdentityNumber: '19450101-5673' } })
    const b = await ctx.call('POST', '/v1/persons/search', { token, headers, body: { personalIdentityNumber: '19450101-5673' } })
    t.equal(a.status, 200)
    t.equal(b.status, 200)
    t.notOk(b.headers['idempotent-replayed'])
    const kept = await ctx.database.db.selectFrom('idempotency_keys').select('key').where('key', '=', 'search-1').execute()
    t.same(kept, [])
  })
})

t.test('authentication refuses every token it cannot trust', async (t) => {
  const ctx = await buildTestApp(t)
  const valid = await ctx.token('case_worker')
  const [header, payload, signature] = valid.split('.') as [string, string, string]
  const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url')
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString())

  const cases: [string, string | undefined][] = [
    ['no token', undefined],
    ['not a bearer token', `Basic ${Buffer.from('a:b').toString('base64')}`],
    ['alg none', `Bearer ${b64({ alg: 'none', typ: 'JWT' })}.${payload}.`],
    ['tampered payload', `Bearer ${header}.${b64({ ...claims, roles: ['unit_manager'] })}.${signature}`],
    ['tampered signature', `Bearer ${header}.${payload}.${signature.slice(0, -4)}AAAA`],
    ['expired', `Bearer ${await ctx.token('case_worker', { expiresIn: '-1h' })}`],
    ['unknown unit', `Bearer ${await ctx.token('case_worker', { unit: 'atlantis' })}`],
    ['only an unknown role', `Bearer ${await ctx.token('wizard' as never)}`],
    ['garbage', 'Bearer abc.def.ghi']
  ]
  for (const [name, authorization] of cases) {
    const res = await ctx.app.inject({ method: 'GET', url: '/v1/units', headers: authorization ? { authorization } : {} })
    t.equal(res.statusCode, 401, name)
    t.match(res.headers['content-type'], /problem\+json/, `${name}: problem+json`)
  }

  const mixed = await ctx.token(['wizard' as never, 'case_worker'])
  t.equal((await ctx.call('GET', '/v1/units', { token: mixed })).status, 200, 'roles for other systems are ignored')

  const otherIssuer = await buildTestApp(t, { AUTH_ISSUER: 'urn:someone-else' })
  const foreign = await otherIssuer.token('case_worker')
  t.equal((await ctx.call('GET', '/v1/units', { token: foreign })).status, 401, 'wrong issuer and key')
  const otherAudience = await buildTestApp(t, { AUTH_AUDIENCE: 'another-api', AUTH_DEV_KEY_FILE: ctx.config.auth.devKeyFile })
  const wrongAudience = await otherAudience.token('case_worker')
  t.equal((await ctx.call('GET', '/v1/units', { token: wrongAudience })).status, 401, 'same key, wrong audience')
})

t.test('the rate limit counts requests with bad tokens too, and spares health probes', async (t) => {
  const ctx = await buildTestApp(t, { RATE_LIMIT_MAX: '3' })
  const statuses: number[] = []
  for (let i = 0; i < 5; i++) {
    statuses.push((await ctx.app.inject({ method: 'GET', url: '/v1/units', headers: { authorization: 'Bearer bad.token.here' } })).statusCode)
  }
  t.same(statuses, [401, 401, 401, 429, 429])
  const limited = await ctx.app.inject({ method: 'GET', url: '/v1/units' })
  t.equal(limited.statusCode, 429)
  t.match(limited.headers['content-type'], /problem\+json/)
  t.ok(limited.headers['retry-after'])
  t.equal((await ctx.call('GET', '/health/ready')).status, 200)
})
