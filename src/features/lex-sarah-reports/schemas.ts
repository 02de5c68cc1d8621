import { Type } from 'typebox'
import { Citation } from '../legal-provisions/schemas.js'
import { CaseNumber } from '../applications/schemas.js'
import { LEX_SARAH_ASSESSMENTS, LEX_SARAH_PLACES, LEX_SARAH_STATUSES } from '../../domain/lex-sarah-process.js'
import { component, Instant, LegalDate, Nullable, PageQuery, Uuid, Count } from '../../http/schemas.js'
import { CaseLinkFields, CategoryCode, ProviderFields, ProviderView, Staff, Text } from '../quality/schemas.js'

const ReporterRole = Type.String({ minLength: 1, maxLength: 200 })
const IvoReference = Type.String({ minLength: 1, maxLength: 200 })

export const LexSarahStatus = Type.Enum([...LEX_SARAH_STATUSES], {
  description: 'reported → investigating → assessed → notified_to_ivo (when serious) → ivo_responded → closed.'
})
const Assessment = Type.Enum([...LEX_SARAH_ASSESSMENTS], { description: 'no_wrongdoing, wrongdoing (missförhållande) or risk_of_wrongdoing (påtaglig risk för missförhållande).' })
const Place = Type.Enum([...LEX_SARAH_PLACES], { description: 'Where it happened: the unit itself or a provider.' })

const reportFields = {
  reportedDate: Type.String({ format: 'date', maxLength: 10, description: 'The day the report was made.', examples: ['2026-05-04'] }),
  reporterRole: Type.String({ ...ReporterRole, description: 'The reporter\'s staff role; the reporter need not be named.', examples: ['biståndshandläggare'] }),
  eventDate: Type.Optional(Nullable(Type.String({ format: 'date', maxLength: 10, description: 'When it happened, if known.' }))),
  place: Place,
  ...ProviderFields,
  forInformation: Type.Optional(Type.Boolean({ description: 'A provider\'s own report sent to the unit for information (för kännedom); it can be closed without an investigation here. Only with place `provider`.' })),
  category: Type.String({ pattern: '^[a-z][a-z0-9_]{1,62}$', maxLength: 63, description: 'Lex Sarah category (GET /v1/quality-categories?domain=lex_sarah).', examples: ['documentation_to_wrong_person'] }),
  description: Text('What happened.'),
  immediateActions: Type.Optional(Nullable(Text('What was done at once to remedy it.')))
}

/** A report escalated from a complaint inherits the complaint's person and decision. */
export const LexSarahEscalation = Type.Object(reportFields, {
  additionalProperties: false,
  examples: [{ reportedDate: '2026-03-06', reporterRole: 'enhetschef', place: 'provider', providerName: 'Omsorgsbolaget Solrosen AB', category: 'execution_shortcomings', description: 'Enligt anhörig har planerade besök uteblivit flera dagar i rad.' }]
})

export const LexSarahReportCreate = Type.Object({ ...reportFields, ...CaseLinkFields }, {
  additionalProperties: false,
  examples: [{
    reportedDate: '2026-05-04', reporterRole: 'biståndshandläggare', eventDate: '2026-05-03', place: 'unit', category: 'documentation_to_wrong_person',
    description: 'Ett beslut skickades till fel mottagare.', immediateActions: 'Mottagaren kontaktades och handlingen återkallades samma dag.',
    personId: '0b8f3c1e-2a4d-4e6f-8a1b-3c5d7e9f1a2b'
  }]
})

export const InvestigateReportBody = Type.Object({
  date: Type.String({ format: 'date', maxLength: 10, description: 'The day the investigation started.' }),
  investigator: Type.Optional(Staff)
}, { additionalProperties: false, examples: [{ date: '2026-05-05', investigator: 'Kvalitetsutvecklare Lena Lund' }] })

export const AssessBody = Type.Object({
  date: Type.String({ format: 'date', maxLength: 10, description: 'The day of the assessment; a serious one starts the IVO notification deadline.' }),
  assessment: Assessment,
  serious: Type.Boolean({ description: 'Allvarligt: must be notified to IVO. Only with wrongdoing or risk of wrongdoing.' }),
  summary: Type.Optional(Nullable(Text('The investigation\'s conclusion.')))
}, { additionalProperties: false, examples: [{ date: '2026-05-12', assessment: 'wrongdoing', serious: true, summary: 'Sekretessbelagda uppgifter röjdes för obehörig.' }] })

export const IvoNotificationBody = Type.Object({
  date: Type.String({ format: 'date', maxLength: 10, description: 'The day IVO was notified.' }),
  reference: Type.String({ ...IvoReference, description: 'IVO\'s case reference (diarienummer).', examples: ['IVO 3.5.1-12345/2026'] })
}, { additionalProperties: false, examples: [{ date: '2026-05-20', reference: 'IVO 3.5.1-12345/2026' }] })

export const IvoResponseBody = Type.Object({
  date: Type.String({ format: 'date', maxLength: 10, description: 'The day IVO\'s response arrived.' }),
  response: Text('What IVO concluded.')
}, { additionalProperties: false, examples: [{ date: '2026-08-30', response: 'IVO bedömer att nämnden fullgjort sin utrednings- och anmälningsskyldighet och avslutar ärendet.' }] })

export const CloseReportBody = Type.Object({
  date: Type.String({ format: 'date', maxLength: 10, description: 'The day it was closed.' }),
  measures: Text('Measures taken to prevent it happening again.'),
  learning: Type.Optional(Nullable(Text('What the unit learnt, e.g. a revised routine.')))
}, { additionalProperties: false, examples: [{ date: '2026-09-02', measures: 'Rutinen för utskick har reviderats med kontroll av mottagare.', learning: 'Genomgång på APT.' }] })

const Details = Type.Object({
  reporterRole: ReporterRole,
  eventDate: Nullable(LegalDate),
  place: Place,
  provider: ProviderView,
  forInformation: Type.Boolean(),
  category: CategoryCode,
  description: Text('What happened.'),
  immediateActions: Nullable(Text('What was done at once to remedy it.')),
  personId: Nullable(Uuid),
  decisionId: Nullable(Uuid),
  complaintId: Nullable(Type.String({ format: 'uuid', maxLength: 36, description: 'The complaint it was escalated from, if any.' })),
  investigation: Nullable(Type.Object({ startedDate: LegalDate, investigator: Nullable(Staff) })),
  assessment: Nullable(Type.Object({ date: LegalDate, assessment: Assessment, serious: Type.Boolean(), summary: Nullable(Text('The investigation\'s conclusion.')) })),
  ivoNotification: Nullable(Type.Object({
    dueDate: Type.String({ format: 'date', maxLength: 10, description: 'The last day to notify IVO (LEX_SARAH_IVO_NOTIFICATION_DAYS after the serious assessment).' }),
    overdue: Type.Boolean({ description: 'Not notified and the due date has passed (Stockholm time).' }),
    notifiedDate: Nullable(LegalDate),
    reference: Nullable(IvoReference),
    onTime: Nullable(Type.Boolean({ description: 'Notified on or before the due date; null until notified.' }))
  }, { description: 'Present once the report is assessed as serious.' })),
  investigationDeadlines: Nullable(Type.Object({
    startDueDate: Type.String({ format: 'date', maxLength: 10, description: 'The last day to start the investigation (LEX_SARAH_INVESTIGATION_START_DAYS after the reported date; "utan dröjsmål").' }),
    startOverdue: Type.Boolean({ description: 'Not started by the due date, on the day shown (today, or the list\'s `asOf`).' }),
    finishDueDate: Type.String({ format: 'date', maxLength: 10, description: 'The last day to finish the investigation with an assessment (LEX_SARAH_INVESTIGATION_DAYS after the reported date).' }),
    finishOverdue: Type.Boolean({ description: 'Not assessed by the due date, on the day shown.' })
  }, { description: 'Null for a provider\'s report received for information.' })),
  ivoResponse: Nullable(Type.Object({ date: LegalDate, text: Text('What IVO concluded.') })),
  closure: Nullable(Type.Object({ date: LegalDate, measures: Text('Measures taken to prevent it happening again.'), learning: Nullable(Text('What the unit learnt.')) }))
})

export const LexSarahReport = component('LexSarahReport', Type.Object({
  id: Uuid,
  caseNumber: Type.String({ ...CaseNumber, examples: ['LXS-2026-000003'] }),
  unitId: Uuid,
  reportedDate: LegalDate,
  status: LexSarahStatus,
  legalBasis: Type.Object({
    report: Type.String({ ...Citation, description: 'The Lex Sarah provisions in force on the reported date (GET /v1/legal-provisions, purpose lex_sarah).' }),
    ivoNotification: Type.String({ ...Citation, description: 'The provision on notifying IVO of a serious wrongdoing, in force on the reported date.' })
  }),
  details: Type.Union([Details, Type.Null()], { description: 'What the report says and whom it concerns: only for quality staff and unit managers (and deputies); null for every other role, who see that the report exists and its status.' }),
  version: Count(),
  createdAt: Instant,
  updatedAt: Instant
}, {
  description: 'A Lex Sarah report (SoL (2001:453) 14 kap. 3–7 §§ until 2025-06-30, SoL (2025:400) 27 kap. 2–6 §§ from 2025-07-01): wrongdoing or a clear risk of wrongdoing in the care of an individual.',
  examples: [{
    id: '7e8f9a0b-1c2d-4e3f-8a4b-5c6d7e8f9a0b', caseNumber: 'LXS-2026-000003', unitId: '3f1c2b9a-5d7e-4c1a-9b2f-8e6d4a2c1b0f',
    reportedDate: '2026-05-04', status: 'notified_to_ivo', legalBasis: { report: 'SoL (2025:400) 27 kap. 2–6 §§', ivoNotification: 'SoL (2025:400) 27 kap. 6 §' },
    details: {
      reporterRole: 'biståndshandläggare', eventDate: '2026-05-03', place: 'unit', provider: null, forInformation: false,
      category: 'documentation_to_wrong_person', description: 'Ett beslut skickades till fel mottagare.',
      immediateActions: 'Mottagaren kontaktades och handlingen återkallades samma dag.',
      personId: '0b8f3c1e-2a4d-4e6f-8a1b-3c5d7e9f1a2b', decisionId: null, complaintId: null,
      investigation: { startedDate: '2026-05-05', investigator: 'Kvalitetsutvecklare Lena Lund' },
      assessment: { date: '2026-05-12', assessment: 'wrongdoing', serious: true, summary: 'Sekretessbelagda uppgifter röjdes för obehörig.' },
      ivoNotification: { dueDate: '2026-05-26', overdue: false, notifiedDate: '2026-05-20', reference: 'IVO 3.5.1-12345/2026', onTime: true },
      investigationDeadlines: { startDueDate: '2026-05-11', startOverdue: false, finishDueDate: '2026-07-03', finishOverdue: false },
      ivoResponse: null, closure: null
    },
    version: 4, createdAt: '2026-05-04T10:00:00.000Z', updatedAt: '2026-05-20T14:00:00.000Z'
  }, {
    id: '7e8f9a0b-1c2d-4e3f-8a4b-5c6d7e8f9a0b', caseNumber: 'LXS-2026-000003', unitId: '3f1c2b9a-5d7e-4c1a-9b2f-8e6d4a2c1b0f',
    reportedDate: '2026-05-04', status: 'notified_to_ivo', legalBasis: { report: 'SoL (2025:400) 27 kap. 2–6 §§', ivoNotification: 'SoL (2025:400) 27 kap. 6 §' }, details: null,
    version: 4, createdAt: '2026-05-04T10:00:00.000Z', updatedAt: '2026-05-20T14:00:00.000Z'
  }]
}))

export const LexSarahListQuery = Type.Object({
  status: Type.Optional(LexSarahStatus),
  reportedFrom: Type.Optional(LegalDate),
  reportedTo: Type.Optional(LegalDate),
  category: Type.Optional(CategoryCode),
  serious: Type.Optional(Type.Boolean()),
  place: Type.Optional(Place),
  providerId: Type.Optional(Uuid),
  personId: Type.Optional(Uuid),
  ivoNotificationOverdue: Type.Optional(Type.Boolean({ description: 'true: only serious reports past their IVO notification deadline without a notification; false: only the others.' })),
  investigationOverdue: Type.Optional(Type.Boolean({ description: 'true: only reports whose investigation was not started, or not finished (assessed), by its deadline; false: only the others. Reports received for information are never overdue here.' })),
  asOf: Type.Optional(Type.String({ format: 'date', maxLength: 10, description: 'The day the overdue filters and flags are judged on; today (Europe/Stockholm) by default.', examples: ['2026-06-01'] })),
  ...PageQuery
}, {
  additionalProperties: false,
  description: 'Filters on what a report says (category, serious, place, providerId, personId, ivoNotificationOverdue, investigationOverdue) need the right to read Lex Sarah details.'
})

/** The list filters that would reveal details to a role that may see only existence and status. */
export const DETAIL_FILTERS = ['category', 'serious', 'place', 'providerId', 'personId', 'ivoNotificationOverdue', 'investigationOverdue'] as const
