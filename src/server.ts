/**
 * Entry point: validate configuration, open the database (embedded PGlite unless
 * DATABASE_URL is set), apply migrations, listen, and close gracefully on SIGTERM/SIGINT.
 */
import path from 'node:path'
import closeWithGrace from 'close-with-grace'
import { buildApp } from './app.js'
import { ConfigError, loadConfig, type Config } from './config.js'
import { createDatabase } from './db/database.js'
import { migrate } from './db/migrate.js'

async function main(): Promise<void> {
  let config: Config
  try {
    config = loadConfig()
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message)
      process.exit(78) // EX_CONFIG
    }
    throw error
  }

  const database = await createDatabase({
    databaseUrl: config.databaseUrl,
    pgliteDataDir: path.join(config.dataDir, 'pglite'),
    poolMax: config.databasePoolMax,
    timeouts: config.databaseTimeouts
  })
  if (config.migrateOnStart) await migrate(database)

  const app = await buildApp({ config, db: database.db, reportsDb: database.reportsDb, probe: database.probe })
  app.addHook('onClose', async () => database.close())

  closeWithGrace({ delay: config.shutdownGraceMs }, async ({ signal, err }) => {
    if (err) app.log.error({ err }, 'closing after an error')
    else app.log.info({ signal }, 'closing')
    await app.close()
  })

  await app.listen({ host: config.host, port: config.port })
  app.log.info(`Swagger UI: http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}/docs (database: ${database.kind})`)
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
