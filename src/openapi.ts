/**
 * The OpenAPI document as the code generates it, without touching a database: the app is
 * built over an in-memory PGlite that is never queried.
 */
import os from 'node:os'
import path from 'node:path'
import { buildApp } from './app.js'
import { loadConfig } from './config.js'
import { createDatabase } from './db/database.js'

export async function generateOpenApi(): Promise<string> {
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: path.join(os.tmpdir(), 'bestallarenhet-openapi') })
  const database = await createDatabase({ databaseUrl: undefined, pgliteDataDir: 'memory://', poolMax: 1 })
  const app = await buildApp({ config, db: database.db })
  try {
    await app.ready()
    return `${JSON.stringify(app.swagger(), null, 2)}\n`
  } finally {
    await app.close()
    await database.close()
  }
}
