/**
 * Reporting periods of the city's management system: the tertial reports T1 (January–April)
 * and T2 (May–August), and the year, reported in the annual report (VB). DOMAIN §1 and §4.
 */
export const PERIODS = ['T1', 'T2', 'year'] as const
export type Period = (typeof PERIODS)[number]

/** tertial: reported in T1, T2 and the year; year: the year only. */
export const PERIODICITIES = ['tertial', 'year'] as const
export type Periodicity = (typeof PERIODICITIES)[number]

export interface ReportingPeriod {
  year: number
  period: Period
  /** First and last day, as legal dates. */
  start: string
  end: string
}

export const MIN_YEAR = 2000
export const MAX_YEAR = 2100

const RANGES: Record<Period, [string, string]> = {
  T1: ['01-01', '04-30'],
  T2: ['05-01', '08-31'],
  year: ['01-01', '12-31']
}

export function isPeriod(value: unknown): value is Period {
  return typeof value === 'string' && (PERIODS as readonly string[]).includes(value)
}

/** The period's dates, or null when the year or the period is not one we report. */
export function reportingPeriod(year: number, period: string): ReportingPeriod | null {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR || !isPeriod(period)) return null
  const [from, to] = RANGES[period]
  return { year, period, start: `${year}-${from}`, end: `${year}-${to}` }
}

/** The periods an indicator is reported in: a yearly indicator has no tertial values. */
export function periodsOf(periodicity: Periodicity): readonly Period[] {
  return periodicity === 'tertial' ? PERIODS : ['year']
}

export function isReportedIn(periodicity: Periodicity, period: Period): boolean {
  return periodsOf(periodicity).includes(period)
}

/**
 * The "Period" cell of the report table: a tertial indicator's yearly value is the annual
 * report's ("VB 2021"), a yearly indicator's is just the year ("2021") — as seeds 000 and 004 print them.
 */
export function periodLabel(year: number, period: Period, periodicity: Periodicity = 'tertial'): string {
  if (period !== 'year') return `${period} ${year}`
  return periodicity === 'tertial' ? `VB ${year}` : String(year)
}
