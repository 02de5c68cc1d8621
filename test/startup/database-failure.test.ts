/** Which database errors at start-up are "cannot reach the server" (exit 84) and which are not. */
import t from 'tap'
import { databaseFailure, EXIT_CODES } from '../../src/startup/failures.js'

const url = 'postgres://app:secret@db.example:5432/bestallarenhet'

t.test('a statement timeout reached the server: not reported as unreachable', async (t) => {
  t.equal(databaseFailure(Object.assign(new Error('canceling statement due to statement timeout'), { code: '57014' }), url), undefined)
})

t.test('driver-level failures name DATABASE_URL without its password', async (t) => {
  for (const error of [Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }), new Error('Connection terminated due to connection timeout')]) {
    const failure = databaseFailure(error, url)
    t.equal(failure?.exitCode, EXIT_CODES.databaseUnreachable)
    t.match(failure?.message, /^DATABASE_URL \(postgres:\/\/app:\*\*\*@db\.example:5432\/bestallarenhet\): cannot reach the server/)
    t.notMatch(failure?.message, /secret/)
  }
})
