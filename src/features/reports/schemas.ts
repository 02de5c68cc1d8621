import { Type } from 'typebox'
import { END_REASONS, INTERRUPTION_REASONS, OFFER_RESPONSES } from '../../domain/execution.js'
import { SEXES } from '../../domain/person.js'
import { component, LegalDate, Nullable, Uuid } from '../../http/schemas.js'
import { Outcome } from '../decisions/schemas.js'
import { ServiceTypeCode } from '../service-types/schemas.js'

const Sex = Type.Enum([...SEXES])
const Unit = Type.Object({ id: Uuid, code: Type.String(), district: Type.String() })

export const QuarterQuery = Type.Object({
  quarter: Type.String({ pattern: '^[0-9]{4}-Q[1-4]$', description: 'The quarter, e.g. 2026-Q3.', examples: ['2026-Q3'] })
}, { additionalProperties: false })

export const YearQuery = Type.Object({
  year: Type.Integer({ minimum: 2000, maximum: 2100, description: 'Calendar year.', examples: [2026] })
}, { additionalProperties: false })

const NotExecutedRow = Type.Object({
  reference: Type.String({ description: 'Pseudonymous id for IVO, derived from the decision: the same in every quarter, nothing about the person in it.', examples: ['EVB-K7M2Q9XH4D'] }),
  decisionId: Type.String({ format: 'uuid', description: 'For the unit\'s own follow-up; not part of what is sent to IVO.' }),
  kind: Type.Enum(['not_executed', 'interrupted'], { description: 'not_executed: three months from the decision date; interrupted: three months from an interruption.' }),
  status: Type.Enum(['waiting', 'executed', 'ended'], { description: 'State at the end of the quarter: still waiting, executed (or resumed) during the quarter, or ended without execution.' }),
  sex: Sex,
  birthYear: Type.Integer(),
  serviceTypeCode: ServiceTypeCode,
  serviceTypeLabel: Type.String({ examples: ['Vård- och omsorgsboende'] }),
  legalBasis: Type.String({ examples: ['SoL 4 kap. 1 §'] }),
  decisionDate: LegalDate,
  interruption: Nullable(Type.Object({ startDate: LegalDate, reason: Type.Enum([...INTERRUPTION_REASONS]) })),
  lateFrom: Type.String({ format: 'date', description: 'The first day past the three months.' }),
  daysWaited: Type.Integer({ description: 'Days from the decision (or interruption) to the execution, end, or the quarter\'s last day.' }),
  resolvedDate: Nullable(Type.String({ format: 'date', description: 'Executed, resumed or ended on this date (within the quarter).' })),
  endReason: Nullable(Type.Enum([...END_REASONS, 'decision_expired'])),
  partlyExecuted: Nullable(Type.Object({ grantedHours: Type.Number(), executedHours: Type.Number(), missingHours: Type.Number() }, { description: 'A partly executed decision: the missing part is what is reported.' })),
  delayReason: Nullable(Type.String()),
  consequences: Nullable(Type.String()),
  interimServices: Nullable(Type.String()),
  offers: Type.Array(Type.Object({ offeredDate: LegalDate, description: Type.String(), response: Type.Enum([...OFFER_RESPONSES]), responseDate: Nullable(LegalDate) })),
  firstReportedQuarter: Type.String({ examples: ['2026-Q2'] }),
  reportedBefore: Type.Boolean({ description: 'Also belonged to an earlier quarter\'s report.' })
})

const Counts = { total: Type.Integer(), women: Type.Integer(), men: Type.Integer(), waiting: Type.Integer(), executed: Type.Integer(), ended: Type.Integer() }

export const NotExecutedReport = component('NotExecutedReport', Type.Object({
  unit: Unit,
  quarter: Type.String({ examples: ['2026-Q3'] }),
  periodStart: LegalDate,
  periodEnd: LegalDate,
  items: Type.Array(NotExecutedRow),
  summary: Type.Object({
    ...Counts,
    withheld: Type.Integer({ description: 'Rows about persons with protected identity that are counted here but not listed for this caller.' }),
    byServiceType: Type.Array(Type.Object({ serviceTypeCode: ServiceTypeCode, ...Counts })) },
    { description: 'For the council and the auditors: counts by service type and sex.' })
}, {
  description: 'Not-executed decisions (ej verkställda beslut) for the IVO quarterly individual report, derived from the recorded execution events. No names or personal identity numbers.',
  examples: [{
    unit: { id: '3f1c2b9a-5d7e-4c1a-9b2f-8e6d4a2c1b0f', code: 'hagersten-alvsjo', district: 'Hägersten-Älvsjö' },
    quarter: '2026-Q3', periodStart: '2026-07-01', periodEnd: '2026-09-30',
    items: [{
      reference: 'EVB-K7M2Q9XH4D', decisionId: '9a7b5c3d-1e2f-4a6b-8c9d-0e1f2a3b4c5d', kind: 'not_executed', status: 'waiting', sex: 'female', birthYear: 1938,
      serviceTypeCode: 'care_home', serviceTypeLabel: 'Vård- och omsorgsboende', legalBasis: 'SoL 4 kap. 1 §', decisionDate: '2026-03-31',
      interruption: null, lateFrom: '2026-07-01', daysWaited: 183, resolvedDate: null, endReason: null, partlyExecuted: null,
      delayReason: 'Ingen ledig plats på önskat boende.', consequences: 'Bor kvar hemma med utökad hemtjänst.', interimServices: 'Hemtjänst 60 h/mån.',
      offers: [{ offeredDate: '2026-05-12', description: 'Plats på Solgårdens vård- och omsorgsboende', response: 'declined', responseDate: '2026-05-14' }],
      firstReportedQuarter: '2026-Q3', reportedBefore: false
    }],
    summary: { total: 1, withheld: 0, women: 1, men: 0, waiting: 1, executed: 0, ended: 0, byServiceType: [{ serviceTypeCode: 'care_home', total: 1, women: 1, men: 0, waiting: 1, executed: 0, ended: 0 }] }
  }]
}))

export const DecisionsPerMonthReport = component('DecisionsPerMonthReport', Type.Object({
  unit: Unit,
  year: Type.Integer(),
  items: Type.Array(Type.Object({
    serviceTypeCode: ServiceTypeCode,
    outcome: Outcome,
    sex: Sex,
    months: Type.Array(Type.Integer(), { minItems: 12, maxItems: 12, description: 'Decisions in January … December.' }),
    total: Type.Integer()
  })),
  monthTotals: Type.Array(Type.Integer(), { minItems: 12, maxItems: 12 }),
  total: Type.Integer()
}, {
  description: 'Decisions per month and service type, by outcome and sex (counted by decision date).',
  examples: [{
    unit: { id: '3f1c2b9a-5d7e-4c1a-9b2f-8e6d4a2c1b0f', code: 'hagersten-alvsjo', district: 'Hägersten-Älvsjö' }, year: 2026,
    items: [{ serviceTypeCode: 'home_care', outcome: 'granted', sex: 'female', months: [12, 9, 14, 11, 10, 8, 6, 9, 13, 12, 11, 0], total: 115 }],
    monthTotals: [12, 9, 14, 11, 10, 8, 6, 9, 13, 12, 11, 0], total: 115
  }]
}))
