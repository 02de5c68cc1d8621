import type { ExpressionBuilder, Insertable, Kysely, Selectable, Updateable } from 'kysely'
import type { DB, IndicatorTable, IndicatorTargetTable, IndicatorValueTable } from '../../db/schema.js'
import { versionBump } from '../../db/version.js'
import type { Period } from '../../domain/indicators/period.js'
import { keysetPage } from '../../db/keyset.js'

export type IndicatorRow = Selectable<IndicatorTable>
export type TargetRow = Selectable<IndicatorTargetTable>
export type ValueRow = Selectable<IndicatorValueTable>

/** KF indicators are everyone's; a council indicator only its own unit's. */
const visibleTo = (unitId: string) => (eb: ExpressionBuilder<DB, 'indicators'>) =>
  eb.or([eb('indicators.unit_id', 'is', null), eb('indicators.unit_id', '=', unitId)])

export function findIndicator(db: Kysely<DB>, unitId: string, id: string, options: { forUpdate?: boolean } = {}) {
  let query = db.selectFrom('indicators').selectAll().where('id', '=', id).where(visibleTo(unitId))
  if (options.forUpdate) query = query.forUpdate()
  return query.executeTakeFirst()
}

export function insertIndicator(db: Kysely<DB>, row: Insertable<IndicatorTable>) {
  return db.insertInto('indicators').values(row).returningAll().executeTakeFirstOrThrow()
}

export function updateIndicator(db: Kysely<DB>, id: string, expected: number, changes: Updateable<IndicatorTable>) {
  return db.updateTable('indicators')
    .set({ ...changes, ...versionBump() })
    .where('id', '=', id).where('version', '=', expected)
    .returningAll().executeTakeFirst()
}

export interface IndicatorFilter { level?: IndicatorTable['level'] | undefined; source?: IndicatorTable['source'] | undefined; year?: number | undefined }

export function listIndicators(db: Kysely<DB>, unitId: string, f: IndicatorFilter, after: [string, string] | undefined, limit: number) {
  let query = db.selectFrom('indicators').selectAll().where(visibleTo(unitId))
  if (f.level) query = query.where('level', '=', f.level)
  if (f.source) query = query.where('source', '=', f.source)
  if (f.year !== undefined) {
    const year = f.year
    query = query.where((eb) => eb.exists(eb.selectFrom('indicator_targets as t').select('t.indicator_id')
      .whereRef('t.indicator_id', '=', 'indicators.id').where('t.unit_id', '=', unitId).where('t.year', '=', year)))
  }
  return keysetPage(query, ['code', 'id'], after, 'asc', limit)
}

export function findTargets(db: Kysely<DB>, indicatorId: string, unitId: string, year: number) {
  return db.selectFrom('indicator_targets').selectAll()
    .where('indicator_id', '=', indicatorId).where('unit_id', '=', unitId).where('year', '=', year).executeTakeFirst()
}

export function listTargets(db: Kysely<DB>, indicatorId: string, unitId: string) {
  return db.selectFrom('indicator_targets').selectAll().where('indicator_id', '=', indicatorId).where('unit_id', '=', unitId).orderBy('year').execute()
}

export function upsertTargets(db: Kysely<DB>, row: Insertable<IndicatorTargetTable>) {
  return db.insertInto('indicator_targets').values(row)
    .onConflict((oc) => oc.columns(['indicator_id', 'unit_id', 'year']).doUpdateSet((eb) => ({
      goal_id: eb.ref('excluded.goal_id'),
      position: eb.ref('excluded.position'),
      target_value: eb.ref('excluded.target_value'),
      target_comparator: eb.ref('excluded.target_comparator'),
      target_text: eb.ref('excluded.target_text'),
      kf_target_value: eb.ref('excluded.kf_target_value'),
      kf_target_comparator: eb.ref('excluded.kf_target_comparator'),
      kf_target_text: eb.ref('excluded.kf_target_text'),
      version: eb('indicator_targets.version', '+', 1),
      updated_at: new Date().toISOString()
    })))
    .returningAll().executeTakeFirstOrThrow()
}

/**
 * Records a value and keeps the earlier ones: the current row for the same unit and period
 * stops being current. Callers hold the indicator's row lock, so two recordings of the same
 * indicator never race for "current".
 */
export async function recordValue(db: Kysely<DB>, row: Omit<Insertable<IndicatorValueTable>, 'current'>) {
  await db.updateTable('indicator_values').set({ current: false })
    .where('indicator_id', '=', row.indicator_id).where('unit_id', '=', row.unit_id)
    .where('year', '=', row.year).where('period', '=', row.period).where('current', '=', true)
    .execute()
  // Millisecond instants round-trip exactly through JSON, so keyset cursors on them are exact.
  return db.insertInto('indicator_values').values({ ...row, recorded_at: new Date().toISOString(), current: true }).returningAll().executeTakeFirstOrThrow()
}

export function findValue(db: Kysely<DB>, indicatorId: string, unitId: string, id: string) {
  return db.selectFrom('indicator_values').selectAll()
    .where('id', '=', id).where('indicator_id', '=', indicatorId).where('unit_id', '=', unitId).executeTakeFirst()
}

export interface ValueFilter { year?: number | undefined; period?: Period | undefined; history?: boolean | undefined }

/** Newest year first, then by recording time (newest first); keyset on (year, recorded_at, id). */
export function listValues(db: Kysely<DB>, indicatorId: string, unitId: string, f: ValueFilter, after: [number, string, string] | undefined, limit: number) {
  let query = db.selectFrom('indicator_values').selectAll().where('indicator_id', '=', indicatorId).where('unit_id', '=', unitId)
  if (f.year !== undefined) query = query.where('year', '=', f.year)
  if (f.period) query = query.where('period', '=', f.period)
  if (!f.history) query = query.where('current', '=', true)
  return keysetPage(query, ['year', 'recorded_at', 'id'], after, 'desc', limit)
}

/** The KF indicator (unitId null) or the unit's own indicator with this code. */
export function findIndicatorByCode(db: Kysely<DB>, unitId: string | null, code: string) {
  return db.selectFrom('indicators').selectAll().where('code', '=', code)
    .where('unit_id', unitId === null ? 'is' : '=', unitId).executeTakeFirst()
}
