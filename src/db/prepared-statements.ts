/**
 * Named (protocol-level) prepared statements for the request pool's connections: the first time a
 * connection runs a statement text with parameters it is parsed under a name, and every later
 * run on that connection only binds and executes it.
 *
 * Why: PostgreSQL parses and analyses an unnamed statement on every run. Measured on the city's
 * database (issue 17), one backend spent 0.25–0.35 ms of CPU per decision read by id, and 0.04 ms
 * with the statement prepared; a case worker's worklist (eleven statements) 20–24 ms against
 * 13 ms. The plan cache's default (`plan_cache_mode = auto`) plans the first runs for their
 * parameters and moves to a generic plan only when its estimated cost is no higher; the worklist's
 * statements mostly keep their custom plans (forcing generic ones made them five times slower).
 *
 * Bounded: at most `perConnection` texts are prepared on one connection (further texts run
 * unnamed), and statements with more than MAX_PARAMETERS parameters — the multi-row INSERTs
 * whose text changes with the number of rows — always run unnamed.
 *
 * Not behind PgBouncer in transaction mode before version 1.21: a statement prepared on one
 * server connection is unknown on the next. DATABASE_PREPARED_STATEMENTS=false turns this off.
 */
import { createHash } from 'node:crypto'
import type pg from 'pg'

const MAX_PARAMETERS = 100

/** PostgreSQL's SQLSTATE for "cached plan must not change result type" (a column added under a prepared `SELECT *`). */
const FEATURE_NOT_SUPPORTED = '0A000'

/** Statement names by text, shared by the connections (a name is a hash: same text, same name). */
const names = new Map<string, string>()
const nameOf = (text: string): string => {
  let name = names.get(text)
  if (name === undefined) {
    name = 'bea_' + createHash('sha1').update(text).digest('hex').slice(0, 24)
    // The map holds what connections may hold; beyond that a text's name is computed again.
    if (names.size < 10_000) names.set(text, name)
  }
  return name
}

type Query = (config: unknown, values?: unknown, callback?: unknown) => unknown

/**
 * Makes `client` run parameterised statements as named prepared statements. After a migration
 * changed the columns under a prepared statement, PostgreSQL refuses to run it (0A000): the
 * connection then forgets what it prepared (DEALLOCATE ALL before its next named statement), so
 * one request fails instead of every request on that connection until it closes.
 */
export function prepareStatementsOn(client: pg.PoolClient, perConnection: number): void {
  const run = client.query.bind(client) as Query
  const prepared = new Set<string>()
  let forget = false
  const named = async (text: string, values: unknown[]) => {
    if (forget) {
      // In a failed transaction this throws too, and the connection forgets at its next chance.
      await run('DEALLOCATE ALL')
      forget = false
      prepared.clear()
      // pg remembers which names it parsed on this connection and would skip parsing them again.
      const connection = (client as unknown as { connection?: { parsedStatements?: Record<string, string> } }).connection
      if (connection?.parsedStatements) connection.parsedStatements = {}
    }
    prepared.add(text)
    try {
      return await (run({ name: nameOf(text), text, values }) as Promise<pg.QueryResult>)
    } catch (error) {
      if ((error as { code?: string }).code === FEATURE_NOT_SUPPORTED) forget = true
      throw error
    }
  }
  ;(client as unknown as { query: Query }).query = (config, values, callback) => {
    if (typeof config === 'string' && Array.isArray(values) && values.length > 0 && values.length <= MAX_PARAMETERS &&
      callback === undefined && (prepared.has(config) || prepared.size < perConnection)) {
      return named(config, values)
    }
    return run(config, values, callback)
  }
}
