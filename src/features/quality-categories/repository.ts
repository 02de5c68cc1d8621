import type { Kysely, Selectable } from 'kysely'
import type { DB, QualityCategoryTable } from '../../db/schema.js'
import { nextVersion } from '../../db/version.js'
import type { QualityDomain } from '../../domain/quality-domain.js'

export type QualityCategoryRow = Selectable<QualityCategoryTable>

export function listQualityCategories(db: Kysely<DB>, filter: { domain?: QualityDomain | undefined; active?: boolean | undefined }) {
  let query = db.selectFrom('quality_categories').selectAll().orderBy('domain').orderBy('code')
  if (filter.domain) query = query.where('domain', '=', filter.domain)
  if (filter.active !== undefined) query = query.where('active', '=', filter.active)
  return query.execute()
}

export function findQualityCategory(db: Kysely<DB>, domain: QualityDomain, code: string) {
  return db.selectFrom('quality_categories').selectAll().where('domain', '=', domain).where('code', '=', code).executeTakeFirst()
}

export function insertQualityCategory(db: Kysely<DB>, row: { domain: QualityDomain; code: string; label_sv: string; label_en: string }) {
  return db.insertInto('quality_categories').values(row).returningAll().executeTakeFirstOrThrow()
}

/** Applies the changes if the version still matches; undefined when someone else changed it first. */
export function updateQualityCategory(
  db: Kysely<DB>, domain: QualityDomain, code: string, expectedVersion: number,
  changes: { label_sv?: string | undefined; label_en?: string | undefined; active?: boolean | undefined }
) {
  return db.updateTable('quality_categories')
    .set({ ...changes, version: nextVersion() })
    .where('domain', '=', domain).where('code', '=', code).where('version', '=', expectedVersion)
    .returningAll().executeTakeFirst()
}

/** The codes among `codes` that are not active categories of the domain (new items must use active ones). */
export async function unknownCategories(db: Kysely<DB>, domain: QualityDomain, codes: readonly string[]): Promise<string[]> {
  if (codes.length === 0) return []
  const known = await db.selectFrom('quality_categories').select('code')
    .where('domain', '=', domain).where('active', '=', true).where('code', 'in', codes).execute()
  return codes.filter((code) => !known.some((row) => row.code === code))
}
