import t from 'tap'
import { buildTestApp, createApplication, personnummer, readyForDecision, type TestContext } from '../helper.js'

async function decide(ctx: TestContext, token: string, options: { personId?: string; receivedDate: string; decisionDate: string; hours: number; validTo?: string }) {
  const application = await createApplication(ctx, token, {
    receivedDate: options.receivedDate,
    ...(options.personId ? { personId: options.personId } : {}),
    requestedServices: [{ serviceTypeCode: 'home_care', requestedHoursPerMonth: options.hours }]
  })
  await readyForDecision(ctx, token, application.id, { communicate: options.receivedDate })
  const res = await ctx.call('POST', `/v1/applications/${application.id}/decisions`, {
    token,
    body: { serviceTypeCode: 'home_care', outcome: 'granted', reason: 'Behov av stöd.', hoursPerMonth: options.hours, decisionDate: options.decisionDate, validFrom: options.decisionDate, ...(options.validTo ? { validTo: options.validTo } : {}) }
  })
  if (res.status !== 201) throw new Error(`decide: ${res.status} ${res.raw}`)
  return res.body
}

t.test('indicators, targets and values', async (t) => {
  const ctx = await buildTestApp(t)
  const admin = await ctx.token('administrator')
  const manager = await ctx.token('unit_manager')
  const worker = await ctx.token('case_worker')
  const stats = await ctx.token('statistics_reader')

  const goal = (await ctx.call('POST', '/v1/goals', { token: manager, body: { planYear: 2021, level: 'kf_direction', code: 'kf-3', number: '3', title: 'En ekonomiskt hållbar och innovativ storstad för framtiden' } })).body
  const sick = { code: 'sjukfranvaro', name: 'Sjukfrånvaro', unit: 'percent', direction: 'lower_is_better', periodicity: 'tertial', source: 'manual', level: 'kf' }

  t.test('KF indicators are the administrators\'; council indicators the unit\'s', async (t) => {
    t.equal((await ctx.call('POST', '/v1/indicators', { token: manager, body: sick })).status, 403, 'a manager cannot define a KF indicator')
    t.equal((await ctx.call('POST', '/v1/indicators', { token: worker, body: { ...sick, level: 'council' } })).status, 403)
    const created = await ctx.call('POST', '/v1/indicators', { token: admin, body: sick })
    t.equal(created.status, 201, created.raw)
    t.equal(created.body.unitId, null)
    t.equal((await ctx.call('POST', '/v1/indicators', { token: admin, body: sick })).status, 409, 'KF codes are unique')
    const own = await ctx.call('POST', '/v1/indicators', { token: manager, body: { ...sick, level: 'council', name: 'Sjukfrånvaro (egen)' } })
    t.equal(own.status, 201, 'a council may reuse a code for its own indicator')
    const bromma = await ctx.token('unit_manager', { unit: 'bromma' })
    t.equal((await ctx.call('GET', `/v1/indicators/${own.body.id}`, { token: bromma })).status, 404, 'another unit\'s own indicator is not found')
    t.equal((await ctx.call('GET', `/v1/indicators/${created.body.id}`, { token: bromma })).status, 200, 'KF indicators are everyone\'s')
    t.equal((await ctx.call('PATCH', `/v1/indicators/${created.body.id}`, { token: manager, body: { koladaKpi: 'N00090' } })).status, 403)
    const patched = await ctx.call('PATCH', `/v1/indicators/${created.body.id}`, { token: admin, body: { koladaKpi: 'N00090' }, headers: { 'if-match': '"1"' } })
    t.equal(patched.status, 200)
    t.equal(patched.body.koladaKpi, 'N00090')
  })

  t.test('computed indicators name a formula of the catalogue', async (t) => {
    const formulas = await ctx.call('GET', '/v1/indicator-formulas', { token: worker })
    t.ok(formulas.body.items.some((f: any) => f.code === 'people_with_services' && f.version >= 1))
    const base = { code: 'hemtjanst', name: 'Antal personer med hemtjänst', unit: 'persons', direction: 'higher_is_better', periodicity: 'tertial', source: 'computed', level: 'council' }
    t.equal((await ctx.call('POST', '/v1/indicators', { token: manager, body: base })).status, 400, 'no formula')
    t.equal((await ctx.call('POST', '/v1/indicators', { token: manager, body: { ...base, formulaCode: 'magic' } })).status, 400, 'unknown formula')
    t.equal((await ctx.call('POST', '/v1/indicators', { token: manager, body: { ...base, formulaCode: 'people_with_services' } })).status, 400, 'missing parameter')
    t.equal((await ctx.call('POST', '/v1/indicators', { token: manager, body: { ...base, formulaCode: 'people_with_services', formulaParams: { serviceTypeCode: 'flying_carpet' } } })).status, 400)
    t.equal((await ctx.call('POST', '/v1/indicators', { token: manager, body: { ...base, unit: 'percent', formulaCode: 'people_with_services', formulaParams: { serviceTypeCode: 'home_care' } } })).status, 400, 'the formula\'s unit')
    t.equal((await ctx.call('POST', '/v1/indicators', { token: manager, body: { ...base, source: 'manual', formulaCode: 'people_with_services' } })).status, 400, 'only computed ones have formulas')
    const ok = await ctx.call('POST', '/v1/indicators', { token: manager, body: { ...base, formulaCode: 'people_with_services', formulaParams: { serviceTypeCode: 'home_care' } } })
    t.equal(ok.status, 201)
    t.same(ok.body.formula, { code: 'people_with_services', version: 1, params: { serviceTypeCode: 'home_care' } })
  })

  t.test('targets per year: under a goal of that plan year', async (t) => {
    const indicator = (await ctx.call('GET', '/v1/indicators?level=kf', { token: manager })).body.items.find((i: any) => i.code === 'sjukfranvaro')
    const body = { goalId: goal.id, annualTarget: { value: 10, comparator: null, text: null }, kfAnnualTarget: { value: null, comparator: null, text: 'Tas fram av nämnd/styrelse' } }
    t.equal((await ctx.call('PUT', `/v1/indicators/${indicator.id}/targets/2022`, { token: manager, body })).status, 400, 'the goal is a 2021 goal')
    t.equal((await ctx.call('PUT', `/v1/indicators/${indicator.id}/targets/2021`, { token: manager, body: { ...body, annualTarget: { value: null, comparator: null, text: null } } })).status, 400, 'an empty target')
    t.equal((await ctx.call('PUT', `/v1/indicators/${indicator.id}/targets/2021`, { token: manager, body: { ...body, annualTarget: { value: null, comparator: 'at_most', text: 'Max' } } })).status, 400, 'a comparator needs a number')
    const set = await ctx.call('PUT', `/v1/indicators/${indicator.id}/targets/2021`, { token: manager, body })
    t.equal(set.status, 200)
    t.same(set.body.kfAnnualTarget, { value: null, comparator: null, text: 'Tas fram av nämnd/styrelse' })
    t.equal((await ctx.call('PUT', `/v1/indicators/${indicator.id}/targets/2021`, { token: manager, body, headers: { 'if-match': '"5"' } })).status, 412)
    t.equal((await ctx.call('PUT', `/v1/indicators/${indicator.id}/targets/2021`, { token: manager, body, headers: { 'if-match': '"1"' } })).body.version, 2)
    t.same((await ctx.call('GET', '/v1/indicators?year=2021', { token: manager })).body.items.map((i: any) => i.id), [indicator.id], 'year: those with targets')
  })

  t.test('values: history kept, missing with a reason, derived and overridden status', async (t) => {
    const indicator = (await ctx.call('GET', '/v1/indicators?level=kf', { token: manager })).body.items.find((i: any) => i.code === 'sjukfranvaro')
    const record = (body: unknown, token = manager) => ctx.call('POST', `/v1/indicators/${indicator.id}/values`, { token, body })
    t.equal((await record({ year: 2021, period: 'year' })).status, 400, 'a value or a reason')
    t.equal((await record({ year: 2021, period: 'T3', total: 5 })).status, 400)
    t.equal((await record({ year: 2021, period: 'year', total: 5, statusOverride: { status: 'red' } })).status, 400, 'an override needs a reason')
    t.equal((await record({ year: 2021, period: 'year', total: 5 }, stats)).status, 403, 'statistics readers only read')
    const first = await record({ year: 2021, period: 'year', total: 10.5 })
    t.equal(first.status, 201)
    t.equal(first.body.status, 'yellow', '10.5 % against 10 %, lower is better')
    const second = await record({ year: 2021, period: 'year', total: 6.2, analysis: 'Lägre än målet.' })
    t.equal(second.body.status, 'green')
    t.equal(second.body.current, true)
    const overridden = await record({ year: 2021, period: 'year', total: 6.2, statusOverride: { status: 'yellow', reason: 'Ökande trend under hösten.' } })
    t.equal(overridden.body.status, 'yellow')
    t.equal(overridden.body.derivedStatus, 'green')
    const missing = await record({ year: 2021, period: 'T1', missingReason: 'Mätmetod saknas' })
    t.equal(missing.status, 201)
    t.equal(missing.body.status, null)

    t.equal((await ctx.call('GET', `/v1/indicators/${indicator.id}/values`, { token: worker })).status, 403, 'case workers do not read statistics')
    const current = await ctx.call('GET', `/v1/indicators/${indicator.id}/values?year=2021`, { token: stats })
    t.equal(current.status, 200)
    t.same(current.body.items.map((v: any) => [v.period, v.total]).sort(), [['T1', null], ['year', 6.2]], 'one current value per period')
    const history = await ctx.call('GET', `/v1/indicators/${indicator.id}/values?year=2021&period=year&history=true&limit=2`, { token: stats })
    t.same(history.body.items.map((v: any) => v.id), [overridden.body.id, second.body.id], 'newest first')
    const older = await ctx.call('GET', `/v1/indicators/${indicator.id}/values?year=2021&period=year&history=true&cursor=${history.body.nextCursor}`, { token: stats })
    t.same(older.body.items.map((v: any) => [v.id, v.current]), [[first.body.id, false]])
    const one = await ctx.call('GET', `/v1/indicators/${indicator.id}/values/${first.body.id}`, { token: stats })
    t.equal(one.body.total, 10.5)
    const bromma = await ctx.token('statistics_reader', { unit: 'bromma' })
    t.equal((await ctx.call('GET', `/v1/indicators/${indicator.id}/values/${first.body.id}`, { token: bromma })).status, 404, 'values are the unit\'s')
  })

  t.test('computing from the service\'s data: by sex, with the basis, reproducible', async (t) => {
    const indicator = (await ctx.call('GET', '/v1/indicators?source=computed', { token: manager })).body.items[0]
    const woman = (await ctx.call('POST', '/v1/persons', { token: worker, body: { personalIdentityNumber: personnummer('19380301', '224'), firstName: 'Anna', lastName: 'Ek' } })).body
    t.equal(woman.sex, 'female')
    await decide(ctx, worker, { personId: woman.id, receivedDate: '2026-01-05', decisionDate: '2026-01-20', hours: 30 })
    await decide(ctx, worker, { personId: woman.id, receivedDate: '2026-02-05', decisionDate: '2026-02-20', hours: 20 }) // still one person
    await decide(ctx, worker, { receivedDate: '2026-01-10', decisionDate: '2026-02-01', hours: 40, validTo: '2026-04-29' }) // ends before 30 April
    const man = (await ctx.call('POST', '/v1/persons', { token: worker, body: { personalIdentityNumber: personnummer('19380301', '233'), firstName: 'Tolvan', lastName: 'Tolvansson' } })).body
    t.equal(man.sex, 'male')
    await decide(ctx, worker, { personId: man.id, receivedDate: '2026-03-01', decisionDate: '2026-03-10', hours: 50 })

    const compute = (body: unknown, token = manager, headers: Record<string, string> = {}) => ctx.call('POST', `/v1/indicators/${indicator.id}/compute`, { token, body, headers })
    t.equal((await compute({ year: 2026, period: 'T1' }, stats)).status, 403)
    const first = await compute({ year: 2026, period: 'T1' })
    t.equal(first.status, 201, first.raw)
    t.match(first.body, { total: 2, women: 1, men: 1, basis: { total: 2, women: 1, men: 1 }, source: 'computed', formula: { code: 'people_with_services', version: 1 } })
    t.match(first.body.formula.computedAt, /^\d{4}-\d\d-\d\dT/)
    const second = await compute({ year: 2026, period: 'T1' })
    t.same([second.body.total, second.body.women, second.body.men, second.body.basis], [first.body.total, first.body.women, first.body.men, first.body.basis], 'same data, same numbers')
    t.not(second.body.id, first.body.id, 'stored anew, the first kept as history')

    const replay1 = await compute({ year: 2026, period: 'T2' }, manager, { 'idempotency-key': 'compute-t2' })
    const replay2 = await compute({ year: 2026, period: 'T2' }, manager, { 'idempotency-key': 'compute-t2' })
    t.equal(replay2.headers['idempotent-replayed'], 'true')
    t.equal(replay2.body.id, replay1.body.id)

    const manual = (await ctx.call('GET', '/v1/indicators?level=kf', { token: manager })).body.items[0]
    const refused = await ctx.call('POST', `/v1/indicators/${manual.id}/compute`, { token: manager, body: { year: 2026, period: 'T1' } })
    t.equal(refused.status, 409, 'a manual indicator is not computed')
    t.equal(refused.body.currentState, 'manual')
    t.equal((await compute({ year: 2026, period: 'T4' })).status, 400)
    t.equal((await compute({ year: 1999, period: 'T1' })).status, 400)
  })

  t.test('a yearly indicator has no tertial values', async (t) => {
    const yearly = await ctx.call('POST', '/v1/indicators', { token: manager, body: { code: 'nojda', name: 'Andelen nöjda omsorgstagare i hemtjänst', unit: 'percent', direction: 'higher_is_better', periodicity: 'year', source: 'survey', level: 'council' } })
    t.equal((await ctx.call('POST', `/v1/indicators/${yearly.body.id}/values`, { token: manager, body: { year: 2021, period: 'T1', total: 85 } })).status, 400)
    t.equal((await ctx.call('POST', `/v1/indicators/${yearly.body.id}/values`, { token: manager, body: { year: 2021, period: 'year', total: 85, women: 86, men: 83, totalBasis: 120, womenBasis: 80, menBasis: 40 } })).body.basis.total, 120)
  })
})
