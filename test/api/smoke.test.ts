import t from 'tap'
import { buildTestApp } from '../helper.js'

t.test('health and auth', async (t) => {
  const ctx = await buildTestApp(t)
  const ready = await ctx.call('GET', '/health/ready')
  t.equal(ready.status, 200)
  const anon = await ctx.call('GET', '/v1/units')
  t.equal(anon.status, 401)
  t.match(anon.headers['content-type'], /application\/problem\+json/)
  const ok = await ctx.call('GET', '/v1/units', { token: await ctx.token('case_worker') })
  t.equal(ok.status, 200)
  t.equal(ok.body.items.length, 13)
})
