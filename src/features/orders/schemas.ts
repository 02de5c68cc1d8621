import { Type } from 'typebox'
import { END_REASONS, INTERRUPTION_REASONS } from '../../domain/execution.js'
import { ORDER_STATES } from '../../domain/order.js'
import { ActorId, component, LegalDate, Nullable, PageQuery, page, Uuid, Count } from '../../http/schemas.js'
import { NEEDS_DESCRIPTION_MAX } from '../applications/schemas.js'
import { Text as ExecutionText } from '../executions/schemas.js'
import { FullName, Name } from '../persons/schemas.js'
import { ProviderName } from '../providers/schemas.js'
import { ServiceTypeCode, ServiceTypeLabel } from '../service-types/schemas.js'

const State = Type.Enum([...ORDER_STATES], { description: '`sent` to the provider, then `accepted` or `declined` by it (declined: the unit orders elsewhere).' })
const Month = Type.String({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$', maxLength: 7, description: 'A calendar month, YYYY-MM.', examples: ['2026-10'] })

const DeclineReason = Type.String({ minLength: 1, maxLength: 2000, description: 'Why the provider cannot take the order.' })
const EXAMPLE_ID = '6d1f0a3c-2b4e-4f5a-9c8d-7e6f5a4b3c2d'

export const Order = component('Order', Type.Object({
  id: Uuid,
  state: State,
  decisionId: Uuid,
  provider: Type.Object({ id: Uuid, name: ProviderName }),
  serviceType: Type.Object({ code: ServiceTypeCode, labelSv: ServiceTypeLabel, labelEn: ServiceTypeLabel }),
  orderedDate: LegalDate,
  hoursPerMonth: Nullable(Type.Number({ description: 'Ordered hours per month (ramtid).' })),
  visitsPerMonth: Nullable(Type.Integer({ format: 'int32', minimum: 1, maximum: 1000, description: 'Ordered visits per month, for a service ordered as visits.' })),
  startWantedDate: Nullable(LegalDate),
  specialInstructions: Nullable(ExecutionText('What the provider needs to know to carry out the order (keys, pets, language).')),
  answeredDate: Nullable(LegalDate),
  declineReason: Nullable(DeclineReason),
  person: Type.Object({
    id: Uuid, firstName: Name, lastName: Name,
    address: Nullable(ExecutionText('Where the service is given, as sent with the order.')),
    contact: Nullable(ExecutionText('How to reach the person or their representative, as sent with the order.'))
  }, { description: 'Only what carrying out the order needs: never the personal identity number, the assessment part, appeals, complaints or other services.' }),
  needsDescription: Nullable(Type.String({ maxLength: NEEDS_DESCRIPTION_MAX, description: 'The description of needs as shared with the person (kommunicering), else the investigation\'s; never the assessment part.' })),
  execution: Nullable(Type.Object({
    implementationPlanDueDate: Nullable(LegalDate),
    implementationPlanReceivedDate: Nullable(LegalDate),
    startedDate: Nullable(LegalDate),
    interruptions: Type.Array(Type.Object({ startDate: LegalDate, endDate: Nullable(LegalDate), reason: Type.Enum([...INTERRUPTION_REASONS]) })),
    endedDate: Nullable(LegalDate),
    endReason: Nullable(Type.Enum([...END_REASONS]))
  }, { description: 'The execution as recorded, by the provider or the unit (the same facts); null for a declined order.' })),
  deliveredTime: Type.Array(Type.Object({
    month: Month, hours: Type.Number(), locked: Type.Boolean({ description: 'The unit has locked the month.' }), version: Count()
  }), { description: 'Hours delivered per month, oldest first.' }),
  version: Count({ description: 'The order\'s version (the ETag).' })
}, {
  examples: [{
    id: EXAMPLE_ID, state: 'accepted', decisionId: '9a7b5c3d-1e2f-4a6b-8c9d-0e1f2a3b4c5d',
    provider: { id: '0b6f2f7e-8a41-4c5e-9a39-2d0f1c9b7a11', name: 'Hemtjänsten Hägersten' },
    serviceType: { code: 'home_care', labelSv: 'Hemtjänst', labelEn: 'Home care' },
    orderedDate: '2026-09-20', hoursPerMonth: 40, visitsPerMonth: null, startWantedDate: '2026-10-01', specialInstructions: 'Nyckel i nyckelgömma.',
    answeredDate: '2026-09-21', declineReason: null,
    person: { id: '0b8f3c1e-2a4d-4e6f-8a1b-3c5d7e9f1a2b', firstName: 'Tolvan', lastName: 'Tolvansson', address: 'Storgatan 1, 126 30 Hägersten', contact: 'Dotter Anna, 070-123 45 67' },
    needsDescription: 'Behöver hjälp morgon och kväll.',
    execution: { implementationPlanDueDate: '2026-10-05', implementationPlanReceivedDate: '2026-10-03', startedDate: '2026-10-01', interruptions: [], endedDate: null, endReason: null },
    deliveredTime: [{ month: '2026-10', hours: 37.5, locked: false, version: 1 }],
    version: 4
  }]
}))

export const OrderSummary = Type.Object({
  id: Uuid, state: State, orderedDate: LegalDate, serviceTypeCode: ServiceTypeCode, hoursPerMonth: Nullable(Type.Number()), visitsPerMonth: Nullable(Count()),
  startWantedDate: Nullable(LegalDate), providerId: Uuid, decisionId: Uuid, personId: Uuid, personName: FullName
})

export const OrderPage = component('OrderPage', page(OrderSummary))

export const OrderListQuery = Type.Object({ state: Type.Optional(State), ...PageQuery }, { additionalProperties: false })

export const AcceptBody = Type.Object({ acceptedDate: LegalDate }, { additionalProperties: false, examples: [{ acceptedDate: '2026-09-21' }] })
export const DeclineBody = Type.Object({
  declinedDate: LegalDate,
  reason: DeclineReason
}, { additionalProperties: false, examples: [{ declinedDate: '2026-09-21', reason: 'Ingen kapacitet i området från oktober.' }] })

// The provider's reports carry what the unit's own execution actions carry.
export const PlanReportBody = Type.Object({ receivedDate: LegalDate }, { additionalProperties: false, examples: [{ receivedDate: '2026-10-03' }] })
export const StartReportBody = Type.Object({
  startedDate: LegalDate,
  executedHoursPerMonth: Type.Optional(Type.Number({ minimum: 0.01, maximum: 744, description: 'Hours per month given from the start, if fewer than granted (partly executed).' }))
}, { additionalProperties: false, examples: [{ startedDate: '2026-10-01' }] })
export const InterruptReportBody = Type.Object({
  startDate: LegalDate,
  reason: Type.Enum([...INTERRUPTION_REASONS]),
  note: Type.Optional(Type.String({ minLength: 1, maxLength: 5000 }))
}, { additionalProperties: false, examples: [{ startDate: '2026-11-02', reason: 'hospital_stay' }] })
export const ResumeReportBody = Type.Object({ resumedDate: LegalDate }, { additionalProperties: false, examples: [{ resumedDate: '2026-11-20' }] })
export const EndReportBody = Type.Object({ endedDate: LegalDate, reason: Type.Enum([...END_REASONS]) }, { additionalProperties: false, examples: [{ endedDate: '2026-12-31', reason: 'moved' }] })

export const MonthParams = Type.Object({ id: Uuid, month: Month }, { additionalProperties: false })
export const LockParams = Type.Object({ month: Month }, { additionalProperties: false })

export const DeliveredTimeBody = Type.Object({
  hours: Type.Number({ minimum: 0, maximum: 744, description: 'Hours delivered on the order in the month; kept to two decimals.' })
}, { additionalProperties: false, examples: [{ hours: 37.5 }] })

export const DeliveredTime = component('DeliveredTime', Type.Object({
  orderId: Uuid, month: Month, hours: Type.Number(), reportedBy: ActorId, version: Count()
}, { examples: [{ orderId: EXAMPLE_ID, month: '2026-10', hours: 37.5, reportedBy: 'hemtjansten.hagersten', version: 1 }] }))

export const MonthLock = component('MonthLock', Type.Object({
  month: Month, lockedBy: ActorId, lockedAt: Type.String({ format: 'date-time', maxLength: 35 })
}, { examples: [{ month: '2026-10', lockedBy: 'eva.ek', lockedAt: '2026-11-05T09:15:00.000Z' }] }))
