/** Each unit's follow-up planning rules: one row per unit, the defaults until changed. */
import type { Kysely, Selectable } from 'kysely'
import type { DB } from '../../db/schema.js'
import { versionBump } from '../../db/version.js'
import { DEFAULT_FOLLOW_UP_RULES, type FollowUpRules } from '../../domain/follow-up-planning.js'

export interface StoredRules { rules: FollowUpRules; version: number }

/** A unit without a row (added after the migration) plans with the defaults, at version 1. */
export async function findFollowUpRules(db: Kysely<DB>, unitId: string): Promise<StoredRules> {
  return toStoredRules(await db.selectFrom('follow_up_rules').selectAll().where('unit_id', '=', unitId).executeTakeFirst())
}

/** A unit's `follow_up_rules` row (or none) as the planning reads it. */
export function toStoredRules(row: Selectable<DB['follow_up_rules']> | null | undefined): StoredRules {
  if (!row) return { rules: DEFAULT_FOLLOW_UP_RULES, version: 1 }
  return {
    version: row.version,
    rules: {
      timeLimitedReview: { enabled: row.time_limited_review_enabled, daysBeforeEnd: row.time_limited_review_days_before },
      hospitalDischarge: { enabled: row.hospital_discharge_enabled, withinMonths: row.hospital_discharge_months },
      continuous: { enabled: row.continuous_enabled, intervalMonths: row.continuous_interval_months }
    }
  }
}

const DEFAULT_COLUMNS = {
  time_limited_review_enabled: DEFAULT_FOLLOW_UP_RULES.timeLimitedReview.enabled,
  time_limited_review_days_before: DEFAULT_FOLLOW_UP_RULES.timeLimitedReview.daysBeforeEnd,
  hospital_discharge_enabled: DEFAULT_FOLLOW_UP_RULES.hospitalDischarge.enabled,
  hospital_discharge_months: DEFAULT_FOLLOW_UP_RULES.hospitalDischarge.withinMonths,
  continuous_enabled: DEFAULT_FOLLOW_UP_RULES.continuous.enabled,
  continuous_interval_months: DEFAULT_FOLLOW_UP_RULES.continuous.intervalMonths
}

/**
 * Replaces the unit's rules and bumps their version; null when they changed since
 * `expectedVersion` was read. Run it in the caller's transaction.
 */
export async function replaceFollowUpRules(trx: Kysely<DB>, unitId: string, rules: FollowUpRules, expectedVersion: number): Promise<number | null> {
  const columns = {
    time_limited_review_enabled: rules.timeLimitedReview.enabled,
    time_limited_review_days_before: rules.timeLimitedReview.daysBeforeEnd,
    hospital_discharge_enabled: rules.hospitalDischarge.enabled,
    hospital_discharge_months: rules.hospitalDischarge.withinMonths,
    continuous_enabled: rules.continuous.enabled,
    continuous_interval_months: rules.continuous.intervalMonths
  }
  await trx.insertInto('follow_up_rules').values({ unit_id: unitId, ...DEFAULT_COLUMNS }).onConflict((oc) => oc.column('unit_id').doNothing()).execute()
  const row = await trx.updateTable('follow_up_rules')
    .set({ ...columns, ...versionBump() })
    .where('unit_id', '=', unitId).where('version', '=', expectedVersion)
    .returning('version').executeTakeFirst()
  return row ? row.version : null
}
