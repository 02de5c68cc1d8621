/**
 * What a person sees when start-up cannot work: one line naming the setting to change and a
 * distinct exit code, from the real entry points (`src/server.ts`, `npm run migrate`,
 * `npm run seed:demo`) run as child processes. The checks before the database make these fast.
 */
import net from 'node:net'
import t from 'tap'
import { EXIT_CODES } from '../../src/startup/failures.js'
import { oneLine, run, tmp } from './support.js'

t.test('a port in use names PORT, exit 80, before the database is opened', async (t) => {
  const blocker = net.createServer()
  await new Promise<void>((resolve) => blocker.listen({ host: '127.0.0.1', port: 0 }, resolve))
  t.teardown(() => blocker.close())
  const port = String((blocker.address() as net.AddressInfo).port)
  const started = Date.now()
  const outcome = await run('src/server.ts', { PORT: port, DATA_DIR: tmp(t) })
  oneLine(t, outcome, EXIT_CODES.portInUse, new RegExp(`^PORT=${port} is already in use on 127\\.0\\.0\\.1 — .*set PORT to a free port$`), 'port in use')
  t.notMatch(outcome.stdout, /Opening the embedded database/, 'fails before opening the database')
  t.ok(Date.now() - started < 60_000, 'promptly')
})

t.test('an invalid HOST, exit 81', async (t) => {
  const outcome = await run('src/server.ts', { HOST: '300.1.1.1', DATA_DIR: tmp(t) })
  oneLine(t, outcome, EXIT_CODES.host, /^HOST=300\.1\.1\.1 is not an address of this machine/, 'invalid HOST')
})

t.test('DATABASE_URL nothing listens on: exit 84, named, without the password', async (t) => {
  const outcome = await run('src/server.ts', { DATABASE_URL: 'postgres://app:s3cret-pw@127.0.0.1:1/bestallarenhet' })
  oneLine(t, outcome, EXIT_CODES.databaseUnreachable, /^DATABASE_URL \(postgres:\/\/app:\*\*\*@127\.0\.0\.1:1\/bestallarenhet\): cannot reach the server \(ECONNREFUSED\)/, 'unreachable')
  t.notMatch(outcome.stdout + outcome.stderr, /s3cret-pw/, 'the password is never printed')
})

t.test('DATABASE_URL naming a database that does not exist (85) or a user it refuses (86)', { skip: process.env.DATABASE_URL ? false : 'needs DATABASE_URL' }, async (t) => {
  const missing = new URL(process.env.DATABASE_URL ?? '')
  missing.pathname = '/no_such_database_19'
  missing.password = 's3cret-pw'
  const outcome = await run('src/server.ts', { DATABASE_URL: missing.toString() })
  oneLine(t, outcome, EXIT_CODES.databaseMissing, /^DATABASE_URL \(postgres:\/\/[^:]+:\*\*\*@[^)]+\/no_such_database_19\): database "no_such_database_19" does not exist — create it/, 'missing database')
  t.notMatch(outcome.stderr, /s3cret-pw/, 'the password is never printed')

  const stranger = new URL(process.env.DATABASE_URL ?? '')
  stranger.username = 'no_such_role_19'
  oneLine(t, await run('src/server.ts', { DATABASE_URL: stranger.toString() }), EXIT_CODES.databaseAuthentication,
    /^DATABASE_URL \(postgres:\/\/no_such_role_19@[^)]+\): authentication failed \(.*no_such_role_19.*\) — check the user and password$/, 'refused user')
})
