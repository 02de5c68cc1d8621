/**
 * Authentication and authorisation under attack: forged, confused and stale tokens are 401;
 * a valid token reaching above its role is 403; another unit's records answer exactly like
 * records that do not exist (404, same body apart from the request id). Counts are printed.
 */
import fs from 'node:fs'
import { createHmac, generateKeyPairSync, randomUUID } from 'node:crypto'
import { exportJWK, generateKeyPair, SignJWT, type JWTPayload } from 'jose'
import t from 'tap'
import { loadDevPrivateKey } from '../../src/auth/dev-key.js'
import { buildTestApp, createApplication, createPerson, readyForDecision, type TestContext } from '../helper.js'

const b64 = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url')

/** A token signed with the development key, with exactly the claims and header given. */
async function signed(ctx: TestContext, claims: JWTPayload, header: Record<string, unknown> = {}) {
  const { key, kid } = await loadDevPrivateKey(ctx.config.auth.devKeyFile)
  return new SignJWT(claims).setProtectedHeader({ alg: 'ES256', kid, typ: 'JWT', ...header }).sign(key)
}

function hs256(secret: string | Buffer, claims: JWTPayload, kid?: string) {
  const head = b64({ alg: 'HS256', typ: 'JWT', ...(kid ? { kid } : {}) })
  const body = b64(claims)
  return `${head}.${body}.${createHmac('sha256', secret).update(`${head}.${body}`).digest('base64url')}`
}

t.test('forged, confused and stale tokens answer 401', async (t) => {
  const ctx = await buildTestApp(t)
  const { issuer, audience, devKeyFile } = ctx.config.auth
  const now = Math.floor(Date.now() / 1000)
  const good: JWTPayload = { sub: 'mallory', iss: issuer, aud: audience, iat: now, exp: now + 600, roles: ['case_worker'], unit: 'hagersten-alvsjo', permissions: [] }
  const without = (claim: string) => Object.fromEntries(Object.entries(good).filter(([k]) => k !== claim))
  const keyFile = JSON.parse(fs.readFileSync(devKeyFile, 'utf8')) as { kid: string; publicJwk: Record<string, string> }
  const valid = await signed(ctx, good)
  t.equal((await ctx.call('GET', '/v1/units', { token: valid })).status, 200, 'the baseline token is accepted')
  const [header, payload, signature] = valid.split('.') as [string, string, string]

  const stranger = await generateKeyPair('ES256')
  const strangerToken = await new SignJWT(good).setProtectedHeader({ alg: 'ES256', kid: keyFile.kid }).sign(stranger.privateKey)
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 })
  const rsaToken = await new SignJWT(good).setProtectedHeader({ alg: 'RS256', kid: keyFile.kid }).sign(rsa.privateKey)
  const attackerJwk = await exportJWK(stranger.publicKey)

  const cases: [string, string][] = [
    ['alg none, no signature', `${b64({ alg: 'none', typ: 'JWT' })}.${b64(good)}.`],
    ['alg none, original signature kept', `${b64({ alg: 'none', typ: 'JWT' })}.${payload}.${signature}`],
    ['alg "None" in another case', `${b64({ alg: 'None', typ: 'JWT' })}.${b64(good)}.`],
    ['HS256 signed with the public JWK as secret', hs256(JSON.stringify(keyFile.publicJwk), good, keyFile.kid)],
    ['HS256 signed with the public key x coordinate', hs256(Buffer.from(keyFile.publicJwk.x!, 'base64url'), good, keyFile.kid)],
    ['HS256 signed with an empty secret', hs256('', good)],
    ['signed by another key under our kid', strangerToken],
    ['RS256 by another key under our kid', rsaToken],
    ['embedded attacker JWK in the header', await new SignJWT(good).setProtectedHeader({ alg: 'ES256', jwk: attackerJwk }).sign(stranger.privateKey)],
    ['jku pointing at an attacker', await new SignJWT(good).setProtectedHeader({ alg: 'ES256', jku: 'http://127.0.0.1:1/jwks.json', kid: 'evil' }).sign(stranger.privateKey)],
    ['tampered signature', `${header}.${payload}.${signature.slice(0, -6)}AAAAAA`],
    ['signature removed', `${header}.${payload}.`],
    ['tampered payload: role raised', `${header}.${b64({ ...good, roles: ['unit_manager'] })}.${signature}`],
    ['tampered payload: unit changed', `${header}.${b64({ ...good, unit: 'bromma' })}.${signature}`],
    ['expired an hour ago', await signed(ctx, { ...good, iat: now - 7200, exp: now - 3600 })],
    ['expired beyond the 30 s tolerance', await signed(ctx, { ...good, exp: now - 31 })],
    ['not yet valid (nbf in an hour)', await signed(ctx, { ...good, nbf: now + 3600 })],
    ['wrong issuer', await signed(ctx, { ...good, iss: 'https://idp.evil.example' })],
    ['no issuer', await signed(ctx, without('iss'))],
    ['wrong audience', await signed(ctx, { ...good, aud: 'another-api' })],
    ['no audience', await signed(ctx, without('aud'))],
    ['no expiry', await signed(ctx, without('exp'))],
    ['no subject', await signed(ctx, without('sub'))],
    ['no unit claim', await signed(ctx, without('unit'))],
    ['unit claim not a string', await signed(ctx, { ...good, unit: ['hagersten-alvsjo'] })],
    ['unknown unit', await signed(ctx, { ...good, unit: 'atlantis' })],
    ['unit claim with SQL', await signed(ctx, { ...good, unit: "x' OR '1'='1" })],
    ['no roles claim', await signed(ctx, without('roles'))],
    ['roles as a string, not an array', await signed(ctx, { ...good, roles: 'unit_manager' })],
    ['empty roles', await signed(ctx, { ...good, roles: [] })],
    ['only unknown roles', await signed(ctx, { ...good, roles: ['root', 'admin'] })],
    ['unknown permission', await signed(ctx, { ...good, permissions: ['read_everything'] })],
    ['permissions not an array', await signed(ctx, { ...good, permissions: 'protected_identity' })],
    ['garbage', 'abc.def.ghi'],
    ['two segments', `${header}.${payload}`],
    ['empty', '']
  ]
  const schemes: [string, (token: string) => string | undefined][] = [
    ['no Authorization header', () => undefined],
    ['Basic scheme', () => `Basic ${Buffer.from('admin:admin').toString('base64')}`],
    ['bearer in lower case with a space too many', () => `Bearer  ${valid}`],
    ['token without scheme', () => valid]
  ]

  let refused = 0
  for (const [name, token] of cases) {
    const res = await ctx.call('GET', '/v1/persons/' + randomUUID(), { headers: { authorization: `Bearer ${token}` } })
    t.equal(res.status, 401, name)
    t.match(res.headers['content-type'], /^application\/problem\+json/, `${name}: problem+json`)
    if (res.status === 401) refused++
  }
  for (const [name, authorization] of schemes) {
    const value = authorization(valid)
    const res = await ctx.app.inject({ method: 'GET', url: '/v1/units', headers: value === undefined ? {} : { authorization: value } })
    t.equal(res.statusCode, 401, name)
    if (res.statusCode === 401) refused++
  }
  t.comment(`auth attacks: ${cases.length + schemes.length} forged or unusable tokens sent, ${refused} refused with 401`)
})

t.test('a valid token reaching above its role answers 403', async (t) => {
  const ctx = await buildTestApp(t)
  const worker = await ctx.token('case_worker')
  const stats = await ctx.token('statistics_reader')
  const admin = await ctx.token('administrator')
  const system = await ctx.token('system_client')
  const application = await createApplication(ctx, worker, { requestedServices: [{ serviceTypeCode: 'safety_alarm' }] })
  await readyForDecision(ctx, worker, application.id)
  const ownUnit = await ctx.unitId('hagersten-alvsjo')
  const otherUnit = await ctx.unitId('bromma')
  const decision = { serviceTypeCode: 'safety_alarm', outcome: 'granted', reason: 'r', decisionDate: '2026-02-10', validFrom: '2026-02-10' }
  const rules = { rules: [{ code: 'everything', description: 'x', serviceTypeCodes: [], housingOnly: false, hoursPerMonthAbove: null, allowedRoles: ['case_worker'] }] }

  const cases: [string, string, string, string, unknown?][] = [
    ['statistics reader reads a person', stats, 'GET', `/v1/persons/${application.personId}`],
    ['statistics reader lists applications', stats, 'GET', '/v1/applications'],
    ['statistics reader lists decisions', stats, 'GET', '/v1/decisions'],
    ['statistics reader searches persons', stats, 'POST', '/v1/persons/search', { personalIdentityNumber: '19400612-1232' }],
    ['statistics reader registers a person', stats, 'POST', '/v1/persons', { personalIdentityNumber: '19400612-1232', firstName: 'a', lastName: 'b' }],
    ['statistics reader reads the access log', stats, 'GET', '/v1/audit-events'],
    ['case worker reads the access log', worker, 'GET', '/v1/audit-events'],
    ['case worker adds a service type', worker, 'POST', '/v1/service-types', { code: 'free_money', labelSv: 'x', labelEn: 'x', housing: false, hoursBased: false }],
    ['case worker changes a service type', worker, 'PATCH', '/v1/service-types/home_care', { active: false }],
    ['case worker rewrites the delegation order', worker, 'PUT', `/v1/units/${ownUnit}/delegation-rules`, rules],
    ['administrator rewrites another unit\'s delegation order', admin, 'PUT', `/v1/units/${otherUnit}/delegation-rules`, rules],
    ['administrator decides', admin, 'POST', `/v1/applications/${application.id}/decisions`, decision],
    ['system client decides', system, 'POST', `/v1/applications/${application.id}/decisions`, decision],
    ['system client adds a service type', system, 'POST', '/v1/service-types', { code: 'free_money', labelSv: 'x', labelEn: 'x', housing: false, hoursBased: false }]
  ]
  let forbidden = 0
  for (const [name, token, method, url, body] of cases) {
    const res = await ctx.call(method as 'GET', url, { token, ...(body === undefined ? {} : { body }) })
    t.equal(res.status, 403, name)
    t.match(res.headers['content-type'], /^application\/problem\+json/, `${name}: problem+json`)
    if (res.status === 403) forbidden++
  }
  const decided = await ctx.database.db.selectFrom('decisions').select('id').where('application_id', '=', application.id).execute()
  t.same(decided, [], 'no refused decision was recorded')
  const serviceType = await ctx.call('GET', '/v1/service-types/home_care', { token: worker })
  t.equal(serviceType.body.active, true, 'no refused change to reference data was made')
  t.comment(`role escalation: ${cases.length} attempts, ${forbidden} refused with 403`)
})

t.test('another unit\'s records answer exactly like records that do not exist', async (t) => {
  const ctx = await buildTestApp(t)
  const owner = await ctx.token('unit_manager')
  const application = await createApplication(ctx, owner, { requestedServices: [{ serviceTypeCode: 'safety_alarm' }, { serviceTypeCode: 'day_activity' }] })
  await readyForDecision(ctx, owner, application.id)
  const decided = await ctx.call('POST', `/v1/applications/${application.id}/decisions`, {
    token: owner, body: { serviceTypeCode: 'safety_alarm', outcome: 'rejected', reason: 'r', decisionDate: '2026-02-10' }
  })
  t.equal(decided.status, 201)
  const communications = await ctx.call('GET', `/v1/applications/${application.id}/communications`, { token: owner })
  const communicationId = communications.body.items[0].id as string
  const protectedPerson = await createPerson(ctx, await ctx.token('case_worker', { permissions: ['protected_identity'] }), { protectedIdentity: true })

  const ids = { person: application.personId as string, application: application.id as string, decision: decided.body.id as string, communication: communicationId }
  const requests = (id: typeof ids): [string, string, unknown?][] => [
    ['GET', `/v1/persons/${id.person}`],
    ['PATCH', `/v1/persons/${id.person}`, { district: 'Bromma' }],
    ['GET', `/v1/applications/${id.application}`],
    ['PATCH', `/v1/applications/${id.application}`, { urgent: true }],
    ['POST', `/v1/applications/${id.application}/assign`, { caseWorker: 'intruder' }],
    ['PUT', `/v1/applications/${id.application}/investigation`, { method: 'phone', needsDescription: 'x', assessment: 'y' }],
    ['POST', `/v1/applications/${id.application}/communicate`, { date: '2026-02-02', recipient: 'x' }],
    ['GET', `/v1/applications/${id.application}/communications`],
    ['GET', `/v1/applications/${id.application}/communications/${id.communication}`],
    ['POST', `/v1/applications/${id.application}/joint-review`, { date: '2026-02-02', participants: ['x'] }],
    ['POST', `/v1/applications/${id.application}/withdraw`, { date: '2026-02-02' }],
    ['POST', `/v1/applications/${id.application}/decisions`, { serviceTypeCode: 'day_activity', outcome: 'granted', reason: 'r', decisionDate: '2026-02-10', validFrom: '2026-02-10' }],
    ['GET', `/v1/decisions/${id.decision}`],
    ['POST', `/v1/decisions/${id.decision}/appeal`, { receivedDate: '2026-02-12' }]
  ]
  const strip = (raw: string) => raw.replace(/#request-[^"]+/, '#request-*').replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<id>')
  const missing = { person: randomUUID(), application: randomUUID(), decision: randomUUID(), communication: randomUUID() }

  let compared = 0
  for (const [who, token] of [
    ['bromma unit manager', await ctx.token('unit_manager', { unit: 'bromma' })],
    ['bromma administrator', await ctx.token('administrator', { unit: 'bromma' })],
    ['own unit without the protected-identity permission (protected person)', await ctx.token('unit_manager')]
  ] as const) {
    const targetIds = who.startsWith('own unit') ? { ...missing, person: protectedPerson.id as string } : ids
    const attempts = requests(targetIds)
    const controls = requests(missing)
    for (let i = 0; i < attempts.length; i++) {
      if (who.startsWith('own unit') && i > 1) break // the protected person has no applications
      const [method, url, body] = attempts[i]!
      const [, controlUrl, controlBody] = controls[i]!
      const res = await ctx.call(method as 'GET', url, { token, ...(body === undefined ? {} : { body }) })
      const control = await ctx.call(method as 'GET', controlUrl, { token, ...(controlBody === undefined ? {} : { body: controlBody }) })
      // An administrator may not decide at all: the role check comes before any lookup, so 403 for both.
      const expected = who.includes('administrator') && url.endsWith('/decisions') ? 403 : 404
      t.equal(res.status, expected, `${who}: ${method} ${url.replace(/[0-9a-f-]{36}/g, '…')} → ${expected}`)
      t.equal(strip(res.raw), strip(control.raw), `${who}: same body as for a record that does not exist`)
      t.equal(res.headers.etag, undefined, 'no ETag leaks a version')
      compared++
    }
  }
  const listed = await ctx.call('GET', `/v1/applications?personId=${ids.person}`, { token: await ctx.token('unit_manager', { unit: 'bromma' }) })
  t.same(listed.body.items, [], 'a list filtered by another unit\'s person is empty')
  const unchanged = await ctx.call('GET', `/v1/applications/${application.id}`, { token: owner })
  t.equal(unchanged.body.urgent, application.urgent, 'nothing the other unit sent changed the application')
  t.equal(unchanged.body.status, 'communicated')
  t.comment(`unit scoping: ${compared} requests at another unit's or a hidden record, each answered exactly like a missing one`)
})
