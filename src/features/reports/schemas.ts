import { Type } from 'typebox'
import { Citation } from '../legal-provisions/schemas.js'
import { Text as ExecutionText } from '../executions/schemas.js'
import { END_REASONS, INTERRUPTION_REASONS, OFFER_RESPONSES } from '../../domain/execution.js'
import { EPISODE_KINDS } from '../../domain/not-executed.js'
import { SEXES } from '../../domain/person.js'
import { UnitRef } from '../units/schemas.js'
import { component, LegalDate, Nullable, Count, DayCount } from '../../http/schemas.js'
import { Outcome } from '../decisions/schemas.js'
import { ServiceTypeCode, ServiceTypeLabel } from '../service-types/schemas.js'

const Sex = Type.Enum([...SEXES])
const Unit = UnitRef

export const QuarterQuery = Type.Object({
  quarter: Type.String({ pattern: '^[0-9]{4}-Q[1-4]$', maxLength: 7, description: 'The quarter, e.g. 2026-Q3.', examples: ['2026-Q3'] })
}, { additionalProperties: false })

export const YearQuery = Type.Object({
  year: Type.Integer({ format: 'int32', minimum: 2000, maximum: 2100, description: 'Calendar year.', examples: [2026] })
}, { additionalProperties: false })

const NotExecutedRow = Type.Object({
  personalIdentity: Type.Object({
    value: Type.String({ maxLength: 20, description: 'The personnummer (ÅÅÅÅMMDD-NNNN), or for a person without one IVO\'s T-number: birth date, `-T` and three digits whose third position is even for a woman and odd for a man; the same for the person every quarter.', examples: ['19380412-2384', '19380412-T142'] }),
    format: Type.Enum(['personnummer', 't_number'])
  }, { description: 'How IVO identifies the person from quarter to quarter.' }),
  decisionId: Type.String({ format: 'uuid', maxLength: 36, description: 'For the unit\'s own follow-up; not part of what is sent to IVO.' }),
  kind: Type.Enum([...EPISODE_KINDS], { description: 'not_executed: three months from the day the decision became executable; interrupted: three months from an interruption; reduced: three months from the day the executed hours fell below the granted.' }),
  status: Type.Enum(['waiting', 'executed', 'ended'], { description: 'State at the end of the quarter: still waiting, executed (or resumed) during the quarter, or ended without execution.' }),
  sex: Sex,
  birthDate: LegalDate,
  serviceTypeCode: ServiceTypeCode,
  serviceTypeLabel: Type.String({ ...ServiceTypeLabel, examples: ['Vård- och omsorgsboende'] }),
  legalBasis: Type.String({ maxLength: 200, description: 'The decision\'s legal basis.', examples: ['SoL 4 kap. 1 §'] }),
  decisionDate: LegalDate,
  executableFrom: Type.String({ format: 'date', maxLength: 10, description: 'The day the clock started: the decision date, or the day a reconsideration or a court changed the decision in the applicant\'s favour.' }),
  reducedFrom: Nullable(Type.String({ format: 'date', maxLength: 10, description: 'For kind `reduced`: the day the executed hours fell below the granted.' })),
  interruption: Nullable(Type.Object({ startDate: LegalDate, reason: Type.Enum([...INTERRUPTION_REASONS]) })),
  lateFrom: Type.String({ format: 'date', maxLength: 10, description: 'The first day past the three months.' }),
  daysWaited: DayCount({ description: 'Days from the decision (or interruption) to the execution, end, or the quarter\'s last day.' }),
  resolvedDate: Nullable(Type.String({ format: 'date', maxLength: 10, description: 'Executed, resumed or ended on this date (within the quarter).' })),
  endReason: Nullable(Type.Enum([...END_REASONS, 'decision_expired'])),
  partlyExecuted: Nullable(Type.Object({ grantedHours: Type.Number(), executedHours: Type.Number(), missingHours: Type.Number() }, { description: 'A partly executed decision: the missing part is what is reported.' })),
  delayReason: Nullable(ExecutionText('Why the execution is delayed.')),
  consequences: Nullable(ExecutionText('Consequences for the person.')),
  interimServices: Nullable(ExecutionText('Services given meanwhile.')),
  offers: Type.Array(Type.Object({ offeredDate: LegalDate, description: ExecutionText('What was offered.'), response: Type.Enum([...OFFER_RESPONSES]), responseDate: Nullable(LegalDate) })),
  firstReportedQuarter: Type.String({ maxLength: 7, examples: ['2026-Q2'] }),
  reportedBefore: Type.Boolean({ description: 'Also belonged to an earlier quarter\'s report.' })
})

const Counts = { total: Count(), women: Count(), men: Count(), waiting: Count(), executed: Count(), ended: Count() }

const QuarterHeader = {
  quarter: Type.String({ maxLength: 7, examples: ['2026-Q3'] }),
  periodStart: LegalDate,
  periodEnd: LegalDate,
  preliminary: Type.Boolean({ description: 'The quarter is not over yet (its last day included): the figures are as recorded so far and will change.' }),
  legalBasis: Type.Array(Citation, { maxItems: 10, description: 'The reporting provisions in force during the quarter (GET /v1/legal-provisions, purpose not_executed_reporting).', examples: [['SoL (2001:453) 16 kap. 6 f–6 h §§']] })
}

export const NotExecutedReport = component('NotExecutedReport', Type.Object({
  unit: Unit,
  ...QuarterHeader,
  items: Type.Array(NotExecutedRow),
  summary: Type.Object({
    ...Counts,
    withheld: Count({ description: 'Rows about persons with protected identity that are counted here but not listed for this caller.' }),
    byServiceType: Type.Array(Type.Object({ serviceTypeCode: ServiceTypeCode, ...Counts })) },
    { description: 'For the council and the auditors: counts by service type and sex.' })
}, {
  description: 'Not-executed decisions (ej verkställda beslut) for the IVO quarterly individual report, derived from the recorded execution events. Each row identifies the person as IVO asks (personnummer or T-number); no name.',
  examples: [{
    unit: { id: '3f1c2b9a-5d7e-4c1a-9b2f-8e6d4a2c1b0f', code: 'hagersten-alvsjo', district: 'Hägersten-Älvsjö' },
    quarter: '2026-Q3', periodStart: '2026-07-01', periodEnd: '2026-09-30', preliminary: false, legalBasis: ['SoL (2025:400) 34 kap. 1–3 §§'],
    items: [{
      personalIdentity: { value: '19380412-2384', format: 'personnummer' }, decisionId: '9a7b5c3d-1e2f-4a6b-8c9d-0e1f2a3b4c5d', kind: 'not_executed', status: 'waiting', sex: 'female', birthDate: '1938-04-12',
      serviceTypeCode: 'care_home', serviceTypeLabel: 'Vård- och omsorgsboende', legalBasis: 'SoL (2025:400) 11 kap. 1 §', decisionDate: '2026-03-31',
      executableFrom: '2026-03-31', reducedFrom: null, interruption: null, lateFrom: '2026-07-01', daysWaited: 183, resolvedDate: null, endReason: null, partlyExecuted: null,
      delayReason: 'Ingen ledig plats på önskat boende.', consequences: 'Bor kvar hemma med utökad hemtjänst.', interimServices: 'Hemtjänst 60 h/mån.',
      offers: [{ offeredDate: '2026-05-12', description: 'Plats på Solgårdens vård- och omsorgsboende', response: 'declined', responseDate: '2026-05-14' }],
      firstReportedQuarter: '2026-Q3', reportedBefore: false
    }],
    summary: { total: 1, withheld: 0, women: 1, men: 0, waiting: 1, executed: 0, ended: 0, byServiceType: [{ serviceTypeCode: 'care_home', total: 1, women: 1, men: 0, waiting: 1, executed: 0, ended: 0 }] }
  }]
}))

// One row per value of a fixed code list (wait bands, kinds and interruption reasons, end
// reasons: each well under 20 values; see not-executed-report.ts).
const Tally = (values: string) => Type.Array(Type.Object({
  value: Type.String({ maxLength: 64, description: values }), total: Count(), women: Count(), men: Count()
}), { maxItems: 20 })

export const NotExecutedStatistics = component('NotExecutedStatistics', Type.Object({
  unit: Unit,
  ...QuarterHeader,
  recipients: Type.Array(Type.Enum(['council', 'auditors']), { maxItems: 2 }),
  statistics: Type.Object({
    ...Counts,
    byServiceType: Type.Array(Type.Object({ serviceTypeCode: ServiceTypeCode, ...Counts })),
    byWaited: Tally('3_to_6_months, 6_to_12_months or over_12_months: from the clock start to the resolution or the quarter\'s end.'),
    byReason: Tally('not_executed, reduced, or interrupted_<reason> (hospital_stay, person_request, provider_capacity, other).'),
    byEndReason: Tally('How the resolved ones ended without execution (deceased, moved, decision_expired …).')
  })
}, {
  description: 'The quarter\'s not-executed decisions as anonymous statistics for the council (nämnden, fullmäktige) and the auditors: counts by service type, sex, time waited and reason. No row, no identity.',
  examples: [{
    unit: { id: '3f1c2b9a-5d7e-4c1a-9b2f-8e6d4a2c1b0f', code: 'hagersten-alvsjo', district: 'Hägersten-Älvsjö' },
    quarter: '2026-Q3', periodStart: '2026-07-01', periodEnd: '2026-09-30', preliminary: false, legalBasis: ['SoL (2025:400) 34 kap. 1–3 §§'],
    recipients: ['council', 'auditors'],
    statistics: {
      total: 2, women: 1, men: 1, waiting: 1, executed: 1, ended: 0,
      byServiceType: [{ serviceTypeCode: 'care_home', total: 2, women: 1, men: 1, waiting: 1, executed: 1, ended: 0 }],
      byWaited: [{ value: '3_to_6_months', total: 2, women: 1, men: 1 }],
      byReason: [{ value: 'not_executed', total: 2, women: 1, men: 1 }],
      byEndReason: []
    }
  }]
}))

export const DecisionsPerMonthReport = component('DecisionsPerMonthReport', Type.Object({
  unit: Unit,
  year: Count(),
  items: Type.Array(Type.Object({
    serviceTypeCode: ServiceTypeCode,
    outcome: Outcome,
    sex: Sex,
    months: Type.Array(Count(), { minItems: 12, maxItems: 12, description: 'Decisions in January … December.' }),
    total: Count()
  })),
  monthTotals: Type.Array(Count(), { minItems: 12, maxItems: 12 }),
  total: Count()
}, {
  description: 'Decisions per month and service type, by outcome and sex (counted by decision date).',
  examples: [{
    unit: { id: '3f1c2b9a-5d7e-4c1a-9b2f-8e6d4a2c1b0f', code: 'hagersten-alvsjo', district: 'Hägersten-Älvsjö' }, year: 2026,
    items: [{ serviceTypeCode: 'home_care', outcome: 'granted', sex: 'female', months: [12, 9, 14, 11, 10, 8, 6, 9, 13, 12, 11, 0], total: 115 }],
    monthTotals: [12, 9, 14, 11, 10, 8, 6, 9, 13, 12, 11, 0], total: 115
  }]
}))
