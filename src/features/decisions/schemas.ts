import { Type } from 'typebox'
import { APPEAL_STAGES, COURT_OUTCOMES, RECONSIDERATION_OUTCOMES } from '../../domain/appeal.js'
import { DECISION_OUTCOMES } from '../../domain/application-process.js'
import { component, Instant, LegalDate, Nullable, PageQuery, Uuid } from '../../http/schemas.js'
import { ServiceTypeCode } from '../service-types/schemas.js'

export const Outcome = Type.Enum([...DECISION_OUTCOMES], { description: 'bifall, delvis avslag, avslag' })
const Hours = Type.Number({ minimum: 0.01, maximum: 744, description: 'Granted hours per month (ramtid) for hours-based services, kept to two decimals.', examples: [40] })

export const DecideBody = Type.Object({
  serviceTypeCode: ServiceTypeCode,
  outcome: Outcome,
  reason: Type.String({ minLength: 1, maxLength: 20_000, description: 'The reasons for the decision (motivering).' }),
  legalBasis: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Defaults to the provision in force on the decision date for the service type (GET /v1/legal-provisions): SoL (2001:453) 4 kap. 1 § before 2025-07-01, SoL (2025:400) from then. DEFAULT_LEGAL_BASIS only when the catalogue has none.' })),
  hoursPerMonth: Type.Optional(Nullable(Hours)),
  decisionDate: LegalDate,
  validFrom: Type.Optional(Nullable(LegalDate)),
  validTo: Type.Optional(Nullable(Type.String({ format: 'date', description: 'End of a time-limited decision (tidsbegränsat beslut).' })))
}, {
  additionalProperties: false,
  examples: [{ serviceTypeCode: 'home_care', outcome: 'granted', reason: 'Behov av stöd i den dagliga livsföringen som inte kan tillgodoses på annat sätt.', hoursPerMonth: 40, decisionDate: '2026-03-25', validFrom: '2026-04-01', validTo: '2027-03-31' }]
})

const ReconsiderationOutcome = Type.Enum([...RECONSIDERATION_OUTCOMES])
const CourtOutcome = Type.Enum([...COURT_OUTCOMES])

export const Appeal = Type.Object({
  stage: Type.Enum([...APPEAL_STAGES]),
  receivedDate: LegalDate,
  reconsideredDate: Nullable(LegalDate),
  reconsiderationOutcome: Nullable(ReconsiderationOutcome),
  forwardedToCourtDate: Nullable(LegalDate),
  courtOutcome: Nullable(CourtOutcome),
  courtOutcomeDate: Nullable(LegalDate)
})

export const Decision = component('Decision', Type.Object({
  id: Uuid,
  applicationId: Uuid,
  personId: Uuid,
  unitId: Uuid,
  serviceTypeCode: ServiceTypeCode,
  outcome: Outcome,
  reason: Type.String(),
  legalBasis: Type.String({ examples: ['SoL 4 kap. 1 §'] }),
  hoursPerMonth: Nullable(Type.Number()),
  decisionDate: LegalDate,
  validFrom: Nullable(LegalDate),
  validTo: Nullable(LegalDate),
  decidedBy: Type.String(),
  decidedByRole: Type.String({ description: 'The role the decision was taken under.' }),
  delegationRuleCode: Nullable(Type.String({ description: 'The delegation rule that applied, if any.' })),
  appeal: Nullable(Appeal),
  version: Type.Integer(),
  createdAt: Instant,
  updatedAt: Instant
}, {
  examples: [{
    id: '9a7b5c3d-1e2f-4a6b-8c9d-0e1f2a3b4c5d', applicationId: '5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b', personId: '0b8f3c1e-2a4d-4e6f-8a1b-3c5d7e9f1a2b',
    unitId: '3f1c2b9a-5d7e-4c1a-9b2f-8e6d4a2c1b0f', serviceTypeCode: 'home_care', outcome: 'granted', reason: 'Behov av stöd i den dagliga livsföringen.',
    legalBasis: 'SoL 4 kap. 1 §', hoursPerMonth: 40, decisionDate: '2026-03-25', validFrom: '2026-04-01', validTo: '2027-03-31',
    decidedBy: 'anna.andersson', decidedByRole: 'case_worker', delegationRuleCode: null, appeal: null, version: 1,
    createdAt: '2026-03-25T13:00:00.000Z', updatedAt: '2026-03-25T13:00:00.000Z'
  }]
}))

export const DecisionListQuery = Type.Object({
  personId: Type.Optional(Uuid),
  applicationId: Type.Optional(Uuid),
  unitId: Type.Optional(Uuid),
  serviceType: Type.Optional(ServiceTypeCode),
  outcome: Type.Optional(Outcome),
  currentOn: Type.Optional(Type.String({ format: 'date', description: 'Only granted decisions whose validity covers this date.' })),
  expiringBefore: Type.Optional(Type.String({ format: 'date', description: 'Only time-limited decisions that end before this date.' })),
  ...PageQuery
}, { additionalProperties: false })

export const AppealReceivedBody = Type.Object({ receivedDate: LegalDate }, { additionalProperties: false })
export const ReconsiderationBody = Type.Object({ date: LegalDate, outcome: ReconsiderationOutcome }, { additionalProperties: false })
export const CourtReferralBody = Type.Object({ date: LegalDate }, { additionalProperties: false })
export const CourtOutcomeBody = Type.Object({ date: LegalDate, outcome: CourtOutcome }, { additionalProperties: false })

export const DecisionDatesBody = Type.Object({
  validFrom: Type.Optional(LegalDate),
  validTo: Type.Optional(Nullable(Type.String({ format: 'date', description: 'End of a time-limited decision; null makes it open-ended.' })))
}, {
  additionalProperties: false,
  minProperties: 1,
  examples: [{ validTo: '2027-09-30' }, { validFrom: '2026-04-15', validTo: null }]
})
