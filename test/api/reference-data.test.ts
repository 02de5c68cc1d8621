/**
 * Reference data through the HTTP surface: units, service types (administrators extend them,
 * with If-Match), and each unit's delegation order (replaced whole by the unit's own
 * administrator, validated against known service types and roles).
 */
import { randomUUID } from 'node:crypto'
import t, { type Test } from 'tap'
import { buildTestApp, createApplication, readyForDecision, type Response } from '../helper.js'

function assertProblem(t: Test, res: Response, status: number) {
  t.equal(res.status, status, `status ${status}`)
  t.match(res.headers['content-type'], /^application\/problem\+json/, 'problem+json')
  t.equal(res.body.status, status, 'body.status')
  t.type(res.body.detail, 'string', 'body.detail')
}

const DEFAULT_RULES = [
  {
    code: 'housing',
    serviceTypeCodes: [],
    housingOnly: true,
    hoursPerMonthAbove: null,
    allowedRoles: ['unit_manager', 'deputy_unit_manager']
  },
  {
    code: 'home_care_over_99_hours',
    serviceTypeCodes: ['home_care'],
    housingOnly: false,
    hoursPerMonthAbove: 99,
    allowedRoles: ['unit_manager', 'deputy_unit_manager', 'case_worker_special_delegation']
  }
]

/**
 * Regression guard: with type coercion on JSON bodies, `Nullable(Type.Number(...))` turned a
 * JSON null into 0, and a GET → PUT round trip disarmed the housing rule. The checks below
 * compare the rules without the threshold, then assert the thresholds separately.
 */
type Rule = { hoursPerMonthAbove: unknown } & Record<string, unknown>
const withoutThresholds = (rules: Rule[]) => rules.map(({ hoursPerMonthAbove: _ignored, ...rest }) => rest)
const thresholds = (rules: Rule[]) => rules.map((r) => r.hoursPerMonthAbove)

const raisedOrder = () => ({
  rules: [
    {
      code: 'housing',
      description: 'Beslut om boende fattas av enhetschef eller biträdande enhetschef.',
      serviceTypeCodes: [],
      housingOnly: true,
      hoursPerMonthAbove: null,
      allowedRoles: ['unit_manager', 'deputy_unit_manager']
    },
    {
      code: 'home_care_over_120_hours',
      description: 'Hemtjänst över 120 timmar per månad.',
      serviceTypeCodes: ['home_care'],
      housingOnly: false,
      hoursPerMonthAbove: 120,
      allowedRoles: ['unit_manager', 'case_worker_special_delegation']
    }
  ]
})

t.test('reference data', async (t) => {
  const ctx = await buildTestApp(t)
  const caseWorker = await ctx.token('case_worker')
  const admin = await ctx.token('administrator')
  const brommaAdmin = await ctx.token('administrator', { unit: 'bromma', subject: 'bromma.administrator' })
  const unitId = await ctx.unitId('hagersten-alvsjo')

  t.test('GET /v1/units lists the 13 units', async (t) => {
    const res = await ctx.call('GET', '/v1/units', { token: caseWorker })
    t.equal(res.status, 200)
    t.equal(res.body.items.length, 13)
    const codes = res.body.items.map((u: { code: string }) => u.code)
    t.equal(new Set(codes).size, 13, 'distinct codes')
    const own = res.body.items.find((u: { code: string }) => u.code === 'hagersten-alvsjo')
    t.same(own, { id: unitId, code: 'hagersten-alvsjo', district: 'Hägersten-Älvsjö', name: 'Beställarenheten äldre' })
    t.ok(codes.includes('bromma') && codes.includes('skarholmen') && codes.includes('rinkeby-kista'))

    const stats = await ctx.call('GET', '/v1/units', { token: await ctx.token('statistics_reader') })
    t.equal(stats.status, 200, 'reference data is open to every role')

    const one = await ctx.call('GET', `/v1/units/${unitId}`, { token: caseWorker })
    t.equal(one.status, 200)
    t.equal(one.body.code, 'hagersten-alvsjo')
    assertProblem(t, await ctx.call('GET', `/v1/units/${randomUUID()}`, { token: caseWorker }), 404)
    assertProblem(t, await ctx.call('GET', '/v1/units/hagersten-alvsjo', { token: caseWorker }), 400)
    assertProblem(t, await ctx.call('GET', '/v1/units'), 401)
  })

  t.test('GET /v1/service-types has the seeded types with Swedish labels', async (t) => {
    const res = await ctx.call('GET', '/v1/service-types', { token: caseWorker })
    t.equal(res.status, 200)
    const byCode = new Map<string, Record<string, unknown>>(res.body.items.map((s: { code: string }) => [s.code, s]))
    t.same(byCode.get('home_care'), { code: 'home_care', labelSv: 'Hemtjänst', labelEn: 'Home care', housing: false, hoursBased: true, active: true, decidedUnder: 'social_services_act', decidedAs: 'assistance', legalProvisionPurpose: 'assistance' })
    t.same(byCode.get('care_home'), { code: 'care_home', labelSv: 'Vård- och omsorgsboende', labelEn: 'Residential care home', housing: true, hoursBased: false, active: true, decidedUnder: 'social_services_act', decidedAs: 'assistance', legalProvisionPurpose: 'assistance' })
    t.equal(byCode.get('service_housing')?.housing, true)
    t.equal(byCode.get('short_term_care')?.labelSv, 'Korttidsvård/korttidsboende')
    t.equal(byCode.get('safety_alarm')?.labelSv, 'Trygghetslarm')
    t.ok(res.body.items.length >= 18, 'all seeded types')

    const one = await ctx.call('GET', '/v1/service-types/home_care', { token: caseWorker })
    t.equal(one.status, 200)
    t.equal(one.headers.etag, '"1"')
    assertProblem(t, await ctx.call('GET', '/v1/service-types/no_such_type', { token: caseWorker }), 404)
    assertProblem(t, await ctx.call('GET', '/v1/service-types?colour=red', { token: caseWorker }), 400)
  })

  t.test('administrators add and change service types', async (t) => {
    const body = { code: 'meal_delivery', labelSv: 'Matdistribution', labelEn: 'Meal delivery', housing: false, hoursBased: false }
    const denied = await ctx.call('POST', '/v1/service-types', { token: caseWorker, body })
    assertProblem(t, denied, 403)
    t.equal((await ctx.call('GET', '/v1/service-types/meal_delivery', { token: caseWorker })).status, 404, 'the case worker created nothing')

    const created = await ctx.call('POST', '/v1/service-types', { token: admin, body })
    t.equal(created.status, 201)
    t.equal(created.headers.location, '/v1/service-types/meal_delivery')
    t.equal(created.headers.etag, '"1"')
    t.same(created.body, { ...body, active: true, decidedUnder: 'social_services_act', decidedAs: 'assistance', legalProvisionPurpose: 'assistance' }, 'without a scope: bistånd under the social services act')
    const fetched = await ctx.call('GET', created.headers.location as string, { token: caseWorker })
    t.equal(fetched.status, 200, 'Location points at the new type')
    t.equal(fetched.body.labelSv, 'Matdistribution')
    const listed = await ctx.call('GET', '/v1/service-types', { token: caseWorker })
    t.ok(listed.body.items.some((s: { code: string }) => s.code === 'meal_delivery'), 'listed')

    assertProblem(t, await ctx.call('POST', '/v1/service-types', { token: admin, body }), 409)
    assertProblem(t, await ctx.call('POST', '/v1/service-types', { token: admin, body: { ...body, code: 'Bad-Code' } }), 400)
    assertProblem(t, await ctx.call('POST', '/v1/service-types', { token: admin, body: { ...body, code: 'x_extra', colour: 'red' } }), 400)

    const patched = await ctx.call('PATCH', '/v1/service-types/meal_delivery', {
      token: admin, headers: { 'if-match': '"1"' }, body: { labelEn: 'Meals on wheels' }
    })
    t.equal(patched.status, 200)
    t.equal(patched.headers.etag, '"2"')
    t.equal(patched.body.labelEn, 'Meals on wheels')
    t.equal(patched.body.labelSv, 'Matdistribution', 'other fields kept')

    const stale = await ctx.call('PATCH', '/v1/service-types/meal_delivery', {
      token: admin, headers: { 'if-match': '"1"' }, body: { labelEn: 'Lost update' }
    })
    assertProblem(t, stale, 412)
    const after = await ctx.call('GET', '/v1/service-types/meal_delivery', { token: caseWorker })
    t.equal(after.body.labelEn, 'Meals on wheels', 'the stale write changed nothing')
    t.equal(after.headers.etag, '"2"')

    assertProblem(t, await ctx.call('PATCH', '/v1/service-types/meal_delivery', { token: caseWorker, body: { active: false } }), 403)
    assertProblem(t, await ctx.call('PATCH', '/v1/service-types/no_such_type', { token: admin, body: { active: false } }), 404)
    assertProblem(t, await ctx.call('PATCH', '/v1/service-types/meal_delivery', { token: admin, body: {} }), 400)

    const deactivated = await ctx.call('PATCH', '/v1/service-types/meal_delivery', {
      token: admin, headers: { 'if-match': '"2"' }, body: { active: false }
    })
    t.equal(deactivated.status, 200)
    t.equal(deactivated.body.active, false)
    const active = await ctx.call('GET', '/v1/service-types?active=true', { token: caseWorker })
    t.notOk(active.body.items.some((s: { code: string }) => s.code === 'meal_delivery'), 'inactive types are filtered out')
    t.ok(active.body.items.some((s: { code: string }) => s.code === 'home_care'))
  })

  t.test('GET delegation rules: the two defaults with an ETag', async (t) => {
    const res = await ctx.call('GET', `/v1/units/${unitId}/delegation-rules`, { token: caseWorker })
    t.equal(res.status, 200)
    t.equal(res.headers.etag, '"1"')
    t.equal(res.body.version, 1)
    t.equal(res.body.unitId, unitId)
    t.equal(res.body.rules.length, 2)
    t.match(res.body.rules, DEFAULT_RULES, 'housing first, then home care over 99 hours')
    for (const rule of res.body.rules) t.type(rule.description, 'string')
    assertProblem(t, await ctx.call('GET', `/v1/units/${randomUUID()}/delegation-rules`, { token: caseWorker }), 404)
    assertProblem(t, await ctx.call('GET', '/v1/units/bromma/delegation-rules', { token: caseWorker }), 400)
  })

  t.test('PUT delegation rules: the unit administrator replaces the order', async (t) => {
    const bromma = await ctx.unitId('bromma')
    const url = `/v1/units/${unitId}/delegation-rules`

    const byCaseWorker = await ctx.call('PUT', url, { token: caseWorker, headers: { 'if-match': '"1"' }, body: raisedOrder() })
    assertProblem(t, byCaseWorker, 403)
    const byManager = await ctx.call('PUT', url, { token: await ctx.token('unit_manager'), headers: { 'if-match': '"1"' }, body: raisedOrder() })
    assertProblem(t, byManager, 403)
    const byOtherUnitAdmin = await ctx.call('PUT', url, { token: brommaAdmin, headers: { 'if-match': '"1"' }, body: raisedOrder() })
    assertProblem(t, byOtherUnitAdmin, 403)
    const unchanged = await ctx.call('GET', url, { token: caseWorker })
    t.equal(unchanged.headers.etag, '"1"', 'refused PUTs changed nothing')
    t.match(unchanged.body.rules, DEFAULT_RULES)

    const ok = await ctx.call('PUT', url, { token: admin, headers: { 'if-match': '"1"' }, body: raisedOrder() })
    t.equal(ok.status, 200, ok.raw)
    t.equal(ok.headers.etag, '"2"')
    t.equal(ok.body.version, 2)
    t.same(withoutThresholds(ok.body.rules), withoutThresholds(raisedOrder().rules))
    t.same(thresholds(ok.body.rules), [null, 120], 'thresholds as sent')

    const read = await ctx.call('GET', url, { token: caseWorker })
    t.equal(read.status, 200)
    t.equal(read.headers.etag, '"2"', 'the version increased')
    t.equal(read.body.version, 2)
    t.same(withoutThresholds(read.body.rules), withoutThresholds(raisedOrder().rules), 'GET returns the new order, in order')
    t.equal(read.body.rules[1].hoursPerMonthAbove, 120, 'the raised threshold is stored as a number')
    t.equal(read.body.rules[0].hoursPerMonthAbove, null, 'the housing rule keeps no threshold')

    const stale = await ctx.call('PUT', url, { token: admin, headers: { 'if-match': '"1"' }, body: { rules: [] } })
    assertProblem(t, stale, 412)
    const stillTwo = await ctx.call('GET', url, { token: caseWorker })
    t.equal(stillTwo.body.rules.length, 2, 'the stale PUT changed nothing')
    t.equal(stillTwo.headers.etag, '"2"')

    const other = await ctx.call('GET', `/v1/units/${bromma}/delegation-rules`, { token: caseWorker })
    t.equal(other.headers.etag, '"1"', 'another unit\'s order is untouched')
    t.match(other.body.rules, DEFAULT_RULES)

    const brommaOwn = await ctx.call('PUT', `/v1/units/${bromma}/delegation-rules`, {
      token: brommaAdmin, headers: { 'if-match': '"1"' }, body: { rules: [raisedOrder().rules[0]] }
    })
    t.equal(brommaOwn.status, 200, 'an administrator changes their own unit\'s order')
    t.equal(brommaOwn.body.rules.length, 1)
    const ownAfter = await ctx.call('GET', url, { token: caseWorker })
    t.same(withoutThresholds(ownAfter.body.rules), withoutThresholds(raisedOrder().rules), 'and only their own')
    t.equal(ownAfter.headers.etag, '"2"', 'own unit\'s version unchanged by bromma\'s PUT')

    assertProblem(t, await ctx.call('PUT', `/v1/units/${randomUUID()}/delegation-rules`, { token: admin, body: { rules: [] } }), 404)
  })

  t.test('PUT delegation rules: invalid orders answer 400 and change nothing', async (t) => {
    const url = `/v1/units/${unitId}/delegation-rules`
    const before = await ctx.call('GET', url, { token: caseWorker })
    const etag = before.headers.etag as string
    const rule = raisedOrder().rules[1] as Record<string, unknown>

    const unknownService = await ctx.call('PUT', url, {
      token: admin, headers: { 'if-match': etag }, body: { rules: [{ ...rule, serviceTypeCodes: ['home_care', 'space_travel'] }] }
    })
    assertProblem(t, unknownService, 400)
    t.equal(unknownService.body.errors?.[0]?.pointer, '/rules/0/serviceTypeCodes')
    t.match(unknownService.body.detail, /space_travel/)

    const duplicateCodes = await ctx.call('PUT', url, {
      token: admin, headers: { 'if-match': etag }, body: { rules: [rule, { ...rule, hoursPerMonthAbove: 200 }] }
    })
    assertProblem(t, duplicateCodes, 400)
    t.equal(duplicateCodes.body.errors?.[0]?.pointer, '/rules')

    const unknownRole = await ctx.call('PUT', url, {
      token: admin, headers: { 'if-match': etag }, body: { rules: [{ ...rule, allowedRoles: ['unit_manager', 'janitor'] }] }
    })
    assertProblem(t, unknownRole, 400)
    t.match(unknownRole.body.errors?.[0]?.pointer, /^\/rules\/0\/allowedRoles/)

    const nonDeciding = await ctx.call('PUT', url, {
      token: admin, headers: { 'if-match': etag }, body: { rules: [{ ...rule, allowedRoles: ['administrator'] }] }
    })
    assertProblem(t, nonDeciding, 400)
    t.match(nonDeciding.body.errors?.[0]?.pointer, /^\/rules\/0\/allowedRoles/, 'a role that can never decide would make the matter undecidable')

    const noRoles = await ctx.call('PUT', url, { token: admin, headers: { 'if-match': etag }, body: { rules: [{ ...rule, allowedRoles: [] }] } })
    assertProblem(t, noRoles, 400)
    const badCode = await ctx.call('PUT', url, { token: admin, headers: { 'if-match': etag }, body: { rules: [{ ...rule, code: 'Has Spaces' }] } })
    assertProblem(t, badCode, 400)
    const tooManyHours = await ctx.call('PUT', url, { token: admin, headers: { 'if-match': etag }, body: { rules: [{ ...rule, hoursPerMonthAbove: 745 }] } })
    assertProblem(t, tooManyHours, 400)
    const extraField = await ctx.call('PUT', url, { token: admin, headers: { 'if-match': etag }, body: { rules: [{ ...rule, priority: 1 }] } })
    assertProblem(t, extraField, 400)
    const missingField = await ctx.call('PUT', url, {
      token: admin, headers: { 'if-match': etag }, body: { rules: [{ code: 'x', description: 'x', serviceTypeCodes: [], housingOnly: false, allowedRoles: ['unit_manager'] }] }
    })
    assertProblem(t, missingField, 400)

    const after = await ctx.call('GET', url, { token: caseWorker })
    t.equal(after.headers.etag, etag, 'the version did not move')
    t.same(after.body.rules, before.body.rules, 'the order did not change')
  })

  t.test('PUT of the order exactly as GET returned it keeps its meaning', async (t) => {
    // Skärholmen's order is the default one; its administrator saves it back unchanged.
    const skarholmen = await ctx.unitId('skarholmen')
    const url = `/v1/units/${skarholmen}/delegation-rules`
    const skarholmenAdmin = await ctx.token('administrator', { unit: 'skarholmen' })
    const skarholmenCaseWorker = await ctx.token('case_worker', { unit: 'skarholmen', subject: 'skarholmen.case_worker' })
    const before = await ctx.call('GET', url, { token: skarholmenAdmin })
    const saved = await ctx.call('PUT', url, { token: skarholmenAdmin, headers: { 'if-match': before.headers.etag as string }, body: { rules: before.body.rules } })
    t.equal(saved.status, 200)
    t.equal(saved.body.version, before.body.version + 1)
    const stored = await ctx.database.db.selectFrom('delegation_rules').select(['code', 'hours_per_month_above'])
      .where('unit_id', '=', skarholmen).orderBy('position').execute()
    t.same(stored.map((r) => r.code), ['housing', 'home_care_over_99_hours'])
    t.same(stored.map((r) => r.hours_per_month_above), [null, 99], 'null threshold stored as null')

    // The consequence: the housing rule no longer applies, so a case worker may grant a care-home place.
    const application = await createApplication(ctx, skarholmenCaseWorker, { requestedServices: [{ serviceTypeCode: 'care_home' }] })
    await readyForDecision(ctx, skarholmenCaseWorker, application.id)
    const review = await ctx.call('POST', `/v1/applications/${application.id}/joint-review`, {
      token: skarholmenCaseWorker, body: { date: '2026-02-02', participants: ['Enhetschef Eva Ek'] }
    })
    t.equal(review.status, 200)
    const decision = await ctx.call('POST', `/v1/applications/${application.id}/decisions`, {
      token: skarholmenCaseWorker,
      body: { serviceTypeCode: 'care_home', outcome: 'granted', reason: 'Behov av särskilt boende.', decisionDate: '2026-02-03', validFrom: '2026-02-10' }
    })
    t.equal(decision.status, 403, 'a case worker still may not decide housing')
  })
})

t.test('a change of the delegation order is recorded in the access log', async (t) => {
  const ctx = await buildTestApp(t)
  const unitId = await ctx.unitId('hagersten-alvsjo')
  const admin = await ctx.token('administrator', { subject: 'order.admin' })
  const url = `/v1/units/${unitId}/delegation-rules`
  const current = await ctx.call('GET', url, { token: admin })
  const res = await ctx.call('PUT', url, { token: admin, headers: { 'if-match': current.headers.etag as string, 'x-request-id': 'req-order' }, body: { rules: current.body.rules } })
  t.equal(res.status, 200)
  const events = await ctx.database.db.selectFrom('audit_events').selectAll().where('request_id', '=', 'req-order').execute()
  t.match(events, [{ actor: 'order.admin', action: 'update', resource_type: 'delegation_order', resource_id: unitId, person_id: null }])
})
