import t from 'tap'
import { compareNumbers, orderGoals, parentLevelOf } from '../../src/domain/indicators/goal-tree.js'
import { buildIndicatorTable, tableColumns, type TableEntry } from '../../src/domain/indicators/indicator-table.js'
import { isReportedIn, periodLabel, reportingPeriod } from '../../src/domain/indicators/period.js'
import { deriveStatus, formatTarget, formatValue } from '../../src/domain/indicators/targets.js'

t.test('reporting periods: T1 January–April, T2 May–August, the year', async (t) => {
  t.same(reportingPeriod(2021, 'T1'), { year: 2021, period: 'T1', start: '2021-01-01', end: '2021-04-30' })
  t.same(reportingPeriod(2021, 'T2'), { year: 2021, period: 'T2', start: '2021-05-01', end: '2021-08-31' })
  t.same(reportingPeriod(2024, 'year'), { year: 2024, period: 'year', start: '2024-01-01', end: '2024-12-31' })
  for (const [year, period] of [[2021, 'T3'], [2021, 'VB'], [2021, 't1'], [1999, 'T1'], [2101, 'year'], [2021.5, 'year']] as const) {
    t.equal(reportingPeriod(year, period), null, `${period} ${year}`)
  }
  t.equal(isReportedIn('tertial', 'T1'), true)
  t.equal(isReportedIn('year', 'T1'), false, 'a yearly indicator has no tertial value')
  t.equal(isReportedIn('year', 'year'), true)
  t.equal(periodLabel(2021, 'year', 'tertial'), 'VB 2021', 'seed 000 prints the tertial indicator\'s year as VB 2021')
  t.equal(periodLabel(2021, 'year', 'year'), '2021', 'seed 004 prints a yearly indicator\'s period as 2021')
  t.equal(periodLabel(2021, 'T2', 'tertial'), 'T2 2021')
})

t.test('values and targets as the report prints them', async (t) => {
  t.equal(formatValue(6.2, 'percent'), '6,2 %')
  t.equal(formatValue(1, 'percent'), '1 %')
  t.equal(formatValue(12.9, 'persons'), '12,9')
  t.equal(formatValue(73.3333, 'percent'), '73,3 %', 'one decimal')
  t.equal(formatValue(66.66667, 'percent'), '66,7 %')
  t.equal(formatValue(0, 'percent'), '0 %')
  t.equal(formatValue(null, 'percent'), '')
  t.equal(formatTarget({ value: 10, comparator: null, text: null }, 'percent'), '10 %')
  t.equal(formatTarget({ value: null, comparator: null, text: 'Tas fram av nämnd/styrelse' }, 'percent'), 'Tas fram av nämnd/styrelse')
  t.equal(formatTarget({ value: 10, comparator: 'at_most', text: 'Max 10 personer' }, 'persons'), 'Max 10 personer', 'the printed text wins')
  t.equal(formatTarget({ value: 10, comparator: 'at_most', text: null }, 'persons'), 'Max 10')
  t.equal(formatTarget({ value: 90, comparator: 'at_least', text: null }, 'percent'), 'Minst 90 %')
  t.equal(formatTarget(null, 'percent'), '')
})

t.test('traffic light: derived where a numeric target and a direction allow it', async (t) => {
  const target = (value: number | null, comparator: 'at_least' | 'at_most' | null = null, text: string | null = null) => ({ value, comparator, text })
  // Higher is better, target 86, default yellow margin 10 % of the target (8.6).
  t.equal(deriveStatus(94.1, target(86), 'higher_is_better'), 'green')
  t.equal(deriveStatus(86, target(86), 'higher_is_better'), 'green', 'meeting the target exactly is green')
  t.equal(deriveStatus(77.4, target(86), 'higher_is_better'), 'yellow', 'just inside the margin')
  t.equal(deriveStatus(77.3, target(86), 'higher_is_better'), 'red', 'just outside the margin')
  // Lower is better: sick leave 6.2 % against 10 %.
  t.equal(deriveStatus(6.2, target(10), 'lower_is_better'), 'green')
  t.equal(deriveStatus(11, target(10), 'lower_is_better'), 'yellow')
  t.equal(deriveStatus(11.1, target(10), 'lower_is_better'), 'red')
  // A comparator decides the side: "max 10" with an indicator that says higher is better.
  t.equal(deriveStatus(12.9, target(10, 'at_most'), 'higher_is_better'), 'red')
  t.equal(deriveStatus(9, target(10, 'at_most'), 'higher_is_better'), 'green')
  t.equal(deriveStatus(9, target(10, 'at_least'), 'lower_is_better'), 'yellow')
  // An explicit margin.
  t.equal(deriveStatus(80, target(86), 'higher_is_better', 5), 'red')
  t.equal(deriveStatus(81, target(86), 'higher_is_better', 5), 'yellow')
  t.equal(deriveStatus(85, target(86), 'higher_is_better', 0), 'red', 'margin 0: no yellow')
  // Nothing to derive from.
  t.equal(deriveStatus(null, target(86), 'higher_is_better'), null)
  t.equal(deriveStatus(50, target(null, null, 'Tas fram av nämnd'), 'higher_is_better'), null)
  t.equal(deriveStatus(50, null, 'higher_is_better'), null)
})

t.test('the goal hierarchy', async (t) => {
  t.equal(parentLevelOf('kf_direction'), null)
  t.equal(parentLevelOf('kf_area'), 'kf_direction')
  t.equal(parentLevelOf('council'), 'kf_area')
  t.equal(parentLevelOf('unit'), 'council')
  t.ok(compareNumbers('1.5', '1.10') < 0, '1.5 before 1.10')
  t.ok(compareNumbers('2', '1.5') > 0)
  t.ok(compareNumbers('3.1', null) < 0, 'unnumbered goals last')
  const goals = [
    { id: 'c', parentId: null, position: 0, number: '3' },
    { id: 'a', parentId: null, position: 0, number: '1' },
    { id: 'c2', parentId: 'c', position: 0, number: '3.2' },
    { id: 'c1', parentId: 'c', position: 0, number: '3.1' },
    { id: 'a5', parentId: 'a', position: 0, number: '1.5' },
    { id: 'n', parentId: 'a5', position: 0, number: null },
    { id: 'orphan', parentId: 'gone', position: 0, number: '9' }
  ]
  t.same(orderGoals(goals).map((g) => g.id), ['a', 'a5', 'n', 'c', 'c1', 'c2', 'orphan'])
  const byPosition = [{ id: 'x', parentId: null, position: 2, number: '1' }, { id: 'y', parentId: null, position: 1, number: '2' }]
  t.same(orderGoals(byPosition).map((g) => g.id), ['y', 'x'], 'position before number')
})

t.test('the table: VB columns, goal order, period filter', async (t) => {
  t.same(tableColumns(2021, 'year'), ['Indikator', 'Periodens utfall', 'Utfall män/pojkar', 'Utfall kvinnor/flickor', 'Periodens utfall VB 2020', 'Årsmål', 'KF:s årsmål', 'Period'])
  t.equal(tableColumns(2021, 'T2')[4], 'Periodens utfall T2 2020')
  const goals = [
    { id: 'g3', parentId: null, position: 0, number: '3', level: 'kf_direction' as const, title: 'Tre' },
    { id: 'g32', parentId: 'g3', position: 0, number: '3.2', level: 'kf_area' as const, title: 'Tre två' },
    { id: 'g1', parentId: null, position: 0, number: '1', level: 'kf_direction' as const, title: 'Ett' }
  ]
  const entry = (id: string, goalId: string, position: number, periodicity: 'tertial' | 'year', total: number | null): TableEntry => ({
    indicator: { id, code: id, name: `Indikator ${id}`, unit: 'percent', direction: 'lower_is_better', periodicity },
    goalId, position,
    annualTarget: { value: 10, comparator: null, text: null },
    kfAnnualTarget: { value: null, comparator: null, text: 'Tas fram av nämnd/styrelse' },
    value: total === null ? null : { total, women: null, men: null, missingReason: null, analysis: null, status: null },
    previousTotal: 6.5
  })
  const entries = [entry('b', 'g32', 2, 'tertial', 1), entry('a', 'g32', 1, 'tertial', 6.2), entry('y', 'g1', 0, 'year', 50)]
  const year = buildIndicatorTable(goals, entries, 2021, 'year')
  t.same(year.map((r) => r.entry.indicator.id), ['y', 'a', 'b'], 'goal 1 before goal 3.2; by position within a goal')
  t.same(year[1]?.cells, { indicator: 'Indikator a', outcome: '6,2 %', outcomeMen: '', outcomeWomen: '', previousOutcome: '6,5 %', annualTarget: '10 %', kfAnnualTarget: 'Tas fram av nämnd/styrelse', period: 'VB 2021' })
  t.same(year[1]?.goalPath.map((g) => g.id), ['g3', 'g32'])
  t.equal(year[0]?.cells.period, '2021')
  const t1 = buildIndicatorTable(goals, entries, 2021, 'T1')
  t.same(t1.map((r) => r.entry.indicator.id), ['a', 'b'], 'yearly indicators are not in T1')
  t.equal(t1[0]?.cells.period, 'T1 2021')
})
