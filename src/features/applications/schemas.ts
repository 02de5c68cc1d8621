import { Type } from 'typebox'
import { APPLICATION_STATUSES, CHANNELS, INVESTIGATION_METHODS } from '../../domain/application-process.js'
import { ActorId, component, Instant, LegalDate, Nullable, PageQuery, Uuid, Count } from '../../http/schemas.js'
import { ServiceTypeCode } from '../service-types/schemas.js'

export const Channel = Type.Enum([...CHANNELS], {
  description: 'How the application arrived: phone, Äldre direkt, letter or e-service, hospital discharge (LUS), outreach.'
})
export const InvestigationMethod = Type.Enum([...INVESTIGATION_METHODS])
const Hours = Type.Number({ minimum: 0.01, maximum: 744, description: 'Hours per month (ramtid), kept to two decimals.', examples: [40] })
/** The investigation's description of needs: free text, bounded since the first version. */
export const NEEDS_DESCRIPTION_MAX = 100_000
export const CaseWorker = Type.String({ minLength: 1, maxLength: 200, description: 'The case worker\'s user id (the `sub` of their token).', examples: ['anna.andersson'] })

// Free texts and names, shared by what a caller sends and what the service answers.
const NeedsDescription = Type.String({ minLength: 1, maxLength: NEEDS_DESCRIPTION_MAX, description: 'The description of needs (shared with the applicant).' })
const Assessment = Type.String({ minLength: 1, maxLength: 100_000, description: 'The assessment part (bedömningsdel): never included when the investigation is communicated.' })
const Recipient = Type.String({ minLength: 1, maxLength: 300, description: 'To whom it was shared: the applicant or a named representative.', examples: ['Sökanden'] })
const Participant = Type.String({ minLength: 1, maxLength: 200 })
const MAX_PARTICIPANTS = 20
const ReviewNotes = Type.String({ minLength: 1, maxLength: 10_000 })
const WithdrawalReason = Type.String({ minLength: 1, maxLength: 2000 })
const MAX_REQUESTED_SERVICES = 20
/** A case number: `<prefix>-<year>-<six digits>` (domain/case-numbers), a few characters more if a year's numbers pass a million. */
export const CaseNumber = Type.String({ maxLength: 30, description: 'Human case number.', examples: ['ANS-2026-000042'] })

export const RequestedService = Type.Object({
  serviceTypeCode: ServiceTypeCode,
  requestedHoursPerMonth: Type.Optional(Nullable(Hours))
}, { additionalProperties: false })

export const ApplicationCreate = Type.Object({
  personId: Uuid,
  receivedDate: Type.String({ format: 'date', maxLength: 10, description: 'The date the application was received.', examples: ['2026-03-02'] }),
  channel: Channel,
  urgent: Type.Optional(Type.Boolean({ description: 'Brådskande: goes to the intake group.' })),
  assignedCaseWorker: Type.Optional(CaseWorker),
  requestedServices: Type.Array(RequestedService, { minItems: 1, maxItems: MAX_REQUESTED_SERVICES })
}, {
  additionalProperties: false,
  examples: [{ personId: '0b8f3c1e-2a4d-4e6f-8a1b-3c5d7e9f1a2b', receivedDate: '2026-03-02', channel: 'phone', requestedServices: [{ serviceTypeCode: 'home_care', requestedHoursPerMonth: 40 }, { serviceTypeCode: 'safety_alarm' }] }]
})

export const ApplicationUpdate = Type.Object({
  receivedDate: Type.Optional(LegalDate),
  channel: Type.Optional(Channel),
  urgent: Type.Optional(Type.Boolean())
}, { additionalProperties: false, minProperties: 1 })

export const Investigation = Type.Object({
  method: InvestigationMethod,
  needsDescription: NeedsDescription,
  assessment: Type.Optional(Nullable(Assessment))
}, { additionalProperties: false, examples: [{ method: 'home_visit', needsDescription: 'Behöver hjälp med personlig hygien morgon och kväll samt inköp.', assessment: 'Behovet bedöms kunna tillgodoses genom hemtjänst 40 timmar per månad.' }] })

export const CommunicateBody = Type.Object({
  date: LegalDate,
  recipient: Recipient
}, { additionalProperties: false })

export const JointReviewBody = Type.Object({
  date: LegalDate,
  participants: Type.Array(Participant, { minItems: 1, maxItems: MAX_PARTICIPANTS, description: 'Managers present.' }),
  notes: Type.Optional(ReviewNotes)
}, { additionalProperties: false, examples: [{ date: '2026-03-20', participants: ['Enhetschef Eva Ek'], notes: 'Behov av vård- och omsorgsboende bedöms föreligga.' }] })

export const WithdrawBody = Type.Object({
  date: LegalDate,
  reason: Type.Optional(WithdrawalReason)
}, { additionalProperties: false })

export const AssignBody = Type.Object({ caseWorker: CaseWorker }, { additionalProperties: false })

export const Application = component('Application', Type.Object({
  id: Uuid,
  caseNumber: CaseNumber,
  unitId: Uuid,
  personId: Uuid,
  receivedDate: LegalDate,
  channel: Channel,
  urgent: Type.Boolean(),
  status: Type.Enum([...APPLICATION_STATUSES]),
  assignedCaseWorker: Nullable(CaseWorker),
  requestedServices: Type.Array(Type.Object({
    serviceTypeCode: ServiceTypeCode,
    requestedHoursPerMonth: Nullable(Type.Number()),
    decisionId: Nullable(Uuid)
  }), { maxItems: MAX_REQUESTED_SERVICES }),
  investigation: Nullable(Type.Object({
    method: InvestigationMethod,
    needsDescription: NeedsDescription,
    assessment: Nullable(Assessment),
    recordedAt: Instant
  })),
  jointReview: Nullable(Type.Object({ date: LegalDate, participants: Type.Array(Participant, { maxItems: MAX_PARTICIPANTS }), notes: Nullable(ReviewNotes) })),
  withdrawal: Nullable(Type.Object({ date: LegalDate, reason: Nullable(WithdrawalReason) })),
  decidedAt: Nullable(Instant),
  version: Count(),
  createdAt: Instant,
  updatedAt: Instant
}))

export const Communication = component('Communication', Type.Object({
  id: Uuid,
  applicationId: Uuid,
  date: LegalDate,
  recipient: Recipient,
  communicatedBy: ActorId,
  investigation: Type.Object({
    method: InvestigationMethod,
    needsDescription: NeedsDescription
  }, { description: 'Exactly what was shared. The assessment part is never included.' }),
  requestedServices: Type.Array(Type.Object({ serviceTypeCode: ServiceTypeCode, requestedHoursPerMonth: Nullable(Type.Number()) }), { maxItems: MAX_REQUESTED_SERVICES }),
  createdAt: Instant
}))

export const ApplicationListQuery = Type.Object({
  status: Type.Optional(Type.Enum([...APPLICATION_STATUSES])),
  unitId: Type.Optional(Uuid),
  caseWorker: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  personId: Type.Optional(Uuid),
  receivedFrom: Type.Optional(LegalDate),
  receivedTo: Type.Optional(LegalDate),
  urgent: Type.Optional(Type.Boolean()),
  serviceType: Type.Optional(ServiceTypeCode),
  ...PageQuery
}, { additionalProperties: false })

export const CommunicationParams = Type.Object({ id: Uuid, communicationId: Uuid }, { additionalProperties: false })
