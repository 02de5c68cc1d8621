/** The monthly volumes as CSV rows: one line per measure, this month and the same month a year earlier, Swedish headings. */
import type { DecisionOutcome } from '../../domain/application-process.js'
import type { CsvColumn } from '../../http/csv.js'
import type { BySex, Volumes } from './service.js'

const OUTCOME: Record<DecisionOutcome, string> = { granted: 'Bifall', partially_granted: 'Delvis avslag', rejected: 'Avslag' }

interface Line { measure: string; detail: string; current: BySex; lastYear: BySex }

const none: BySex = { total: 0, women: 0, men: 0 }

export function volumeLines(current: Volumes, lastYear: Volumes): Line[] {
  const lines: Line[] = []
  const services = [...new Set([...current.personsByServiceType, ...lastYear.personsByServiceType].map((r) => r.serviceTypeCode))].sort()
  for (const code of services) {
    lines.push({ measure: 'Personer med insats sista dagen', detail: code,
      current: current.personsByServiceType.find((r) => r.serviceTypeCode === code) ?? none, lastYear: lastYear.personsByServiceType.find((r) => r.serviceTypeCode === code) ?? none })
  }
  lines.push({ measure: 'Helmånadsplaceringar vård- och omsorgsboende', detail: '', current: current.fullMonthCareHomePlacements, lastYear: lastYear.fullMonthCareHomePlacements })
  lines.push({ measure: 'Beviljade hemtjänsttimmar per månad', detail: '', current: current.grantedHomeCareHours, lastYear: lastYear.grantedHomeCareHours })
  for (const outcome of Object.keys(OUTCOME) as DecisionOutcome[]) {
    lines.push({ measure: 'Beslut', detail: OUTCOME[outcome],
      current: current.decisionsByOutcome.find((r) => r.outcome === outcome) ?? none, lastYear: lastYear.decisionsByOutcome.find((r) => r.outcome === outcome) ?? none })
  }
  return lines
}

export function volumeColumns(month: string, lastYearMonth: string): CsvColumn<Line>[] {
  return [
    { header: 'Mått', value: (l) => l.measure },
    { header: 'Insats/utfall', value: (l) => l.detail },
    { header: `${month} totalt`, value: (l) => l.current.total },
    { header: `${month} kvinnor`, value: (l) => l.current.women },
    { header: `${month} män`, value: (l) => l.current.men },
    { header: `${lastYearMonth} totalt`, value: (l) => l.lastYear.total },
    { header: `${lastYearMonth} kvinnor`, value: (l) => l.lastYear.women },
    { header: `${lastYearMonth} män`, value: (l) => l.lastYear.men }
  ]
}
