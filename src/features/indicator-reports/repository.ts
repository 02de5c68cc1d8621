/** Loads what the indicator table and the Kolada export are built from, in a fixed number of queries. */
import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.js'
import type { Period } from '../../domain/indicators/period.js'

export function goalsOf(db: Kysely<DB>, unitId: string, year: number) {
  return db.selectFrom('goals').select(['id', 'parent_id', 'level', 'number', 'title', 'position', 'code'])
    .where('unit_id', '=', unitId).where('plan_year', '=', year).execute()
}

/** The unit's indicators for the year (those with targets), with their current value and last year's. */
export async function tableEntriesOf(db: Kysely<DB>, unitId: string, year: number, period: Period) {
  const [targets, values, previous] = await Promise.all([
    db.selectFrom('indicator_targets as t')
      .innerJoin('indicators as i', 'i.id', 't.indicator_id')
      .select([
        'i.id', 'i.code', 'i.name', 'i.measure_unit', 'i.direction', 'i.periodicity', 'i.yellow_margin', 'i.kolada_kpi',
        't.goal_id', 't.position', 't.target_value', 't.target_comparator', 't.target_text', 't.kf_target_value', 't.kf_target_comparator', 't.kf_target_text'
      ])
      .where('t.unit_id', '=', unitId).where('t.year', '=', year)
      .execute(),
    db.selectFrom('indicator_values').selectAll()
      .where('unit_id', '=', unitId).where('year', '=', year).where('period', '=', period).where('current', '=', true)
      .execute(),
    db.selectFrom('indicator_values').select(['indicator_id', 'total'])
      .where('unit_id', '=', unitId).where('year', '=', year - 1).where('period', '=', period).where('current', '=', true)
      .execute()
  ])
  return { targets, values, previous }
}

/** Every current value of the unit in a year (or one period of it), for the Kolada export. */
export function valuesForExport(db: Kysely<DB>, unitId: string, year: number, period: Period | undefined) {
  let query = db.selectFrom('indicator_values as v')
    .innerJoin('indicators as i', 'i.id', 'v.indicator_id')
    .select(['i.code', 'i.kolada_kpi', 'v.year', 'v.period', 'v.total', 'v.women', 'v.men'])
    .where('v.unit_id', '=', unitId).where('v.year', '=', year).where('v.current', '=', true)
  if (period) query = query.where('v.period', '=', period)
  return query.orderBy('i.code').orderBy('v.period').execute()
}
