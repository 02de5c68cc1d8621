import { Type } from 'typebox'
import { APPEAL_STAGES, COURT_OUTCOMES, LATE_ACCEPTANCE_REASONS, NOTIFICATION_METHODS, RECONSIDERATION_OUTCOMES } from '../../domain/appeal.js'
import { DECISION_OUTCOMES } from '../../domain/application-process.js'
import { component, Instant, LegalDate, Nullable, PageQuery, Uuid, Count, ActorId } from '../../http/schemas.js'
import { ServiceTypeCode } from '../service-types/schemas.js'

const Reason = Type.String({ minLength: 1, maxLength: 20_000, description: 'The reasons for the decision (motivering).' })
// What the decider writes (at most 200), or the catalogue's citation (at most 100).
const LegalBasis = Type.String({ minLength: 1, maxLength: 200 })

export const Outcome = Type.Enum([...DECISION_OUTCOMES], { description: 'bifall, delvis avslag, avslag' })
const Hours = Type.Number({ minimum: 0.01, maximum: 744, description: 'Granted hours per month (ramtid) for hours-based services, kept to two decimals.', examples: [40] })

export const DecideBody = Type.Object({
  serviceTypeCode: ServiceTypeCode,
  outcome: Outcome,
  reason: Reason,
  legalBasis: Type.Optional(Type.String({ ...LegalBasis, description: 'Defaults to the provision in force on the decision date for the service type (GET /v1/legal-provisions): SoL (2001:453) 4 kap. 1 § before 2025-07-01, SoL (2025:400) from then. DEFAULT_LEGAL_BASIS only when the catalogue has none.' })),
  hoursPerMonth: Type.Optional(Nullable(Hours)),
  decisionDate: LegalDate,
  validFrom: Type.Optional(Nullable(LegalDate)),
  validTo: Type.Optional(Nullable(Type.String({ format: 'date', maxLength: 10, description: 'End of a time-limited decision (tidsbegränsat beslut).' })))
}, {
  additionalProperties: false,
  examples: [{ serviceTypeCode: 'home_care', outcome: 'granted', reason: 'Behov av stöd i den dagliga livsföringen som inte kan tillgodoses på annat sätt.', hoursPerMonth: 40, decisionDate: '2026-03-25', validFrom: '2026-04-01', validTo: '2027-03-31' }]
})

const ReconsiderationOutcome = Type.Enum([...RECONSIDERATION_OUTCOMES])
const CourtOutcome = Type.Enum([...COURT_OUTCOMES])

const LateAcceptanceReason = Type.Enum([...LATE_ACCEPTANCE_REASONS], {
  description: 'FL 45 §: the delay was due to incorrect information on how to appeal, or the appeal reached the court within the three weeks.'
})

export const Appeal = Type.Object({
  stage: Type.Enum([...APPEAL_STAGES], { description: 'dismissed: received after the three weeks (FL 44 §) with no reason to accept it (FL 45 §).' }),
  receivedDate: LegalDate,
  lastDay: Nullable(Type.String({ format: 'date', maxLength: 10, description: 'The last day of the three weeks from the notification; null when no notification is recorded (the time has not begun to run).' })),
  inTime: Type.Boolean(),
  lateAcceptedReason: Nullable(LateAcceptanceReason),
  dismissedDate: Nullable(Type.String({ format: 'date', maxLength: 10, description: 'The day the late appeal was dismissed (avvisat).' })),
  forwardingDueDate: Nullable(Type.String({ format: 'date', maxLength: 10, description: 'While the appeal waits to be forwarded to court: the day by which it is forwarded (FL 46 §, "skyndsamt": a week from the reconsideration).' })),
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
  reason: Reason,
  legalBasis: Type.String({ ...LegalBasis, examples: ['SoL 4 kap. 1 §'] }),
  hoursPerMonth: Nullable(Type.Number()),
  decisionDate: LegalDate,
  validFrom: Nullable(LegalDate),
  validTo: Nullable(LegalDate),
  decidedBy: ActorId,
  decidedByRole: Type.String({ maxLength: 64, description: 'The role the decision was taken under.' }),
  delegationRuleCode: Nullable(Type.String({ maxLength: 64, description: 'The delegation rule that applied, if any.' })),
  notification: Nullable(Type.Object({
    date: LegalDate,
    method: Type.Enum([...NOTIFICATION_METHODS]),
    appealLastDay: Type.String({ format: 'date', maxLength: 10, description: 'Three weeks from the notification (FL 44 §).' })
  }, { description: 'When and how the decision reached the applicant.' })),
  executableFrom: Type.String({ format: 'date', maxLength: 10, description: 'The day the decision became executable as it stands: the decision date, or the day a reconsideration or a court changed it in the applicant\'s favour. The IVO three months run from it.' }),
  originalOutcome: Nullable(Outcome),
  originalHoursPerMonth: Nullable(Type.Number({ description: 'Before a change in the applicant\'s favour.' })),
  appeal: Nullable(Appeal),
  version: Count(),
  createdAt: Instant,
  updatedAt: Instant
}, {
  examples: [{
    id: '9a7b5c3d-1e2f-4a6b-8c9d-0e1f2a3b4c5d', applicationId: '5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b', personId: '0b8f3c1e-2a4d-4e6f-8a1b-3c5d7e9f1a2b',
    unitId: '3f1c2b9a-5d7e-4c1a-9b2f-8e6d4a2c1b0f', serviceTypeCode: 'home_care', outcome: 'granted', reason: 'Behov av stöd i den dagliga livsföringen.',
    legalBasis: 'SoL (2025:400) 11 kap. 1 §', hoursPerMonth: 40, decisionDate: '2026-03-25', validFrom: '2026-04-01', validTo: '2027-03-31',
    decidedBy: 'anna.andersson', decidedByRole: 'case_worker', delegationRuleCode: null,
    notification: { date: '2026-03-27', method: 'letter', appealLastDay: '2026-04-17' }, executableFrom: '2026-03-25', originalOutcome: null, originalHoursPerMonth: null,
    appeal: null, version: 1,
    createdAt: '2026-03-25T13:00:00.000Z', updatedAt: '2026-03-25T13:00:00.000Z'
  }]
}))

export const DecisionListQuery = Type.Object({
  personId: Type.Optional(Uuid),
  applicationId: Type.Optional(Uuid),
  unitId: Type.Optional(Uuid),
  serviceType: Type.Optional(ServiceTypeCode),
  outcome: Type.Optional(Outcome),
  currentOn: Type.Optional(Type.String({ format: 'date', maxLength: 10, description: 'Only granted decisions whose validity covers this date.' })),
  expiringBefore: Type.Optional(Type.String({ format: 'date', maxLength: 10, description: 'Only time-limited decisions that end before this date.' })),
  ...PageQuery
}, { additionalProperties: false })

export const NotificationBody = Type.Object({
  date: LegalDate,
  method: Type.Enum([...NOTIFICATION_METHODS], { description: 'letter, e_service, in_person, or service_of_process (delgivning).' })
}, { additionalProperties: false, examples: [{ date: '2026-03-27', method: 'letter' }] })
export const AppealReceivedBody = Type.Object({
  receivedDate: LegalDate,
  lateAcceptedReason: Type.Optional(LateAcceptanceReason)
}, { additionalProperties: false, examples: [{ receivedDate: '2026-04-10' }, { receivedDate: '2026-04-20', lateAcceptedReason: 'incorrect_appeal_information' }] })
const AppealHours = Type.Optional(Type.Number({ minimum: 0.01, maximum: 744, description: 'For an hours-based service changed in the applicant\'s favour: the hours now granted (default: the hours requested).' }))
export const ReconsiderationBody = Type.Object({ date: LegalDate, outcome: ReconsiderationOutcome, hoursPerMonth: AppealHours }, { additionalProperties: false })
export const CourtReferralBody = Type.Object({ date: LegalDate }, { additionalProperties: false })
export const CourtOutcomeBody = Type.Object({ date: LegalDate, outcome: CourtOutcome, hoursPerMonth: AppealHours }, { additionalProperties: false })

export const DecisionDatesBody = Type.Object({
  validFrom: Type.Optional(LegalDate),
  validTo: Type.Optional(Nullable(Type.String({ format: 'date', maxLength: 10, description: 'End of a time-limited decision; null makes it open-ended.' })))
}, {
  additionalProperties: false,
  minProperties: 1,
  examples: [{ validTo: '2027-09-30' }, { validFrom: '2026-04-15', validTo: null }]
})
