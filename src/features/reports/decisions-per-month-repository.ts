import { sql, type Kysely } from 'kysely'
import type { DB } from '../../db/schema.js'

/**
 * Decisions of a unit in a year, counted per service type, outcome, sex and month in SQL. The
 * persons are the unit's (a person never changes unit): said so, the planner reads only those.
 */
export function countDecisionsPerMonth(db: Kysely<DB>, unitId: string, year: number) {
  return db.selectFrom('decisions as d')
    .innerJoin('persons as p', 'p.id', 'd.person_id')
    .select([
      'd.service_type_code', 'd.outcome', 'p.sex',
      sql<number>`extract(month from d.decision_date)::int`.as('month'),
      sql<number>`count(*)::int`.as('count')
    ])
    .where('d.unit_id', '=', unitId)
    .where('p.unit_id', '=', unitId)
    .where('d.decision_date', '>=', `${year}-01-01`)
    .where('d.decision_date', '<=', `${year}-12-31`)
    .groupBy(['d.service_type_code', 'd.outcome', 'p.sex', sql`extract(month from d.decision_date)`])
    .execute()
}
