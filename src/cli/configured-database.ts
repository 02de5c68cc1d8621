/** The database a command works on (DATABASE_URL, or the embedded one in DATA_DIR); a bad setting exits 78 with its message. */
import path from 'node:path'
import { ConfigError, loadDatabaseConfig, type DatabaseConfig } from '../config.js'
import { createDatabase, type Database } from '../db/database.js'

export function configuredDatabase(): DatabaseConfig {
  try {
    return loadDatabaseConfig()
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error
    console.error(error.message)
    process.exit(78)
  }
}

export async function openConfiguredDatabase(poolMax: number): Promise<Database> {
  const config = configuredDatabase()
  return createDatabase({ databaseUrl: config.databaseUrl, pgliteDataDir: path.join(config.dataDir, 'pglite'), poolMax })
}
