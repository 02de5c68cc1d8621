/**
 * Entry point: validate configuration, check that HOST:PORT and DATA_DIR are usable, open the
 * database (embedded PGlite unless DATABASE_URL is set), apply migrations, listen, and close
 * gracefully on SIGTERM/SIGINT. It says what it is doing at each step; a failure a person can
 * fix is one line and a distinct exit code (startup/failures.ts).
 *
 * Only configuration and the checks are imported up front: tracing (when OTEL_* asks for it)
 * must be set up before pg and Fastify are loaded, and a bad setting should fail at once.
 */
import path from 'node:path'
import { loadConfig } from './config.js'
import { checkCanListen, checkDataDir, checkDataDirIsVolume } from './startup/checks.js'
import { databaseFailure, exitOnFailure, listenFailure, shownPath, withoutPassword } from './startup/failures.js'
import { startTracing } from './telemetry/tracing.js'

async function main(): Promise<void> {
  const config = loadConfig()
  // Progress lines: plain text for a person at a terminal, pino JSON in production.
  const say = config.nodeEnv === 'production'
    ? (msg: string) => process.stdout.write(`${JSON.stringify({ level: 30, time: Date.now(), msg })}\n`)
    : (msg: string) => console.log(msg)

  await checkCanListen(config.host, config.port)
  if (config.metrics.port !== 0) await checkCanListen(config.metrics.host, config.metrics.port, { host: 'METRICS_HOST', port: 'METRICS_PORT' })
  const embedded = config.databaseUrl === undefined
  if (embedded || config.auth.jwksUrl === undefined) checkDataDir(config.dataDir)
  if (embedded && config.nodeEnv === 'production') checkDataDirIsVolume(config.dataDir)

  const tracing = await startTracing()
  if (tracing) say(`Tracing: ${tracing.description}`)

  // The app's modules load while the database opens (the embedded one compiles WASM off-thread).
  const appModules = Promise.all([import('./app.js'), import('close-with-grace'), import('./telemetry/metrics-server.js')])
  appModules.catch(() => {}) // awaited below; a failure there is reported there
  const { createDatabase } = await import('./db/database.js')
  const { migrate } = await import('./db/migrate.js')
  const pgliteDataDir = path.join(config.dataDir, 'pglite')
  say(embedded
    ? `Opening the embedded database in ${shownPath(pgliteDataDir)} (set DATABASE_URL for a PostgreSQL server)…`
    : `Connecting to ${withoutPassword(config.databaseUrl ?? '')}…`)
  const database = await createDatabase({ databaseUrl: config.databaseUrl, databaseReadUrl: config.databaseReadUrl, pgliteDataDir, poolMax: config.databasePoolMax, preparedStatements: config.databasePreparedStatements, timeouts: config.databaseTimeouts })
  try {
    if (config.migrateOnStart) {
      await migrate(database, undefined, (pending, total) => {
        say(pending.length === 0 ? `Database is up to date (${total} migrations).` : `Applying ${pending.length} of ${total} migrations…`)
      })
    } else {
      await database.withSession((session) => session.query('SELECT 1'))
    }
  } catch (error) {
    await database.close().catch(() => {})
    throw (config.databaseUrl && databaseFailure(error, config.databaseUrl)) || error
  }

  say('Starting the HTTP server…')
  const [{ buildApp }, { default: closeWithGrace }, { startMetricsServer }] = await appModules
  const app = await buildApp({ config, db: database.db, reportsDb: database.reportsDb, readReplica: database.readReplica, probe: database.probe, pool: database.pool })
  app.addHook('onClose', async () => database.close())
  const metrics = config.metrics.port === 0 ? undefined : await startMetricsServer(config.metrics, app.metrics.registry)
  if (metrics) app.addHook('onClose', async () => metrics.close())

  closeWithGrace({ delay: config.shutdownGraceMs }, async ({ signal, err }) => {
    if (err) app.log.error({ err }, 'closing after an error')
    else app.log.info({ signal }, 'closing')
    await app.close()
    await tracing?.shutdown()
  })

  try {
    await app.listen({ host: config.host, port: config.port })
  } catch (error) {
    await app.close()
    throw listenFailure(error, config.host, config.port) ?? error
  }
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host.includes(':') ? `[${config.host}]` : config.host
  const url = `http://${shownHost}:${config.port}`
  say(`Listening on ${url} — Swagger UI at ${url}/docs (database: ${database.kind}${metrics ? `; metrics on ${metrics.url}` : ''})`)
}

main().catch((error: unknown) => {
  try {
    exitOnFailure(error)
  } catch {
    console.error(error)
    process.exit(1)
  }
})
