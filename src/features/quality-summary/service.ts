/** The annual quality summary of the caller's unit, with the previous year beside it. */
import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.js'
import { qualitySummary, type YearPair } from '../../domain/quality-summary.js'
import { notFound } from '../../http/problem.js'
import type { Caller } from '../../service/caller.js'
import { findReportUnit } from '../units/service.js'
import { loadQualityCounts, type YearCounts } from './repository.js'

const pair = (counts: YearCounts, year: number): YearPair => ({ current: counts.get(year) ?? new Map(), previous: counts.get(year - 1) ?? new Map() })

export async function qualitySummaryReport(db: Kysely<DB>, caller: Caller, year: number) {
  const unit = await findReportUnit(db, caller.actor.unitId)
  if (!unit) throw notFound('Unit')
  const counts = await loadQualityCounts(db, unit.id, [year, year - 1])
  const p = (c: YearCounts) => pair(c, year)
  const summary = qualitySummary({
    complaints: { total: p(counts.complaints.total), kind: p(counts.complaints.kind), category: p(counts.complaints.category), target: p(counts.complaints.target), providerRegime: p(counts.complaints.providerRegime) },
    deviations: { total: p(counts.deviations.total), target: p(counts.deviations.target), category: p(counts.deviations.category) },
    lexSarah: {
      total: p(counts.lexSarah.total), category: p(counts.lexSarah.category), assessment: p(counts.lexSarah.assessment),
      serious: p(counts.lexSarah.serious), notified: p(counts.lexSarah.notified), forInformation: p(counts.lexSarah.forInformation)
    }
  })
  return { unit, year, previousYear: year - 1, ...summary }
}
