/**
 * `npm run bench:delivered-time`: only the monthly report of ordered against delivered time,
 * for one unit and the last whole month, on the scaled database — the row of `npm run bench`
 * without the saturation runs around it (for a shared machine). The app runs in this process.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/bestallarenhet_scale npm run bench:delivered-time -- --unit sodermalm
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { buildApp } from '../../src/app.js'
import { signDevToken } from '../../src/auth/tokens.js'
import { loadConfig } from '../../src/config.js'
import { todayInStockholm } from '../../src/domain/calendar.js'
import { createDatabase } from '../../src/db/database.js'
import { timeSingle } from './single.js'

const { values } = parseArgs({ options: { unit: { type: 'string', default: 'sodermalm' }, times: { type: 'string', default: '10' } } })
const databaseUrl = process.env.DATABASE_URL
if (!databaseUrl) throw new Error('DATABASE_URL names the scaled database (npm run seed:scale).')
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-delivered-'))
const config = loadConfig({ DATABASE_URL: databaseUrl, DATA_DIR: work, LOG_LEVEL: 'warn', RATE_LIMIT_MAX: '1000000', MAX_EVENT_LOOP_DELAY_MS: '0' })
const database = await createDatabase({ databaseUrl, pgliteDataDir: work, poolMax: 5 })
const app = await buildApp({ config, db: database.db })
const url = await app.listen({ port: 0, host: '127.0.0.1' })
try {
  const token = await signDevToken(config.auth.devKeyFile, config.auth.issuer, config.auth.audience, { subject: 'bench.manager', roles: ['unit_manager'], unit: values.unit ?? 'sodermalm' })
  const today = todayInStockholm()
  const [y, m] = today.split('-').map(Number) as [number, number]
  const month = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`
  const path_ = `/v1/reports/delivered-time?month=${month}`
  const rows = (await (await fetch(url + path_, { headers: { authorization: `Bearer ${token}` } })).json() as { items: unknown[] }).items.length
  const result = await timeSingle({ url, path: path_, headers: { authorization: `Bearer ${token}` }, times: Number(values.times) })
  console.log(`delivered-time report ${values.unit} ${month}: ${rows} rows, median ${result.p50Ms.toFixed(0)} ms, slowest ${result.p99Ms.toFixed(0)} ms of ${result.requests}` +
    ` — target < 500 ms: ${result.p99Ms < 500 ? 'met' : 'NOT met'}`)
} finally {
  await app.close()
  await database.close()
  fs.rmSync(work, { recursive: true, force: true })
}
