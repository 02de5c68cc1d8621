import { Type } from 'typebox'
import { DECISION_OUTCOMES } from '../../domain/application-process.js'
import { CaseWorker } from '../applications/schemas.js'
import { UnitRef } from '../units/schemas.js'
import { component, Count as count, LegalDate, Nullable } from '../../http/schemas.js'
import { Outcome } from '../decisions/schemas.js'
import { ServiceTypeCode } from '../service-types/schemas.js'

const Unit = UnitRef
const Count = count()
const BySex = { total: Count, women: Count, men: Count }

export const MonthQuery = Type.Object({
  month: Type.String({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$', maxLength: 7, description: 'The month, e.g. 2026-10.', examples: ['2026-10'] })
}, { additionalProperties: false })

const Volumes = Type.Object({
  month: Type.String({ maxLength: 7, examples: ['2026-10'] }),
  periodStart: LegalDate,
  periodEnd: LegalDate,
  personsByServiceType: Type.Array(Type.Object({ serviceTypeCode: ServiceTypeCode, ...BySex }), { description: 'Persons with a granted decision in force on the month\'s last day whose service had not ended, per service type (a person counts once per type).' }),
  fullMonthCareHomePlacements: Type.Object(BySex, { description: 'Persons in a care home the whole month (helmånadsplaceringar): moved in (executed) on or before the 1st, not ended before the last day.' }),
  grantedHomeCareHours: Type.Object({ total: Type.Number(), women: Type.Number(), men: Type.Number() }, { description: 'Granted home-care hours per month (ramtid) in force on the month\'s last day.' }),
  decisionsByOutcome: Type.Array(Type.Object({ outcome: Outcome, ...BySex }), { maxItems: DECISION_OUTCOMES.length, description: 'Decisions dated in the month, per outcome.' })
})

export const MonthlyVolumesReport = component('MonthlyVolumesReport', Type.Object({
  unit: Unit,
  month: Type.String({ maxLength: 7 }),
  current: Volumes,
  sameMonthLastYear: Volumes
}, {
  description: 'The unit\'s monthly volumes (månadsstatistik), beside the same month a year earlier. Aggregates only.',
  examples: [{
    unit: { id: '3f1c2b9a-5d7e-4c1a-9b2f-8e6d4a2c1b0f', code: 'hagersten-alvsjo', district: 'Hägersten-Älvsjö' },
    month: '2026-10',
    current: {
      month: '2026-10', periodStart: '2026-10-01', periodEnd: '2026-10-31',
      personsByServiceType: [{ serviceTypeCode: 'care_home', total: 566, women: 371, men: 195 }, { serviceTypeCode: 'home_care', total: 1525, women: 1010, men: 515 }],
      fullMonthCareHomePlacements: { total: 548, women: 360, men: 188 },
      grantedHomeCareHours: { total: 61250.5, women: 41200, men: 20050.5 },
      decisionsByOutcome: [{ outcome: 'granted', total: 402, women: 260, men: 142 }, { outcome: 'rejected', total: 12, women: 7, men: 5 }]
    },
    sameMonthLastYear: {
      month: '2025-10', periodStart: '2025-10-01', periodEnd: '2025-10-31',
      personsByServiceType: [{ serviceTypeCode: 'home_care', total: 1490, women: 990, men: 500 }],
      fullMonthCareHomePlacements: { total: 540, women: 355, men: 185 },
      grantedHomeCareHours: { total: 59800, women: 40100, men: 19700 },
      decisionsByOutcome: [{ outcome: 'granted', total: 388, women: 250, men: 138 }]
    }
  }]
}))

export const CaseloadQuery = Type.Object({
  withinDays: Type.Optional(Type.Integer({ format: 'int32', minimum: 0, maximum: 366, default: 60, description: 'Time-limited decisions ending within this many days from today are counted.' }))
}, { additionalProperties: false })

const CaseloadCounts = {
  openApplications: Count,
  timeLimitedDecisionsEnding: Count,
  plannedFollowUps: Count,
  overdueFollowUps: Count
}

export const Caseload = component('Caseload', Type.Object({
  unit: Unit,
  asOf: LegalDate,
  withinDays: Count,
  items: Type.Array(Type.Object({
    caseWorker: Nullable(Type.String({ ...CaseWorker, description: 'The case worker\'s user id; null: not assigned.' })),
    ...CaseloadCounts
  }, { description: 'Counts only: open applications, granted time-limited decisions ending within `withinDays`, planned follow-ups and those of them overdue.' })),
  totals: Type.Object(CaseloadCounts)
}, {
  description: 'The caseload per case worker of the unit, for the manager: aggregates only, no person data.',
  examples: [{
    unit: { id: '3f1c2b9a-5d7e-4c1a-9b2f-8e6d4a2c1b0f', code: 'hagersten-alvsjo', district: 'Hägersten-Älvsjö' }, asOf: '2026-10-15', withinDays: 60,
    items: [
      { caseWorker: 'anna.andersson', openApplications: 12, timeLimitedDecisionsEnding: 5, plannedFollowUps: 31, overdueFollowUps: 2 },
      { caseWorker: null, openApplications: 3, timeLimitedDecisionsEnding: 0, plannedFollowUps: 4, overdueFollowUps: 1 }
    ],
    totals: { openApplications: 15, timeLimitedDecisionsEnding: 5, plannedFollowUps: 35, overdueFollowUps: 3 }
  }]
}))
