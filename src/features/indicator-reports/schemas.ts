import { Type } from 'typebox'
import { GOAL_LEVELS } from '../../domain/indicators/goal-tree.js'
import { TRAFFIC_LIGHTS } from '../../domain/indicators/targets.js'
import { UnitRef } from '../units/schemas.js'
import { component, Nullable, Uuid } from '../../http/schemas.js'
import { PeriodCode, Year } from '../goals/schemas.js'

const Unit = UnitRef
const TrafficLight = Nullable(Type.Enum([...TRAFFIC_LIGHTS]))

export const TableQuery = Type.Object({
  year: Year,
  period: PeriodCode,
  unitId: Type.Optional(Type.String({ format: 'uuid', maxLength: 36, description: 'Another unit (statistics readers only); default: the caller\'s unit.' }))
}, { additionalProperties: false })

export const ExportQuery = Type.Object({
  year: Year,
  period: Type.Optional(PeriodCode),
  unitId: Type.Optional(Type.String({ format: 'uuid', maxLength: 36, description: 'Another unit (statistics readers only); default: the caller\'s unit.' }))
}, { additionalProperties: false })

const Cells = Type.Object({
  indicator: Type.String({ maxLength: 1000, description: 'Indikator' }),
  outcome: Type.String({ maxLength: 50, description: 'Periodens utfall' }),
  outcomeMen: Type.String({ maxLength: 50, description: 'Utfall män/pojkar' }),
  outcomeWomen: Type.String({ maxLength: 50, description: 'Utfall kvinnor/flickor' }),
  previousOutcome: Type.String({ maxLength: 50, description: 'Periodens utfall the same period a year earlier (e.g. VB 2020)' }),
  annualTarget: Type.String({ maxLength: 200, description: 'Årsmål' }),
  kfAnnualTarget: Type.String({ maxLength: 200, description: 'KF:s årsmål' }),
  period: Type.String({ maxLength: 10, description: 'Period, e.g. "VB 2021" (tertial indicator) or "2021" (yearly indicator)' })
}, { description: 'The row\'s cells exactly as the report prints them (decimal comma, " %").' })

const GoalRef = Type.Object({ id: Uuid, level: Type.Enum([...GOAL_LEVELS]), number: Nullable(Type.String({ maxLength: 20 })), title: Type.String({ maxLength: 2000 }) })

export const IndicatorTable = component('IndicatorTable', Type.Object({
  unit: Unit,
  year: Year,
  period: PeriodCode,
  columns: Type.Array(Type.String({ maxLength: 100 }), { minItems: 8, maxItems: 8, description: 'The VB column headings.' }),
  rows: Type.Array(Type.Object({
    goal: GoalRef,
    goalPath: Type.Array(GoalRef, { maxItems: GOAL_LEVELS.length, description: 'From the KF direction goal down to the goal the indicator is reported under.' }),
    indicatorId: Uuid,
    code: Type.String({ maxLength: 100 }),
    cells: Cells,
    values: Type.Object({ total: Nullable(Type.Number()), men: Nullable(Type.Number()), women: Nullable(Type.Number()), previousTotal: Nullable(Type.Number()) }),
    status: TrafficLight,
    missingReason: Nullable(Type.String({ maxLength: 2000 })),
    analysis: Nullable(Type.String({ maxLength: 20_000 }))
  }))
}, {
  description: 'The annual report\'s (or a tertial report\'s) indicator table for a unit, rows in goal-hierarchy order.',
  examples: [{
    unit: { id: '3f1c2b9a-5d7e-4c1a-9b2f-8e6d4a2c1b0f', code: 'hagersten-alvsjo', district: 'Hägersten-Älvsjö' }, year: 2021, period: 'year',
    columns: ['Indikator', 'Periodens utfall', 'Utfall män/pojkar', 'Utfall kvinnor/flickor', 'Periodens utfall VB 2020', 'Årsmål', 'KF:s årsmål', 'Period'],
    rows: [{
      goal: { id: '6c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f', level: 'kf_area', number: '3.2', title: 'Stockholm använder skattemedlen effektivt till största nytta för stockholmarna' },
      goalPath: [
        { id: '2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e', level: 'kf_direction', number: '3', title: 'En ekonomiskt hållbar och innovativ storstad för framtiden' },
        { id: '6c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f', level: 'kf_area', number: '3.2', title: 'Stockholm använder skattemedlen effektivt till största nytta för stockholmarna' }
      ],
      indicatorId: '7d8e9f0a-1b2c-4d3e-8f4a-5b6c7d8e9f0a', code: 'sjukfranvaro',
      cells: { indicator: 'Sjukfrånvaro', outcome: '6,2 %', outcomeMen: '', outcomeWomen: '', previousOutcome: '6,5 %', annualTarget: '10 %', kfAnnualTarget: 'Tas fram av nämnd/styrelse', period: 'VB 2021' },
      values: { total: 6.2, men: null, women: null, previousTotal: 6.5 }, status: 'green', missingReason: null, analysis: null
    }]
  }]
}))

export const KoladaExport = component('KoladaExport', Type.Object({
  unit: Unit,
  items: Type.Array(Type.Object({
    kpi: Type.String({ maxLength: 100, description: 'The Kolada KPI id, or the indicator\'s code when it has none.' }),
    ou: Type.String({ maxLength: 63, description: 'The organisational unit: the unit\'s code.' }),
    period: Type.String({ maxLength: 6, description: 'The year (e.g. 2021), or year and tertial (2021T1, 2021T2).' }),
    gender: Type.Enum(['T', 'K', 'M'], { description: 'T total, K women (kvinnor), M men (män).' }),
    value: Type.Number()
  }))
}, {
  description: 'The unit\'s current values in Kolada\'s shape (one row per KPI, unit, period and gender), to compare with national data. Missing figures have no row.',
  examples: [{
    unit: { id: '3f1c2b9a-5d7e-4c1a-9b2f-8e6d4a2c1b0f', code: 'hagersten-alvsjo', district: 'Hägersten-Älvsjö' },
    items: [
      { kpi: 'andelen-nojda-dagverksamhet', ou: 'hagersten-alvsjo', period: '2021', gender: 'T', value: 98 },
      { kpi: 'andelen-nojda-dagverksamhet', ou: 'hagersten-alvsjo', period: '2021', gender: 'K', value: 100 },
      { kpi: 'andelen-nojda-dagverksamhet', ou: 'hagersten-alvsjo', period: '2021', gender: 'M', value: 96 }
    ]
  }]
}))
