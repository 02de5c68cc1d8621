import { Type } from 'typebox'
import { CaseNumber } from '../applications/schemas.js'
import { DEVIATION_STATUSES, DEVIATION_TARGETS } from '../../domain/deviation-process.js'
import { component, Instant, LegalDate, Nullable, PageQuery, Uuid, Count, ActorId } from '../../http/schemas.js'
import { CaseLinkFields, CategoryCode, ProviderFields, ProviderView, Text } from '../quality/schemas.js'

export const DeviationStatus = Type.Enum([...DEVIATION_STATUSES], { description: 'sent → responded → closed (a deviation can be closed without a response).' })
const Target = Type.Enum([...DEVIATION_TARGETS], { description: 'To whom it was sent: a provider, primary care, hospital care, transport or other.' })

const deviationFields = {
  target: Target,
  ...ProviderFields,
  category: Type.String({ pattern: '^[a-z][a-z0-9_]{1,62}$', maxLength: 63, description: 'Deviation category (GET /v1/quality-categories?domain=deviation).', examples: ['missing_implementation_plan'] }),
  description: Text('What went wrong.'),
  sentDate: Type.String({ format: 'date', maxLength: 10, description: 'The day the deviation was sent to its target.', examples: ['2026-04-14'] })
}

/** A deviation escalated from a complaint inherits the complaint's person and decision. */
export const DeviationEscalation = Type.Object(deviationFields, {
  additionalProperties: false,
  examples: [{ target: 'provider', providerName: 'Omsorgsbolaget Solrosen AB', category: 'service_quality', description: 'Upprepade sena besök enligt anhörigs klagomål.', sentDate: '2026-03-05' }]
})

export const DeviationCreate = Type.Object({ ...deviationFields, ...CaseLinkFields }, {
  additionalProperties: false,
  examples: [{
    target: 'provider', providerId: '0b6f2f7e-8a41-4c5e-9a39-2d0f1c9b7a11', category: 'missing_implementation_plan',
    description: 'Genomförandeplan har inte inkommit inom 15 dagar från beställningen.', sentDate: '2026-04-14',
    decisionId: '9a7b5c3d-1e2f-4a6b-8c9d-0e1f2a3b4c5d'
  }]
})

export const ResponseBody = Type.Object({
  date: Type.String({ format: 'date', maxLength: 10, description: 'The day the response was received.' }),
  response: Text('What the target answered.')
}, { additionalProperties: false, examples: [{ date: '2026-04-20', response: 'Planen upprättas vid besök 22 april.' }] })

export const CloseDeviationBody = Type.Object({
  date: Type.String({ format: 'date', maxLength: 10, description: 'The day it was closed.' }),
  note: Type.Optional(Nullable(Text('Why it is closed, e.g. the plan has arrived, or no response came.')))
}, { additionalProperties: false, examples: [{ date: '2026-04-25', note: 'Genomförandeplanen har inkommit.' }] })

export const Deviation = component('Deviation', Type.Object({
  id: Uuid,
  caseNumber: Type.String({ ...CaseNumber, examples: ['AVV-2026-000007'] }),
  unitId: Uuid,
  target: Target,
  provider: ProviderView,
  category: CategoryCode,
  description: Text('What went wrong.'),
  sentDate: LegalDate,
  personId: Nullable(Uuid),
  decisionId: Nullable(Uuid),
  complaintId: Nullable(Type.String({ format: 'uuid', maxLength: 36, description: 'The complaint it was escalated from, if any.' })),
  status: DeviationStatus,
  response: Nullable(Type.Object({ date: LegalDate, text: Text('What the target answered.') })),
  closure: Nullable(Type.Object({ date: LegalDate, note: Nullable(Text('Why it is closed.')) })),
  registeredBy: ActorId,
  version: Count(),
  createdAt: Instant,
  updatedAt: Instant
}, {
  description: 'A deviation (avvikelse) the unit sent to a provider or to health care.',
  examples: [{
    id: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d', caseNumber: 'AVV-2026-000007', unitId: '3f1c2b9a-5d7e-4c1a-9b2f-8e6d4a2c1b0f',
    target: 'provider', provider: { id: '0b6f2f7e-8a41-4c5e-9a39-2d0f1c9b7a11', name: 'Hemtjänst Hägersten-Älvsjö (egen regi)', regime: 'municipal' },
    category: 'missing_implementation_plan', description: 'Genomförandeplan har inte inkommit inom 15 dagar från beställningen.',
    sentDate: '2026-04-14', personId: '0b8f3c1e-2a4d-4e6f-8a1b-3c5d7e9f1a2b', decisionId: '9a7b5c3d-1e2f-4a6b-8c9d-0e1f2a3b4c5d', complaintId: null,
    status: 'responded', response: { date: '2026-04-20', text: 'Planen upprättas vid besök 22 april.' }, closure: null,
    registeredBy: 'anna.andersson', version: 2, createdAt: '2026-04-14T08:00:00.000Z', updatedAt: '2026-04-20T10:30:00.000Z'
  }]
}))

export const DeviationListQuery = Type.Object({
  status: Type.Optional(DeviationStatus),
  target: Type.Optional(Target),
  category: Type.Optional(CategoryCode),
  providerId: Type.Optional(Uuid),
  personId: Type.Optional(Uuid),
  complaintId: Type.Optional(Uuid),
  sentFrom: Type.Optional(LegalDate),
  sentTo: Type.Optional(LegalDate),
  ...PageQuery
}, { additionalProperties: false })
