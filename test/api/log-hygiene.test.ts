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
  const manager = await ctx.token('unit_manager', { subject: 'log.manager', permissions: ['ivo_reporting'] })
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
  await call('POST', `/v1/decisions/${decisionId}/notification`, worker, { date: '2026-02-12', method: 'letter' })
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
  // Change events: the feed, each history, webhook subscriptions (issue 13).
  const none = '00000000-0000-4000-8000-000000000000'
  await call('GET', '/v1/events?limit=500', worker)
  await call('GET', `/v1/applications/${appId}/history`, worker)
  await call('GET', `/v1/decisions/${decisionId}/history`, worker)
  await call('GET', `/v1/follow-ups/${none}/history`, worker)
  await call('GET', `/v1/complaints/${complaint.body.id}/history`, quality)
  await call('GET', `/v1/deviations/${deviation.body.id}/history`, quality)
  await call('GET', `/v1/lex-sarah-reports/${none}/history`, quality)
  await call('GET', '/v1/webhook-subscriptions', admin)
  await call('POST', '/v1/webhook-subscriptions', admin, { url: 'http://127.0.0.1/Hemligsson' })
  await call('GET', `/v1/webhook-subscriptions/${none}`, admin)
  await call('DELETE', `/v1/webhook-subscriptions/${none}`, admin)
  await call('POST', `/v1/webhook-subscriptions/${none}/rotate-secret`, admin)
  await call('POST', `/v1/webhook-subscriptions/${none}/redeliver`, admin, { eventId: none })
  await call('GET', `/v1/webhook-subscriptions/${none}/deliveries`, admin)
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

  // --- Execution, reports, follow-ups, worklists, goals and indicators ---
  // Providers: reference data, refused for a case worker, changed with If-Match.
  await call('POST', '/v1/providers', worker, { name: 'Logg Omsorg AB', regime: 'private', serviceTypeCodes: ['home_care'] })
  await call('POST', '/v1/providers', admin, { name: 'Logg Omsorg AB', regime: 'private', serviceTypeCodes: ['flying_carpet'] })
  const provider = await call('POST', '/v1/providers', admin, { name: 'Logg Omsorg AB', regime: 'private', organisationNumber: '556677-8899', serviceTypeCodes: ['home_care', 'safety_alarm'] })
  t.equal(provider.status, 201, 'a provider')
  const providerId = provider.body.id as string
  await call('GET', '/v1/providers?serviceTypeCode=home_care&active=true', worker)
  const gotProvider = await call('GET', `/v1/providers/${providerId}`, worker)
  await call('PATCH', `/v1/providers/${providerId}`, admin, { name: 'Logg Omsorg och Larm AB' }, { 'if-match': gotProvider.headers.etag as string })
  await call('PATCH', `/v1/providers/${providerId}`, admin, { active: false }, { 'if-match': '"99"' })

  // A time-limited home-care grant and a safety-alarm grant left waiting, for the person with the secret names.
  const caseApp = await call('POST', '/v1/applications', worker, { personId, receivedDate: '2026-01-20', channel: 'phone', assignedCaseWorker: 'log.worker', requestedServices: [{ serviceTypeCode: 'home_care', requestedHoursPerMonth: 40 }, { serviceTypeCode: 'safety_alarm' }] })
  t.equal(caseApp.status, 201)
  const caseAppId = caseApp.body.id as string
  await call('PUT', `/v1/applications/${caseAppId}/investigation`, worker, { method: 'home_visit', needsDescription: 'Gunnelina Hemligsson behöver hjälp morgon och kväll.', assessment: 'Behovet bedöms föreligga.' })
  // The units' default policy communicates every non-urgent investigation before the decision.
  await call('POST', `/v1/applications/${caseAppId}/communicate`, worker, { date: '2026-02-20', recipient: 'Gunnelina Hemligsson' })
  const homeCare = await call('POST', `/v1/applications/${caseAppId}/decisions`, worker, { serviceTypeCode: 'home_care', outcome: 'granted', reason: 'Gunnelina behöver stöd.', hoursPerMonth: 40, decisionDate: '2026-03-02', validFrom: '2026-03-02', validTo: '2027-03-01' })
  t.equal(homeCare.status, 201, 'a time-limited home-care grant')
  const homeCareId = homeCare.body.id as string
  const alarm = await call('POST', `/v1/applications/${caseAppId}/decisions`, worker, { serviceTypeCode: 'safety_alarm', outcome: 'granted', reason: 'Hemligsson behöver larm.', decisionDate: '2026-03-02', validFrom: '2026-03-02' })
  t.equal(alarm.status, 201, 'a safety-alarm grant')
  const alarmId = alarm.body.id as string
  // Decision dates: extended, then an end before the start.
  await call('PATCH', `/v1/decisions/${homeCareId}`, worker, { validTo: '2027-06-30' }, { 'if-match': homeCare.headers.etag as string })
  await call('PATCH', `/v1/decisions/${homeCareId}`, worker, { validTo: '2026-01-01' })

  // Execution: order, plan, start partly, hours, interruption with a note, resume, offers, delay account, end.
  const exec = (id: string, action: string, body: unknown, headers: Record<string, string> = {}) => call('POST', `/v1/decisions/${id}/execution/${action}`, worker, body, headers)
  const awaiting = await call('GET', `/v1/decisions/${homeCareId}/execution`, worker)
  t.equal(awaiting.body.state, 'awaiting_order')
  await call('GET', `/v1/decisions/${decisionId}/execution`, worker)
  await exec(decisionId, 'order', { orderedDate: '2026-03-03', providerId }) // a rejected decision: 409
  await exec(homeCareId, 'order', { orderedDate: '2099-01-01', providerId }) // in the future: 400
  t.equal((await exec(homeCareId, 'order', { orderedDate: '2026-03-03', providerId, orderedHoursPerMonth: 40 }, { 'if-match': '"0"' })).status, 200, 'ordered')
  await exec(homeCareId, 'implementation-plan', { receivedDate: '2026-03-10' }, { 'if-match': '"0"' }) // stale: 412
  await exec(homeCareId, 'implementation-plan', { receivedDate: '2026-03-10' })
  await exec(homeCareId, 'resume', { resumedDate: '2026-03-12' }) // nothing to resume: 409
  t.equal((await exec(homeCareId, 'start', { startedDate: '2026-03-16', executedHoursPerMonth: 30 })).status, 200, 'started, partly')
  await exec(homeCareId, 'hours', { effectiveDate: '2026-03-15', executedHoursPerMonth: 40 }) // before the start: 400
  await exec(homeCareId, 'hours', { effectiveDate: '2026-04-01', executedHoursPerMonth: 35 })
  const offer = await exec(homeCareId, 'offers', { offeredDate: '2026-04-02', description: 'Gunnelina Hemligsson erbjuds resterande 5 timmar från maj.', providerId })
  t.equal(offer.status, 200, 'an offer')
  const offerId = (offer.body.offers as { id: string }[])[0]!.id
  await call('POST', `/v1/decisions/${homeCareId}/execution/offers/${offerId}/response`, worker, { response: 'maybe', responseDate: '2026-04-03' }) // 400
  await call('POST', `/v1/decisions/${homeCareId}/execution/offers/${offerId}/response`, worker, { response: 'accepted', responseDate: '2026-04-03' })
  await exec(homeCareId, 'interruptions', { startDate: '2026-05-01', reason: 'hospital_stay', note: `Gunnelina Hemligsson (${pnrA}) på sjukhus.` })
  await exec(homeCareId, 'resume', { resumedDate: '2026-05-20' })
  t.equal((await exec(homeCareId, 'end', { endedDate: '2026-07-01', reason: 'moved' })).status, 200, 'ended')
  await exec(homeCareId, 'end', { endedDate: '2026-07-02', reason: 'moved' }) // ended already: 409
  await call('PUT', `/v1/decisions/${alarmId}/execution/delay-account`, worker, { reason: 'Hemligsson vill vänta.', consequences: 'Gunnelina saknar larm.', interimServices: 'Anhörigsdotter ringer varje dag.' })
  await call('PUT', `/v1/decisions/${alarmId}/execution/delay-account`, worker, { reason: 'Hemligsson' }) // missing fields: 400
  await exec(alarmId, 'offers', { offeredDate: '2026-04-10', description: 'Larm till Sigbrittania Anhörigsdotter', response: 'declined', responseDate: '2026-04-11' })

  // Reports: the IVO quarter (JSON and CSV), decisions per month, a malformed quarter.
  const ivo = await call('GET', '/v1/reports/not-executed-decisions?quarter=2026-Q2', manager)
  t.ok((ivo.body.items as { delayReason: string | null }[]).some((i) => i.delayReason?.includes('Hemligsson')), 'the IVO report carries the delay account')
  await call('GET', '/v1/reports/not-executed-decisions?quarter=2026-Q2', manager, undefined, { accept: 'text/csv' })
  await call('GET', '/v1/reports/not-executed-decisions?quarter=2026-Q5', manager)
  await call('GET', '/v1/reports/not-executed-statistics?quarter=2026-Q2', stats)
  await call('GET', '/v1/legal-provisions?inForceOn=2025-07-01', stats)
  await call('GET', '/v1/reports/decisions-per-month?year=2026', stats)
  await call('GET', '/v1/reports/decisions-per-month?year=2026', manager, undefined, { accept: 'text/csv' })

  // Follow-ups: rules, automatic ones, a KIN follow-up planned and cancelled, a continuous one performed.
  const rules = await call('GET', `/v1/units/${ownUnit}/follow-up-rules`, worker)
  await call('PUT', `/v1/units/${ownUnit}/follow-up-rules`, worker, { timeLimitedReview: rules.body.timeLimitedReview, hospitalDischarge: rules.body.hospitalDischarge, continuous: rules.body.continuous }) // 403
  await call('PUT', `/v1/units/${ownUnit}/follow-up-rules`, admin, { timeLimitedReview: rules.body.timeLimitedReview, hospitalDischarge: rules.body.hospitalDischarge, continuous: rules.body.continuous }, { 'if-match': rules.headers.etag as string })
  await call('GET', `/v1/follow-ups?personId=${personId}`, worker)
  await call('GET', '/v1/follow-ups?caseWorker=Hemligsson&overdue=true', worker)
  await call('GET', '/v1/kin-questions', worker)
  await call('POST', '/v1/follow-ups', worker, { kind: 'kin', decisionId: homeCareId, dueDate: '2026-10-31' }) // no service context: 400
  const kin = await call('POST', '/v1/follow-ups', worker, { kind: 'kin', serviceContext: 'home_care', decisionId: homeCareId, dueDate: '2026-10-31', assignedCaseWorker: 'log.worker' }, { 'idempotency-key': 'log-kin' })
  t.equal(kin.status, 201, 'a KIN follow-up')
  await call('GET', `/v1/follow-ups/${kin.body.id}`, worker)
  await call('POST', `/v1/follow-ups/${kin.body.id}/plan`, worker, { plannedDate: '2026-06-25' }, { 'if-match': kin.headers.etag as string })
  await call('POST', `/v1/follow-ups/${kin.body.id}/cancel`, worker, { date: '2026-06-20', reason: 'Gunnelina Hemligsson avböjde.' })
  const continuous = await call('POST', '/v1/follow-ups', worker, { kind: 'continuous', decisionId: homeCareId, dueDate: '2026-09-30', plannedDate: '2026-06-15' })
  t.equal(continuous.status, 201, 'a continuous follow-up')
  await call('POST', `/v1/follow-ups/${continuous.body.id}/perform`, worker, { performedDate: '2099-01-01', method: 'home_visit', findings: 'Hemligsson', outcome: 'unchanged' }) // in the future: 400
  await call('POST', `/v1/follow-ups/${continuous.body.id}/perform`, worker, { performedDate: '2026-06-15', method: 'home_visit', findings: `Gunnelina Hemligsson (${pnrA}) är nöjd; dottern Anhörigsdotter hjälper till.`, deliveredHoursPerMonth: 33, outcome: 'unchanged' })
  await call('POST', `/v1/follow-ups/${continuous.body.id}/cancel`, worker, { date: '2026-06-20', reason: 'Sigbrittania' }) // performed: 409

  // Worklists: the unit's and a case worker's (names in the items), a refusal and a bad parameter.
  const worklist = await call('GET', '/v1/worklists?upcomingDays=366&expiringWithinDays=366', manager)
  t.ok((worklist.body.items as { personName: string }[]).some((i) => i.personName.includes('Hemligsson')), 'the worklist shows the secret name')
  await call('GET', '/v1/worklists/log.worker?asOf=2026-06-01', worker)
  await call('GET', '/v1/worklists/log.worker?waitingDays=-1', worker) // 400
  await call('GET', '/v1/worklists', stats) // 403

  // Goals: a tree, texts, assessments and activities (an activity's deviation naming a person).
  await call('POST', '/v1/goals', worker, { planYear: 2026, level: 'kf_direction', code: 'kf-log', title: 'Nej' }) // 403
  const topGoal = await call('POST', '/v1/goals', manager, { planYear: 2026, level: 'kf_direction', code: 'kf-log', number: '1', title: 'En stad där äldre lever tryggt' })
  t.equal(topGoal.status, 201, 'a goal')
  const goalId = topGoal.body.id as string
  await call('POST', '/v1/goals', manager, { planYear: 2026, level: 'kf_area', code: 'kf-log-1', title: 'Utan förälder' }) // 400
  await call('GET', '/v1/goals?year=2026', worker)
  await call('GET', `/v1/goals/${goalId}`, worker)
  await call('PATCH', `/v1/goals/${goalId}`, manager, { followUp: 'Följs upp i tertialrapporten.' }, { 'if-match': topGoal.headers.etag as string })
  await call('PUT', `/v1/goals/${goalId}/assessments/T1`, manager, { fulfilment: 'partly', analysis: 'Klagomål från Anhörigsdotter har hanterats.' })
  await call('PUT', `/v1/goals/${goalId}/assessments/T3`, manager, { fulfilment: 'partly' }) // 400
  const activity = await call('POST', `/v1/goals/${goalId}/activities`, manager, { text: 'Utbilda handläggarna i bemötande.', startDate: '2026-01-01', endDate: '2026-12-31' })
  t.equal(activity.status, 201, 'an activity')
  await call('PATCH', `/v1/goals/${goalId}/activities/${activity.body.id}`, manager, { deviation: 'Gunnelina Hemligsson fick vänta.' })

  // Indicators: formulas, a manual and a computed one, targets, values (an analysis naming a person), reports.
  await call('GET', '/v1/indicator-formulas', worker)
  const manual = await call('POST', '/v1/indicators', manager, { code: 'log-nojdhet', name: 'Nöjdhet', unit: 'percent', direction: 'higher_is_better', periodicity: 'tertial', source: 'manual', level: 'council' })
  t.equal(manual.status, 201, 'a manual indicator')
  const manualId = manual.body.id as string
  await call('POST', '/v1/indicators', manager, { code: 'log-hemtjanst', name: 'Antal med hemtjänst', unit: 'persons', direction: 'higher_is_better', periodicity: 'tertial', source: 'computed', level: 'council', formulaCode: 'magic' }) // 400
  const computed = await call('POST', '/v1/indicators', manager, { code: 'log-hemtjanst', name: 'Antal med hemtjänst', unit: 'persons', direction: 'higher_is_better', periodicity: 'tertial', source: 'computed', level: 'council', formulaCode: 'people_with_services', formulaParams: { serviceTypeCode: 'home_care' } })
  t.equal(computed.status, 201, 'a computed indicator')
  await call('GET', '/v1/indicators?level=council', worker)
  await call('GET', `/v1/indicators/${manualId}`, worker)
  await call('PATCH', `/v1/indicators/${manualId}`, manager, { koladaKpi: 'N00945' }, { 'if-match': manual.headers.etag as string })
  await call('PUT', `/v1/indicators/${manualId}/targets/2026`, manager, { goalId, annualTarget: { value: 90, comparator: 'at_least', text: null }, kfAnnualTarget: null })
  await call('PUT', `/v1/indicators/${manualId}/targets/2025`, manager, { goalId, annualTarget: { value: 90, comparator: null, text: null }, kfAnnualTarget: null }) // a 2026 goal: 400
  await call('GET', `/v1/indicators/${manualId}/targets`, worker)
  await call('POST', `/v1/indicators/${manualId}/values`, manager, { year: 2026, period: 'T1' }) // a value or a reason: 400
  const value = await call('POST', `/v1/indicators/${manualId}/values`, manager, { year: 2026, period: 'T1', total: 85, women: 88, men: 80, analysis: 'Sigbrittania Anhörigsdotter var missnöjd.' })
  t.equal(value.status, 201, 'a value')
  await call('GET', `/v1/indicators/${manualId}/values?year=2026&history=true`, stats)
  await call('GET', `/v1/indicators/${manualId}/values/${value.body.id}`, stats)
  t.equal((await call('POST', `/v1/indicators/${computed.body.id}/compute`, manager, { year: 2026, period: 'T1' })).status, 201, 'a computed value')
  await call('POST', `/v1/indicators/${manualId}/compute`, manager, { year: 2026, period: 'T1' }) // not computed: 4xx
  await call('GET', '/v1/reports/indicator-table?year=2026&period=T1', manager)
  await call('GET', '/v1/reports/indicator-table?year=2026&period=T1', stats, undefined, { accept: 'text/csv' })
  await call('GET', '/v1/reports/kolada-export?year=2026', manager)
  await call('GET', '/v1/reports/kolada-export?year=2026&period=T1', stats, undefined, { accept: 'text/csv' })
  await call('GET', '/v1/reports/kolada-export?year=1999', manager) // 400

  // Months, monthly volumes, caseload.
  await call('GET', `/v1/indicators/${computed.body.id}/months?from=2026-01&to=2026-03`, stats)
  await call('GET', '/v1/reports/monthly-volumes?month=2026-06', worker)
  await call('GET', '/v1/reports/monthly-volumes?month=2026-06', manager, undefined, { accept: 'text/csv' })
  await call('GET', '/v1/reports/caseload', manager)

  // Hospital discharge: a notice naming the person by number (and a redelivery), a correction, planning, reads.
  const system = await ctx.token('system_client', { subject: 'log.lifecare' })
  const noticeBody = { personalIdentityNumber: pnrA, externalReference: 'LC-LOG-1', hospital: 'Södersjukhuset', admittedDate: '2026-06-01' }
  const notice = await call('POST', '/v1/discharge-episodes', system, noticeBody, { 'idempotency-key': 'log-lc-1' })
  t.equal(notice.status, 201, 'a discharge notice')
  await call('POST', '/v1/discharge-episodes', system, noticeBody, { 'idempotency-key': 'log-lc-1' })
  await call('POST', '/v1/discharge-episodes', system, { ...noticeBody, readyDate: '2026-06-05', leftHospitalDate: '2026-06-01' }) // out of order: 400
  await call('POST', '/v1/discharge-episodes', system, { ...noticeBody, readyDate: '2026-06-05' })
  await call('PATCH', `/v1/discharge-episodes/${notice.body.id}`, worker, { sipMeeting: { date: '2026-06-04', participantRoles: ['person', 'relative', 'case_worker'] }, applicationIds: [caseAppId] })
  await call('GET', `/v1/discharge-episodes/${notice.body.id}`, worker)
  await call('GET', '/v1/discharge-episodes?readyMonth=2026-06', worker)
  // Orders: the provider reads its order (name, address, contact), answers, reports, delivered time; the unit locks and reports.
  const providerToken = await ctx.token('provider', { subject: 'log.provider', provider: providerId })
  secrets.tokens.push(providerToken)
  const orders = await call('GET', '/v1/orders?state=sent', providerToken)
  const orderId = (orders.body.items as { id: string; decisionId: string }[]).find((o) => o.decisionId === homeCareId)?.id as string
  t.ok(orderId, 'the provider sees the order')
  await call('GET', `/v1/orders/${orderId}`, providerToken)
  await call('GET', `/v1/orders/${orderId}`, worker)
  await call('POST', `/v1/orders/${orderId}/accept`, providerToken, { acceptedDate: '2026-03-04' }, { 'idempotency-key': 'log-accept' })
  await call('POST', `/v1/orders/${orderId}/decline`, providerToken, { declinedDate: '2026-03-04', reason: 'Gunnelina Hemligsson' }) // accepted: 409
  await call('POST', `/v1/orders/${orderId}/implementation-plan`, providerToken, { receivedDate: '2026-03-10' }) // recorded: 409
  await call('POST', `/v1/orders/${orderId}/start`, providerToken, { startedDate: '2026-03-16' }) // ended: 409
  await call('POST', `/v1/orders/${orderId}/interrupt`, providerToken, { startDate: '2026-05-01', reason: 'hospital_stay', note: `Hemligsson ${pnrA}` })
  await call('POST', `/v1/orders/${orderId}/resume`, providerToken, { resumedDate: '2026-05-20' })
  await call('POST', `/v1/orders/${orderId}/end`, providerToken, { endedDate: '2026-07-01', reason: 'moved' })
  await call('PUT', `/v1/orders/${orderId}/delivered-time/2026-04`, providerToken, { hours: 31.5 })
  await call('PUT', `/v1/orders/${orderId}/delivered-time/2026-04`, providerToken, { hours: 33 }, { 'if-match': '"1"' })
  await call('POST', '/v1/delivered-time-months/2026-04/lock', manager, {})
  await call('PUT', `/v1/orders/${orderId}/delivered-time/2026-04`, providerToken, { hours: 34 }) // locked: 409
  await call('GET', `/v1/persons/${personId}`, providerToken) // not the provider's: 404
  await call('GET', '/v1/reports/delivered-time?month=2026-04', manager)
  await call('GET', '/v1/reports/delivered-time?month=2026-04', worker, undefined, { accept: 'text/csv' })

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
