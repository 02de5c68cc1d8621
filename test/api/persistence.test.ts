/**
 * The embedded database keeps its data in DATA_DIR across restarts. This test always uses
 * PGlite on disk, whatever DATABASE_URL says, because that is what `npm start` gives a new user.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import t from 'tap'
import { buildApp } from '../../src/app.js'
import { signDevToken } from '../../src/auth/tokens.js'
import { loadConfig } from '../../src/config.js'
import { createDatabase } from '../../src/db/database.js'
import { migrate } from '../../src/db/migrate.js'
import { nextPersonnummer } from '../helper.js'

t.test('data created survives a restart of the embedded database', async (t) => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bea-persist-'))
  t.teardown(() => fs.rmSync(dataDir, { recursive: true, force: true }))
  const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, MAX_EVENT_LOOP_DELAY_MS: '0' })

  const start = async () => {
    const database = await createDatabase({ databaseUrl: undefined, pgliteDataDir: path.join(dataDir, 'pglite'), poolMax: 1 })
    const applied = await migrate(database)
    const app = await buildApp({ config, db: database.db })
    return { app, database, applied }
  }
  const token = await signDevToken(config.auth.devKeyFile, config.auth.issuer, config.auth.audience, { subject: 'p', roles: ['case_worker'], unit: 'farsta' })

  const first = await start()
  t.same(first.applied.length > 0, true, 'migrations applied on the empty database')
  const created = await first.app.inject({
    method: 'POST', url: '/v1/persons', headers: { authorization: `Bearer ${token}` },
    payload: { personalIdentityNumber: nextPersonnummer('19360229'), firstName: 'Kvar', lastName: 'Kvarsson' }
  })
  t.equal(created.statusCode, 201)
  await first.app.close()
  await first.database.close()

  const second = await start()
  t.same(second.applied, [], 'nothing to migrate the second time')
  const read = await second.app.inject({ method: 'GET', url: `/v1/persons/${created.json().id}`, headers: { authorization: `Bearer ${token}` } })
  t.equal(read.statusCode, 200)
  t.equal(read.json().lastName, 'Kvarsson')
  t.equal(read.json().birthDate, '1936-02-29', 'a leap-day birth date survives as the same calendar date')
  await second.app.close()
  await second.database.close()
})
