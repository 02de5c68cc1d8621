/**
 * Every 401 carries an RFC 6750 challenge, and says why: no token or another scheme get the
 * bare `Bearer realm=…`; a token that is refused gets `error="invalid_token"` with the cause as
 * `error_description`, the same words as the problem's detail.
 */
import { generateKeyPair, SignJWT, type CryptoKey, type JWTPayload } from 'jose'
import t from 'tap'
import { loadDevPrivateKey } from '../../src/auth/dev-key.js'
import { buildTestApp } from '../helper.js'

const REALM = 'Bearer realm="bestallarenhet-api"'

t.test('401s carry WWW-Authenticate with a description per cause', async (t) => {
  const ctx = await buildTestApp(t)
  const { issuer, audience, devKeyFile } = ctx.config.auth
  const { key, kid } = await loadDevPrivateKey(devKeyFile)
  const now = Math.floor(Date.now() / 1000)
  const claims: JWTPayload = { sub: 'eva', iss: issuer, aud: audience, iat: now, exp: now + 600, roles: ['case_worker'], unit: 'hagersten-alvsjo', permissions: [] }
  const sign = (c: JWTPayload, signingKey: CryptoKey = key) => new SignJWT(c).setProtectedHeader({ alg: 'ES256', kid, typ: 'JWT' }).sign(signingKey)
  const stranger = await generateKeyPair('ES256')

  const cases: { name: string; authorization?: string; detail: RegExp; error: boolean }[] = [
    { name: 'no Authorization header', detail: /bearer token is required/, error: false },
    { name: 'another scheme', authorization: 'Basic ZXZhOnNlY3JldA==', detail: /uses the Basic scheme; this service takes a bearer token/, error: false },
    { name: 'Bearer without a token', authorization: 'Bearer', detail: /malformed/, error: true },
    { name: 'a malformed token', authorization: 'Bearer not-a-jwt', detail: /malformed: expected "Bearer", one space and a JWT/, error: true },
    { name: 'a space too many', authorization: `Bearer  ${await ctx.token('case_worker')}`, detail: /malformed: expected "Bearer", one space/, error: true },
    { name: 'JWT-shaped garbage', authorization: 'Bearer aaa.bbb.ccc', detail: /malformed: not a signed JWT/, error: true },
    { name: 'an expired token', authorization: `Bearer ${await sign({ ...claims, iat: now - 7200, exp: now - 3600 })}`, detail: /has expired/, error: true },
    { name: 'a bad signature', authorization: `Bearer ${await sign(claims, stranger.privateKey)}`, detail: /signature does not verify/, error: true },
    { name: 'a wrong audience', authorization: `Bearer ${await sign({ ...claims, aud: 'another-api' })}`, detail: /"aud" claim is not accepted/, error: true },
    { name: 'a wrong issuer', authorization: `Bearer ${await sign({ ...claims, iss: 'urn:elsewhere' })}`, detail: /"iss" claim is not accepted/, error: true },
    { name: 'no role of ours', authorization: `Bearer ${await sign({ ...claims, roles: ['janitor'] })}`, detail: /no role recognised/, error: true },
    { name: 'an unknown unit', authorization: `Bearer ${await sign({ ...claims, unit: 'atlantis' })}`, detail: /unknown unit/, error: true }
  ]
  for (const c of cases) {
    const response = await ctx.call('GET', '/v1/units', c.authorization ? { headers: { authorization: c.authorization } } : {})
    t.equal(response.status, 401, `${c.name}: 401`)
    t.match(response.body.detail, c.detail, `${c.name}: the detail names the cause`)
    const challenge = String(response.headers['www-authenticate'])
    if (c.error) {
      const description = String(response.body.detail).replace(/["\\]/g, "'")
      t.equal(challenge, `${REALM}, error="invalid_token", error_description="${description}"`, `${c.name}: invalid_token with the cause`)
    } else {
      t.equal(challenge, REALM, `${c.name}: a bare challenge (RFC 6750 §3.1: no error code without a token)`)
    }
  }

  const ok = await ctx.call('GET', '/v1/units', { token: await ctx.token('case_worker') })
  t.equal(ok.status, 200)
  t.equal(ok.headers['www-authenticate'], undefined, 'no challenge on success')
  const forbidden = await ctx.call('POST', '/v1/units', { token: await ctx.token('case_worker'), body: {} })
  t.not(forbidden.status, 401)
  t.equal(forbidden.headers['www-authenticate'], undefined, 'no challenge on other errors')
})
