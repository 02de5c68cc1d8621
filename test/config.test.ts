import t from 'tap'
import { ConfigError, loadConfig } from '../src/config.js'

t.test('defaults give a working development configuration', async (t) => {
  const config = loadConfig({})
  t.equal(config.port, 3000)
  t.equal(config.databaseUrl, undefined, 'embedded database by default')
  t.equal(config.auth.jwksUrl, undefined)
  t.equal(config.defaultLegalBasis, 'SoL 4 kap. 1 §')
  t.equal(config.maxInFlightRequests, 64, 'an instance works on at most 64 requests at once')
  t.equal(config.databaseReadUrl, undefined, 'no replica: everything on the primary')
  t.equal(config.databaseReadCatchUpMs, 100)
})

t.test('a bad value stops start-up with a message naming the variable', async (t) => {
  const cases: [Record<string, string>, RegExp][] = [
    [{ PORT: 'eighty' }, /PORT/],
    [{ PORT: '70000' }, /PORT/],
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL/],
    [{ DATABASE_URL: 'not a url' }, /DATABASE_URL/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL/],
    [{ MIGRATE_ON_START: 'maybe' }, /MIGRATE_ON_START/],
    [{ AUTH_ALGORITHMS: 'HS256' }, /AUTH_ALGORITHMS/],
    [{ AUTH_JWKS_URL: 'ftp://idp' }, /AUTH_JWKS_URL/],
    [{ NODE_ENV: 'production' }, /AUTH_JWKS_URL is required/],
    [{ RATE_LIMIT_MAX: '0' }, /RATE_LIMIT_MAX/],
    [{ MAX_IN_FLIGHT_REQUESTS: '-1' }, /MAX_IN_FLIGHT_REQUESTS/],
    [{ DATABASE_READ_URL: 'postgres://replica/bea' }, /DATABASE_READ_URL needs DATABASE_URL/],
    [{ DATABASE_URL: 'postgres://db/bea', DATABASE_READ_URL: 'http://replica' }, /DATABASE_READ_URL/],
    [{ DATABASE_READ_CATCH_UP_MS: '60000' }, /DATABASE_READ_CATCH_UP_MS/]
  ]
  for (const [env, message] of cases) {
    t.throws(() => loadConfig(env), message, JSON.stringify(env))
    try {
      loadConfig(env)
    } catch (error) {
      t.type(error, ConfigError)
    }
  }
})

t.test('production with a JWKS URL is accepted', async (t) => {
  const config = loadConfig({ NODE_ENV: 'production', AUTH_JWKS_URL: 'https://idp.example/jwks', DATABASE_URL: 'postgres://db/bea' })
  t.equal(config.auth.jwksUrl, 'https://idp.example/jwks')
  t.same(config.auth.algorithms, ['ES256', 'RS256'])
})

t.test('production refuses the embedded database unless explicitly allowed', async (t) => {
  const production = { NODE_ENV: 'production', AUTH_JWKS_URL: 'https://idp.example/jwks' }
  t.throws(() => loadConfig(production), /DATABASE_URL is required when NODE_ENV=production.*EMBEDDED_DATABASE_IN_PRODUCTION=true/)
  t.equal(loadConfig({ ...production, EMBEDDED_DATABASE_IN_PRODUCTION: 'true' }).databaseUrl, undefined, 'allowed explicitly (DATA_DIR is checked at start-up)')
  t.throws(() => loadConfig({ ...production, EMBEDDED_DATABASE_IN_PRODUCTION: 'yes' }), /EMBEDDED_DATABASE_IN_PRODUCTION must be true or false/)
  t.equal(loadConfig({}).embeddedDatabaseInProduction, false)
})

t.test('metrics: their own port (0 turns it off), on HOST unless METRICS_HOST, a token if set', async (t) => {
  t.same(loadConfig({}).metrics, { host: '127.0.0.1', port: 9464, token: undefined })
  t.same(loadConfig({ HOST: '0.0.0.0', METRICS_PORT: '0', METRICS_TOKEN: 's' }).metrics, { host: '0.0.0.0', port: 0, token: 's' })
  t.equal(loadConfig({ HOST: '0.0.0.0', METRICS_HOST: '10.0.0.5' }).metrics.host, '10.0.0.5')
  t.throws(() => loadConfig({ METRICS_PORT: '99999' }), /METRICS_PORT must be between 0 and 65535/)
})
