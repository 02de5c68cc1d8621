import { Type } from 'typebox'
import { COMPLAINT_KINDS, COMPLAINT_TARGETS } from '../../domain/complaint-process.js'
import { DEVIATION_TARGETS } from '../../domain/deviation-process.js'
import { LEX_SARAH_ASSESSMENTS } from '../../domain/lex-sarah-process.js'
import { PROVIDER_REGIMES } from '../../domain/provider.js'
import { UnitRef } from '../units/schemas.js'
import { component, Count } from '../../http/schemas.js'

const Share = Type.Object({
  count: Count(),
  of: Count({ description: 'The year\'s total it is a share of.' }),
  percent: Type.Union([Count(), Type.Null()], { description: 'Whole percent, rounded half up; null when the total is 0.' }),
  text: Type.String({ maxLength: 40, description: 'As the annual report writes it (`<percent> % (<count>/<of>)`: two int32 counts at most).', examples: ['33 % (10/30)'] })
})

const Comparison = Type.Object({
  key: Type.String({ maxLength: 63, description: 'The kind, category, target, regime or assessment counted: a code (categories: `^[a-z][a-z0-9_]{1,62}$`, CHECK in migration 0004).' }),
  current: Share,
  previous: Share
}, { description: 'One figure for the year, and the same figure for the previous year beside it.' })

// One row per value of a code list (columns CHECKed to it), plus `unknown` / `not_assessed`.
const byCode = (codes: readonly string[], extra: number, options: { description?: string } = {}) => Type.Array(Comparison, { maxItems: codes.length + extra, ...options })

const Total = Type.Object({ current: Count(), previous: Count() })

export const QualitySummaryQuery = Type.Object({
  year: Type.Integer({ format: 'int32', minimum: 2000, maximum: 2100, description: 'Calendar year; the previous year is given beside it.', examples: [2026] })
}, { additionalProperties: false })

export const QualitySummary = component('QualitySummary', Type.Object({
  unit: UnitRef,
  year: Count(),
  previousYear: Count(),
  complaints: Type.Object({
    total: Total,
    byKind: byCode(COMPLAINT_KINDS, 0),
    byCategory: Type.Array(Comparison, { description: 'A complaint can have several categories, so these shares can add up to more than 100 %; `uncategorised` counts those with none.' }),
    byTarget: byCode(COMPLAINT_TARGETS, 0),
    byProviderRegime: byCode(PROVIDER_REGIMES, 1, { description: 'Complaints about a provider by its regime (`unknown`: a free-text provider without one), as shares of all complaints.' })
  }, { description: 'Complaints and feedback, counted by received date.' }),
  deviations: Type.Object({
    total: Total,
    byTarget: byCode(DEVIATION_TARGETS, 0),
    byCategory: Type.Array(Comparison)
  }, { description: 'Deviations, counted by sent date.' }),
  lexSarah: Type.Object({
    total: Total,
    byCategory: Type.Array(Comparison),
    byAssessment: byCode(LEX_SARAH_ASSESSMENTS, 1, { description: '`not_assessed`: not yet assessed.' }),
    serious: Comparison,
    notifiedToIvo: Comparison,
    forInformation: Comparison
  }, { description: 'Lex Sarah reports, counted by reported date.' })
}, {
  description: 'The unit\'s annual quality summary for the council: complaints, deviations and Lex Sarah reports, each figure with its share and the previous year beside it. Aggregates only.',
  examples: [{
    unit: { id: '3f1c2b9a-5d7e-4c1a-9b2f-8e6d4a2c1b0f', code: 'hagersten-alvsjo', district: 'Hägersten-Älvsjö' }, year: 2021, previousYear: 2020,
    complaints: {
      total: { current: 30, previous: 45 },
      byKind: [{ key: 'complaint', current: { count: 24, of: 30, percent: 80, text: '80 % (24/30)' }, previous: { count: 40, of: 45, percent: 89, text: '89 % (40/45)' } }],
      byCategory: [{ key: 'treatment', current: { count: 9, of: 30, percent: 30, text: '30 % (9/30)' }, previous: { count: 12, of: 45, percent: 27, text: '27 % (12/45)' } }],
      byTarget: [{ key: 'provider', current: { count: 21, of: 30, percent: 70, text: '70 % (21/30)' }, previous: { count: 30, of: 45, percent: 67, text: '67 % (30/45)' } }],
      byProviderRegime: [{ key: 'private', current: { count: 10, of: 30, percent: 33, text: '33 % (10/30)' }, previous: { count: 14, of: 45, percent: 31, text: '31 % (14/45)' } }]
    },
    deviations: {
      total: { current: 17, previous: 12 },
      byTarget: [{ key: 'hospital_care', current: { count: 9, of: 17, percent: 53, text: '53 % (9/17)' }, previous: { count: 5, of: 12, percent: 42, text: '42 % (5/12)' } }],
      byCategory: [{ key: 'discharge_process', current: { count: 9, of: 17, percent: 53, text: '53 % (9/17)' }, previous: { count: 5, of: 12, percent: 42, text: '42 % (5/12)' } }]
    },
    lexSarah: {
      total: { current: 13, previous: 1 },
      byCategory: [{ key: 'execution_shortcomings', current: { count: 6, of: 13, percent: 46, text: '46 % (6/13)' }, previous: { count: 1, of: 1, percent: 100, text: '100 % (1/1)' } }],
      byAssessment: [{ key: 'no_wrongdoing', current: { count: 1, of: 13, percent: 8, text: '8 % (1/13)' }, previous: { count: 0, of: 1, percent: 0, text: '0 % (0/1)' } }],
      serious: { key: 'serious', current: { count: 4, of: 13, percent: 31, text: '31 % (4/13)' }, previous: { count: 0, of: 1, percent: 0, text: '0 % (0/1)' } },
      notifiedToIvo: { key: 'notified', current: { count: 4, of: 13, percent: 31, text: '31 % (4/13)' }, previous: { count: 0, of: 1, percent: 0, text: '0 % (0/1)' } },
      forInformation: { key: 'for_information', current: { count: 2, of: 13, percent: 15, text: '15 % (2/13)' }, previous: { count: 0, of: 1, percent: 0, text: '0 % (0/1)' } }
    }
  }]
}))
