/**
 * One whole case through the generated client, as an integrator would write it:
 * person → application → investigation → communication → decision → execution → follow-up.
 *
 *   BASE_URL=http://127.0.0.1:3000 TOKEN=<case worker> [ADMIN_TOKEN=<administrator>] node src/main.ts
 *
 * Every call is typed by openapi/openapi.json (paths, parameters, bodies, responses); every
 * answer's status is checked. The two rules the types cannot tell:
 * - If-Match takes the ETag of the resource the action changes. Investigation, communication
 *   and decisions change the APPLICATION, so they take the application's ETag; a decision's
 *   response carries the decision's ETag, a communication's none, so the application is read
 *   again for its new one. Execution actions take the execution's ETag (GET …/execution,
 *   "0" before the first action); follow-up actions the follow-up's.
 * - Every POST carries an Idempotency-Key, one per intended write: a retry with the same key
 *   and body answers the first response again (Idempotent-Replayed: true) and creates nothing.
 */
import { randomUUID } from 'node:crypto'
import type { operations } from './generated/api.ts'
import { clientFor, expectProblem, expectStatus, freshPersonnummer, header, stockholmDate, UnexpectedAnswer, type JsonBody } from './steps.ts'

const baseUrl = process.env.BASE_URL ?? 'http://127.0.0.1:3000'
const token = process.env.TOKEN
const adminToken = process.env.ADMIN_TOKEN
if (!token) {
  console.error('Set TOKEN to a case worker\'s token, e.g. TOKEN=$(npm run -s token -- --role case_worker --sub anna.andersson) in the service\'s folder.')
  process.exit(2)
}
const api = clientFor(baseUrl, token)
const short = (id: string) => id.slice(0, 8)

async function runCase(): Promise<void> {
  console.log(`A whole case against ${baseUrl}:`)

  // 1. The person. A random personnummer, so that the example runs again on the same database.
  const person = expectStatus('createPerson', await api.POST('/v1/persons', {
    params: { header: { 'idempotency-key': randomUUID() } },
    body: { personalIdentityNumber: freshPersonnummer(), firstName: 'Tolvan', lastName: 'Exempelsson', district: 'Hägersten-Älvsjö', language: 'svenska' }
  }), 201, (p, r) => `person ${short(p.id)}, Location ${header(r, 'location')}`).data

  // 2. The application, sent twice with the same Idempotency-Key as a client retries after a
  //    lost answer: the second answer is the first one replayed, and no second case exists.
  const applicationKey = randomUUID()
  const applicationBody: JsonBody<operations['createApplication']> = {
    personId: person.id, receivedDate: stockholmDate(21), channel: 'phone',
    requestedServices: [{ serviceTypeCode: 'home_care', requestedHoursPerMonth: 40 }]
  }
  const created = expectStatus('createApplication', await api.POST('/v1/applications', {
    params: { header: { 'idempotency-key': applicationKey } }, body: applicationBody
  }), 201, (a, r) => `${a.caseNumber} ${a.status}, ETag ${header(r, 'etag')}`)
  const replayed = expectStatus('createApplication (retry)', await api.POST('/v1/applications', {
    params: { header: { 'idempotency-key': applicationKey } }, body: applicationBody
  }), 201, (a, r) => `${a.caseNumber} again, Idempotent-Replayed: ${r.headers.get('idempotent-replayed')}`)
  if (replayed.data.id !== created.data.id || replayed.response.headers.get('idempotent-replayed') !== 'true') {
    throw new UnexpectedAnswer('the retry with the same Idempotency-Key was not a replay of the first answer')
  }
  const applicationId = created.data.id
  let applicationEtag = header(created.response, 'etag')

  // 3. The investigation: If-Match is the application's ETag; the answer carries the new one.
  const investigated = expectStatus('recordInvestigation', await api.PUT('/v1/applications/{id}/investigation', {
    params: { path: { id: applicationId }, header: { 'if-match': applicationEtag } },
    body: { method: 'home_visit', needsDescription: 'Behöver hjälp med inköp, städning och dusch två gånger i veckan.', assessment: 'Behovet tillgodoses genom hemtjänst.' }
  }), 200, (a, r) => `${a.status}, ETag ${header(r, 'etag')}`)
  applicationEtag = header(investigated.response, 'etag')

  // 4. Communication (kommunicering), also an action on the application. Its answer is the
  //    communication, without an ETag: the application's version moved on.
  const communication = expectStatus('communicateInvestigation', await api.POST('/v1/applications/{id}/communicate', {
    params: { path: { id: applicationId }, header: { 'if-match': applicationEtag, 'idempotency-key': randomUUID() } },
    body: { date: stockholmDate(14), recipient: 'Sökanden' }
  }), 201, (c, r) => `communication ${short(c.id)} (no assessment shared: ${!('assessment' in c.investigation)}), ETag ${r.headers.get('etag') ?? 'none'}`).data

  // The ETag from before the communication is stale now: the decision is refused with 412 …
  const decision: JsonBody<operations['decideService']> = {
    serviceTypeCode: 'home_care', outcome: 'granted', reason: 'Behov av stöd i den dagliga livsföringen.',
    hoursPerMonth: 40, decisionDate: stockholmDate(10), validFrom: stockholmDate(10)
  }
  expectProblem('decideService (stale ETag)', await api.POST('/v1/applications/{id}/decisions', {
    params: { path: { id: applicationId }, header: { 'if-match': applicationEtag, 'idempotency-key': randomUUID() } }, body: decision
  }), 412, (problem) => `refused as expected: ${problem.detail ?? problem.title}`)

  // … so read the application again for its current ETag.
  const current = expectStatus('getApplication', await api.GET('/v1/applications/{id}', {
    params: { path: { id: applicationId } }
  }), 200, (a, r) => `${a.status}, ETag ${header(r, 'etag')} (communication ${short(communication.id)} on record)`)
  applicationEtag = header(current.response, 'etag')

  // 5. The decision: 40 hours of home care is within a case worker's delegation.
  const decided = expectStatus('decideService', await api.POST('/v1/applications/{id}/decisions', {
    params: { path: { id: applicationId }, header: { 'if-match': applicationEtag, 'idempotency-key': randomUUID() } }, body: decision
  }), 201, (d, r) => `decision ${short(d.id)} ${d.outcome} ${d.hoursPerMonth} h/month by ${d.decidedByRole}, decision's ETag ${header(r, 'etag')}`).data

  // 6. The execution, under the decision. A provider of home care: any the unit has, else an
  //    administrator registers one (reference data: the case worker may not).
  const providers = expectStatus('listProviders', await api.GET('/v1/providers', {
    params: { query: { serviceTypeCode: 'home_care' } }
  }), 200, (page) => `${page.items.length} provider(s) of home care`).data
  let providerId = providers.items.find((p) => p.active)?.id
  if (providerId === undefined) {
    if (!adminToken) throw new UnexpectedAnswer('No provider offers home care: set ADMIN_TOKEN (an administrator\'s token) to register one.')
    const admin = clientFor(baseUrl, adminToken)
    providerId = expectStatus('createProvider', await admin.POST('/v1/providers', {
      params: { header: { 'idempotency-key': randomUUID() } },
      body: { name: 'Hemtjänst Exempel (egen regi)', regime: 'municipal', serviceTypeCodes: ['home_care'] }
    }), 201, (p) => `provider ${short(p.id)} (as administrator)`).data.id
  }

  // The execution's ETag is its own version: "0" before the first action.
  const execution = expectStatus('getExecution', await api.GET('/v1/decisions/{id}/execution', {
    params: { path: { id: decided.id } }
  }), 200, (e, r) => `${e.state}, execution's ETag ${header(r, 'etag')}`)
  const ordered = expectStatus('orderExecution', await api.POST('/v1/decisions/{id}/execution/order', {
    params: { path: { id: decided.id }, header: { 'if-match': header(execution.response, 'etag'), 'idempotency-key': randomUUID() } },
    body: { orderedDate: stockholmDate(9), providerId }
  }), 200, (e, r) => `${e.state}, plan due ${e.implementationPlan.dueDate}, ETag ${header(r, 'etag')}`)
  expectStatus('startExecution', await api.POST('/v1/decisions/{id}/execution/start', {
    params: { path: { id: decided.id }, header: { 'if-match': header(ordered.response, 'etag'), 'idempotency-key': randomUUID() } },
    body: { startedDate: stockholmDate(7), executedHoursPerMonth: 40 }
  }), 200, (e, r) => `${e.state} from ${e.startedDate}, ${e.executedHoursPerMonth} of ${e.grantedHoursPerMonth} h, ETag ${header(r, 'etag')}`)

  // 7. The follow-up the unit's rules planned when the execution started (continuous, every
  //    12 months): found by the decision, performed with the follow-up's own ETag.
  const planned = expectStatus('listFollowUps', await api.GET('/v1/follow-ups', {
    params: { query: { decisionId: decided.id, status: 'planned' } }
  }), 200, (page) => page.items.map((f) => `${f.kind} due ${f.dueDate}`).join(', ') || 'none planned').data
  const continuous = planned.items.find((f) => f.kind === 'continuous')
  if (continuous === undefined) throw new UnexpectedAnswer('no continuous follow-up was planned when the execution started')
  const followUp = expectStatus('getFollowUp', await api.GET('/v1/follow-ups/{id}', {
    params: { path: { id: continuous.id } }
  }), 200, (f, r) => `${f.status}, follow-up's ETag ${header(r, 'etag')}`)
  const performed = expectStatus('performFollowUp', await api.POST('/v1/follow-ups/{id}/perform', {
    params: { path: { id: continuous.id }, header: { 'if-match': header(followUp.response, 'etag'), 'idempotency-key': randomUUID() } },
    body: { performedDate: stockholmDate(0), method: 'phone', findings: 'Insatsen fungerar; inga ändrade behov.', deliveredHoursPerMonth: 38, outcome: 'unchanged' }
  }), 200, (f) => `${f.status}: ${f.performance?.outcome}, ${f.performance?.missingHoursPerMonth ?? 0} h/month missing`).data
  if (performed.status !== 'performed') throw new UnexpectedAnswer(`the follow-up is ${performed.status}, not performed`)

  console.log(`Case ${created.data.caseNumber} done: person ${short(person.id)}, decision ${short(decided.id)}, follow-up ${short(performed.id)} performed.`)
}

try {
  await runCase()
} catch (error) {
  // A refused step, or a server that cannot be reached: one line, exit code 1.
  const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : ''
  console.error(error instanceof Error ? `FAILED: ${error.message}${cause}` : error)
  process.exitCode = 1
}
