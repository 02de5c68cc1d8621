/**
 * Goals and indicators for every unit and plan year of the window, in the shape of the demo
 * (src/demo/vb-2021.ts): KF direction goal 1 → KF goal 1.5 → a council goal → a unit goal,
 * assessed per period once it has passed; four of the city's KF indicators (survey results
 * and sick leave) with targets and values per unit, year and period; and two computed
 * indicators of the unit's own (not-executed decisions, people with home care) with targets
 * but no values, so that computing them is left to the API.
 */
import type { IndicatorSource } from '../domain/indicators/indicator.js'
import type { Period, Periodicity } from '../domain/indicators/period.js'
import type { Direction } from '../domain/indicators/targets.js'
import { instantOn, type CityContext } from './context.js'
import type { Unit } from './persons.js'
import { clamp } from './random.js'
import { unitManager } from './staff.js'

interface KfIndicator {
  code: string
  name: string
  unit: 'percent'
  direction: Direction
  periodicity: Periodicity
  source: Extract<IndicatorSource, 'survey' | 'manual'>
  target: number
  mean: number
}

/** Codes and names as in the demo, so that loading the demo later reuses them. */
const KF_INDICATORS: KfIndicator[] = [
  { code: 'nojda-hemtjanst', name: 'Andelen nöjda omsorgstagare i hemtjänst', unit: 'percent', direction: 'higher_is_better', periodicity: 'year', source: 'survey', target: 86, mean: 86 },
  { code: 'nojda-vard-och-omsorgsboende', name: 'Andelen nöjda omsorgstagare i vård- och omsorgsboende', unit: 'percent', direction: 'higher_is_better', periodicity: 'year', source: 'survey', target: 82, mean: 81 },
  { code: 'trygga-hemtjanst', name: 'Andel trygga omsorgstagare i hemtjänsten', unit: 'percent', direction: 'higher_is_better', periodicity: 'year', source: 'survey', target: 82, mean: 81 },
  { code: 'sjukfranvaro', name: 'Sjukfrånvaro', unit: 'percent', direction: 'lower_is_better', periodicity: 'tertial', source: 'manual', target: 10, mean: 7 }
]

const COMPUTED = [
  { code: 'ej-verkstallda-beslut', name: 'Antal ej verkställda beslut äldre än tre månader', unit: 'count', direction: 'lower_is_better', formula: 'not_executed_decisions', params: {} },
  { code: 'personer-med-hemtjanst', name: 'Antal personer med hemtjänst', unit: 'persons', direction: 'higher_is_better', formula: 'people_with_services', params: { serviceTypeCode: 'home_care' } }
] as const

/** The periods of a year that have ended by today (T1 ends with April, T2 with August). */
export function endedPeriods(year: number, today: string): Period[] {
  const periods: Period[] = []
  if (today > `${year}-04-30`) periods.push('T1')
  if (today > `${year}-08-31`) periods.push('T2')
  if (today > `${year}-12-31`) periods.push('year')
  return periods
}

const periodEnd = (year: number, period: Period) => (period === 'T1' ? `${year}-04-30` : period === 'T2' ? `${year}-08-31` : `${year}-12-31`)

export function generateGoals(ctx: CityContext, units: readonly Unit[], firstYear: number, lastYear: number): void {
  const { random, today, tables } = ctx
  const kfIds = new Map<string, string>()
  for (const k of KF_INDICATORS) {
    const id = random.uuid()
    kfIds.set(k.code, id)
    tables.indicators.add({ id, unit_id: null, code: k.code, name: k.name, measure_unit: k.unit, direction: k.direction, periodicity: k.periodicity, source: k.source, level: 'kf', formula_code: null, formula_params: '{}' })
  }
  for (const unit of units) {
    const computedIds = COMPUTED.map((c) => {
      const id = random.uuid()
      tables.indicators.add({ id, unit_id: unit.id, code: c.code, name: c.name, measure_unit: c.unit, direction: c.direction, periodicity: 'tertial', source: 'computed', level: 'council', formula_code: c.formula, formula_params: JSON.stringify(c.params) })
      return id
    })
    // Each unit is a little better or worse than the city on its surveys, year after year.
    const bias = 3 * random.normal()
    for (let year = firstYear; year <= lastYear; year++) {
      const ids = { direction: random.uuid(), area: random.uuid(), council: random.uuid(), unit: random.uuid() }
      tables.goals.add({ id: ids.direction, unit_id: unit.id, plan_year: year, level: 'kf_direction', parent_id: null, code: 'kf-1', number: '1', title: 'En modern storstad med möjligheter och valfrihet för alla', expected_result: null, position: 0 })
      tables.goals.add({ id: ids.area, unit_id: unit.id, plan_year: year, level: 'kf_area', parent_id: ids.direction, code: 'kf-1.5', number: '1.5', title: 'I Stockholm har äldre en tillvaro som präglas av hög kvalitet, trygghet och självbestämmande', expected_result: null, position: 1 })
      tables.goals.add({ id: ids.council, unit_id: unit.id, plan_year: year, level: 'council', parent_id: ids.area, code: 'namnd-aldre-insatser-hog-kvalitet', number: null, title: 'Äldre får insatser av hög kvalitet som ger trygghet, valfrihet och stärker förmågan att leva ett värdigt och självständigt liv', expected_result: 'Äldre känner sig trygga och är nöjda med äldreomsorgen.', position: 2 })
      tables.goals.add({ id: ids.unit, unit_id: unit.id, plan_year: year, level: 'unit', parent_id: ids.council, code: 'enhet-rattssaker-myndighetsutovning', number: null, title: 'Enheten bedriver en rättssäker och likställd myndighetsutövning av hög kvalitet.', expected_result: 'Samtliga beslut är aktuella och verkställs i tid.', position: 3 })
      for (const period of endedPeriods(year, today)) {
        for (const goalId of [ids.area, ids.council, ids.unit]) {
          tables.goal_assessments.add({ goal_id: goalId, period, fulfilment: random.chance(0.7) ? 'fully' : random.chance(0.8) ? 'partly' : 'not', analysis: null, assessed_by: unitManager(unit.code), assessed_at: instantOn(periodEnd(year, period), 12) })
        }
      }
      KF_INDICATORS.forEach((k, position) => {
        const indicatorId = kfIds.get(k.code) as string
        tables.indicator_targets.add({ indicator_id: indicatorId, unit_id: unit.id, year, goal_id: ids.area, position, target_value: k.target, target_comparator: k.direction === 'lower_is_better' ? 'at_most' : 'at_least', target_text: null, kf_target_value: k.source === 'survey' ? k.target : null, kf_target_comparator: null, kf_target_text: k.source === 'survey' ? null : 'Tas fram av nämnd/styrelse' })
        for (const period of endedPeriods(year, today)) {
          if (k.periodicity === 'year' && period !== 'year') continue
          const total = Math.round(clamp(k.mean + (k.source === 'survey' ? bias : bias / 4) + 2 * random.normal(), 0, 100) * 10) / 10
          const women = Math.round(clamp(total + random.normal(), 0, 100) * 10) / 10
          const men = Math.round(clamp(total + 1.5 * random.normal(), 0, 100) * 10) / 10
          tables.indicator_values.add({
            indicator_id: indicatorId, unit_id: unit.id, year, period, total, women: k.source === 'survey' ? women : null, men: k.source === 'survey' ? men : null,
            missing_reason: null, analysis: null, source: 'manual', recorded_by: unitManager(unit.code), recorded_at: instantOn(periodEnd(year, period), 12), current: true
          })
        }
      })
      computedIds.forEach((indicatorId, i) => {
        tables.indicator_targets.add({ indicator_id: indicatorId, unit_id: unit.id, year, goal_id: ids.unit, position: i + 1, target_value: null, target_comparator: null, target_text: null, kf_target_value: null, kf_target_comparator: null, kf_target_text: null })
      })
    }
  }
}
