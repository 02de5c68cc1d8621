import t from 'tap'
import { buildTestApp } from '../helper.js'

t.test('goals per plan year', async (t) => {
  const ctx = await buildTestApp(t)
  const manager = await ctx.token('unit_manager')
  const worker = await ctx.token('case_worker')
  const create = (body: Record<string, unknown>, token = manager) => ctx.call('POST', '/v1/goals', { token, body })

  const kf1 = await create({ planYear: 2021, level: 'kf_direction', code: 'kf-1', number: '1', title: 'En modern storstad med möjligheter och valfrihet för alla' })
  t.equal(kf1.status, 201, kf1.raw)
  t.equal(kf1.headers.location, `/v1/goals/${kf1.body.id}`)
  const kf15 = await create({ planYear: 2021, level: 'kf_area', parentId: kf1.body.id, code: 'kf-1.5', number: '1.5', title: 'I Stockholm har äldre en tillvaro som präglas av hög kvalitet, trygghet och självbestämmande' })
  t.equal(kf15.status, 201)

  t.test('the hierarchy is enforced', async (t) => {
    const skip = await create({ planYear: 2021, level: 'unit', parentId: kf15.body.id, code: 'u1', title: 'Hoppar över nämndmålet' })
    t.equal(skip.status, 400, 'a unit goal\'s parent is a council goal')
    t.equal(skip.body.errors[0].pointer, '/parentId')
    t.equal((await create({ planYear: 2021, level: 'kf_area', code: 'x', title: 'Utan förälder' })).status, 400, 'a parent is required below the top')
    t.equal((await create({ planYear: 2021, level: 'kf_direction', parentId: kf1.body.id, code: 'y', title: 'Med förälder' })).status, 400, 'a direction goal has none')
    t.equal((await create({ planYear: 2022, level: 'kf_area', parentId: kf1.body.id, code: 'z', title: 'Annat år' })).status, 400, 'same plan year as the parent')
    t.equal((await create({ planYear: 2021, level: 'kf_direction', code: 'kf-1', title: 'Samma kod' })).status, 409, 'code unique per unit and year')
    t.equal((await create({ planYear: 2022, level: 'kf_direction', code: 'kf-1', number: '1', title: 'Samma kod, nytt år' })).status, 201, 'the code is stable across years')
    const otherUnit = await ctx.token('unit_manager', { unit: 'bromma' })
    t.equal((await create({ planYear: 2021, level: 'kf_area', parentId: kf1.body.id, code: 'b', title: 'Annan enhets förälder' }, otherUnit)).status, 400)
  })

  t.test('who may keep goals; every role of the unit reads them; another unit gets 404', async (t) => {
    t.equal((await create({ planYear: 2021, level: 'kf_direction', code: 'kf-9', title: 'Nej' }, worker)).status, 403)
    const stats = await ctx.token('statistics_reader')
    t.equal((await create({ planYear: 2021, level: 'kf_direction', code: 'kf-9', title: 'Nej' }, stats)).status, 403)
    t.equal((await ctx.call('GET', `/v1/goals/${kf15.body.id}`, { token: worker })).status, 200)
    const bromma = await ctx.token('case_worker', { unit: 'bromma' })
    t.equal((await ctx.call('GET', `/v1/goals/${kf15.body.id}`, { token: bromma })).status, 404)
    t.same((await ctx.call('GET', '/v1/goals?year=2021', { token: bromma })).body.items, [])
  })

  t.test('council and unit goals, texts, PATCH with If-Match', async (t) => {
    const council = await create({ planYear: 2021, level: 'council', parentId: kf15.body.id, code: 'namnd-1', title: 'Äldre får insatser av hög kvalitet som ger trygghet, valfrihet och stärker förmågan att leva ett värdigt och självständigt liv' })
    const unitGoal = await create({
      planYear: 2021, level: 'unit', parentId: council.body.id, code: 'enhet-1',
      title: 'De äldre får ett gott bemötande och vi erbjuder delaktighet och tillvaratar den enskildes resurser så att vi uppnår en rättssäker och likställd myndighetsutövning av hög kvalitet.',
      expectedResult: 'Den enskilde upplever att den har fått ett gott bemötande.'
    })
    t.equal(unitGoal.status, 201)
    t.equal(unitGoal.body.expectedResult, 'Den enskilde upplever att den har fått ett gott bemötande.')
    const stale = await ctx.call('PATCH', `/v1/goals/${unitGoal.body.id}`, { token: manager, body: { wayOfWorking: 'Ny text' }, headers: { 'if-match': '"9"' } })
    t.equal(stale.status, 412)
    const patched = await ctx.call('PATCH', `/v1/goals/${unitGoal.body.id}`, { token: manager, body: { wayOfWorking: 'Beställarenheten organiseras så att handläggarna är tillgängliga.' }, headers: { 'if-match': '"1"' } })
    t.equal(patched.status, 200)
    t.equal(patched.headers.etag, '"2"')
    t.equal(patched.body.wayOfWorking, 'Beställarenheten organiseras så att handläggarna är tillgängliga.')
    t.equal(patched.body.expectedResult, 'Den enskilde upplever att den har fått ett gott bemötande.', 'untouched fields stay')
    t.equal((await ctx.call('PATCH', `/v1/goals/${unitGoal.body.id}`, { token: manager, body: { level: 'council' } })).status, 400, 'level is fixed')

    const list = await ctx.call('GET', '/v1/goals?year=2021&limit=2', { token: worker })
    t.equal(list.body.items.length, 2)
    t.ok(list.body.nextCursor)
    const rest = await ctx.call('GET', `/v1/goals?year=2021&limit=200&cursor=${list.body.nextCursor}`, { token: worker })
    const ids = [...list.body.items, ...rest.body.items].map((g: any) => g.id)
    t.equal(new Set(ids).size, 4, 'two pages, no goal twice')
    t.same((await ctx.call('GET', `/v1/goals?parentId=${council.body.id}`, { token: worker })).body.items.map((g: any) => g.id), [unitGoal.body.id])
  })

  t.test('fulfilment per period', async (t) => {
    const put = (period: string, body: unknown, headers: Record<string, string> = {}) =>
      ctx.call('PUT', `/v1/goals/${kf15.body.id}/assessments/${period}`, { token: manager, body, headers })
    const t1 = await put('T1', { fulfilment: 'partly', analysis: 'Delvis.' })
    t.equal(t1.status, 200)
    t.equal(t1.headers.etag, '"1"')
    t.equal((await put('T3', { fulfilment: 'fully' })).status, 400, 'T1, T2 or year only')
    t.equal((await put('year', { fulfilment: 'maybe' })).status, 400)
    t.equal((await put('T1', { fulfilment: 'fully' }, { 'if-match': '"7"' })).status, 412)
    const again = await put('T1', { fulfilment: 'fully', analysis: 'Förvaltningen bedömer att kommunfullmäktiges mål för verksamhetsområdet har uppfyllts.' }, { 'if-match': '"1"' })
    t.equal(again.status, 200)
    t.equal(again.body.version, 2)
    await put('year', { fulfilment: 'fully' })
    const goal = await ctx.call('GET', `/v1/goals/${kf15.body.id}`, { token: worker })
    t.same(goal.body.assessments.map((a: any) => [a.period, a.fulfilment]), [['T1', 'fully'], ['year', 'fully']])
    t.equal(goal.body.assessments[0].assessedBy, 'test.unit_manager')
  })

  t.test('activities', async (t) => {
    const add = await ctx.call('POST', `/v1/goals/${kf15.body.id}/activities`, {
      token: manager,
      body: { text: 'Förvaltningen ska säkerställa kompetensen för de basala hygienrutinerna och att rutiner finns och följs upp.', startDate: '2021-01-01', endDate: '2021-12-31' }
    })
    t.equal(add.status, 201)
    t.equal(add.headers.location, `/v1/goals/${kf15.body.id}/activities/${add.body.id}`)
    t.equal((await ctx.call('POST', `/v1/goals/${kf15.body.id}/activities`, { token: manager, body: { text: 'Baklänges', startDate: '2021-12-31', endDate: '2021-01-01' } })).status, 400)
    const multiYear = await ctx.call('POST', `/v1/goals/${kf15.body.id}/activities`, { token: manager, body: { text: 'Flerårig', startDate: '2020-01-01', endDate: '2021-12-31' } })
    t.equal(multiYear.status, 201, 'an activity may span several years')
    const patched = await ctx.call('PATCH', `/v1/goals/${kf15.body.id}/activities/${add.body.id}`, { token: manager, body: { analysis: 'Ingen avvikelse' }, headers: { 'if-match': '"1"' } })
    t.equal(patched.status, 200)
    t.equal(patched.body.analysis, 'Ingen avvikelse')
    t.equal((await ctx.call('PATCH', `/v1/goals/${kf15.body.id}/activities/${add.body.id}`, { token: manager, body: { endDate: '2020-06-30' } })).status, 400, 'the end checked against the stored start')
    t.equal((await ctx.call('PATCH', `/v1/goals/${kf1.body.id}/activities/${add.body.id}`, { token: manager, body: { analysis: 'x' } })).status, 404, 'under its own goal only')
    const goal = await ctx.call('GET', `/v1/goals/${kf15.body.id}`, { token: worker })
    t.equal(goal.body.activities.length, 2)
  })
})
