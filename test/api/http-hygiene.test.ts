/**
 * HTTP hygiene on a listening server (raw sockets: inject never meets Node's parser): parser
 * rejections answer problem+json with Connection: close, two Host headers answer 400, a
 * malformed Transfer-Encoding logs nothing at error level, and responses under /v1 carry
 * Cache-Control: no-store.
 */
import net from 'node:net'
import { Writable } from 'node:stream'
import t from 'tap'
import { buildTestApp, createPerson } from '../helper.js'

/** Sends raw bytes, returns everything the server wrote before it closed (or 3 s passed). */
function raw(port: number, bytes: string): Promise<string> {
  return new Promise((resolve) => {
    let answer = ''
    const socket = net.connect(port, '127.0.0.1', () => socket.write(bytes))
    socket.on('data', (chunk) => { answer += chunk.toString() })
    socket.on('error', () => resolve(answer))
    socket.on('close', () => resolve(answer))
    setTimeout(() => { socket.destroy(); resolve(answer) }, 3000)
  })
}

const headerOf = (answer: string, name: string) => new RegExp(`^${name}: (.*)$`, 'im').exec(answer.split('\r\n\r\n')[0] ?? '')?.[1]?.trim()
const bodyOf = (answer: string) => JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))

t.test('HTTP hygiene', async (t) => {
  const lines: string[] = []
  const logStream = new Writable({ write(chunk, _enc, done) { lines.push(chunk.toString()); done() } })
  const ctx = await buildTestApp(t, { LOG_LEVEL: 'info' }, { logStream })
  await ctx.app.listen({ port: 0, host: '127.0.0.1' })
  const { port } = ctx.app.server.address() as net.AddressInfo
  const token = await ctx.token('case_worker')

  t.test('parser rejections: problem+json and Connection: close', async (t) => {
    const cases: Array<[string, string, number]> = [
      ['headers too large', `GET /v1/persons HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`, 431],
      ['bad bytes in the path', 'GET /v1/per\x01sons HTTP/1.1\r\nHost: x\r\n\r\n', 400],
      ['bare LF', 'GET /v1/persons HTTP/1.1\nHost: x\n\n', 400],
      ['malformed Transfer-Encoding', 'POST /v1/persons HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked, gzip\r\nContent-Type: application/json\r\n\r\n2\r\n{}\r\n0\r\n\r\n', 400]
    ]
    for (const [name, bytes, status] of cases) {
      const answer = await raw(port, bytes)
      t.match(answer, new RegExp(`^HTTP/1.1 ${status} `), `${name}: ${status}`)
      t.match(headerOf(answer, 'content-type'), /^application\/problem\+json/, `${name}: problem+json`)
      t.equal(headerOf(answer, 'connection'), 'close', `${name}: Connection: close`)
      t.equal(bodyOf(answer).status, status)
    }
  })

  t.test('two Host headers answer 400', async (t) => {
    const answer = await raw(port, `GET /v1/persons HTTP/1.1\r\nHost: a.example\r\nHost: b.example\r\nAuthorization: Bearer ${token}\r\nConnection: close\r\n\r\n`)
    t.match(answer, /^HTTP\/1.1 400 /)
    t.match(headerOf(answer, 'content-type'), /^application\/problem\+json/)
    t.match(bodyOf(answer).detail, /one Host header/)
    const single = await raw(port, `GET /health/live HTTP/1.1\r\nHost: a.example\r\nConnection: close\r\n\r\n`)
    t.match(single, /^HTTP\/1.1 200 /, 'one Host is fine')
  })

  t.test('individual data is never cached', async (t) => {
    const person = await createPerson(ctx, token)
    const read = await ctx.call('GET', `/v1/persons/${person.id}`, { token })
    t.equal(read.headers['cache-control'], 'no-store')
    const created = await ctx.call('POST', '/v1/persons/search', { token, body: { personalIdentityNumber: person.personalIdentityNumber } })
    t.equal(created.headers['cache-control'], 'no-store')
    const missing = await ctx.call('GET', '/v1/persons/00000000-0000-4000-8000-000000000000', { token })
    t.equal(missing.headers['cache-control'], 'no-store', 'errors under /v1 too')
  })

  t.test('nothing at error level for any of it', async (t) => {
    const errors = lines.filter((l) => /"level":(50|60)/.test(l))
    t.same(errors, [], 'no error-level log lines')
  })
})
