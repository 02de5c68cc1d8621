/**
 * Counts behind the annual quality summary, for a unit and two years at once. Complaints count
 * by received date, deviations by sent date, Lex Sarah reports by reported date.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely'
import type { DB } from '../../db/schema.js'

/** year → key → count */
export type YearCounts = Map<number, Map<string, number>>

async function grouped(db: Kysely<DB>, query: RawBuilder<{ year: number; key: string; n: number | string }>): Promise<YearCounts> {
  const { rows } = await query.execute(db)
  const result: YearCounts = new Map()
  for (const row of rows) {
    const byKey = result.get(Number(row.year)) ?? new Map<string, number>()
    byKey.set(row.key, Number(row.n))
    result.set(Number(row.year), byKey)
  }
  return result
}

export interface QualityCounts {
  complaints: { total: YearCounts; kind: YearCounts; category: YearCounts; target: YearCounts; providerRegime: YearCounts }
  deviations: { total: YearCounts; target: YearCounts; category: YearCounts }
  lexSarah: { total: YearCounts; category: YearCounts; assessment: YearCounts; serious: YearCounts; notified: YearCounts; forInformation: YearCounts }
}

export async function loadQualityCounts(db: Kysely<DB>, unitId: string, years: readonly number[]): Promise<QualityCounts> {
  // A date range, not `extract(year …) IN (…)`, so that the (unit_id, date) indexes serve it.
  const inYears = (column: RawBuilder<unknown>) => {
    const wanted = sql`extract(year FROM ${column})::int IN (${sql.join(years)})`
    return sql`${column} >= ${`${Math.min(...years)}-01-01`} AND ${column} < ${`${Math.max(...years) + 1}-01-01`} AND ${wanted}`
  }
  const c = (key: RawBuilder<unknown>, extra: RawBuilder<unknown> = sql``) => grouped(db, sql`
    SELECT extract(year FROM c.received_date)::int AS year, ${key} AS key, count(*)::int AS n
    FROM complaints c LEFT JOIN providers p ON p.id = c.provider_id
    WHERE c.unit_id = ${unitId} AND ${inYears(sql`c.received_date`)} ${extra}
    GROUP BY 1, 2`)
  const d = (key: RawBuilder<unknown>) => grouped(db, sql`
    SELECT extract(year FROM d.sent_date)::int AS year, ${key} AS key, count(*)::int AS n
    FROM deviations d
    WHERE d.unit_id = ${unitId} AND ${inYears(sql`d.sent_date`)}
    GROUP BY 1, 2`)
  const l = (key: RawBuilder<unknown>, extra: RawBuilder<unknown> = sql``) => grouped(db, sql`
    SELECT extract(year FROM l.reported_date)::int AS year, ${key} AS key, count(*)::int AS n
    FROM lex_sarah_reports l
    WHERE l.unit_id = ${unitId} AND ${inYears(sql`l.reported_date`)} ${extra}
    GROUP BY 1, 2`)

  const [cTotal, cKind, cCategory, cTarget, cRegime, dTotal, dTarget, dCategory, lTotal, lCategory, lAssessment, lSerious, lNotified, lForInformation] = await Promise.all([
    c(sql`'total'`),
    c(sql`c.kind`),
    // A complaint can have several categories; one without any counts as uncategorised.
    grouped(db, sql`
      SELECT extract(year FROM c.received_date)::int AS year, coalesce(cat, 'uncategorised') AS key, count(*)::int AS n
      FROM complaints c LEFT JOIN LATERAL unnest(c.categories) AS cat ON true
      WHERE c.unit_id = ${unitId} AND ${inYears(sql`c.received_date`)}
      GROUP BY 1, 2`),
    c(sql`c.target`),
    c(sql`coalesce(p.regime, c.provider_regime, 'unknown')`, sql`AND c.target = 'provider'`),
    d(sql`'total'`),
    d(sql`d.target`),
    d(sql`d.category`),
    l(sql`'total'`),
    l(sql`l.category`),
    l(sql`coalesce(l.assessment, 'not_assessed')`),
    l(sql`'serious'`, sql`AND l.serious IS TRUE`),
    l(sql`'notified'`, sql`AND l.ivo_notified_date IS NOT NULL`),
    l(sql`'for_information'`, sql`AND l.for_information`)
  ])
  return {
    complaints: { total: cTotal, kind: cKind, category: cCategory, target: cTarget, providerRegime: cRegime },
    deviations: { total: dTotal, target: dTarget, category: dCategory },
    lexSarah: { total: lTotal, category: lCategory, assessment: lAssessment, serious: lSerious, notified: lNotified, forInformation: lForInformation }
  }
}
