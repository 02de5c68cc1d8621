import t from 'tap'
import { addDays, todayInStockholm } from '../../src/domain/calendar.js'
import { buildTestApp, personnummer } from '../helper.js'

/** The monthly volumes report (JSON and CSV, with the same month a year earlier) and the caseload per case worker. */
t.test('monthly volumes and caseload', async (t) => {
  const ctx = await buildTestApp(t)
  const db = ctx.database.db
  const worker = await ctx.token('case_worker')
  const manager = await ctx.token('unit_manager')
  const unitId = await ctx.unitId('hagersten-alvsjo')
  let serial = 200
  const person = async (sex: 'female' | 'male') => {
    serial += sex === 'female' ? (serial % 2 === 0 ? 2 : 1) : (serial % 2 === 1 ? 2 : 1)
    const res = await ctx.call('POST', '/v1/persons', { token: worker, body: { personalIdentityNumber: personnummer('19380301', String(serial)), firstName: 'Test', lastName: 'Testsson' } })
    if (res.status !== 201) throw new Error(res.raw)
    t.equal(res.body.sex, sex)
    return res.body.id as string
  }
  let n = 0
  const decision = async (o: { personId: string; service: string; outcome?: 'granted' | 'partially_granted' | 'rejected'; date: string; from?: string; to?: string | null; hours?: number; caseWorker?: string | null; status?: 'received' | 'investigating' | 'decided'; started?: string; ended?: string }) => {
    const application = await db.insertInto('applications').values({
      case_number: `TEST-A-${++n}`, unit_id: unitId, person_id: o.personId, received_date: '2024-01-01', channel: 'phone', status: o.status ?? 'decided',
      assigned_case_worker: o.caseWorker === undefined ? 'anna.andersson' : o.caseWorker
    }).returning('id').executeTakeFirstOrThrow()
    if (o.status && o.status !== 'decided') return application.id
    const d = await db.insertInto('decisions').values({
      application_id: application.id, person_id: o.personId, unit_id: unitId, service_type_code: o.service, outcome: o.outcome ?? 'granted', reason: 'Behov.',
      legal_basis: 'SoL 4 kap. 1 §', hours_per_month: o.hours ?? null, decision_date: o.date, valid_from: o.from ?? o.date, valid_to: o.to ?? null,
      decided_by: 'test', decided_by_role: 'unit_manager'
    }).returning('id').executeTakeFirstOrThrow()
    if (o.started) {
      await db.insertInto('executions').values({ decision_id: d.id, started_date: o.started, ended_date: o.ended ?? null, end_reason: o.ended ? 'deceased' : null }).execute()
    }
    return d.id
  }

  const w1 = await person('female')
  const m1 = await person('male')
  const w2 = await person('female')
  const m2 = await person('male')
  const w3 = await person('female')
  const m3 = await person('male')
  // Home care: w1 40 h from 2026-09-01; m1 20 h 2025-09-01 – 2026-10-31 (in force on both last days).
  await decision({ personId: w1, service: 'home_care', date: '2026-08-20', from: '2026-09-01', hours: 40 })
  await decision({ personId: m1, service: 'home_care', date: '2025-08-20', from: '2025-09-01', to: '2026-10-31', hours: 20 })
  // Care homes: w2 moved in on the 1st (full month), m2 on the 2nd (not), w3 from September to the last day (full month), m3 ended the 30th.
  await decision({ personId: w2, service: 'care_home', date: '2026-09-15', started: '2026-10-01' })
  await decision({ personId: m2, service: 'care_home', date: '2026-09-15', started: '2026-10-02' })
  await decision({ personId: w3, service: 'care_home', date: '2026-08-15', started: '2026-09-01', ended: '2026-10-31' })
  await decision({ personId: m3, service: 'care_home', date: '2026-08-15', started: '2026-09-01', ended: '2026-10-30' })
  // Decisions dated in October 2026: one rejection (m3), one partly granted (w1); in October 2025 one granted (w3).
  await decision({ personId: m3, service: 'safety_alarm', outcome: 'rejected', date: '2026-10-05' })
  await decision({ personId: w1, service: 'safety_alarm', outcome: 'partially_granted', date: '2026-10-31', from: '2026-11-01' })
  await decision({ personId: w3, service: 'safety_alarm', date: '2025-10-01', to: '2025-12-31' })

  t.test('JSON', async (t) => {
    const res = await ctx.call('GET', '/v1/reports/monthly-volumes?month=2026-10', { token: await ctx.token('statistics_reader') })
    t.equal(res.status, 200, res.raw)
    const c = res.body.current
    t.match(c, { month: '2026-10', periodStart: '2026-10-01', periodEnd: '2026-10-31' })
    t.same(c.personsByServiceType, [
      { serviceTypeCode: 'care_home', total: 3, women: 2, men: 1 },
      { serviceTypeCode: 'home_care', total: 2, women: 1, men: 1 }
    ], 'on the last day: m3 had left the care home, w3 had it that day')
    t.same(c.fullMonthCareHomePlacements, { total: 2, women: 2, men: 0 }, 'from the 1st counts, from the 2nd not; to the last day counts, to the 30th not')
    t.same(c.grantedHomeCareHours, { total: 60, women: 40, men: 20 })
    t.same(c.decisionsByOutcome, [{ outcome: 'partially_granted', total: 1, women: 1, men: 0 }, { outcome: 'rejected', total: 1, women: 0, men: 1 }])
    const y = res.body.sameMonthLastYear
    t.match(y, { month: '2025-10', periodEnd: '2025-10-31' })
    t.same(y.personsByServiceType, [{ serviceTypeCode: 'home_care', total: 1, women: 0, men: 1 }, { serviceTypeCode: 'safety_alarm', total: 1, women: 1, men: 0 }])
    t.same(y.fullMonthCareHomePlacements, { total: 0, women: 0, men: 0 })
    t.same(y.decisionsByOutcome, [{ outcome: 'granted', total: 1, women: 1, men: 0 }])
    t.equal((await ctx.call('GET', '/v1/reports/monthly-volumes?month=2026-13', { token: worker })).status, 400)
    const bromma = await ctx.call('GET', '/v1/reports/monthly-volumes?month=2026-10', { token: await ctx.token('case_worker', { unit: 'bromma' }) })
    t.same(bromma.body.current.personsByServiceType, [], 'another unit sees its own (empty) month')
  })

  t.test('CSV', async (t) => {
    const res = await ctx.call('GET', '/v1/reports/monthly-volumes?month=2026-10', { token: worker, headers: { accept: 'text/csv' } })
    t.equal(res.status, 200)
    t.match(res.headers['content-type'], /^text\/csv/)
    const lines = res.raw.replace('\uFEFF', '').trim().split('\r\n')
    t.equal(lines[0], 'Mått;Insats/utfall;2026-10 totalt;2026-10 kvinnor;2026-10 män;2025-10 totalt;2025-10 kvinnor;2025-10 män')
    t.ok(lines.includes('Helmånadsplaceringar vård- och omsorgsboende;;2;2;0;0;0;0'))
    t.ok(lines.includes('Personer med insats sista dagen;safety_alarm;0;0;0;1;1;0'))
    t.ok(lines.includes('Beslut;Avslag;1;0;1;0;0;0'))
  })

  t.test('a computed indicator month by month', async (t) => {
    const created = await ctx.call('POST', '/v1/indicators', { token: manager, body: {
      code: 'hemtjanst-per-manad', name: 'Antal personer med hemtjänst', unit: 'persons', direction: 'higher_is_better', periodicity: 'tertial', source: 'computed', level: 'council',
      formulaCode: 'people_with_services', formulaParams: { serviceTypeCode: 'home_care' } } })
    t.equal(created.status, 201, created.raw)
    const res = await ctx.call('GET', `/v1/indicators/${created.body.id}/months?from=2025-10&to=2026-11`, { token: manager })
    t.equal(res.status, 200, res.raw)
    t.equal(res.body.items.length, 14)
    const month = (label: string) => res.body.items.find((i: any) => i.month === label)
    t.match(month('2025-10'), { periodEnd: '2025-10-31', total: 1, women: 0, men: 1 })
    t.match(month('2026-10'), { periodStart: '2026-10-01', periodEnd: '2026-10-31', total: 2, women: 1, men: 1 })
    t.match(month('2026-11'), { total: 1, women: 1, men: 0 }, 'the man\'s decision ended on 31 October')
    const stored = await ctx.call('GET', `/v1/indicators/${created.body.id}/values`, { token: manager })
    t.same(stored.body.items, [], 'nothing stored')
    t.equal((await ctx.call('GET', `/v1/indicators/${created.body.id}/months?from=2026-10&to=2026-09`, { token: manager })).status, 400)
    t.equal((await ctx.call('GET', `/v1/indicators/${created.body.id}/months?from=2020-01&to=2026-09`, { token: manager })).status, 400, 'at most 24 months')
    const manual = await ctx.call('POST', '/v1/indicators', { token: manager, body: { code: 'manuell', name: 'Manuell', unit: 'count', direction: 'higher_is_better', periodicity: 'year', source: 'manual', level: 'council' } })
    t.equal((await ctx.call('GET', `/v1/indicators/${manual.body.id}/months?from=2026-01&to=2026-02`, { token: manager })).status, 409)
  })

  t.test('caseload per case worker: counts only, for the manager', async (t) => {
    const today = todayInStockholm()
    await decision({ personId: w1, service: 'home_care', date: addDays(today, -100), to: addDays(today, 30), caseWorker: 'bo.berg' })
    await decision({ personId: w1, service: 'home_care', date: addDays(today, -100), to: addDays(today, 90), caseWorker: 'bo.berg' })
    await decision({ personId: m1, service: 'home_care', date: today, status: 'investigating', caseWorker: 'bo.berg' })
    await decision({ personId: m1, service: 'home_care', date: today, status: 'received', caseWorker: null })
    const followUp = (due: string, caseWorker: string | null) => db.insertInto('follow_ups').values({
      unit_id: unitId, person_id: w1, application_id: null, decision_id: null, kind: 'kin', service_context: 'home_care', origin: 'manual', due_date: due, assigned_case_worker: caseWorker
    }).execute()
    await followUp(addDays(today, -1), 'bo.berg')
    await followUp(addDays(today, 10), 'bo.berg')
    await followUp(addDays(today, -5), 'anna.andersson')
    const res = await ctx.call('GET', '/v1/reports/caseload?withinDays=60', { token: manager })
    t.equal(res.status, 200, res.raw)
    t.same(res.body.items, [
      { caseWorker: 'anna.andersson', openApplications: 0, timeLimitedDecisionsEnding: 0, plannedFollowUps: 1, overdueFollowUps: 1 },
      { caseWorker: 'bo.berg', openApplications: 1, timeLimitedDecisionsEnding: 1, plannedFollowUps: 2, overdueFollowUps: 1 },
      { caseWorker: null, openApplications: 1, timeLimitedDecisionsEnding: 0, plannedFollowUps: 0, overdueFollowUps: 0 }
    ])
    t.same(res.body.totals, { openApplications: 2, timeLimitedDecisionsEnding: 1, plannedFollowUps: 3, overdueFollowUps: 2 })
    t.notOk(JSON.stringify(res.body).includes(w1), 'no person ids')
    const longer = await ctx.call('GET', '/v1/reports/caseload?withinDays=120', { token: manager })
    t.equal(longer.body.totals.timeLimitedDecisionsEnding, 2)
    t.equal((await ctx.call('GET', '/v1/reports/caseload', { token: worker })).status, 403, 'for managers and statistics roles')
  })
})
