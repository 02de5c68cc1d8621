import { Type } from 'typebox'
import { CaseNumber } from '../applications/schemas.js'
import { SIP_PARTICIPANT_ROLES } from '../../domain/discharge.js'
import { component, Instant, LegalDate, Nullable, PageQuery, Uuid, Count, DayCount } from '../../http/schemas.js'
import { PersonalIdentityNumber } from '../persons/schemas.js'
import { ServiceTypeCode } from '../service-types/schemas.js'

const DateOrNull = (description: string) => Type.Optional(Nullable(Type.String({ format: 'date', maxLength: 10, description })))
const SipRole = Type.Enum([...SIP_PARTICIPANT_ROLES], { description: 'A participant\'s role (never a name).' })

export const DischargeNotice = Type.Object({
  personId: Type.Optional(Type.String({ format: 'uuid', maxLength: 36, description: 'The person, when the sender knows the service\'s id. Otherwise `personalIdentityNumber`.' })),
  personalIdentityNumber: Type.Optional(PersonalIdentityNumber),
  source: Type.Optional(Type.String({ pattern: '^[a-z][a-z0-9_]{1,30}$', maxLength: 31, default: 'lifecare', description: 'The sending system (default `lifecare`, LifeCare SP).' })),
  externalReference: Type.String({ minLength: 1, maxLength: 100, description: 'The episode\'s id in the sending system. A notice with a known reference corrects that episode.', examples: ['LC-2026-104233'] }),
  hospital: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 200, description: 'Hospital and ward (no personal data).', examples: ['Södersjukhuset, geriatrik avd 51'] }))),
  admittedDate: Type.String({ format: 'date', maxLength: 10, description: 'The admission the notice (inskrivningsmeddelande) is about.' }),
  readyDate: DateOrNull('The day the treating physician declared the patient ready for discharge (utskrivningsklar). Omitted: unchanged; null: withdrawn.'),
  leftHospitalDate: DateOrNull('The day the patient left hospital. Omitted: unchanged; null: withdrawn.')
}, {
  additionalProperties: false,
  description: 'A notice from the region\'s discharge system (LifeCare SP style): the whole current state of one episode. Send it again, with the same `externalReference`, to report the ready date, the discharge, or to correct an earlier notice.',
  examples: [{ personalIdentityNumber: '19400612-1232', source: 'lifecare', externalReference: 'LC-2026-104233', hospital: 'Södersjukhuset, geriatrik avd 51', admittedDate: '2026-10-27', readyDate: '2026-10-30' }]
})

export const DischargePlanning = Type.Object({
  sipMeeting: Type.Optional(Nullable(Type.Object({
    date: Type.String({ format: 'date', maxLength: 10, description: 'The day of the SIP meeting (samordnad individuell plan).' }),
    participantRoles: Type.Array(SipRole, { minItems: 1, maxItems: 10, uniqueItems: true })
  }, { additionalProperties: false }))),
  servicesAppliedFor: Type.Optional(Type.Array(ServiceTypeCode, { maxItems: 20, uniqueItems: true, description: 'The services the person applies for before going home.' })),
  applicationIds: Type.Optional(Type.Array(Uuid, { maxItems: 10, uniqueItems: true, description: 'The applications the episode led to (the person\'s own, in the unit). Replaces the earlier list.' })),
  leftHospitalDate: DateOrNull('The day the person left hospital, when the unit records it itself.')
}, {
  additionalProperties: false,
  examples: [{ sipMeeting: { date: '2026-10-29', participantRoles: ['person', 'relative', 'case_worker', 'primary_care', 'hospital_care'] }, servicesAppliedFor: ['home_care', 'safety_alarm'], applicationIds: ['5e4d3c2b-1a09-4f8e-9d7c-6b5a4f3e2d1c'] }]
})

export const DischargeState = Type.Enum(['admitted', 'ready_for_discharge', 'left_hospital'], { description: 'admitted → ready_for_discharge → left_hospital, from the dates on record.' })

export const DischargeEpisode = component('DischargeEpisode', Type.Object({
  id: Uuid,
  unitId: Uuid,
  personId: Uuid,
  // The CHECKs of migration 0012 hold these as the notice's schema does.
  source: Type.String({ maxLength: 31 }),
  externalReference: Type.String({ maxLength: 100 }),
  hospital: Nullable(Type.String({ maxLength: 200 })),
  state: DischargeState,
  admittedDate: LegalDate,
  readyDate: Nullable(LegalDate),
  leftHospitalDate: Nullable(LegalDate),
  agreementDays: DayCount({ description: 'Calendar days after the ready date before payment responsibility begins, as configured when the ready date was recorded.' }),
  paymentResponsibilityFrom: Nullable(Type.String({ format: 'date', maxLength: 10, description: 'The first day of the municipality\'s payment responsibility: readyDate + agreementDays.' })),
  daysReadyForDischarge: Nullable(DayCount({ description: 'leftHospitalDate (or today) − readyDate; 0 when the person left on the ready date.' })),
  daysWithPaymentResponsibility: Nullable(DayCount({ description: 'Days from paymentResponsibilityFrom to leftHospitalDate (or today); 0 within the agreement.' })),
  withinAgreement: Nullable(Type.Boolean({ description: 'Left hospital with no day of payment responsibility; null while still in hospital.' })),
  pastAgreement: Type.Boolean({ description: 'Still in hospital and payment responsibility has begun (on the worklist).' }),
  sipMeeting: Nullable(Type.Object({ date: LegalDate, participantRoles: Type.Array(SipRole, { maxItems: 10 }) })),
  servicesAppliedFor: Type.Array(ServiceTypeCode, { maxItems: 20 }),
  applications: Type.Array(Type.Object({ id: Uuid, caseNumber: CaseNumber, status: Type.String({ maxLength: 64 }) }), { maxItems: 10 }),
  followUps: Type.Array(Type.Object({ id: Uuid, dueDate: LegalDate, status: Type.String({ maxLength: 64 }) }, { description: 'The one-month follow-up after discharge of a linked application.' }), { maxItems: 10, description: 'At most one per linked application.' }),
  corrections: Count({ description: 'How many notices corrected the episode after the first.' }),
  version: Count(),
  createdAt: Instant,
  updatedAt: Instant
}, {
  description: 'A hospital discharge episode (utskrivningsärende) under lag (2017:612).',
  examples: [{
    id: '7c6b5a49-3827-4160-a5f4-e3d2c1b0a998', unitId: '3f1c2b9a-5d7e-4c1a-9b2f-8e6d4a2c1b0f', personId: '0b8f3c1e-2a4d-4e6f-8a1b-3c5d7e9f1a2b',
    source: 'lifecare', externalReference: 'LC-2026-104233', hospital: 'Södersjukhuset, geriatrik avd 51', state: 'left_hospital',
    admittedDate: '2026-10-27', readyDate: '2026-10-30', leftHospitalDate: '2026-11-03', agreementDays: 3,
    paymentResponsibilityFrom: '2026-11-02', daysReadyForDischarge: 4, daysWithPaymentResponsibility: 1, withinAgreement: false, pastAgreement: false,
    sipMeeting: { date: '2026-10-29', participantRoles: ['person', 'case_worker', 'primary_care'] }, servicesAppliedFor: ['home_care'],
    applications: [{ id: '5e4d3c2b-1a09-4f8e-9d7c-6b5a4f3e2d1c', caseNumber: 'ANS-2026-000123', status: 'decided' }],
    followUps: [{ id: '9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a', dueDate: '2026-12-05', status: 'planned' }],
    corrections: 1, version: 4, createdAt: '2026-10-27T08:00:00.000Z', updatedAt: '2026-11-03T10:30:00.000Z'
  }]
}))

export const DischargeListQuery = Type.Object({
  readyMonth: Type.Optional(Type.String({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$', maxLength: 7, description: 'Only episodes whose ready date falls in this month (the unit\'s monthly list).', examples: ['2026-10'] })),
  personId: Type.Optional(Uuid),
  pastAgreement: Type.Optional(Type.Boolean({ description: 'Only episodes still in hospital whose payment responsibility has begun.' })),
  ...PageQuery
}, { additionalProperties: false })
