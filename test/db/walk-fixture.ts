/**
 * A little data for the query-plan walk, made through the API: at least 50 rows of every list
 * (so the N+1 check can compare a page of 1 with a page of 50) and at least one row for every
 * filter and report of the walk — executions with hours, interruptions and offers, a KIN
 * follow-up with answers, overdue complaints and Lex Sarah reports, goals and indicators.
 */
import { nextPersonnummer, type TestContext } from '../helper.js'
import type { WalkFixture } from '../support/endpoint-walk.js'

export const ROWS = 50
export const CASE_WORKER = 'plan.worker'

type Call = (method: 'GET' | 'POST' | 'PUT', url: string, token: string, body?: unknown) => Promise<any>

export async function makeWalkFixture(ctx: TestContext): Promise<WalkFixture> {
  const worker = await ctx.token('case_worker', { subject: CASE_WORKER })
  const manager = await ctx.token('unit_manager', { subject: 'plan.manager' })
  const quality = await ctx.token('quality_officer', { subject: 'plan.quality' })
  const call: Call = async (method, url, token, body) => {
    const res = await ctx.call(method, url, { token, ...(body === undefined ? {} : { body }) })
    if (res.status >= 300) throw new Error(`${method} ${url}: ${res.status} ${res.raw.slice(0, 300)}`)
    return res.body
  }

  const decisions: { id: string; applicationId: string; personId: string }[] = []
  let firstPerson: { id: string; personalIdentityNumber: string } | undefined
  for (let i = 0; i < ROWS; i++) {
    const person = await call('POST', '/v1/persons', worker, {
      personalIdentityNumber: nextPersonnummer(`19${30 + (i % 20)}0${1 + (i % 9)}1${i % 10}`),
      firstName: 'Plan', lastName: `Testsson ${i}`, sex: i % 3 === 0 ? 'male' : 'female'
    })
    firstPerson ??= person
    // Mostly time-limited home care (a review follow-up each), some rejected safety alarms, some partly granted.
    const rejected = i % 10 === 9
    const partly = i % 10 === 8
    const service = rejected ? 'safety_alarm' : 'home_care'
    const application = await call('POST', '/v1/applications', worker, {
      personId: person.id, receivedDate: i % 7 === 0 ? '2025-11-03' : '2026-01-15', channel: i % 5 === 0 ? 'hospital_discharge' : 'phone',
      urgent: i % 6 === 0, assignedCaseWorker: CASE_WORKER,
      requestedServices: [{ serviceTypeCode: service, ...(service === 'home_care' ? { requestedHoursPerMonth: 60 } : {}) }]
    })
    await call('PUT', `/v1/applications/${application.id}/investigation`, worker, { method: 'home_visit', needsDescription: 'Behöver hjälp morgon och kväll.', assessment: 'Behovet bedöms föreligga.' })
    await call('POST', `/v1/applications/${application.id}/communicate`, worker, { date: '2026-02-01', recipient: 'Sökanden' })
    const decision = await call('POST', `/v1/applications/${application.id}/decisions`, worker, rejected
      ? { serviceTypeCode: service, outcome: 'rejected', reason: 'Inget behov.', decisionDate: '2026-03-25' }
      : {
          serviceTypeCode: service, outcome: partly ? 'partially_granted' : 'granted', reason: 'Behov av stöd.', decisionDate: '2026-03-25',
          hoursPerMonth: partly ? 40 : 60, validFrom: '2026-04-01', validTo: `2027-0${1 + (i % 9)}-28`
        })
    decisions.push({ id: decision.id, applicationId: application.id, personId: person.id })
  }
  // A few waiting applications (worklist), and executions: ordered, started partly, more hours,
  // an interruption, an offer; the rest wait past three months (the IVO report).
  for (let i = 0; i < 3; i++) {
    await call('POST', '/v1/applications', worker, { personId: decisions[i]!.personId, receivedDate: '2026-09-01', channel: 'phone', assignedCaseWorker: CASE_WORKER, requestedServices: [{ serviceTypeCode: 'day_activity' }] })
  }
  const provider = await call('POST', '/v1/providers', await ctx.token('administrator'), { name: 'Plan Omsorg AB', regime: 'private', serviceTypeCodes: ['home_care'] })
  for (let i = 0; i < 8; i++) {
    const id = decisions[i]!.id
    await call('POST', `/v1/decisions/${id}/execution/order`, worker, { orderedDate: '2026-04-01', providerId: provider.id, orderedHoursPerMonth: 60 })
    if (i < 6) await call('POST', `/v1/decisions/${id}/execution/start`, worker, { startedDate: '2026-04-10', executedHoursPerMonth: i < 3 ? 30 : 60 })
    if (i === 1) await call('POST', `/v1/decisions/${id}/execution/hours`, worker, { effectiveDate: '2026-05-01', executedHoursPerMonth: 45 })
    if (i === 4) await call('POST', `/v1/decisions/${id}/execution/interruptions`, worker, { startDate: '2026-05-01', reason: 'hospital_stay' })
    if (i === 6) await call('POST', `/v1/decisions/${id}/execution/offers`, worker, { offeredDate: '2026-05-02', description: 'Erbjuden start i juni.', providerId: provider.id })
  }
  // A KIN follow-up performed with answers, due first: the first row of a page has all there is to load.
  const kin = await call('POST', '/v1/follow-ups', worker, { kind: 'kin', serviceContext: 'home_care', decisionId: decisions[3]!.id, dueDate: '2026-01-31', assignedCaseWorker: CASE_WORKER })
  await call('POST', `/v1/follow-ups/${kin.id}/perform`, worker, {
    performedDate: '2026-10-20', method: 'home_visit', findings: 'Nöjd med hemtjänsten.', outcome: 'unchanged',
    kinAnswers: [
      { questionCode: 'home_care_overall_satisfaction', answer: 'fairly_satisfied' },
      { questionCode: 'home_care_safety', answer: 'very_safe' },
      { questionCode: 'home_care_help_as_agreed', answer: 'mostly' },
      { questionCode: 'home_care_planning_participation', answer: null }
    ]
  })

  // Quality: complaints (some overdue, one escalated), deviations, Lex Sarah reports (some serious, IVO overdue);
  // those linked to a person are the newest, so that a page of one row has a person to log.
  const personId = firstPerson!.id
  let complaintId = ''
  let deviationId = ''
  let lexSarahReportId = ''
  for (let i = 0; i < ROWS; i++) {
    const complaint = await call('POST', '/v1/complaints', worker, {
      receivedDate: i < 5 ? '2026-10-05' : i % 4 === 0 ? '2026-01-10' : '2026-10-02', channel: 'phone', submittedBy: 'relative', kind: 'complaint', target: 'unit',
      categories: ['treatment'], description: 'Fick vänta.', ...(i < 5 ? { personId } : {})
    })
    if (i === 0) {
      complaintId = complaint.id
      await call('POST', `/v1/complaints/${complaint.id}/deviations`, quality, { target: 'other', category: 'other', description: 'Vidare.', sentDate: '2026-10-06' })
    }
    const deviation = await call('POST', '/v1/deviations', worker, { target: 'hospital_care', category: 'discharge_process', description: 'Brister.', sentDate: i < 5 ? '2026-03-05' : '2026-03-02', ...(i < 5 ? { personId } : {}) })
    deviationId ||= deviation.id
    const report = await call('POST', '/v1/lex-sarah-reports', worker, { reportedDate: i < 5 ? '2026-03-05' : '2026-03-02', reporterRole: 'handläggare', place: 'unit', category: 'treatment', description: 'Missförhållande.', ...(i < 5 ? { personId } : {}) })
    lexSarahReportId ||= report.id
    if (i < 3) await call('POST', `/v1/lex-sarah-reports/${report.id}/investigate`, quality, { date: '2026-03-06' })
    if (i < 3) await call('POST', `/v1/lex-sarah-reports/${report.id}/assessment`, quality, { date: '2026-03-07', assessment: 'wrongdoing', serious: true, summary: 'Allvarligt.' })
  }

  // Goals and indicators for the year, one computed with a target and a computed value.
  let goalId = ''
  for (let i = 0; i < ROWS; i++) {
    const goal = await call('POST', '/v1/goals', manager, { planYear: 2026, level: 'kf_direction', code: `kf-plan-${i}`, number: String(i + 1), title: `Mål ${i + 1}` })
    goalId ||= goal.id
    const indicator = await call('POST', '/v1/indicators', manager, i === 0
      ? { code: 'plan-hemtjanst', name: 'Antal med hemtjänst', unit: 'persons', direction: 'higher_is_better', periodicity: 'tertial', source: 'computed', level: 'council', formulaCode: 'people_with_services', formulaParams: { serviceTypeCode: 'home_care' } }
      : { code: `plan-${i}`, name: `Indikator ${i}`, unit: 'percent', direction: 'higher_is_better', periodicity: 'tertial', source: 'manual', level: 'council' })
    await call('PUT', `/v1/indicators/${indicator.id}/targets/2026`, manager, { goalId, annualTarget: { value: 90, comparator: 'at_least', text: null }, kfAnnualTarget: null })
    if (i === 0) await call('POST', `/v1/indicators/${indicator.id}/compute`, manager, { year: 2026, period: 'year' })
    else if (i < 5) await call('POST', `/v1/indicators/${indicator.id}/values`, manager, { year: 2026, period: 'year', total: 80 + i })
  }

  const first = decisions[0]!
  const followUps = await call('GET', `/v1/follow-ups?decisionId=${first.id}`, worker)
  return {
    personId,
    personalIdentityNumber: firstPerson!.personalIdentityNumber,
    applicationId: first.applicationId,
    decisionId: first.id,
    followUpId: followUps.items[0].id,
    complaintId,
    deviationId,
    lexSarahReportId,
    caseWorker: CASE_WORKER,
    auditActor: CASE_WORKER,
    year: 2026,
    quarter: '2026-Q3',
    day: '2026-06-30'
  }
}
