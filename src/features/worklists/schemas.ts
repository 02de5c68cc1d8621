import { Type } from 'typebox'
import { WORKLIST_ITEM_KINDS } from '../../domain/worklist.js'
import { component, Count, LegalDate, Nullable, Uuid } from '../../http/schemas.js'
import { CaseWorker } from '../applications/schemas.js'
import { FullName } from '../persons/schemas.js'

const Days = (description: string, fallback: number, max: number) =>
  Type.Optional(Type.Integer({ format: 'int32', minimum: 0, maximum: max, default: fallback, description, examples: [fallback] }))

export const WorklistQuery = Type.Object({
  asOf: Type.Optional(Type.String({ format: 'date', maxLength: 10, description: 'The day the worklist is for; today (Europe/Stockholm) by default.', examples: ['2026-06-01'] })),
  upcomingDays: Days('Planned follow-ups due within this many days are listed as upcoming (overdue ones always).', 30, 366),
  expiringWithinDays: Days('Time-limited decisions ending within this many days.', 60, 366),
  executionWarningDays: Days('Granted decisions not executed are listed from this many days after the decision date (the IVO limit is 3 months).', 60, 92),
  waitingDays: Days('Applications waiting for a decision longer than this many days since received.', 30, 366),
  orderAnswerDays: Days('Orders the provider has not answered within this many days of the order are listed (`order_not_accepted`).', 5, 92),
  startReportDays: Days('When an order names no wanted start, its start is due this many days after the order (`start_not_reported`).', 14, 366),
  limitPerKind: Type.Optional(Type.Integer({ format: 'int32', minimum: 1, maximum: 500, default: 100, description: 'At most this many items of each kind (most urgent first); `counts` gives the totals.' }))
}, { additionalProperties: false })

export const CaseWorkerParams = Type.Object({
  caseWorkerId: Type.String({ minLength: 1, maxLength: 200, pattern: '^[^/]+$', description: 'The case worker\'s user id (the `sub` of their token), as in `assignedCaseWorker`.', examples: ['anna.andersson'] })
}, { additionalProperties: false })

const Kind = Type.Enum([...WORKLIST_ITEM_KINDS], {
  description: '`follow_up_overdue` / `follow_up_upcoming`: a planned follow-up; `time_limited_decision_expiring`: re-assess before it ends; `execution_deadline_approaching` / `execution_deadline_passed`: a granted decision not executed, against the 3-month IVO limit; `implementation_plan_missing`: the provider\'s plan is late; `application_waiting`: no decision yet; `discharge_payment_responsibility`: a person ready for discharge is still in hospital past the agreement\'s days (see `dischargeEpisodeId`); `appeal_forwarding_due`: an appeal reconsidered without being changed as requested, to be forwarded to court within a week (FL 46 §); `order_not_accepted`: the provider has not answered the order; `start_not_reported`: the provider has not reported the start; `delivered_time_below_ordered`: delivered time below the ordered for months running.'
})

export const WorklistItem = Type.Object({
  kind: Kind,
  why: Type.String({ maxLength: 1000, description: 'Why the item is on the list, in words: one sentence of domain/worklist.ts around one service type label (at most 200) and dates.' }),
  dueDate: Type.String({ format: 'date', maxLength: 10, description: 'When the item is or was due: the follow-up\'s due date, the decision\'s end, the last on-time day of execution, the plan\'s due date, the day the application passed `waitingDays`, the day an order\'s answer or start was due, or the first day of the month after the months below the ordered time.' }),
  personId: Uuid,
  personName: FullName,
  applicationId: Nullable(Uuid),
  decisionId: Nullable(Uuid),
  followUpId: Nullable(Uuid),
  caseWorker: Nullable(Type.String({ ...CaseWorker, description: 'The assigned case worker.' })),
  dischargeEpisodeId: Type.Optional(Type.String({ format: 'uuid', maxLength: 36, description: 'The discharge episode (for `discharge_payment_responsibility`).' }))
})

export const Worklist = component('Worklist', Type.Object({
  asOf: LegalDate,
  caseWorker: Nullable(Type.String({ ...CaseWorker, description: 'The case worker the list is for; null for the whole unit.' })),
  items: Type.Array(WorklistItem, { maxItems: 500 * WORKLIST_ITEM_KINDS.length, description: 'Most urgent first: by due date, then kind (at most `limitPerKind` of each kind).' }),
  counts: Type.Object(Object.fromEntries(WORKLIST_ITEM_KINDS.map((k) => [k, Count()])) as Record<(typeof WORKLIST_ITEM_KINDS)[number], ReturnType<typeof Count>>, { description: 'Items of each kind in total, including those beyond `limitPerKind`.' }),
  truncated: Type.Boolean({ description: 'Some kind had more items than `limitPerKind`.' })
}, {
  examples: [{
    asOf: '2026-06-01', caseWorker: 'anna.andersson',
    items: [
      { kind: 'follow_up_overdue', why: 'Continuous follow-up was due 2026-05-20: 12 days overdue.', dueDate: '2026-05-20', personId: '0b8f3c1e-2a4d-4e6f-8a1b-3c5d7e9f1a2b', personName: 'Tolvan Tolvansson', applicationId: '5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b', decisionId: '9a7b5c3d-1e2f-4a6b-8c9d-0e1f2a3b4c5d', followUpId: '7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f', caseWorker: 'anna.andersson' },
      { kind: 'execution_deadline_approaching', why: 'The decision on home care of 2026-03-31 is not executed; it must be by 2026-06-30 (29 days left) or be reported to IVO.', dueDate: '2026-06-30', personId: '0b8f3c1e-2a4d-4e6f-8a1b-3c5d7e9f1a2b', personName: 'Tolvan Tolvansson', applicationId: '5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b', decisionId: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d', followUpId: null, caseWorker: 'anna.andersson' }
    ],
    counts: { follow_up_overdue: 1, follow_up_upcoming: 0, time_limited_decision_expiring: 0, execution_deadline_approaching: 1, execution_deadline_passed: 0, implementation_plan_missing: 0, application_waiting: 0, discharge_payment_responsibility: 0, appeal_forwarding_due: 0, order_not_accepted: 0, start_not_reported: 0, delivered_time_below_ordered: 0 },
    truncated: false
  }]
}))
