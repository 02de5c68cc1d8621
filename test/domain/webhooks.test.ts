/** Standard Webhooks signing, the retry schedule and the SSRF address rules, at their edges. */
import { createHmac } from 'node:crypto'
import t from 'tap'
import { isInternalAddress, newWebhookSecret, retryDelayMs, retryWindowOver, sign, signatureHeader, targetUrlProblem, verify } from '../../src/domain/webhooks.js'

t.test('signatures: the Standard Webhooks test vector and a round trip', async (t) => {
  // The example from the Standard Webhooks specification's reference libraries.
  const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'
  const id = 'msg_p5jXN8AQM9LWM0D4loKWxJek'
  const timestamp = 1614265330
  const body = '{"test": 2432232314}'
  t.equal(sign(secret, id, timestamp, body), 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=')
  t.ok(verify(secret, id, timestamp, body, `v1,bm9wZQ== ${sign(secret, id, timestamp, body)}`), 'one matching signature among several is enough')
  t.notOk(verify(secret, id, timestamp + 1, body, sign(secret, id, timestamp, body)), 'another timestamp does not verify')
  t.notOk(verify(secret, id, timestamp, body + ' ', sign(secret, id, timestamp, body)), 'a changed body does not verify')

  const fresh = newWebhookSecret()
  t.match(fresh, /^whsec_[A-Za-z0-9+/]{43}=$/)
  const key = Buffer.from(fresh.slice(6), 'base64')
  t.equal(key.length, 32)
  t.equal(sign(fresh, 'a', 1, 'b'), `v1,${createHmac('sha256', key).update('a.1.b').digest('base64')}`)
  t.equal(signatureHeader([fresh, secret], 'a', 1, 'b').split(' ').length, 2, 'two secrets during an overlap: two signatures')
})

t.test('retries back off exponentially with jitter, capped', async (t) => {
  const backoff = { baseMs: 1000, maxMs: 60_000 }
  t.equal(retryDelayMs(1, backoff, 0), 500)
  t.equal(retryDelayMs(1, backoff, 0.999999), 1000)
  t.equal(retryDelayMs(4, backoff, 0), 4000)
  t.equal(retryDelayMs(20, backoff, 1), 60_000, 'never beyond the cap')
  t.equal(retryDelayMs(10_000, backoff, 0), 30_000, 'no overflow for a very long run of failures')
  const now = new Date('2026-03-31T12:00:00Z')
  t.notOk(retryWindowOver(new Date('2026-03-30T12:00:01Z'), now, 86_400_000), 'a second short of 24 hours: still retrying')
  t.ok(retryWindowOver(new Date('2026-03-30T12:00:00Z'), now, 86_400_000), '24 hours: failing')
})

t.test('internal addresses are refused; public ones are not', async (t) => {
  for (const address of ['127.0.0.1', '10.0.0.1', '172.16.5.4', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '224.0.0.1', '::1', '::', 'fe80::1', 'fd00::1', '::ffff:127.0.0.1', '::ffff:10.1.1.1', 'not-an-ip']) {
    t.ok(isInternalAddress(address), address)
  }
  for (const address of ['93.184.216.34', '172.32.0.1', '8.8.8.8', '2606:4700::1111', '::ffff:8.8.8.8']) t.notOk(isInternalAddress(address), address)
  t.equal(targetUrlProblem('https://example.org/hook', { requireHttps: true }), undefined)
  t.match(targetUrlProblem('http://example.org/hook', { requireHttps: true }), /https/)
  t.equal(targetUrlProblem('http://example.org/hook', { requireHttps: false }), undefined)
  t.match(targetUrlProblem('file:///etc/passwd', { requireHttps: false }), /http/)
  t.match(targetUrlProblem('https://a:b@example.org/', { requireHttps: false }), /credentials/)
})
