import { Type } from 'typebox'
import { DEVIATIONS } from '../../domain/delivered-time.js'
import { UnitRef } from '../units/schemas.js'
import { component, Count, Nullable, Uuid } from '../../http/schemas.js'
import { FullName } from '../persons/schemas.js'
import { ProviderName } from '../providers/schemas.js'
import { ServiceTypeCode } from '../service-types/schemas.js'

const Month = Type.String({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$', maxLength: 7, description: 'A calendar month, YYYY-MM.', examples: ['2026-10'] })

export const MonthQuery = Type.Object({ month: Month }, { additionalProperties: false })

const Deviation = Type.Enum([...DEVIATIONS], {
  description: '`within` the tolerance, `below` or `above` it, or `not_reported` (no delivered time for the month yet).'
})

const Totals = Type.Object({
  orders: Count(),
  orderedHours: Type.Number(),
  deliveredHours: Type.Number(),
  differenceHours: Type.Number({ description: 'Delivered minus ordered.' }),
  deviations: Type.Object(Object.fromEntries(DEVIATIONS.map((d) => [d, Count()])) as Record<(typeof DEVIATIONS)[number], ReturnType<typeof Count>>)
})

export const DeliveredTimeReport = component('DeliveredTimeReport', Type.Object({
  unit: UnitRef,
  month: Month,
  locked: Type.Boolean({ description: 'The unit has locked the month: the delivered time no longer changes.' }),
  tolerance: Type.Object({
    percent: Type.Number({ description: 'A difference of more than this share of the ordered hours is a deviation (DELIVERED_TIME_TOLERANCE_PERCENT).' }),
    hours: Type.Number({ description: 'A difference of more than this many hours is a deviation (DELIVERED_TIME_TOLERANCE_HOURS).' })
  }),
  items: Type.Array(Type.Object({
    orderId: Uuid, decisionId: Uuid, personId: Uuid, personName: FullName, sex: Type.Enum(['female', 'male']),
    provider: Type.Object({ id: Uuid, name: ProviderName }),
    serviceTypeCode: ServiceTypeCode,
    orderedHours: Type.Number(),
    deliveredHours: Nullable(Type.Number()),
    differenceHours: Nullable(Type.Number({ description: 'Delivered minus ordered.' })),
    deliveredPercent: Nullable(Type.Number({ description: 'Delivered as a share of ordered, one decimal.' })),
    deviation: Deviation,
    flagged: Type.Boolean({ description: 'Outside the tolerance, or not reported.' })
  }), { description: 'One row per customer and provider (accepted order in hours that ran in the month), by name.' }),
  summary: Type.Object({
    ...Totals.properties,
    women: Totals,
    men: Totals,
    withheld: Count({ description: 'Rows about persons with protected identity, counted but not listed for this caller.' })
  })
}, {
  examples: [{
    unit: { id: '3f1c2b9a-5d7e-4c1a-9b2f-8e6d4a2c1b0f', code: 'hagersten-alvsjo', district: 'Hägersten-Älvsjö' },
    month: '2026-10', locked: false, tolerance: { percent: 10, hours: 8 },
    items: [{
      orderId: '6d1f0a3c-2b4e-4f5a-9c8d-7e6f5a4b3c2d', decisionId: '9a7b5c3d-1e2f-4a6b-8c9d-0e1f2a3b4c5d', personId: '0b8f3c1e-2a4d-4e6f-8a1b-3c5d7e9f1a2b',
      personName: 'Tolvan Tolvansson', sex: 'female', provider: { id: '0b6f2f7e-8a41-4c5e-9a39-2d0f1c9b7a11', name: 'Hemtjänsten Hägersten' },
      serviceTypeCode: 'home_care', orderedHours: 40, deliveredHours: 31, differenceHours: -9, deliveredPercent: 77.5, deviation: 'below', flagged: true
    }],
    summary: {
      orders: 1, orderedHours: 40, deliveredHours: 31, differenceHours: -9, deviations: { within: 0, below: 1, above: 0, not_reported: 0 },
      women: { orders: 1, orderedHours: 40, deliveredHours: 31, differenceHours: -9, deviations: { within: 0, below: 1, above: 0, not_reported: 0 } },
      men: { orders: 0, orderedHours: 0, deliveredHours: 0, differenceHours: 0, deviations: { within: 0, below: 0, above: 0, not_reported: 0 } },
      withheld: 0
    }
  }]
}))
