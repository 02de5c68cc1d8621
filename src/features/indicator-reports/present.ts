import type { CsvColumn } from '../../http/csv.js'
import type { indicatorTable, koladaExport } from './service.js'

type Table = Awaited<ReturnType<typeof indicatorTable>>
type Row = Table['table'][number]
type KoladaItem = Awaited<ReturnType<typeof koladaExport>>['items'][number]

const goalRef = (g: Row['goal']) => ({ id: g.id, level: g.level, number: g.number, title: g.title })

export function toIndicatorTable({ unit, year, period, columns, table }: Table) {
  return {
    unit, year, period, columns,
    rows: table.map(({ goal, goalPath, entry, cells }) => ({
      goal: goalRef(goal), goalPath: goalPath.map(goalRef), indicatorId: entry.indicator.id, code: entry.indicator.code, cells,
      values: { total: entry.value?.total ?? null, men: entry.value?.men ?? null, women: entry.value?.women ?? null, previousTotal: entry.previousTotal },
      status: entry.value?.status ?? null, missingReason: entry.value?.missingReason ?? null, analysis: entry.value?.analysis ?? null
    }))
  }
}

/** Exactly the eight columns of the report, headed as the period prints them. */
export function indicatorTableCsvColumns(columns: readonly string[]): CsvColumn<Row>[] {
  const keys = ['indicator', 'outcome', 'outcomeMen', 'outcomeWomen', 'previousOutcome', 'annualTarget', 'kfAnnualTarget', 'period'] as const
  return keys.map((key, i) => ({ header: columns[i] ?? key, value: (row) => row.cells[key] }))
}

export const koladaCsvColumns: CsvColumn<KoladaItem>[] = [
  { header: 'kpi', value: (r) => r.kpi }, { header: 'ou', value: (r) => r.ou }, { header: 'period', value: (r) => r.period },
  { header: 'gender', value: (r) => r.gender }, { header: 'value', value: (r) => r.value }
]
