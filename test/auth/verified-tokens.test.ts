import t from 'tap'
import { VerifiedTokens } from '../../src/auth/verified-tokens.js'

t.test('an entry lives until the token expires or the ttl passes, whichever is first', async (t) => {
  const cache = new VerifiedTokens<string>(10, 60_000)
  cache.set('a', 'claims-a', 100_000, 0)
  t.equal(cache.get('a', 59_999), 'claims-a', 'the last millisecond of the ttl')
  t.equal(cache.get('a', 60_000), undefined, 'the ttl has passed: verify again')
  cache.set('b', 'claims-b', 10_000, 0)
  t.equal(cache.get('b', 9_999), 'claims-b')
  t.equal(cache.get('b', 10_000), undefined, 'expired: never served from the cache')
  cache.set('c', 'claims-c', 5_000, 5_000)
  t.equal(cache.get('c', 5_000), undefined, 'an already expired token is not kept')
})

t.test('the oldest entry makes room when full', async (t) => {
  const cache = new VerifiedTokens<number>(2, 60_000)
  cache.set('x', 1, 100_000, 0)
  cache.set('y', 2, 100_000, 0)
  cache.set('z', 3, 100_000, 0)
  t.equal(cache.size, 2)
  t.equal(cache.get('x', 1), undefined)
  t.equal(cache.get('y', 1), 2)
  t.equal(cache.get('z', 1), 3)
})
