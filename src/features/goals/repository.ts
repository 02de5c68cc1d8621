import type { Insertable, Kysely, Selectable, Updateable } from 'kysely'
import type { DB, GoalActivityTable, GoalAssessmentTable, GoalTable } from '../../db/schema.js'
import { versionBump } from '../../db/version.js'
import type { Period } from '../../domain/indicators/period.js'
import { keysetPage } from '../../db/keyset.js'

export type GoalRow = Selectable<GoalTable>
export type AssessmentRow = Selectable<GoalAssessmentTable>
export type ActivityRow = Selectable<GoalActivityTable>

/** A goal of the given unit; another unit's goal is not found. */
export function findGoal(db: Kysely<DB>, unitId: string, id: string, options: { forUpdate?: boolean } = {}) {
  let query = db.selectFrom('goals').selectAll().where('id', '=', id).where('unit_id', '=', unitId)
  if (options.forUpdate) query = query.forUpdate()
  return query.executeTakeFirst()
}

export function insertGoal(db: Kysely<DB>, row: Insertable<GoalTable>) {
  return db.insertInto('goals').values(row).returningAll().executeTakeFirstOrThrow()
}

/** Applies the change only if the version is still `expected`; undefined when it is not. */
export function updateGoal(db: Kysely<DB>, id: string, expected: number, changes: Updateable<GoalTable>) {
  return db.updateTable('goals')
    .set({ ...changes, ...versionBump() })
    .where('id', '=', id).where('version', '=', expected)
    .returningAll().executeTakeFirst()
}

export interface GoalFilter { year?: number | undefined; level?: GoalTable['level'] | undefined; parentId?: string | undefined }

/** Plan year, then position, number and id: keyset on all four. */
export function listGoals(db: Kysely<DB>, unitId: string, f: GoalFilter, after: [number, number, string, string] | undefined, limit: number) {
  let query = db.selectFrom('goals').selectAll().where('unit_id', '=', unitId)
  if (f.year !== undefined) query = query.where('plan_year', '=', f.year)
  if (f.level) query = query.where('level', '=', f.level)
  if (f.parentId) query = query.where('parent_id', '=', f.parentId)
  return keysetPage(query, ['plan_year', 'position', 'code', 'id'], after, 'asc', limit)
}

export async function detailsOf(db: Kysely<DB>, goalIds: string[]) {
  if (goalIds.length === 0) return { assessments: [] as AssessmentRow[], activities: [] as ActivityRow[] }
  const [assessments, activities] = await Promise.all([
    db.selectFrom('goal_assessments').selectAll().where('goal_id', 'in', goalIds).execute(),
    db.selectFrom('goal_activities').selectAll().where('goal_id', 'in', goalIds).orderBy('position').orderBy('created_at').orderBy('id').execute()
  ])
  return { assessments, activities }
}

export function findAssessment(db: Kysely<DB>, goalId: string, period: Period) {
  return db.selectFrom('goal_assessments').selectAll().where('goal_id', '=', goalId).where('period', '=', period).forUpdate().executeTakeFirst()
}

export function upsertAssessment(db: Kysely<DB>, row: Insertable<GoalAssessmentTable>) {
  return db.insertInto('goal_assessments').values(row)
    .onConflict((oc) => oc.columns(['goal_id', 'period']).doUpdateSet((eb) => ({
      fulfilment: eb.ref('excluded.fulfilment'),
      analysis: eb.ref('excluded.analysis'),
      assessed_by: eb.ref('excluded.assessed_by'),
      assessed_at: new Date().toISOString(),
      version: eb('goal_assessments.version', '+', 1)
    })))
    .returningAll().executeTakeFirstOrThrow()
}

export function findActivity(db: Kysely<DB>, goalId: string, id: string) {
  return db.selectFrom('goal_activities').selectAll().where('goal_id', '=', goalId).where('id', '=', id).executeTakeFirst()
}

export function insertActivity(db: Kysely<DB>, row: Insertable<GoalActivityTable>) {
  return db.insertInto('goal_activities').values(row).returningAll().executeTakeFirstOrThrow()
}

export function updateActivity(db: Kysely<DB>, id: string, expected: number, changes: Updateable<GoalActivityTable>) {
  return db.updateTable('goal_activities')
    .set({ ...changes, ...versionBump() })
    .where('id', '=', id).where('version', '=', expected)
    .returningAll().executeTakeFirst()
}

export function findGoalByCode(db: Kysely<DB>, unitId: string, planYear: number, code: string) {
  return db.selectFrom('goals').selectAll().where('unit_id', '=', unitId).where('plan_year', '=', planYear).where('code', '=', code).executeTakeFirst()
}
