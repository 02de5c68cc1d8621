/**
 * The annual quality summary (DOMAIN §3): counts by kind, category, target and provider regime
 * for a year, each as a share of that year's total ("33 % (10/30) concerned private
 * providers"), with the previous year beside every figure.
 */
import { COMPLAINT_KINDS, COMPLAINT_TARGETS } from './complaint-process.js'
import { DEVIATION_TARGETS } from './deviation-process.js'
import { LEX_SARAH_ASSESSMENTS } from './lex-sarah-process.js'
import { PROVIDER_REGIMES } from './provider.js'
import { compareCounts, share, type Comparison } from './shares.js'

/** key → count, for one year */
export type Counts = ReadonlyMap<string, number>

export interface YearPair { current: Counts; previous: Counts }

const totalOf = (counts: Counts) => counts.get('total') ?? 0

function breakdown(by: YearPair, totals: YearPair, keys: readonly string[] = []): Comparison[] {
  return compareCounts(by.current, totalOf(totals.current), by.previous, totalOf(totals.previous), keys)
}

function single(by: YearPair, key: string, totals: YearPair): Comparison {
  return {
    key,
    current: share(by.current.get(key) ?? 0, totalOf(totals.current)),
    previous: share(by.previous.get(key) ?? 0, totalOf(totals.previous))
  }
}

const total = (totals: YearPair) => ({ current: totalOf(totals.current), previous: totalOf(totals.previous) })

export interface SummaryInput {
  complaints: { total: YearPair; kind: YearPair; category: YearPair; target: YearPair; providerRegime: YearPair }
  deviations: { total: YearPair; target: YearPair; category: YearPair }
  lexSarah: { total: YearPair; category: YearPair; assessment: YearPair; serious: YearPair; notified: YearPair; forInformation: YearPair }
}

export function qualitySummary(input: SummaryInput) {
  const { complaints: c, deviations: d, lexSarah: l } = input
  return {
    complaints: {
      total: total(c.total),
      byKind: breakdown(c.kind, c.total, COMPLAINT_KINDS),
      // Several categories per complaint: these shares can add up to more than 100 %.
      byCategory: breakdown(c.category, c.total),
      byTarget: breakdown(c.target, c.total, COMPLAINT_TARGETS),
      // Shares of all complaints, as the annual report puts it: "33 % (10/30) concerned private providers".
      byProviderRegime: breakdown(c.providerRegime, c.total, [...PROVIDER_REGIMES, 'unknown'])
    },
    deviations: {
      total: total(d.total),
      byTarget: breakdown(d.target, d.total, DEVIATION_TARGETS),
      byCategory: breakdown(d.category, d.total)
    },
    lexSarah: {
      total: total(l.total),
      byCategory: breakdown(l.category, l.total),
      byAssessment: breakdown(l.assessment, l.total, [...LEX_SARAH_ASSESSMENTS, 'not_assessed']),
      serious: single(l.serious, 'serious', l.total),
      notifiedToIvo: single(l.notified, 'notified', l.total),
      forInformation: single(l.forInformation, 'for_information', l.total)
    }
  }
}
