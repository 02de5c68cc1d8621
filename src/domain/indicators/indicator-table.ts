/**
 * The annual report's indicator table (VB, and the tertial reports), exactly as seeds 000 and
 * 004 lay it out: Indikator | Periodens utfall | Utfall män/pojkar | Utfall kvinnor/flickor |
 * Periodens utfall VB 2020 | Årsmål | KF:s årsmål | Period. Rows follow the goal hierarchy.
 */
import { orderGoals, type GoalLevel, type TreeGoal } from './goal-tree.js'
import { isReportedIn, periodLabel, type Period, type Periodicity } from './period.js'
import { formatTarget, formatValue, type Direction, type MeasureUnit, type Target, type TrafficLight } from './targets.js'

export interface TableGoal extends TreeGoal {
  level: GoalLevel
  title: string
}

export interface TableValue {
  total: number | null
  women: number | null
  men: number | null
  missingReason: string | null
  analysis: string | null
  status: TrafficLight | null
}

export interface TableEntry {
  indicator: { id: string; code: string; name: string; unit: MeasureUnit; direction: Direction; periodicity: Periodicity }
  goalId: string
  position: number
  annualTarget: Target | null
  kfAnnualTarget: Target | null
  value: TableValue | null
  previousTotal: number | null
}

export interface TableCells {
  indicator: string
  outcome: string
  outcomeMen: string
  outcomeWomen: string
  previousOutcome: string
  annualTarget: string
  kfAnnualTarget: string
  period: string
}

export function tableColumns(year: number, period: Period): string[] {
  return ['Indikator', 'Periodens utfall', 'Utfall män/pojkar', 'Utfall kvinnor/flickor', `Periodens utfall ${periodLabel(year - 1, period)}`, 'Årsmål', 'KF:s årsmål', 'Period']
}

export function cellsOf(entry: TableEntry, year: number, period: Period): TableCells {
  const { unit } = entry.indicator
  const v = entry.value
  return {
    indicator: entry.indicator.name,
    outcome: formatValue(v?.total ?? null, unit),
    outcomeMen: formatValue(v?.men ?? null, unit),
    outcomeWomen: formatValue(v?.women ?? null, unit),
    previousOutcome: formatValue(entry.previousTotal, unit),
    annualTarget: formatTarget(entry.annualTarget, unit),
    kfAnnualTarget: formatTarget(entry.kfAnnualTarget, unit),
    period: periodLabel(year, period, entry.indicator.periodicity)
  }
}

/**
 * The table's rows: the goals depth first, each followed by its indicators (by position, then
 * name). Indicators not reported in the period (a yearly one in T1) are left out.
 */
export function buildIndicatorTable(goals: readonly TableGoal[], entries: readonly TableEntry[], year: number, period: Period) {
  const ordered = orderGoals(goals)
  const byGoal = new Map<string, TableEntry[]>()
  for (const entry of entries) {
    if (!isReportedIn(entry.indicator.periodicity, period)) continue
    const list = byGoal.get(entry.goalId) ?? []
    list.push(entry)
    byGoal.set(entry.goalId, list)
  }
  const goalById = new Map(goals.map((g) => [g.id, g]))
  const pathOf = (goal: TableGoal) => {
    const path: TableGoal[] = []
    for (let g: TableGoal | undefined = goal; g; g = g.parentId === null ? undefined : goalById.get(g.parentId)) path.unshift(g)
    return path
  }
  return ordered.flatMap((goal) => (byGoal.get(goal.id) ?? [])
    .sort((a, b) => a.position - b.position || a.indicator.name.localeCompare(b.indicator.name, 'sv'))
    .map((entry) => ({ goal, goalPath: pathOf(goal), entry, cells: cellsOf(entry, year, period) })))
}
