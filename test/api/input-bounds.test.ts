/**
 * The input bounds of the contract (README, "Input bounds"), at their edges: n accepted, n+1
 * answers 400 pointing at the field. The contract fuzzer breaks every bound of every
 * operation; these pin the documented numbers of the fields integrators meet first.
 */
import t from 'tap'
import { buildTestApp, createApplication, createPerson, nextPersonnummer } from '../helper.js'

const text = (n: number) => 'a'.repeat(n)

t.test('input bounds: n is accepted, n+1 is 400', async (t) => {
  const ctx = await buildTestApp(t)
  const token = await ctx.token('unit_manager')
  const admin = await ctx.token('administrator')

  const refused = (res: { status: number; body: any }, pointer: string, where = 'body') => {
    t.equal(res.status, 400, `${pointer}: 400`)
    t.equal(res.body.errors?.[0]?.in, where, `${pointer}: in ${where}`)
    t.match(res.body.errors?.[0]?.pointer, pointer, `${pointer}: the pointer names the field`)
  }

  t.test('person names: 200 characters', async (t) => {
    const person = (firstName: string) => ctx.call('POST', '/v1/persons', { token, body: { personalIdentityNumber: nextPersonnummer(), firstName, lastName: 'Gräns' } })
    t.equal((await person(text(200))).status, 201)
    refused(await person(text(201)), '/firstName')
  })

  t.test('personnummer: 13 characters (YYYYMMDD-NNNN)', async (t) => {
    const twelve = nextPersonnummer('19380101')
    const dashed = `${twelve.slice(0, 8)}-${twelve.slice(8)}`
    t.equal(dashed.length, 13)
    t.equal((await ctx.call('POST', '/v1/persons', { token, body: { personalIdentityNumber: dashed, firstName: 'Tretton', lastName: 'Tecken' } })).status, 201)
    refused(await ctx.call('POST', '/v1/persons', { token, body: { personalIdentityNumber: `${dashed}0`, firstName: 'Fjorton', lastName: 'Tecken' } }), '/personalIdentityNumber')
  })

  t.test('representatives: 20 per person', async (t) => {
    const representatives = (n: number) => Array.from({ length: n }, (_, i) => ({ kind: 'relative', name: `Anhörig ${i}` }))
    const person = await createPerson(ctx, token)
    t.equal((await ctx.call('PATCH', `/v1/persons/${person.id}`, { token, body: { representatives: representatives(20) } })).status, 200)
    refused(await ctx.call('PATCH', `/v1/persons/${person.id}`, { token, body: { representatives: representatives(21) } }), '/representatives')
  })

  t.test('the investigation: needs description and assessment 100,000 characters', async (t) => {
    const application = await createApplication(ctx, token)
    const record = (needsDescription: string, assessment: string) =>
      ctx.call('PUT', `/v1/applications/${application.id}/investigation`, { token, body: { method: 'home_visit', needsDescription, assessment } })
    t.equal((await record(text(100_000), text(100_000))).status, 200)
    refused(await record(text(100_001), 'Kort.'), '/needsDescription')
    refused(await record('Kort.', text(100_001)), '/assessment')
  })

  t.test('joint case review: notes 10,000 characters, 20 participants of 200', async (t) => {
    const application = await createApplication(ctx, token, { requestedServices: [{ serviceTypeCode: 'care_home' }] })
    await ctx.call('PUT', `/v1/applications/${application.id}/investigation`, { token, body: { method: 'home_visit', needsDescription: 'Behov av boende.' } })
    const review = (body: Record<string, unknown>) => ctx.call('POST', `/v1/applications/${application.id}/joint-review`, { token, body: { date: '2026-02-01', participants: ['Enhetschef'], ...body } })
    refused(await review({ notes: text(10_001) }), '/notes')
    refused(await review({ participants: Array.from({ length: 21 }, (_, i) => `Chef ${i}`) }), '/participants')
    refused(await review({ participants: [text(201)] }), '/participants/0')
    t.equal((await review({ notes: text(10_000), participants: Array.from({ length: 20 }, () => text(200)) })).status, 200, 'accepted at the bounds')
  })

  t.test('withdrawal reason: 2,000 characters', async (t) => {
    const application = await createApplication(ctx, token)
    const withdraw = (reason: string) => ctx.call('POST', `/v1/applications/${application.id}/withdraw`, { token, body: { date: '2026-02-01', reason } })
    refused(await withdraw(text(2001)), '/reason')
    t.equal((await withdraw(text(2000))).status, 200)
  })

  t.test('page size: 200', async (t) => {
    t.equal((await ctx.call('GET', '/v1/applications?limit=200', { token })).status, 200)
    refused(await ctx.call('GET', '/v1/applications?limit=201', { token }), '/limit', 'querystring')
    refused(await ctx.call('GET', '/v1/applications?limit=2147483648', { token }), '/limit', 'querystring')
  })

  t.test('instants in filters: 35 characters (RFC 3339 with nanoseconds and an offset)', async (t) => {
    const at = '2026-03-31T09:15:00.123456789+01:00'
    t.equal(at.length, 35)
    t.equal((await ctx.call('GET', `/v1/audit-events?from=${encodeURIComponent(at)}`, { token: admin })).status, 200)
    refused(await ctx.call('GET', `/v1/audit-events?from=${encodeURIComponent('2026-03-31T09:15:00.1234567890+01:00')}`, { token: admin }), '/from', 'querystring')
  })

  t.test('headers: Idempotency-Key 200 characters', async (t) => {
    const body = () => ({ personalIdentityNumber: nextPersonnummer('19390303'), firstName: 'Nyckel', lastName: 'Längd' })
    t.equal((await ctx.call('POST', '/v1/persons', { token, body: body(), headers: { 'idempotency-key': text(200) } })).status, 201)
    refused(await ctx.call('POST', '/v1/persons', { token, body: body(), headers: { 'idempotency-key': text(201) } }), '/idempotency-key', 'headers')
  })
})
