import { Type } from 'typebox'
import { INDICATOR_LEVELS, INDICATOR_SOURCES, VALUE_SOURCES } from '../../domain/indicators/indicator.js'
import { PERIODICITIES } from '../../domain/indicators/period.js'
import { COMPARATORS, DIRECTIONS, MEASURE_UNITS, TRAFFIC_LIGHTS } from '../../domain/indicators/targets.js'
import { component, Instant, Nullable, PageQuery, ref, Uuid, Count, ActorId } from '../../http/schemas.js'
import { PeriodCode, Year } from '../goals/schemas.js'

const MeasureUnit = Type.Enum([...MEASURE_UNITS], { description: 'What the values measure; percent prints with " %".' })
const Direction = Type.Enum([...DIRECTIONS])
const Periodicity = Type.Enum([...PERIODICITIES], { description: 'tertial: reported in T1, T2 and the year; year: the year only.' })
const Source = Type.Enum([...INDICATOR_SOURCES], { description: 'manual entry, a survey (e.g. the individual quality follow-up), or computed from the service\'s own data by a formula.' })
const Level = Type.Enum([...INDICATOR_LEVELS], { description: 'kf: the city council\'s indicator, shared by every unit; council: the district council\'s own, kept by one unit.' })
const TrafficLight = Type.Enum([...TRAFFIC_LIGHTS], { description: 'grön / gul / röd' })
const Code = Type.String({ pattern: '^[a-z0-9][a-z0-9._-]{0,99}$', maxLength: 100, description: 'Stable code, unique among KF indicators or among one unit\'s own.', examples: ['sjukfranvaro'] })
const Name = Type.String({ minLength: 1, maxLength: 1000, description: 'The indicator\'s name verbatim, in Swedish.', examples: ['Sjukfrånvaro'] })
const FormulaParams = Type.Record(Type.String({ pattern: '^[A-Za-z]{1,50}$' }), Type.String({ maxLength: 100 }), {
  description: 'Parameters of the formula, e.g. {"serviceTypeCode":"home_care"}. See GET /v1/indicator-formulas.', examples: [{ serviceTypeCode: 'home_care' }]
})
const Margin = Type.Number({ minimum: 0, maximum: 1_000_000, description: 'Short of the target by at most this much (in the indicator\'s unit) is yellow; null: 10 % of the target.' })
/** Formula codes are the catalogue's (domain/indicators/formulas), at most 100 like the input naming them. */
const FormulaCode = Type.String({ maxLength: 100 })
const KoladaKpi = Type.String({ maxLength: 20, description: 'The matching Kolada KPI id, for the export; the code is used when none.', examples: ['N00945'] })

export const IndicatorCreate = Type.Object({
  code: Code,
  name: Name,
  description: Type.Optional(Nullable(Type.String({ maxLength: 5000 }))),
  unit: MeasureUnit,
  direction: Direction,
  periodicity: Periodicity,
  source: Source,
  level: Level,
  formulaCode: Type.Optional(Nullable(Type.String({ maxLength: 100, description: 'Required for (and only for) source computed.' }))),
  formulaParams: Type.Optional(FormulaParams),
  koladaKpi: Type.Optional(Nullable(KoladaKpi)),
  yellowMargin: Type.Optional(Nullable(Margin))
}, {
  additionalProperties: false,
  examples: [
    { code: 'sjukfranvaro', name: 'Sjukfrånvaro', unit: 'percent', direction: 'lower_is_better', periodicity: 'tertial', source: 'manual', level: 'kf' },
    { code: 'personer-med-hemtjanst', name: 'Antal personer med hemtjänst', unit: 'persons', direction: 'higher_is_better', periodicity: 'tertial', source: 'computed', level: 'council', formulaCode: 'people_with_services', formulaParams: { serviceTypeCode: 'home_care' } }
  ]
})

export const IndicatorUpdate = Type.Object({
  name: Type.Optional(Name),
  description: Type.Optional(Nullable(Type.String({ maxLength: 5000 }))),
  direction: Type.Optional(Direction),
  koladaKpi: Type.Optional(Nullable(KoladaKpi)),
  yellowMargin: Type.Optional(Nullable(Margin))
}, { additionalProperties: false, minProperties: 1, examples: [{ koladaKpi: 'N00945' }] })

export const Indicator = component('Indicator', Type.Object({
  id: Uuid,
  unitId: Nullable(Uuid),
  code: Code,
  name: Name,
  description: Nullable(Type.String({ maxLength: 5000 })),
  unit: MeasureUnit,
  direction: Direction,
  periodicity: Periodicity,
  source: Source,
  level: Level,
  formula: Nullable(Type.Object({ code: FormulaCode, version: Count({ description: 'The formula\'s current version.' }), params: FormulaParams })),
  koladaKpi: Nullable(KoladaKpi),
  yellowMargin: Nullable(Type.Number()),
  version: Count(),
  createdAt: Instant,
  updatedAt: Instant
}, {
  description: 'An indicator definition. KF indicators (unitId null) are the same for every unit; council indicators belong to one unit.',
  examples: [{
    id: '7d8e9f0a-1b2c-4d3e-8f4a-5b6c7d8e9f0a', unitId: null, code: 'sjukfranvaro', name: 'Sjukfrånvaro', description: null, unit: 'percent', direction: 'lower_is_better',
    periodicity: 'tertial', source: 'manual', level: 'kf', formula: null, koladaKpi: null, yellowMargin: null, version: 1,
    createdAt: '2021-02-01T09:00:00.000Z', updatedAt: '2021-02-01T09:00:00.000Z'
  }]
}))

export const IndicatorListQuery = Type.Object({
  level: Type.Optional(Level),
  source: Type.Optional(Source),
  year: Type.Optional(Type.Integer({ format: 'int32', minimum: 2000, maximum: 2100, description: 'Only indicators the caller\'s unit has targets for in this year.' })),
  ...PageQuery
}, { additionalProperties: false })

const TargetSchema = Type.Object({
  value: Nullable(Type.Number({ description: 'The numeric target, used for the traffic light.' })),
  comparator: Nullable(Type.Enum([...COMPARATORS], { description: 'at_most: "max 10"; at_least: "minst 10". Null: the indicator\'s direction decides.' })),
  text: Nullable(Type.String({ maxLength: 200, description: 'The target as printed, verbatim ("Tas fram av nämnd/styrelse", "Max 10 personer"); printed instead of the number.' }))
}, { additionalProperties: false, description: 'A number with an optional comparator, and/or the printed text.' })

export const TargetsBody = Type.Object({
  goalId: Uuid,
  position: Type.Optional(Type.Integer({ format: 'int32', minimum: 0, maximum: 100_000, description: 'Order under the goal in the report table (then by name).' })),
  annualTarget: Nullable(TargetSchema),
  kfAnnualTarget: Nullable(TargetSchema)
}, {
  additionalProperties: false,
  description: 'For the caller\'s unit and the year: the goal the indicator is reported under (a goal of that plan year), the council\'s annual target (Årsmål) and KF\'s annual target (KF:s årsmål).',
  examples: [{ goalId: '6c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f', position: 1, annualTarget: { value: 10, comparator: null, text: null }, kfAnnualTarget: { value: null, comparator: null, text: 'Tas fram av nämnd/styrelse' } }]
})

export const IndicatorTargets = component('IndicatorTargets', Type.Object({
  indicatorId: Uuid,
  unitId: Uuid,
  year: Year,
  goalId: Uuid,
  position: Count(),
  annualTarget: Nullable(TargetSchema),
  kfAnnualTarget: Nullable(TargetSchema),
  version: Count(),
  updatedAt: Instant
}, {
  examples: [{
    indicatorId: '7d8e9f0a-1b2c-4d3e-8f4a-5b6c7d8e9f0a', unitId: '3f1c2b9a-5d7e-4c1a-9b2f-8e6d4a2c1b0f', year: 2021, goalId: '6c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f', position: 1,
    annualTarget: { value: 10, comparator: null, text: null }, kfAnnualTarget: { value: null, comparator: null, text: 'Tas fram av nämnd/styrelse' }, version: 1, updatedAt: '2021-02-01T09:00:00.000Z'
  }]
}))

export const YearParams = Type.Object({ id: Uuid, year: Year }, { additionalProperties: false })

const Figure = Type.Number({ minimum: -1_000_000_000, maximum: 1_000_000_000 })
const Basis = Type.Integer({ format: 'int32', minimum: 0, maximum: 100_000_000 })

export const ValueBody = Type.Object({
  year: Year,
  period: PeriodCode,
  total: Type.Optional(Nullable(Figure)),
  women: Type.Optional(Nullable(Figure)),
  men: Type.Optional(Nullable(Figure)),
  totalBasis: Type.Optional(Nullable(Basis)),
  womenBasis: Type.Optional(Nullable(Basis)),
  menBasis: Type.Optional(Nullable(Basis)),
  missingReason: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 2000, description: 'Why there is no value, e.g. "Mätmetod saknas".' }))),
  analysis: Type.Optional(Nullable(Type.String({ maxLength: 20_000, description: 'Analys, verbatim.' }))),
  statusOverride: Type.Optional(Nullable(Type.Object({
    status: TrafficLight,
    reason: Type.String({ minLength: 1, maxLength: 2000 })
  }, { additionalProperties: false, description: 'Overrides the derived traffic light; the reason is required.' })))
}, {
  additionalProperties: false,
  description: 'A value for the caller\'s unit. A value needs a total, women or men figure, or a missing-value reason.',
  examples: [
    { year: 2021, period: 'year', total: 6.2, analysis: null },
    { year: 2021, period: 'year', missingReason: 'Mätmetod saknas', analysis: 'Mätmetod saknas i nuläget.' }
  ]
})

export const IndicatorValue = component('IndicatorValue', Type.Object({
  id: Uuid,
  indicatorId: Uuid,
  unitId: Uuid,
  year: Year,
  period: PeriodCode,
  total: Nullable(Type.Number()),
  women: Nullable(Type.Number()),
  men: Nullable(Type.Number()),
  basis: Nullable(Type.Object({ total: Nullable(Count()), women: Nullable(Count()), men: Nullable(Count()) }, { description: 'The number of answers or records behind each figure.' })),
  missingReason: Nullable(Type.String({ maxLength: 2000 })),
  analysis: Nullable(Type.String({ maxLength: 20_000 })),
  status: Nullable(TrafficLight),
  derivedStatus: Nullable(Type.Enum([...TRAFFIC_LIGHTS], { description: 'From the total, the year\'s annual target and the direction; null without a numeric target or a total.' })),
  statusOverride: Nullable(Type.Object({ status: TrafficLight, reason: Type.String({ maxLength: 2000 }) })),
  source: Type.Enum([...VALUE_SOURCES]),
  formula: Nullable(Type.Object({ code: FormulaCode, version: Count(), computedAt: Instant })),
  recordedBy: ActorId,
  recordedAt: Instant,
  current: Type.Boolean({ description: 'False for an earlier value that a later one replaced.' })
}, {
  description: 'An indicator\'s value for a unit and period. `status` is the override when there is one, else the derived status.',
  examples: [{
    id: '8e9f0a1b-2c3d-4e4f-9a5b-6c7d8e9f0a1b', indicatorId: '7d8e9f0a-1b2c-4d3e-8f4a-5b6c7d8e9f0a', unitId: '3f1c2b9a-5d7e-4c1a-9b2f-8e6d4a2c1b0f',
    year: 2021, period: 'year', total: 6.2, women: null, men: null, basis: null, missingReason: null, analysis: null,
    status: 'green', derivedStatus: 'green', statusOverride: null, source: 'manual', formula: null,
    recordedBy: 'eva.ek', recordedAt: '2022-01-18T10:00:00.000Z', current: true
  }]
}))

export const ValueListQuery = Type.Object({
  year: Type.Optional(Year),
  period: Type.Optional(PeriodCode),
  history: Type.Optional(Type.Boolean({ description: 'Include values that later ones replaced (default false).' })),
  ...PageQuery
}, { additionalProperties: false })

export const ComputeBody = Type.Object({ year: Year, period: PeriodCode }, {
  additionalProperties: false, examples: [{ year: 2026, period: 'T1' }]
})

export const ValueParams = Type.Object({ id: Uuid, valueId: Uuid }, { additionalProperties: false })

export const FormulaInfo = component('IndicatorFormula', Type.Object({
  code: Type.String({ ...FormulaCode, examples: ['people_with_services'] }),
  version: Count(),
  title: Type.String({ maxLength: 200 }),
  description: Type.String({ maxLength: 2000 }),
  unit: MeasureUnit,
  direction: Direction,
  params: Type.Array(Type.Object({ name: Type.String({ maxLength: 50 }), description: Type.String({ maxLength: 500 }), required: Type.Boolean(), kind: Type.Enum(['service_type_code', 'outcome']) }), { maxItems: 10 })
}, {
  description: 'A formula of the computed-indicator catalogue.',
  examples: [{ code: 'people_with_services', version: 1, title: 'Antal personer med insats', description: 'People with a granted decision of the service type in force on the period\'s last day.', unit: 'persons', direction: 'higher_is_better', params: [{ name: 'serviceTypeCode', description: 'The service type, e.g. home_care.', required: true, kind: 'service_type_code' }] }]
}))

// One per year of the caller's unit (primary key indicator, unit, year; CHECK year 2000–2100).
export const TargetsList = Type.Object({ items: Type.Array(ref(IndicatorTargets), { maxItems: 101, description: 'One per year (2000–2100).' }) })
