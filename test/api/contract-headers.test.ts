/**
 * The response headers in openapi/openapi.json against what the service really sends, both
 * ways: every header a response carries (of those the contract speaks for) is declared for that
 * operation and status, and every header declared as required is there. A whole case runs
 * through (person → application → investigation → communication → decision → execution), with
 * the errors integrators meet (400, 401, 403, 404, 409, 412) and an idempotent replay.
 */
import fs from 'node:fs'
import t from 'tap'
import { buildTestApp, createApplication, createPerson, nextPersonnummer, type Response } from '../helper.js'

const spec = JSON.parse(fs.readFileSync(new URL('../../openapi/openapi.json', import.meta.url), 'utf8'))
const SPOKEN_FOR = ['etag', 'location', 'idempotent-replayed', 'retry-after', 'cache-control', 'x-request-id', 'x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset', 'www-authenticate']

const templates = Object.keys(spec.paths).map((path) => ({
  path,
  pattern: new RegExp(`^${path.replace(/\{[^}]+\}/g, '[^/]+')}$`)
}))
/** The documented path a URL falls under; literal segments win over parameters (/persons/search). */
function templateOf(url: string): string | undefined {
  const bare = url.split('?')[0]!
  const matches = templates.filter((tpl) => tpl.pattern.test(bare))
  return matches.sort((a, b) => (a.path.match(/\{/g)?.length ?? 0) - (b.path.match(/\{/g)?.length ?? 0))[0]?.path
}

const resolveHeader = (header: any) => (header?.$ref ? spec.components.headers[header.$ref.split('/').pop()] : header)

t.test('declared response headers are the ones sent', async (t) => {
  // A subscription to a local address (nothing listens: no delivery is needed here).
  const ctx = await buildTestApp(t, { WEBHOOK_ALLOW_INTERNAL_TARGETS: 'true' })
  const seen: { method: string; url: string; res: Response }[] = []
  const call = async (method: string, url: string, options: Parameters<typeof ctx.call>[2] = {}) => {
    const res = await ctx.call(method as never, url, options)
    seen.push({ method, url, res })
    return res
  }
  const manager = await ctx.token('unit_manager')
  const stats = await ctx.token('statistics_reader')

  const personBody = { personalIdentityNumber: nextPersonnummer('19370707'), firstName: 'Hedvig', lastName: 'Huvud' }
  const person = await call('POST', '/v1/persons', { token: manager, body: personBody, headers: { 'idempotency-key': 'headers-person' } })
  await call('POST', '/v1/persons', { token: manager, body: personBody, headers: { 'idempotency-key': 'headers-person' } })
  await call('GET', `/v1/persons/${person.body.id}`, { token: manager })
  await call('PATCH', `/v1/persons/${person.body.id}`, { token: manager, body: { firstName: 'Hedda' }, headers: { 'if-match': '"1"' } })
  await call('PATCH', `/v1/persons/${person.body.id}`, { token: manager, body: { firstName: 'Hedvig' }, headers: { 'if-match': '"1"' } })
  await call('GET', '/v1/persons/3f1c2b9a-5d7e-4c1a-9b2f-8e6d4a2c1b0f', { token: manager })
  await call('GET', `/v1/persons/${person.body.id}`, { token: stats })
  await call('GET', `/v1/persons/${person.body.id}`)
  await call('POST', '/v1/persons', { token: manager, body: { firstName: 'Utan' } })

  const application = await createApplication(ctx, manager, { personId: person.body.id })
  await call('GET', `/v1/applications/${application.id}`, { token: manager })
  await call('GET', '/v1/applications?limit=5', { token: manager })
  await call('PUT', `/v1/applications/${application.id}/investigation`, { token: manager, body: { method: 'home_visit', needsDescription: 'Behöver hjälp morgon och kväll.' } })
  await call('POST', `/v1/applications/${application.id}/communicate`, { token: manager, body: { date: '2026-02-01', recipient: 'Sökanden' } })
  await call('GET', `/v1/applications/${application.id}/communications`, { token: manager })
  const decision = await call('POST', `/v1/applications/${application.id}/decisions`, {
    token: manager, body: { serviceTypeCode: 'home_care', outcome: 'granted', hoursPerMonth: 40, reason: 'Behovet tillgodoses med hemtjänst.', decisionDate: '2026-02-10', validFrom: '2026-02-15' }
  })
  await call('POST', `/v1/applications/${application.id}/withdraw`, { token: manager, body: { date: '2026-02-11' } })
  await call('GET', `/v1/decisions/${decision.body.id}`, { token: manager })
  await call('GET', `/v1/decisions/${decision.body.id}/execution`, { token: manager })
  await call('GET', '/v1/units', { token: manager })
  const other = await createPerson(ctx, manager)
  await call('GET', `/v1/persons/${other.id}`, { token: manager })
  t.equal(decision.status, 201, `the case reached a decision: ${decision.raw}`)

  // Reference data and subscriptions: ETags without a `version` in the body, and a version without an ETag.
  const admin = await ctx.token('administrator')
  const provider = await call('POST', '/v1/providers', { token: admin, body: { name: 'Rubrik Omsorg AB', regime: 'private', serviceTypeCodes: ['home_care'] } })
  await call('GET', `/v1/providers/${provider.body.id}`, { token: admin })
  await call('GET', '/v1/service-types/home_care', { token: admin })
  const categories = await call('GET', '/v1/quality-categories', { token: admin })
  const category = categories.body.items[0]
  await call('GET', `/v1/quality-categories/${category.domain}/${category.code}`, { token: admin })
  const subscription = await call('POST', '/v1/webhook-subscriptions', { token: admin, body: { url: 'http://127.0.0.1:9/hooks/bestallarenhet' } })
  t.equal(subscription.status, 201, subscription.raw)
  await call('GET', `/v1/webhook-subscriptions/${subscription.body.id}`, { token: admin })

  for (const { method, url, res } of seen) {
    const path = templateOf(url)
    const op = path ? spec.paths[path][method.toLowerCase()] : undefined
    const name = `${method} ${path} ${res.status}`
    if (!op) {
      t.fail(`${name}: no documented operation`)
      continue
    }
    const response = op.responses[String(res.status)]
    t.ok(response, `${name}: the status is documented`)
    if (!response) continue
    const declared = new Map(Object.entries<any>(response.headers ?? {}).map(([header, value]) => [header.toLowerCase(), resolveHeader(value)]))
    for (const header of SPOKEN_FOR) {
      if (res.headers[header] !== undefined) t.ok(declared.has(header), `${name}: sends ${header}, which is declared`)
    }
    for (const [header, definition] of declared) {
      if (definition.required) t.ok(res.headers[header] !== undefined, `${name}: declares ${header} as always sent, and sends it`)
    }
  }
})
