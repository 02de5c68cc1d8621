import { Type } from 'typebox'
import { CaseNumber } from '../applications/schemas.js'
import { ANSWER_METHODS, COMPLAINT_CHANNELS, COMPLAINT_KINDS, COMPLAINT_STATUSES, COMPLAINT_TARGETS, SUBMITTERS } from '../../domain/complaint-process.js'
import { component, Instant, LegalDate, Nullable, PageQuery, Uuid, Count, ActorId } from '../../http/schemas.js'
import { CaseLinkFields, CategoryCode, ProviderFields, ProviderView, Staff, Text } from '../quality/schemas.js'

export const ComplaintStatus = Type.Enum([...COMPLAINT_STATUSES], { description: 'registered → investigating → answered → closed.' })
const Channel = Type.Enum([...COMPLAINT_CHANNELS], { description: 'How it arrived: written, oral, phone or e-service (e.g. Synpunktsportalen).' })
const SubmittedBy = Type.Enum([...SUBMITTERS], { description: 'Who submitted it: the person, a relative, a representative, someone else, or anonymous.' })
const Kind = Type.Enum([...COMPLAINT_KINDS], { description: 'complaint (klagomål), feedback (synpunkt), idea, praise or question.' })
const Target = Type.Enum([...COMPLAINT_TARGETS], { description: 'About whom: the unit itself, a provider, primary care, hospital care, transport (färdtjänst) or other.' })
const AnswerMethod = Type.Enum([...ANSWER_METHODS])

const ExternalReference = Type.String({ minLength: 1, maxLength: 200, description: 'The source system\'s reference (e.g. Synpunktsportalen\'s case id).' })
const SubmitterName = Type.String({ minLength: 1, maxLength: 200, description: 'Not with an anonymous submitter.' })
const SubmitterContact = Type.String({ minLength: 1, maxLength: 300, description: 'How to reach the submitter for the answer.' })
const MAX_CATEGORIES = 10

export const ComplaintCreate = Type.Object({
  receivedDate: Type.String({ format: 'date', maxLength: 10, description: 'The date it was received; the answer deadline runs from it.', examples: ['2026-03-02'] }),
  channel: Channel,
  externalReference: Type.Optional(Nullable(Type.String({ ...ExternalReference, description: 'The source system\'s reference (e.g. Synpunktsportalen\'s case id); unique within the unit, so a re-fed item answers 409.', examples: ['SP-2026-118822'] }))),
  submittedBy: SubmittedBy,
  submitterName: Type.Optional(Nullable(SubmitterName)),
  submitterContact: Type.Optional(Nullable(Type.String({ ...SubmitterContact, description: 'How to reach the submitter for the answer. Not with an anonymous submitter.' }))),
  kind: Kind,
  target: Target,
  ...ProviderFields,
  categories: Type.Array(CategoryCode, { maxItems: MAX_CATEGORIES, uniqueItems: true, description: 'Complaint categories (GET /v1/quality-categories?domain=complaint).' }),
  description: Text('What the submitter says.'),
  ...CaseLinkFields
}, {
  additionalProperties: false,
  examples: [{
    receivedDate: '2026-03-02', channel: 'phone', submittedBy: 'relative', submitterName: 'Karin Berg', submitterContact: '070-123 45 67',
    kind: 'complaint', target: 'provider', providerName: 'Omsorgsbolaget Solrosen AB', providerRegime: 'private',
    categories: ['treatment', 'service_quality'], description: 'Hemtjänstpersonalen kommer ofta sent och bemötandet upplevs som stressat.'
  }]
})

export const InvestigateBody = Type.Object({
  date: Type.String({ format: 'date', maxLength: 10, description: 'The day the investigation started.' }),
  investigator: Type.Optional(Staff)
}, { additionalProperties: false, examples: [{ date: '2026-03-03', investigator: 'Eva Ek, enhetschef' }] })

export const AnswerBody = Type.Object({
  date: Type.String({ format: 'date', maxLength: 10, description: 'The day the submitter was answered.' }),
  answeredBy: Staff,
  method: AnswerMethod,
  answer: Text('What the submitter was told.')
}, { additionalProperties: false, examples: [{ date: '2026-03-12', answeredBy: 'Eva Ek, enhetschef', method: 'phone', answer: 'Vi har kontaktat utföraren som ser över planeringen av besöken.' }] })

export const CloseComplaintBody = Type.Object({
  date: Type.String({ format: 'date', maxLength: 10, description: 'The day it was closed.' }),
  measures: Type.Optional(Nullable(Text('Measures taken, if any.')))
}, { additionalProperties: false, examples: [{ date: '2026-03-20', measures: 'Utföraren har infört fasta kontaktpersoner.' }] })

export const Complaint = component('Complaint', Type.Object({
  id: Uuid,
  caseNumber: Type.String({ ...CaseNumber, examples: ['SYN-2026-000012'] }),
  unitId: Uuid,
  receivedDate: LegalDate,
  channel: Channel,
  externalReference: Nullable(ExternalReference),
  submittedBy: SubmittedBy,
  submitter: Nullable(Type.Object({ name: Nullable(SubmitterName), contact: Nullable(SubmitterContact) }, { description: 'Null for an anonymous submitter.' })),
  kind: Kind,
  target: Target,
  provider: ProviderView,
  categories: Type.Array(CategoryCode, { maxItems: MAX_CATEGORIES }),
  description: Text('What the submitter says.'),
  personId: Nullable(Uuid),
  decisionId: Nullable(Uuid),
  status: ComplaintStatus,
  answerDueDate: Type.String({ format: 'date', maxLength: 10, description: 'The last day of the answer deadline (COMPLAINT_ANSWER_DAYS after receipt).' }),
  overdue: Type.Boolean({ description: 'Not answered and the answer due date has passed (Stockholm time).' }),
  investigation: Nullable(Type.Object({ startedDate: LegalDate, investigator: Nullable(Staff) })),
  answer: Nullable(Type.Object({
    date: LegalDate, answeredBy: Staff, method: AnswerMethod, text: Text('What the submitter was told.'),
    onTime: Type.Boolean({ description: 'Answered on or before the due date.' })
  })),
  closure: Nullable(Type.Object({ date: LegalDate, measures: Nullable(Text('Measures taken, if any.')) })),
  ledTo: Type.Object({
    deviationIds: Type.Array(Uuid),
    lexSarahReportIds: Nullable(Type.Array(Uuid, { description: 'Null unless the caller may read Lex Sarah details.' }))
  }, { description: 'Deviations and Lex Sarah reports it was escalated into.' }),
  registeredBy: ActorId,
  version: Count(),
  createdAt: Instant,
  updatedAt: Instant
}, {
  description: 'A complaint or other feedback (synpunkt, klagomål) received by the unit.',
  examples: [{
    id: '6d3c1b2a-4e5f-4a7b-8c9d-0e1f2a3b4c5d', caseNumber: 'SYN-2026-000012', unitId: '3f1c2b9a-5d7e-4c1a-9b2f-8e6d4a2c1b0f',
    receivedDate: '2026-03-02', channel: 'phone', externalReference: null, submittedBy: 'relative',
    submitter: { name: 'Karin Berg', contact: '070-123 45 67' }, kind: 'complaint', target: 'provider',
    provider: { id: null, name: 'Omsorgsbolaget Solrosen AB', regime: 'private' }, categories: ['treatment', 'service_quality'],
    description: 'Hemtjänstpersonalen kommer ofta sent och bemötandet upplevs som stressat.', personId: null, decisionId: null,
    status: 'answered', answerDueDate: '2026-03-16', overdue: false,
    investigation: { startedDate: '2026-03-03', investigator: 'Eva Ek, enhetschef' },
    answer: { date: '2026-03-12', answeredBy: 'Eva Ek, enhetschef', method: 'phone', text: 'Vi har kontaktat utföraren som ser över planeringen av besöken.', onTime: true },
    closure: null, ledTo: { deviationIds: [], lexSarahReportIds: [] }, registeredBy: 'anna.andersson', version: 3,
    createdAt: '2026-03-02T09:15:00.000Z', updatedAt: '2026-03-12T13:40:00.000Z'
  }]
}))

export const ComplaintListQuery = Type.Object({
  status: Type.Optional(ComplaintStatus),
  kind: Type.Optional(Kind),
  target: Type.Optional(Target),
  category: Type.Optional(CategoryCode),
  providerId: Type.Optional(Uuid),
  personId: Type.Optional(Uuid),
  receivedFrom: Type.Optional(LegalDate),
  receivedTo: Type.Optional(LegalDate),
  overdue: Type.Optional(Type.Boolean({ description: 'true: only items past their answer deadline without an answer; false: only the others.' })),
  asOf: Type.Optional(Type.String({ format: 'date', maxLength: 10, description: 'The day `overdue` (the filter and each item\'s flag) is judged on; today (Europe/Stockholm) by default.', examples: ['2026-06-01'] })),
  ...PageQuery
}, { additionalProperties: false })
