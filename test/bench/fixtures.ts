/**
 * What the bench needs from the scaled database, read once before the servers start: one
 * unit's decision ids and persons, its busiest case worker, and the periods to report on.
 */
import pg from 'pg'

export interface Fixtures {
  unitId: string
  unitCode: string
  decisionCount: number
  decisionIds: string[]
  personIds: string[]
  serviceTypes: string[]
  caseWorker: string
  quarter: string
  year: number
}

/** Fewer decisions than this and the numbers say nothing about a city's history. */
export const MIN_DECISIONS = 100_000

export async function loadFixtures(databaseUrl: string, unitCode: string, today: Date): Promise<Fixtures> {
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    const one = async <R>(text: string, params: unknown[] = []) => (await client.query(text, params)).rows as R[]
    const [unit] = await one<{ id: string }>('SELECT id FROM units WHERE code = $1', [unitCode])
    if (!unit) throw new Error(`No unit '${unitCode}' in the database.`)
    const [{ n } = { n: 0 }] = await one<{ n: number }>('SELECT count(*)::int AS n FROM decisions')
    if (n < MIN_DECISIONS) {
      throw new Error(`The database holds ${n} decisions; load the city first: npm run seed:scale (see the README, Performance).`)
    }
    // Persons without protected identity: a case worker's token sees them.
    const visible = 'JOIN persons p ON p.id = d.person_id AND NOT p.protected_identity'
    const decisionIds = (await one<{ id: string }>(
      `SELECT d.id FROM decisions d ${visible} WHERE d.unit_id = $1 ORDER BY md5(d.id::text) LIMIT 10000`, [unit.id])).map((r) => r.id)
    const personIds = (await one<{ id: string }>(
      'SELECT id FROM persons WHERE unit_id = $1 AND NOT protected_identity ORDER BY md5(id::text) LIMIT 2000', [unit.id])).map((r) => r.id)
    const serviceTypes = (await one<{ code: string }>(
      `SELECT service_type_code AS code FROM decisions WHERE unit_id = $1
       GROUP BY 1 ORDER BY count(*) DESC LIMIT 5`, [unit.id])).map((r) => r.code)
    const [worker] = await one<{ who: string }>(
      `SELECT assigned_case_worker AS who FROM follow_ups
       WHERE unit_id = $1 AND status = 'planned' AND assigned_case_worker IS NOT NULL
       GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`, [unit.id])
    // The last quarter that has ended, and the last whole year.
    const quarterIndex = Math.floor(today.getUTCMonth() / 3)
    const quarter = quarterIndex === 0 ? `${today.getUTCFullYear() - 1}-Q4` : `${today.getUTCFullYear()}-Q${quarterIndex}`
    return {
      unitId: unit.id, unitCode, decisionCount: n, decisionIds, personIds, serviceTypes,
      caseWorker: worker?.who ?? 'bench.case-worker', quarter, year: today.getUTCFullYear() - 1
    }
  } finally {
    await client.end()
  }
}

/** Picks uniformly from a list, for request paths. */
export function pick<T>(items: readonly T[]): T {
  const item = items[Math.floor(Math.random() * items.length)]
  if (item === undefined) throw new Error('nothing to pick from')
  return item
}
