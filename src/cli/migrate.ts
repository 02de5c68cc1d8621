/** Applies pending migrations to DATABASE_URL, or to the embedded database in DATA_DIR. */
import path from 'node:path'
import { ConfigError, loadDatabaseConfig } from '../config.js'
import { createDatabase } from '../db/database.js'
import { migrate } from '../db/migrate.js'

let config
try {
  config = loadDatabaseConfig()
} catch (error) {
  if (!(error instanceof ConfigError)) throw error
  console.error(error.message)
  process.exit(78)
}
const database = await createDatabase({ databaseUrl: config.databaseUrl, pgliteDataDir: path.join(config.dataDir, 'pglite'), poolMax: 1 })
try {
  const applied = await migrate(database)
  console.log(applied.length === 0 ? 'Database is up to date.' : `Applied: ${applied.join(', ')}`)
} finally {
  await database.close()
}
