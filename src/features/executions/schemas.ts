import { Type } from 'typebox'
import { END_REASONS, EXECUTION_STATES, INTERRUPTION_REASONS, OFFER_ANSWERS, OFFER_RESPONSES } from '../../domain/execution.js'
import { component, LegalDate, Nullable, Uuid, Count } from '../../http/schemas.js'
import { ProviderName, ProviderRegime } from '../providers/schemas.js'

const Hours = (description: string) => Type.Number({ minimum: 0.01, maximum: 744, description: `${description} Kept to two decimals.`, examples: [30] })
/** The execution's free texts (also sent with an order: instructions, address, contact). */
export const Text = (description: string) => Type.String({ minLength: 1, maxLength: 5000, description })
const EndReason = Type.Enum([...END_REASONS], { description: 'deceased, moved, no_longer_needed, replaced_by_new_decision or declined_by_person.' })
const InterruptionReason = Type.Enum([...INTERRUPTION_REASONS], { description: 'Why the service stopped for a while (hospital stay, the person\'s own request, the provider lacking capacity, other).' })
const OfferResponse = Type.Enum([...OFFER_RESPONSES])

export const Execution = component('Execution', Type.Object({
  decisionId: Uuid,
  state: Type.Enum([...EXECUTION_STATES, 'not_executable'], {
    description: 'Derived from the recorded dates. `not_executable`: the decision was rejected.'
  }),
  provider: Nullable(Type.Object({ id: Uuid, name: ProviderName, regime: ProviderRegime })),
  orderedDate: Nullable(LegalDate),
  orderedHoursPerMonth: Nullable(Type.Number()),
  implementationPlan: Type.Object({
    dueDate: Nullable(LegalDate),
    receivedDate: Nullable(LegalDate),
    overdue: Type.Boolean({ description: 'Due date passed (Stockholm time) without a plan, and the service has not ended.' })
  }),
  startedDate: Nullable(Type.String({ format: 'date', maxLength: 10, description: 'Verkställd: the first day the service was given.' })),
  grantedHoursPerMonth: Nullable(Type.Number()),
  executedHoursPerMonth: Nullable(Type.Number({ description: 'Executed hours today; below the granted hours the decision is partly executed.' })),
  hours: Type.Array(Type.Object({ effectiveDate: LegalDate, hoursPerMonth: Type.Number() }), { description: 'Executed hours per month from each date on, oldest first.' }),
  interruptions: Type.Array(Type.Object({
    id: Uuid, startDate: LegalDate, endDate: Nullable(Type.String({ format: 'date', maxLength: 10, description: 'The day the service was given again; null while interrupted.' })),
    reason: InterruptionReason, note: Nullable(Text('Free text about the interruption.'))
  })),
  offers: Type.Array(Type.Object({
    id: Uuid, offeredDate: LegalDate, description: Text('What was offered (service, provider, start date).'), providerId: Nullable(Uuid), response: OfferResponse, responseDate: Nullable(LegalDate)
  })),
  endedDate: Nullable(LegalDate),
  endReason: Nullable(EndReason),
  delayAccount: Type.Object({
    reason: Nullable(Text('Why the execution is delayed.')), consequences: Nullable(Text('Consequences for the person.')), interimServices: Nullable(Text('Services given meanwhile.'))
  }, { description: 'The case worker\'s account for the IVO individual report: why the execution is delayed, the consequences for the person, interim services given.' }),
  notExecuted: Type.Object({
    lastOnTimeDate: LegalDate,
    lateSince: Nullable(Type.String({ format: 'date', maxLength: 10, description: 'Set while the decision (or an interruption) has passed three months unresolved: it is reported to IVO each quarter.' }))
  }),
  version: Count({ description: '0 before the first execution action.' })
}, {
  description: 'The execution (verkställighet) of a decision.',
  examples: [{
    decisionId: '9a7b5c3d-1e2f-4a6b-8c9d-0e1f2a3b4c5d', state: 'executing',
    provider: { id: '0b6f2f7e-8a41-4c5e-9a39-2d0f1c9b7a11', name: 'Hemtjänst Hägersten-Älvsjö (egen regi)', regime: 'municipal' },
    orderedDate: '2026-03-26', orderedHoursPerMonth: 40,
    implementationPlan: { dueDate: '2026-04-10', receivedDate: '2026-04-08', overdue: false },
    startedDate: '2026-04-01', grantedHoursPerMonth: 40, executedHoursPerMonth: 30,
    hours: [{ effectiveDate: '2026-04-01', hoursPerMonth: 30 }], interruptions: [],
    offers: [{ id: '2c4e6a8b-0d1f-4a3c-9e5b-7d9f1b3d5f7a', offeredDate: '2026-03-30', description: 'Hemtjänst 30 h/mån från 1 april, resterande 10 h när personal finns', providerId: null, response: 'accepted', responseDate: '2026-03-31' }],
    endedDate: null, endReason: null,
    delayAccount: { reason: 'Utföraren saknar personal för kvällsinsatser.', consequences: null, interimServices: 'Anhörig hjälper till på kvällar.' },
    notExecuted: { lastOnTimeDate: '2026-06-25', lateSince: null },
    version: 4
  }]
}))

export const OrderBody = Type.Object({
  orderedDate: LegalDate,
  providerId: Uuid,
  orderedHoursPerMonth: Type.Optional(Hours('Ordered hours per month (home care); defaults to the granted hours.')),
  // The order document the provider receives (GET /v1/orders/{id}).
  visitsPerMonth: Type.Optional(Type.Integer({ format: 'int32', minimum: 1, maximum: 1000, description: 'Ordered visits per month, for a service ordered as visits rather than hours.' })),
  startWantedDate: Type.Optional(Type.String({ format: 'date', maxLength: 10, description: 'When the unit wants the service to start; the start is due then (worklist `start_not_reported`).' })),
  specialInstructions: Type.Optional(Text('What the provider needs to know to carry out the order (keys, pets, language).')),
  address: Type.Optional(Text('Where the service is given.')),
  contact: Type.Optional(Text('How the provider reaches the person or their representative.'))
}, { additionalProperties: false, examples: [{ orderedDate: '2026-03-26', providerId: '0b6f2f7e-8a41-4c5e-9a39-2d0f1c9b7a11', orderedHoursPerMonth: 40, startWantedDate: '2026-04-01', specialInstructions: 'Nyckel finns i nyckelgömma. Talar finska.', address: 'Storgatan 1, 126 30 Hägersten', contact: 'Dotter Anna, 070-123 45 67' }] })

export const ImplementationPlanBody = Type.Object({ receivedDate: LegalDate }, { additionalProperties: false, examples: [{ receivedDate: '2026-04-08' }] })

export const StartBody = Type.Object({
  startedDate: LegalDate,
  executedHoursPerMonth: Type.Optional(Hours('Executed hours per month (home care); defaults to the granted hours. Fewer means partly executed.'))
}, { additionalProperties: false, examples: [{ startedDate: '2026-04-01', executedHoursPerMonth: 30 }] })

export const HoursBody = Type.Object({
  effectiveDate: LegalDate,
  executedHoursPerMonth: Hours('Executed hours per month from this date on.')
}, { additionalProperties: false, examples: [{ effectiveDate: '2026-05-01', executedHoursPerMonth: 40 }] })

export const InterruptBody = Type.Object({
  startDate: Type.String({ format: 'date', maxLength: 10, description: 'The first day without the service.' }),
  reason: InterruptionReason,
  note: Type.Optional(Text('Free text about the interruption.'))
}, { additionalProperties: false, examples: [{ startDate: '2026-06-02', reason: 'hospital_stay' }] })

export const ResumeBody = Type.Object({
  resumedDate: Type.String({ format: 'date', maxLength: 10, description: 'The first day the service was given again.' })
}, { additionalProperties: false, examples: [{ resumedDate: '2026-06-20' }] })

export const EndBody = Type.Object({ endedDate: LegalDate, reason: EndReason }, { additionalProperties: false, examples: [{ endedDate: '2026-09-30', reason: 'moved' }] })

export const OfferBody = Type.Object({
  offeredDate: LegalDate,
  description: Text('What was offered (service, provider, start date).'),
  providerId: Type.Optional(Uuid),
  response: Type.Optional(OfferResponse),
  responseDate: Type.Optional(LegalDate)
}, { additionalProperties: false, examples: [{ offeredDate: '2026-05-12', description: 'Plats på Solgårdens vård- och omsorgsboende från 1 juni', response: 'declined', responseDate: '2026-05-14' }] })

export const OfferResponseBody = Type.Object({
  response: Type.Enum([...OFFER_ANSWERS]),
  responseDate: LegalDate
}, { additionalProperties: false, examples: [{ response: 'declined', responseDate: '2026-05-14' }] })

export const DelayAccountBody = Type.Object({
  reason: Nullable(Text('Why the execution is delayed.')),
  consequences: Nullable(Text('Consequences for the person.')),
  interimServices: Nullable(Text('Services given meanwhile.'))
}, { additionalProperties: false, examples: [{ reason: 'Ingen ledig plats på önskat boende.', consequences: 'Bor kvar hemma med utökad hemtjänst.', interimServices: 'Hemtjänst 60 h/mån och trygghetslarm.' }] })

export const OfferParams = Type.Object({ id: Uuid, offerId: Uuid }, { additionalProperties: false })
