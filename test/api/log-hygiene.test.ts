/**
 * Log hygiene: a run through every operation of the API at `trace` level — successes, refusals,
 * validation errors, replays, and the mistakes clients make (a personnummer in the URL) — with
 * the logs captured. No line may carry a personnummer (in any of its written forms), a name of
 * a test person, or a token. The walk must touch every operation in openapi/openapi.json, so a
 * new route without a step here fails the test instead of going unchecked.
 */
import fs from 'node:fs'
import { Writable } from 'node:stream'
import t from 'tap'
import { buildTestApp, personnummer, type TestContext } from '../helper.js'
import { operations, type Schema } from '../support/openapi-fuzz.js'

class LogCapture extends Writable {
  lines: string[] = []
  private partial = ''
  override _write(chunk: Buffer, _encoding: string, done: () => void) {
    const text = this.partial + chunk.toString()
    const parts = text.split('\n')
    this.partial = parts.pop() ?? ''
    this.lines.push(...parts.filter(Boolean))
    done()
  }
}

const spec = JSON.parse(fs.readFileSync(new URL('../../openapi/openapi.json', import.meta.url), 'utf8')) as Schema

/** Every written form of an identity number: 12 digits, with a dash, 10 digits, 10 with a dash. */
const forms = (twelve: string) => [twelve, `${twelve.slice(0, 8)}-${twelve.slice(8)}`, twelve.slice(2), `${twelve.slice(2, 8)}-${twelve.slice(8)}`]

t.test('no personnummer, name or token in any log line', async (t) => {
  const logs = new LogCapture()
  const ctx: TestContext = await buildTestApp(t, { LOG_LEVEL: 'trace' }, { logStream: logs })
  const worker = await ctx.token('case_worker', { subject: 'log.worker' })
  const manager = await ctx.token('unit_manager', { subject: 'log.manager' })
  const admin = await ctx.token('administrator', { subject: 'log.admin' })
  const stats = await ctx.token('statistics_reader', { subject: 'log.stats' })
  const expired = await ctx.token('case_worker', { expiresIn: '-1h' })
  const secrets = {
    numbers: [personnummer('19311111', '234'), personnummer('19320222', '345'), personnummer('19330383', '456')], // the last a samordningsnummer
    names: ['Gunnelina', 'Hemligsson', 'Sigbrittania', 'Ombudström', 'Anhörigsdotter'],
    tokens: [worker, manager, admin, stats, expired]
  }
  const [pnrA, pnrB, pnrC] = secrets.numbers as [string, string, string]
  const ownUnit = await ctx.unitId('hagersten-alvsjo')
  let steps = 0
  async function call(method: string, url: string, token: string | undefined, body?: unknown, headers: Record<string, string> = {}) {
    steps++
    return ctx.call(method as 'GET', url, { ...(token ? { token } : {}), headers, ...(body === undefined ? {} : { body }) })
  }

  // Persons: create, duplicate, invalid, replay, search, read, change, stale change, mistakes.
  const personBody = { personalIdentityNumber: `${pnrA.slice(0, 8)}-${pnrA.slice(8)}`, firstName: 'Gunnelina', lastName: 'Hemligsson', representatives: [{ kind: 'god_man', name: 'Ombudström', phone: '070-1234567' }] }
  const person = await call('POST', '/v1/persons', worker, personBody, { 'idempotency-key': 'log-person' })
  t.equal(person.status, 201)
  await call('POST', '/v1/persons', worker, personBody, { 'idempotency-key': 'log-person' })
  await call('POST', '/v1/persons', worker, { ...personBody, personalIdentityNumber: pnrA })
  await call('POST', '/v1/persons', worker, { ...personBody, personalIdentityNumber: pnrA.slice(0, 11) + ((Number(pnrA[11]) + 1) % 10) })
  await call('POST', '/v1/persons', worker, { ...personBody, personalIdentityNumber: pnrB, unexpected: 'Anhörigsdotter' })
  await call('POST', '/v1/persons', stats, personBody)
  await call('POST', '/v1/persons', expired, personBody)
  const other = await call('POST', '/v1/persons', worker, { personalIdentityNumber: pnrC, firstName: 'Sigbrittania', lastName: 'Anhörigsdotter', protectedIdentity: false })
  t.equal(other.status, 201, 'a samordningsnummer person')
  const personId = person.body.id as string
  await call('POST', '/v1/persons/search', worker, { personalIdentityNumber: pnrA })
  await call('POST', '/v1/persons/search', worker, { personalIdentityNumber: pnrA.slice(2) })
  await call('POST', '/v1/persons/search', worker, { personalIdentityNumber: `${pnrB}x` })
  await call('GET', `/v1/persons/${personId}`, worker)
  await call('PATCH', `/v1/persons/${personId}`, worker, { firstName: 'Sigbrittania' }, { 'if-match': '"1"' })
  await call('PATCH', `/v1/persons/${personId}`, worker, { lastName: 'Anhörigsdotter' }, { 'if-match': '"1"' })
  await call('PATCH', `/v1/persons/${personId}`, worker, { personalIdentityNumber: pnrC })
  // Mistakes clients make: the number in the path or the query string, or a name in a header.
  await call('GET', `/v1/persons/${pnrA}`, worker)
  await call('GET', `/v1/persons/${pnrA.slice(0, 8)}-${pnrA.slice(8)}`, worker)
  await call('GET', `/v1/persons?personalIdentityNumber=${pnrA}&name=Hemligsson`, worker)
  await call('GET', `/v1/applications?caseWorker=Hemligsson&personId=${pnrB}`, worker)
  const named = await call('GET', '/v1/units', worker, undefined, { 'x-request-id': pnrA })
  t.not(named.headers['x-request-id'], pnrA, 'a request id that could be a personnummer is replaced')

  // Applications through the whole process, and the refusals on the way.
  const application = await call('POST', '/v1/applications', worker, { personId, receivedDate: '2026-01-15', channel: 'phone', assignedCaseWorker: 'Hemligsson', requestedServices: [{ serviceTypeCode: 'safety_alarm' }, { serviceTypeCode: 'day_activity' }] })
  t.equal(application.status, 201)
  const appId = application.body.id as string
  await call('GET', '/v1/applications?limit=5', worker)
  await call('GET', `/v1/applications/${appId}`, worker)
  await call('PATCH', `/v1/applications/${appId}`, worker, { urgent: false })
  await call('POST', `/v1/applications/${appId}/assign`, worker, { caseWorker: 'Gunnelina' })
  await call('PUT', `/v1/applications/${appId}/investigation`, worker, { method: 'home_visit', needsDescription: 'Gunnelina Hemligsson behöver hjälp.', assessment: `Personnummer ${pnrA} bedöms.` })
  const communicated = await call('POST', `/v1/applications/${appId}/communicate`, worker, { date: '2026-02-01', recipient: 'Anhörigsdotter' })
  await call('GET', `/v1/applications/${appId}/communications`, worker)
  await call('GET', `/v1/applications/${appId}/communications/${communicated.body.id}`, worker)
  await call('POST', `/v1/applications/${appId}/joint-review`, manager, { date: '2026-02-02', participants: ['Sigbrittania'], notes: 'Hemligsson' })
  const decision = await call('POST', `/v1/applications/${appId}/decisions`, manager, { serviceTypeCode: 'safety_alarm', outcome: 'rejected', reason: 'Gunnelina har redan larm.', decisionDate: '2026-02-10' })
  t.equal(decision.status, 201)
  await call('POST', `/v1/applications/${appId}/decisions`, worker, { serviceTypeCode: 'day_activity', outcome: 'granted', reason: 'Hemligsson', decisionDate: '2026-02-09', validFrom: '2026-01-01' })
  const decisionId = decision.body.id as string
  await call('GET', `/v1/decisions/${decisionId}`, worker)
  await call('GET', `/v1/decisions?personId=${personId}`, worker)
  await call('POST', `/v1/decisions/${decisionId}/appeal`, worker, { receivedDate: '2026-02-20' })
  await call('POST', `/v1/decisions/${decisionId}/appeal/reconsideration`, worker, { date: '2026-02-25', outcome: 'unchanged' })
  await call('POST', `/v1/decisions/${decisionId}/appeal/court-referral`, worker, { date: '2026-02-26' })
  await call('POST', `/v1/decisions/${decisionId}/appeal/court-outcome`, worker, { date: '2026-05-01', outcome: 'appeal_rejected' })
  const second = await call('POST', '/v1/applications', worker, { personId: other.body.id, receivedDate: '2026-01-15', channel: 'outreach', requestedServices: [{ serviceTypeCode: 'day_activity' }] })
  await call('POST', `/v1/applications/${second.body.id}/withdraw`, worker, { date: '2026-01-20' })

  // Quality: complaints, deviations, Lex Sarah reports, categories, the annual summary (names in free text).
  const quality = await ctx.token('quality_officer', { subject: 'log.quality' })
  const complaint = await call('POST', '/v1/complaints', worker, { receivedDate: '2026-03-02', channel: 'phone', submittedBy: 'relative', submitterName: 'Anhörigsdotter', kind: 'complaint', target: 'unit', categories: ['treatment'], description: 'Gunnelina Hemligsson fick vänta.', personId })
  await call('GET', `/v1/complaints/${complaint.body.id}`, worker)
  await call('GET', `/v1/complaints?personId=${personId}&overdue=true`, worker)
  await call('POST', `/v1/complaints/${complaint.body.id}/investigate`, quality, { date: '2026-03-03' })
  await call('POST', `/v1/complaints/${complaint.body.id}/deviations`, quality, { target: 'other', category: 'other', description: 'Hemligsson', sentDate: '2026-03-04' })
  await call('POST', `/v1/complaints/${complaint.body.id}/lex-sarah-reports`, quality, { reportedDate: '2026-03-04', reporterRole: 'enhetschef', place: 'unit', category: 'treatment', description: 'Hemligsson' })
  await call('POST', `/v1/complaints/${complaint.body.id}/answer`, quality, { date: '2026-03-05', answeredBy: 'Ombudström', method: 'phone', answer: 'Gunnelina' })
  await call('POST', `/v1/complaints/${complaint.body.id}/close`, quality, { date: '2026-03-06' })
  const deviation = await call('POST', '/v1/deviations', worker, { target: 'hospital_care', category: 'discharge_process', description: 'Hemligsson', sentDate: '2026-03-02', personId })
  await call('GET', `/v1/deviations/${deviation.body.id}`, worker)
  await call('GET', `/v1/deviations?personId=${personId}`, worker)
  await call('POST', `/v1/deviations/${deviation.body.id}/response`, quality, { date: '2026-03-03', response: 'Gunnelina' })
  await call('POST', `/v1/deviations/${deviation.body.id}/close`, quality, { date: '2026-03-04' })
  const report = await call('POST', '/v1/lex-sarah-reports', worker, { reportedDate: '2026-03-02', reporterRole: 'handläggare', place: 'unit', category: 'treatment', description: 'Sigbrittania Hemligsson', personId })
  await call('GET', `/v1/lex-sarah-reports/${report.body.id}`, quality)
  await call('GET', `/v1/lex-sarah-reports?personId=${personId}`, worker)
  await call('POST', `/v1/lex-sarah-reports/${report.body.id}/investigate`, quality, { date: '2026-03-03' })
  await call('POST', `/v1/lex-sarah-reports/${report.body.id}/assessment`, quality, { date: '2026-03-04', assessment: 'wrongdoing', serious: true, summary: 'Hemligsson' })
  await call('POST', `/v1/lex-sarah-reports/${report.body.id}/close`, quality, { date: '2026-03-05', measures: 'X' })
  await call('POST', `/v1/lex-sarah-reports/${report.body.id}/ivo-notification`, quality, { date: '2026-03-05', reference: 'IVO 1' })
  await call('POST', `/v1/lex-sarah-reports/${report.body.id}/ivo-response`, quality, { date: '2026-03-06', response: 'Gunnelina' })
  await call('POST', `/v1/lex-sarah-reports/${report.body.id}/close`, quality, { date: '2026-03-07', measures: 'Ombudström', learning: 'X' })
  await call('GET', '/v1/quality-categories?domain=complaint', worker)
  await call('POST', '/v1/quality-categories', admin, { domain: 'complaint', code: 'log_category', labelSv: 'Logg', labelEn: 'Log' })
  await call('GET', '/v1/quality-categories/complaint/log_category', worker)
  await call('PATCH', '/v1/quality-categories/complaint/log_category', admin, { active: false })
  await call('GET', '/v1/reports/quality-summary?year=2026', stats)

  // Reference data, the access log, health.
  await call('GET', `/v1/units/${ownUnit}`, worker)
  const order = await call('GET', `/v1/units/${ownUnit}/delegation-rules`, admin)
  await call('PUT', `/v1/units/${ownUnit}/delegation-rules`, admin, { rules: order.body.rules }, { 'if-match': order.headers.etag as string })
  await call('GET', '/v1/service-types', worker)
  await call('POST', '/v1/service-types', admin, { code: 'log_service', labelSv: 'Logg', labelEn: 'Log', housing: false, hoursBased: false })
  await call('GET', '/v1/service-types/log_service', worker)
  await call('PATCH', '/v1/service-types/log_service', admin, { labelEn: 'Logged' })
  await call('GET', `/v1/audit-events?personId=${personId}`, admin)
  await call('GET', '/health/live', undefined)
  await call('GET', '/health/ready', undefined)

  // Every operation in the document was exercised: its path appears in an incoming-request line.
  const entries = logs.lines.map((line) => JSON.parse(line) as { req?: { method: string; path: string } })
  const seen = entries.flatMap((e) => (e.req ? [`${e.req.method} ${e.req.path}`] : []))
  const unexercised = operations(spec).filter((op) => {
    const pattern = new RegExp(`^${op.method} ${op.path.replace(/\{[^}]+\}/g, '[^/]+')}$`)
    return !seen.some((s) => pattern.test(s))
  }).map((op) => op.id)
  t.same(unexercised, [], 'the walk touched every operation (add a step for a new one)')

  const leaks: string[] = []
  for (const line of logs.lines) {
    for (const number of secrets.numbers) for (const form of forms(number)) if (line.includes(form)) leaks.push(`personnummer ${form}: ${line.slice(0, 200)}`)
    for (const name of secrets.names) if (line.includes(name)) leaks.push(`name ${name}: ${line.slice(0, 200)}`)
    for (const token of secrets.tokens) {
      if (line.includes(token) || line.includes(token.split('.')[2]!)) leaks.push(`token: ${line.slice(0, 200)}`)
    }
  }
  t.ok(logs.lines.length >= steps * 2, `${logs.lines.length} log lines captured at trace level for ${steps} requests`)
  t.same(leaks, [], 'no personnummer, name or token in the logs')
  t.comment(`log hygiene: ${steps} requests over ${operations(spec).length} operations, ${logs.lines.length} log lines, ${secrets.numbers.length * 4 + secrets.names.length + secrets.tokens.length} secrets searched, ${leaks.length} found`)
})
