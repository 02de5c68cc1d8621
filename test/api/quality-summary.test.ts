import t from 'tap'
import { buildTestApp, type TestContext } from '../helper.js'

async function provider(ctx: TestContext, regime: 'municipal' | 'private') {
  const admin = await ctx.token('administrator')
  const res = await ctx.call('POST', '/v1/providers', { token: admin, body: { name: `Utförare ${regime} ${Math.random().toString(36).slice(2, 8)}`, regime, serviceTypeCodes: ['home_care'] } })
  if (res.status !== 201) throw new Error(`provider: ${res.status} ${res.raw}`)
  return res.body
}

t.test('deviations and quality categories', async (t) => {
  const ctx = await buildTestApp(t)
  const worker = await ctx.token('case_worker')
  const quality = await ctx.token('quality_officer')
  const admin = await ctx.token('administrator')
  const deviation = (body: Record<string, unknown>, token = worker) => ctx.call('POST', '/v1/deviations', {
    token, body: { target: 'hospital_care', category: 'discharge_process', description: 'Utskrivningsmeddelande saknades.', sentDate: '2026-04-14', ...body }
  })

  t.test('a deviation: sent, responded, closed; nothing after that', async (t) => {
    const p = await provider(ctx, 'municipal')
    const created = await deviation({ target: 'provider', providerId: p.id, category: 'missing_implementation_plan', description: 'Ingen genomförandeplan inom 15 dagar.' })
    t.equal(created.status, 201)
    t.equal(created.headers.location, `/v1/deviations/${created.body.id}`)
    t.match(created.body, { caseNumber: /^AVV-\d{4}-\d{6}$/, status: 'sent', provider: { id: p.id, regime: 'municipal' }, response: null, closure: null })
    const id = created.body.id
    t.equal((await ctx.call('POST', `/v1/deviations/${id}/close`, { token: worker, body: { date: '2026-04-20' } })).status, 403, 'case workers send, quality staff and managers follow up')
    t.equal((await ctx.call('POST', `/v1/deviations/${id}/response`, { token: quality, body: { date: '2026-04-13', response: 'X' } })).status, 400, 'not before it was sent')
    t.equal((await ctx.call('POST', `/v1/deviations/${id}/response`, { token: quality, body: { date: '2026-04-20', response: 'X' }, headers: { 'if-match': '"9"' } })).status, 412)
    const responded = await ctx.call('POST', `/v1/deviations/${id}/response`, { token: quality, body: { date: '2026-04-20', response: 'Planen upprättas 22 april.' }, headers: { 'if-match': '"1"' } })
    t.match(responded.body, { status: 'responded', response: { date: '2026-04-20', text: 'Planen upprättas 22 april.' }, version: 2 })
    const twice = await ctx.call('POST', `/v1/deviations/${id}/response`, { token: quality, body: { date: '2026-04-21', response: 'Y' } })
    t.equal(twice.status, 409)
    t.equal(twice.body.currentState, 'responded')
    const closed = await ctx.call('POST', `/v1/deviations/${id}/close`, { token: await ctx.token('unit_manager'), body: { date: '2026-04-25', note: 'Planen har inkommit.' } })
    t.match(closed.body, { status: 'closed', closure: { date: '2026-04-25', note: 'Planen har inkommit.' } })
    for (const action of ['close', 'response']) {
      const res = await ctx.call('POST', `/v1/deviations/${id}/${action}`, { token: quality, body: action === 'close' ? { date: '2026-04-26' } : { date: '2026-04-26', response: 'Z' } })
      t.equal(res.status, 409, `${action} on a closed deviation`)
      t.equal(res.body.currentState, 'closed')
    }
    const unanswered = (await deviation({})).body
    t.equal((await ctx.call('POST', `/v1/deviations/${unanswered.id}/close`, { token: quality, body: { date: '2026-05-30', note: 'Inget svar.' } })).status, 200, 'closed without a response')
  })

  t.test('bad deviations are refused', async (t) => {
    t.equal((await deviation({ category: 'treatment' })).status, 400, 'a complaint category is not a deviation category')
    t.equal((await deviation({ providerName: 'X AB' })).status, 400, 'a provider only when the target is a provider')
    t.equal((await deviation({ target: 'unit' })).status, 400, 'the unit does not send deviations to itself')
    t.equal((await deviation({ sentDate: '2099-01-01' })).status, 400)
    const bromma = await deviation({}, await ctx.token('case_worker', { unit: 'bromma' }))
    t.equal((await ctx.call('GET', `/v1/deviations/${bromma.body.id}`, { token: quality })).status, 404, 'another unit\'s deviation is 404')
  })

  t.test('categories are reference data that administrators extend and retire', async (t) => {
    const listed = await ctx.call('GET', '/v1/quality-categories?domain=complaint', { token: worker })
    t.same(listed.body.items.map((c: any) => c.code).sort(),
      ['accessibility', 'case_handling', 'communication', 'information', 'service_design', 'service_quality', 'treatment'], 'seeded from the annual reports')
    const body = { domain: 'deviation', code: 'medication', labelSv: 'Läkemedel', labelEn: 'Medication' }
    t.equal((await ctx.call('POST', '/v1/quality-categories', { token: worker, body })).status, 403)
    const created = await ctx.call('POST', '/v1/quality-categories', { token: admin, body })
    t.equal(created.status, 201)
    t.equal(created.headers.location, '/v1/quality-categories/deviation/medication')
    t.equal((await ctx.call('POST', '/v1/quality-categories', { token: admin, body })).status, 409)
    t.equal((await deviation({ category: 'medication' })).status, 201, 'a new category is used at once')
    const retired = await ctx.call('PATCH', '/v1/quality-categories/deviation/medication', { token: admin, body: { active: false }, headers: { 'if-match': '"1"' } })
    t.equal(retired.status, 200)
    t.equal(retired.body.active, false)
    t.equal((await deviation({ category: 'medication' })).status, 400, 'a retired category is not given to new items')
    t.equal((await ctx.call('PATCH', '/v1/quality-categories/deviation/medication', { token: admin, body: { active: true }, headers: { 'if-match': '"1"' } })).status, 412)
  })
})

t.test('the annual quality summary', async (t) => {
  const ctx = await buildTestApp(t)
  const worker = await ctx.token('case_worker')
  const quality = await ctx.token('quality_officer')
  const privateProvider = await provider(ctx, 'private')
  const municipalProvider = await provider(ctx, 'municipal')

  const complaint = async (receivedDate: string, overrides: Record<string, unknown>, token = worker) => {
    const res = await ctx.call('POST', '/v1/complaints', {
      token, body: { receivedDate, channel: 'written', submittedBy: 'person', kind: 'complaint', target: 'unit', categories: [], description: 'X', ...overrides }
    })
    if (res.status !== 201) throw new Error(`complaint: ${res.status} ${res.raw}`)
  }
  // 2025: three complaints, two about private providers (one by record, one by free text).
  await complaint('2025-01-01', { target: 'provider', providerId: privateProvider.id, categories: ['treatment', 'service_quality'] })
  await complaint('2025-06-15', { target: 'provider', providerName: 'Solrosen AB', providerRegime: 'private', kind: 'feedback', categories: ['treatment'] })
  await complaint('2025-12-31', { target: 'primary_care', kind: 'praise' })
  // 2024: one complaint, about a municipal provider; and one about a provider of unknown regime.
  await complaint('2024-03-01', { target: 'provider', providerId: municipalProvider.id, categories: ['accessibility'] })
  await complaint('2024-12-31', { target: 'provider', providerName: 'Okänd AB' })
  // Not counted: the year after, and another unit.
  await complaint('2026-01-01', { target: 'provider', providerId: privateProvider.id })
  await complaint('2025-05-05', { target: 'provider', providerId: privateProvider.id }, await ctx.token('case_worker', { unit: 'bromma' }))

  for (const [sentDate, target] of [['2025-02-01', 'hospital_care'], ['2025-03-01', 'hospital_care'], ['2025-04-01', 'provider'], ['2024-04-01', 'primary_care']]) {
    const res = await ctx.call('POST', '/v1/deviations', {
      token: worker,
      body: { target, ...(target === 'provider' ? { providerId: privateProvider.id } : {}), category: target === 'provider' ? 'missing_implementation_plan' : 'discharge_process', description: 'X', sentDate }
    })
    if (res.status !== 201) throw new Error(`deviation: ${res.status} ${res.raw}`)
  }

  const lexSarah = async (reportedDate: string, category: string, assessment?: { assessment: string; serious: boolean; notify?: boolean }, extra: Record<string, unknown> = {}) => {
    const r = (await ctx.call('POST', '/v1/lex-sarah-reports', { token: quality, body: { reportedDate, reporterRole: 'handläggare', place: 'unit', category, description: 'X', ...extra } })).body
    if (!assessment) return
    await ctx.call('POST', `/v1/lex-sarah-reports/${r.id}/investigate`, { token: quality, body: { date: reportedDate } })
    await ctx.call('POST', `/v1/lex-sarah-reports/${r.id}/assessment`, { token: quality, body: { date: reportedDate, assessment: assessment.assessment, serious: assessment.serious } })
    if (assessment.notify) await ctx.call('POST', `/v1/lex-sarah-reports/${r.id}/ivo-notification`, { token: quality, body: { date: reportedDate, reference: 'IVO' } })
  }
  await lexSarah('2025-02-01', 'execution_shortcomings', { assessment: 'wrongdoing', serious: true, notify: true })
  await lexSarah('2025-03-01', 'execution_shortcomings', { assessment: 'risk_of_wrongdoing', serious: true })
  await lexSarah('2025-04-01', 'treatment', { assessment: 'no_wrongdoing', serious: false })
  await lexSarah('2025-05-01', 'treatment', undefined, { place: 'provider', providerName: 'Solrosen AB', forInformation: true })
  await lexSarah('2024-05-01', 'legal_certainty')

  const res = await ctx.call('GET', '/v1/reports/quality-summary?year=2025', { token: await ctx.token('statistics_reader') })
  t.equal(res.status, 200, 'aggregates: statistics readers may read it')
  const s = res.body
  t.match(s, { unit: { code: 'hagersten-alvsjo' }, year: 2025, previousYear: 2024 })
  const find = (rows: any[], key: string) => rows.find((r) => r.key === key)

  t.same(s.complaints.total, { current: 3, previous: 2 })
  t.equal(find(s.complaints.byProviderRegime, 'private').current.text, '67 % (2/3)', 'the share of complaints about private providers')
  t.equal(find(s.complaints.byProviderRegime, 'private').previous.text, '0 % (0/2)', 'with the previous year beside it')
  t.equal(find(s.complaints.byProviderRegime, 'municipal').previous.text, '50 % (1/2)')
  t.equal(find(s.complaints.byProviderRegime, 'unknown').previous.text, '50 % (1/2)', 'a free-text provider without a regime')
  t.equal(find(s.complaints.byKind, 'complaint').current.text, '33 % (1/3)')
  t.equal(find(s.complaints.byKind, 'praise').current.text, '33 % (1/3)')
  t.equal(find(s.complaints.byCategory, 'treatment').current.text, '67 % (2/3)')
  t.equal(find(s.complaints.byCategory, 'uncategorised').current.count, 1)
  t.equal(find(s.complaints.byCategory, 'accessibility').previous.text, '50 % (1/2)')
  t.equal(find(s.complaints.byTarget, 'primary_care').current.text, '33 % (1/3)')

  t.same(s.deviations.total, { current: 3, previous: 1 })
  t.equal(find(s.deviations.byTarget, 'hospital_care').current.text, '67 % (2/3)')
  t.equal(find(s.deviations.byTarget, 'primary_care').previous.text, '100 % (1/1)')

  t.same(s.lexSarah.total, { current: 4, previous: 1 })
  t.equal(find(s.lexSarah.byCategory, 'execution_shortcomings').current.text, '50 % (2/4)')
  t.equal(find(s.lexSarah.byAssessment, 'no_wrongdoing').current.count, 1)
  t.equal(find(s.lexSarah.byAssessment, 'not_assessed').current.count, 1)
  t.equal(find(s.lexSarah.byAssessment, 'not_assessed').previous.text, '100 % (1/1)')
  t.equal(s.lexSarah.serious.current.text, '50 % (2/4)')
  t.equal(s.lexSarah.notifiedToIvo.current.text, '25 % (1/4)')
  t.equal(s.lexSarah.forInformation.current.count, 1)

  const empty = await ctx.call('GET', '/v1/reports/quality-summary?year=2010', { token: worker })
  t.same(empty.body.complaints.total, { current: 0, previous: 0 })
  t.equal(find(empty.body.complaints.byKind, 'complaint').current.text, '– (0/0)')
  t.equal((await ctx.call('GET', '/v1/reports/quality-summary?year=twenty', { token: worker })).status, 400)
})

t.test('the contract documents the quality resources and their actions', async (t) => {
  const { generateOpenApi } = await import('../../src/openapi.js')
  const spec = JSON.parse(await generateOpenApi())
  const expected: [string, string][] = [
    ['/v1/complaints', 'post'], ['/v1/complaints', 'get'], ['/v1/complaints/{id}', 'get'],
    ['/v1/complaints/{id}/investigate', 'post'], ['/v1/complaints/{id}/answer', 'post'], ['/v1/complaints/{id}/close', 'post'],
    ['/v1/complaints/{id}/deviations', 'post'], ['/v1/complaints/{id}/lex-sarah-reports', 'post'],
    ['/v1/deviations', 'post'], ['/v1/deviations', 'get'], ['/v1/deviations/{id}/response', 'post'], ['/v1/deviations/{id}/close', 'post'],
    ['/v1/lex-sarah-reports', 'post'], ['/v1/lex-sarah-reports', 'get'], ['/v1/lex-sarah-reports/{id}', 'get'],
    ['/v1/lex-sarah-reports/{id}/investigate', 'post'], ['/v1/lex-sarah-reports/{id}/assessment', 'post'],
    ['/v1/lex-sarah-reports/{id}/ivo-notification', 'post'], ['/v1/lex-sarah-reports/{id}/ivo-response', 'post'],
    ['/v1/lex-sarah-reports/{id}/close', 'post'], ['/v1/reports/quality-summary', 'get'], ['/v1/quality-categories', 'get']
  ]
  for (const [path, method] of expected) {
    const op = spec.paths[path]?.[method]
    t.ok(op, `${method.toUpperCase()} ${path}`)
    if (method === 'post' && path.includes('{id}/')) {
      t.ok(op?.responses['409'], `${path} documents 409`)
      t.ok(op?.parameters?.some((p: any) => p.name === 'if-match'), `${path} takes If-Match`)
    }
  }
  for (const name of ['Complaint', 'Deviation', 'LexSarahReport', 'QualitySummary', 'QualityCategory']) {
    t.ok(spec.components.schemas[name]?.examples?.length, `${name} has examples`)
  }
})
