/**
 * Contract fuzzing: every operation in openapi/openapi.json gets generated requests that its
 * schemas call valid, and variants that break exactly one constraint (checked with the server's
 * own validator before sending). Valid input must answer a documented status, invalid input a
 * documented 400 as problem+json; every body must match its documented schema; never a 5xx.
 * FUZZ_RUNS (default 40) sets the valid and the invalid requests per operation; FUZZ_SEED
 * replays a run.
 */
import fs from 'node:fs'
import { Writable } from 'node:stream'
import fc from 'fast-check'
import t from 'tap'
import { buildTestApp, createApplication, createPerson, personnummer, readyForDecision } from '../helper.js'
import {
  arbitrary, entries, fromExample, IdPool, invalidCandidates, operations, partSchema, removeAt, setAt, sites, Validators,
  type FuzzRequest, type Operation, type Parameter, type Schema
} from '../support/openapi-fuzz.js'

const RUNS = Number(process.env.FUZZ_RUNS ?? 40)
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED)
const spec = JSON.parse(fs.readFileSync(new URL('../../openapi/openapi.json', import.meta.url), 'utf8')) as Schema

/** A schema cannot say "Luhn-valid": valid personnummer and samordningsnummer, in every accepted shape. */
const identityNumber = fc.record({
  birth: fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('1961-12-31T00:00:00Z'), noInvalidDate: true }),
  serial: fc.integer({ min: 0, max: 999 }),
  coordination: fc.boolean(),
  shape: fc.constantFrom('dash', 'plain', 'short')
}).map(({ birth, serial, coordination, shape }) => {
  const ymd = birth.toISOString().slice(0, 10).replaceAll('-', '')
  const day = Number(ymd.slice(6)) + (coordination ? 60 : 0)
  const twelve = personnummer(`${ymd.slice(0, 6)}${String(day).padStart(2, '0')}`, String(serial).padStart(3, '0'))
  return shape === 'plain' ? twelve : shape === 'dash' ? `${twelve.slice(0, 8)}-${twelve.slice(8)}` : `${twelve.slice(2, 8)}${Number(twelve.slice(0, 4)) <= new Date().getFullYear() - 100 ? '+' : '-'}${twelve.slice(8)}`
})
const HINTS = { personalIdentityNumber: identityNumber }

class LogCapture extends Writable {
  text = ''
  override _write(chunk: Buffer, _encoding: string, done: () => void) {
    this.text += chunk.toString()
    done()
  }
}

const PARAM_BREAKERS = ['not-a-uuid', '2026-02-30', '0', '-1', '1.5', '1e10', '99999999999999999999', 'abc', "' OR 1=1--", 'ÅÄÖ', 'true', '']

function buildUrl(op: Operation, path: Record<string, string>, query: Record<string, string>): string {
  const filled = op.path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(path[name] ?? ''))
  const search = new URLSearchParams(query).toString()
  return search ? `${filled}?${search}` : filled
}

/** The collection a path parameter names: the path segment before it. */
function collectionOf(op: Operation, parameter: Parameter): string {
  const segments = op.path.split('/')
  return segments[segments.indexOf(`{${parameter.name}}`) - 1] ?? ''
}

t.test('contract fuzzing over every operation in openapi/openapi.json', async (t) => {
  const logs = new LogCapture()
  const ctx = await buildTestApp(t, { LOG_LEVEL: 'info' }, { logStream: logs })
  const pool = new IdPool()
  const validators = new Validators()
  // Every deciding and administrative role, so that a refusal is the input's fault, not the role's.
  const token = await ctx.token(['unit_manager', 'case_worker', 'administrator', 'system_client'], { permissions: ['protected_identity'], subject: 'fuzz.all' })
  const readOnly = await ctx.token('statistics_reader', { subject: 'fuzz.stats' })
  // A provider's own operations need a provider token (the role cannot be combined with others).
  const fuzzProvider = await ctx.call('POST', '/v1/providers', { token, body: { name: 'Fuzz Utförare AB', regime: 'private', serviceTypeCodes: ['home_care'] } })
  const providerToken = await ctx.token('provider', { subject: 'fuzz.provider', provider: fuzzProvider.body.id })
  const PROVIDER_OPERATIONS = new Set(['acceptOrder', 'declineOrder', 'reportImplementationPlan', 'reportStart', 'reportInterruption', 'reportResumption', 'reportEnd', 'reportDeliveredTime'])

  // Fixtures: a real record behind each kind of id, then whatever the lists return.
  const manager = await ctx.token('unit_manager')
  const person = await createPerson(ctx, manager, { firstName: 'Fuzzfixtur', lastName: 'Kontraktsson' })
  const application = await createApplication(ctx, manager, { personId: person.id, requestedServices: [{ serviceTypeCode: 'safety_alarm' }, { serviceTypeCode: 'day_activity' }] })
  await readyForDecision(ctx, manager, application.id)
  const decision = await ctx.call('POST', `/v1/applications/${application.id}/decisions`, {
    token: manager, body: { serviceTypeCode: 'safety_alarm', outcome: 'rejected', reason: 'Behovet tillgodoses på annat sätt.', decisionDate: '2026-02-10' }
  })
  t.equal(decision.status, 201, 'fixture decision')
  pool.add('persons', person.id)
  pool.add('applications', application.id)
  pool.add('decisions', decision.body.id)
  const communications = await ctx.call('GET', `/v1/applications/${application.id}/communications`, { token: manager })
  for (const c of communications.body.items ?? []) pool.add('communications', c.id)

  const ops = operations(spec)
  for (const op of ops) {
    if (op.method === 'GET' && !op.path.includes('{') && !op.public) {
      const res = await ctx.call('GET', op.path, { token })
      pool.learn(op.path, res.status, res.headers, res.body)
    }
  }

  async function send(op: Operation, request: FuzzRequest): Promise<{ status: number; problem: string | undefined }> {
    const response = await ctx.app.inject({
      method: request.method as 'GET', url: request.url, headers: request.headers,
      ...(request.body !== undefined ? { payload: JSON.stringify(request.body) } : {})
    })
    const status = response.statusCode
    const contentType = String(response.headers['content-type'] ?? '').split(';')[0]!.trim()
    let body: unknown
    try {
      body = response.body === '' ? undefined : JSON.parse(response.body)
    } catch {
      body = response.body
    }
    pool.learn(op.path, status, response.headers, body)
    if (process.env.FUZZ_DEBUG && status >= 400 && !request.mutation) t.comment(`${request.method} ${request.url} → ${status} ${response.body.slice(0, 200)}`)
    const where = `${request.method} ${request.url}${request.mutation ? ` (${request.mutation})` : ''} → ${status}`
    if (status >= 500) return { status, problem: `${where}: server error ${response.body.slice(0, 300)}` }
    const documented = op.responses.get(String(status)) ?? op.responses.get(`${String(status)[0]}XX`) ?? op.responses.get('default')
    if (!documented) return { status, problem: `${where}: status not documented (documented: ${[...op.responses.keys()].join(', ')})` }
    if (documented.size === 0) return { status, problem: response.body === '' ? undefined : `${where}: body where none is documented` }
    const schema = documented.get(contentType)
    if (!schema) return { status, problem: `${where}: content type ${contentType} not documented (${[...documented.keys()].join(', ')})` }
    if (status >= 400 && contentType !== 'application/problem+json') return { status, problem: `${where}: error is not problem+json` }
    const validate = validators.response(`${op.id} ${status} ${contentType}`, schema)
    if (!validate(body)) return { status, problem: `${where}: body does not match the documented schema: ${JSON.stringify(validate.errors?.slice(0, 3))}` }
    return { status, problem: undefined }
  }

  const totals = { valid: 0, invalid: 0, operations: 0 }
  for (const op of ops) {
    const stats = { valid: 0, invalid: 0, statuses: new Map<number, number>() }
    const count = (status: number) => stats.statuses.set(status, (stats.statuses.get(status) ?? 0) + 1)

    const textValue = (p: Parameter) => arbitrary(p.schema, { pool, location: 'text', hints: HINTS }, p.name).map(String)
    const pathArbs: Record<string, fc.Arbitrary<string>> = {}
    for (const p of op.parameters.filter((p) => p.in === 'path')) {
      const known = pool.get(collectionOf(op, p))
      pathArbs[p.name] = known.length ? fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...known) }, { weight: 1, arbitrary: textValue(p) }) : textValue(p)
    }
    const optional = (where: Parameter['in']) => {
      const own = op.parameters.filter((p) => p.in === where)
      return entries(Object.fromEntries(own.map((p) => [p.name, textValue(p)])), own.filter((p) => p.required).map((p) => p.name)) as fc.Arbitrary<Record<string, string>>
    }
    const bodyContext = { pool, location: 'body' as const, hints: HINTS }
    const bodyArb = op.body
      ? fc.oneof(arbitrary(op.body.schema, bodyContext), ...op.body.examples.map((e) => fromExample(e, op.body!.schema, bodyContext)))
      : fc.constant(undefined)
    const validArb = fc.record({
      path: fc.record(pathArbs),
      query: optional('query'),
      headers: optional('header'),
      body: op.body?.required === false ? fc.option(bodyArb, { nil: undefined }) : bodyArb,
      readOnly: fc.integer({ min: 0, max: 9 }).map((n) => n === 0)
    })
    const caller = PROVIDER_OPERATIONS.has(op.id) ? providerToken : token
    const toRequest = (v: { path: Record<string, string>; query: Record<string, string>; headers: Record<string, string>; body: unknown }, bearer: string, mutation?: string): FuzzRequest => ({
      method: op.method,
      url: buildUrl(op, v.path, v.query),
      headers: {
        ...v.headers,
        ...(op.public ? {} : { authorization: `Bearer ${bearer}` }),
        ...(v.body !== undefined ? { 'content-type': 'application/json' } : {})
      },
      ...(v.body !== undefined ? { body: v.body } : {}),
      ...(mutation ? { mutation } : {})
    })

    const failures: string[] = []
    const params = { numRuns: RUNS, ...(SEED !== undefined ? { seed: SEED } : {}), endOnFailure: true }
    const validRun = await fc.check(fc.asyncProperty(validArb, async (v) => {
      const { status, problem } = await send(op, toRequest(v, v.readOnly ? readOnly : caller))
      stats.valid++
      count(status)
      if (problem) throw new Error(problem)
    }), params)
    if (validRun.failed) failures.push(`valid input: ${fc.defaultReportMessage(validRun)}`)

    // Invalid: break one thing — a body value, a missing or unknown property, or a parameter.
    const breakable = Boolean(op.body) || op.parameters.length > 0
    if (breakable && !op.public) {
      const invalidArb = fc.record({ valid: validArb, kind: fc.nat(), site: fc.nat(), candidate: fc.nat() }).map(({ valid, kind, site, candidate }) => {
        const attempts: (() => FuzzRequest | undefined)[] = []
        if (op.body) {
          const body = valid.body === undefined ? {} : valid.body
          const bodySites = sites(body)
          const at = bodySites[site % bodySites.length]!
          const candidates = invalidCandidates({})
          attempts.push(() => {
            for (let i = 0; i < candidates.length; i++) {
              const mutated = setAt(body, at, candidates[(candidate + i) % candidates.length])
              if (!validators.accepts('body', op.body!.schema, mutated)) return toRequest({ ...valid, body: mutated }, caller, `body /${at.join('/')} = ${JSON.stringify(candidates[(candidate + i) % candidates.length]).slice(0, 40)}`)
            }
            return undefined
          })
          attempts.push(() => {
            if (at.length === 0) return undefined
            const mutated = removeAt(body, at)
            return validators.accepts('body', op.body!.schema, mutated) ? undefined : toRequest({ ...valid, body: mutated }, caller, `body /${at.join('/')} removed`)
          })
          attempts.push(() => {
            const objects = bodySites.filter((s) => { const v = s.reduce((o: any, k) => o?.[k], body); return v !== null && typeof v === 'object' && !Array.isArray(v) })
            const target = objects[site % Math.max(objects.length, 1)]
            if (!target) return undefined
            const mutated = setAt(body, [...target, 'unexpectedField'], 'x')
            return validators.accepts('body', op.body!.schema, mutated) ? undefined : toRequest({ ...valid, body: mutated }, caller, `body /${target.join('/')} + unexpectedField`)
          })
        }
        for (const p of op.parameters) {
          attempts.push(() => {
            const part = p.in === 'path' ? 'params' : p.in === 'query' ? 'querystring' : 'headers'
            const breakers = [...PARAM_BREAKERS, ...(typeof p.schema.maxLength === 'number' ? ['x'.repeat(p.schema.maxLength + 1)] : [])]
            const holder = p.in === 'path' ? valid.path : p.in === 'query' ? valid.query : valid.headers
            for (let i = 0; i < breakers.length; i++) {
              const value = breakers[(candidate + i) % breakers.length]!
              if (p.in === 'path' && value === '') continue
              if (p.in === 'header' && !/^[\x20-\x7e]*$/.test(value)) continue
              const values = { ...holder, [p.name]: value }
              if (validators.accepts(part, partSchema(op.parameters, p.in), values)) continue
              const next = { ...valid, [p.in === 'path' ? 'path' : p.in === 'query' ? 'query' : 'headers']: values }
              return toRequest(next, caller, `${p.in} ${p.name} = ${JSON.stringify(value).slice(0, 40)}`)
            }
            return undefined
          })
        }
        for (let i = 0; i < attempts.length; i++) {
          const request = attempts[(kind + i) % attempts.length]!()
          if (request) return request
        }
        return undefined
      })
      const invalidRun = await fc.check(fc.asyncProperty(invalidArb, async (request) => {
        if (!request) return
        const { status, problem } = await send(op, request)
        stats.invalid++
        count(status)
        if (problem) throw new Error(problem)
        if (status !== 400) throw new Error(`${request.method} ${request.url} (${request.mutation}) → ${status}, expected 400 for input the schema refuses`)
      }), params)
      if (invalidRun.failed) failures.push(`invalid input: ${fc.defaultReportMessage(invalidRun)}`)
    }

    totals.valid += stats.valid
    totals.invalid += stats.invalid
    totals.operations++
    const statuses = [...stats.statuses.entries()].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`).join(' ')
    t.comment(`fuzz ${op.id.padEnd(30)} ${op.method.padEnd(5)} ${op.path}: ${stats.valid} valid, ${stats.invalid} invalid [${statuses}]`)
    t.same(failures, [], `${op.id}: valid input answers documented statuses, invalid input a documented 400, bodies match their schemas, no 5xx`)
  }
  t.comment(`fuzz total: ${totals.operations} operations, ${totals.valid + totals.invalid} requests (${totals.valid} valid, ${totals.invalid} invalid), FUZZ_RUNS=${RUNS}`)
  t.ok(totals.operations >= ops.length, 'every operation in the document was fuzzed')

  // Whatever the fuzzer stored, its logs carry none of it: no personnummer, no token.
  const stored = await ctx.database.db.selectFrom('persons').select('personal_identity_number').execute()
  const leaked = stored.map((p) => p.personal_identity_number).filter((pnr) => logs.text.includes(pnr))
  t.same(leaked, [], `no personnummer of the ${stored.length} stored persons appears in ${logs.text.split('\n').length - 1} log lines`)
  for (const secret of [token, readOnly, providerToken, 'Fuzzfixtur', 'Kontraktsson']) t.notOk(logs.text.includes(secret), 'no token or fixture name in the logs')
})
