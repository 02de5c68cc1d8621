/**
 * Categories of complaints, deviations and Lex Sarah reports: reference data, extendable by
 * administrators. Complaints, deviations and Lex Sarah reports check theirs with
 * `unknownCategories`.
 */
import type { Kysely } from 'kysely'
import type { Static } from 'typebox'
import type { DB } from '../../db/schema.js'
import { conflict, notFound, stale } from '../../http/problem.js'
import type { Caller } from '../../service/caller.js'
import { assertExpectedVersion } from '../../service/step.js'
import { write } from '../../service/transaction.js'
import { findQualityCategory, insertQualityCategory, listQualityCategories, updateQualityCategory, type QualityCategoryRow } from './repository.js'
import type { QualityCategoryCreate, QualityCategoryListQuery, QualityCategoryParams, QualityCategoryUpdate } from './schemas.js'

export { unknownCategories } from './repository.js'

export function listCategories(db: Kysely<DB>, query: Static<typeof QualityCategoryListQuery>): Promise<QualityCategoryRow[]> {
  return listQualityCategories(db, query)
}

export async function getCategory(db: Kysely<DB>, { domain, code }: Static<typeof QualityCategoryParams>): Promise<QualityCategoryRow> {
  const category = await findQualityCategory(db, domain, code)
  if (!category) throw notFound('Category')
  return category
}

export function addCategory(db: Kysely<DB>, caller: Caller, input: Static<typeof QualityCategoryCreate>): Promise<QualityCategoryRow> {
  const { domain, code, labelSv, labelEn } = input
  return write(db, caller, async ({ trx }) => {
    if (await findQualityCategory(trx, domain, code)) throw conflict(`The ${domain} category '${code}' already exists.`)
    return insertQualityCategory(trx, { domain, code, label_sv: labelSv, label_en: labelEn })
  })
}

/** Changes the labels or deactivates; 412 when If-Match is not the current version or someone else changed it first. */
export function changeCategory(
  db: Kysely<DB>, caller: Caller, { domain, code }: Static<typeof QualityCategoryParams>, input: Static<typeof QualityCategoryUpdate>
): Promise<QualityCategoryRow> {
  return write(db, caller, async ({ trx }) => {
    const current = await findQualityCategory(trx, domain, code)
    if (!current) throw notFound('Category')
    assertExpectedVersion(caller, current.version)
    const updated = await updateQualityCategory(trx, domain, code, current.version, { label_sv: input.labelSv, label_en: input.labelEn, active: input.active })
    if (!updated) throw stale()
    return updated
  })
}
