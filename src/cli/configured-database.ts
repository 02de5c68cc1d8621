/**
 * The database a command works on (DATABASE_URL, or the embedded one in DATA_DIR). A bad
 * setting, an unreachable server or an embedded database in use by another process (a running
 * `npm start`) ends the command with one line and the exit code of startup/failures.ts.
 */
import path from 'node:path'
import { ConfigError, loadDatabaseConfig, type DatabaseConfig } from '../config.js'
import { createDatabase, type Database } from '../db/database.js'
import { checkDataDir } from '../startup/checks.js'
import { databaseFailure, exitOnFailure } from '../startup/failures.js'

export function configuredDatabase(): DatabaseConfig {
  try {
    return loadDatabaseConfig()
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error
    return exitOnFailure(error)
  }
}

export async function openConfiguredDatabase(poolMax: number): Promise<Database> {
  const config = configuredDatabase()
  try {
    if (config.databaseUrl === undefined) checkDataDir(config.dataDir)
    const database = await createDatabase({ databaseUrl: config.databaseUrl, pgliteDataDir: path.join(config.dataDir, 'pglite'), poolMax })
    try {
      await database.withSession((session) => session.query('SELECT 1'))
    } catch (error) {
      await database.close().catch(() => {})
      throw (config.databaseUrl && databaseFailure(error, config.databaseUrl)) || error
    }
    return database
  } catch (error) {
    return exitOnFailure(error)
  }
}
