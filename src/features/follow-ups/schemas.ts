import { Type } from 'typebox'
import {
  FOLLOW_UP_CANCELLERS, FOLLOW_UP_KINDS, FOLLOW_UP_METHODS, FOLLOW_UP_ORIGINS, FOLLOW_UP_OUTCOMES, FOLLOW_UP_STATUSES, KIN_SERVICE_CONTEXTS
} from '../../domain/follow-up.js'
import { component, Instant, LegalDate, Nullable, PageQuery, Uuid, Count, ActorId } from '../../http/schemas.js'

const Findings = Type.String({ minLength: 1, maxLength: 20_000, description: 'What the follow-up found.' })

export const FollowUpKind = Type.Enum([...FOLLOW_UP_KINDS], {
  description: '`continuous` follow-up of a decision; `kin` individual quality follow-up (kvalitetsuppföljning på individnivå); `hospital_discharge` within a month after a hospital-discharge application; `time_limited_review` before a time-limited decision ends.'
})
export const FollowUpStatus = Type.Enum([...FOLLOW_UP_STATUSES], { description: 'planned → performed, or cancelled.' })
export const KinServiceContext = Type.Enum([...KIN_SERVICE_CONTEXTS], { description: 'KIN in home care (hemtjänst) or in a care home (vård- och omsorgsboende): decides the questions asked.' })
const Method = Type.Enum([...FOLLOW_UP_METHODS], { description: 'How the follow-up was made.' })
const Outcome = Type.Enum([...FOLLOW_UP_OUTCOMES], { description: '`unchanged`; `changed` (the needs changed: a new application, linked in `newApplicationId`); `ended` (the service is no longer needed).' })
const Hours = Type.Number({ minimum: 0, maximum: 744, description: 'Hours per month.', examples: [40] })
const CaseWorker = Type.String({ minLength: 1, maxLength: 200, description: 'The case worker\'s user id (the `sub` of their token).', examples: ['anna.andersson'] })

const KinAnswer = Type.Object({
  questionCode: Type.String({ maxLength: 64, description: 'A question of `GET /v1/kin-questions`.', examples: ['home_care_overall_satisfaction'] }),
  answer: Nullable(Type.String({ maxLength: 64, description: 'An option code of the question\'s answer scale.', examples: ['fairly_satisfied'] }))
}, { additionalProperties: false, description: '`answer: null` records that the person did not answer.' })

export const FollowUpCreate = Type.Object({
  kind: FollowUpKind,
  decisionId: Type.Optional(Uuid),
  applicationId: Type.Optional(Uuid),
  personId: Type.Optional(Uuid),
  serviceContext: Type.Optional(KinServiceContext),
  dueDate: Type.String({ format: 'date', maxLength: 10, description: 'The date by which it must be done.', examples: ['2026-09-30'] }),
  plannedDate: Type.Optional(Nullable(Type.String({ format: 'date', maxLength: 10, description: 'The booked date (visit, call), if any.', examples: ['2026-09-15'] }))),
  assignedCaseWorker: Type.Optional(CaseWorker)
}, {
  additionalProperties: false,
  description: 'A continuous follow-up or a time-limited review needs a granted decision (a review a time-limited one); a hospital-discharge follow-up an application that came through hospital discharge; a KIN follow-up a `serviceContext` and a decision, application or person. The person is taken from what is linked; the case worker defaults to the application\'s.',
  examples: [
    { kind: 'continuous', decisionId: '9a7b5c3d-1e2f-4a6b-8c9d-0e1f2a3b4c5d', dueDate: '2026-09-30', plannedDate: '2026-09-15' },
    { kind: 'kin', serviceContext: 'home_care', decisionId: '9a7b5c3d-1e2f-4a6b-8c9d-0e1f2a3b4c5d', dueDate: '2026-10-31', assignedCaseWorker: 'anna.andersson' }
  ]
})

export const PlanBody = Type.Object({
  dueDate: Type.Optional(LegalDate),
  plannedDate: Type.Optional(Nullable(LegalDate)),
  assignedCaseWorker: Type.Optional(Nullable(CaseWorker))
}, {
  additionalProperties: false,
  minProperties: 1,
  description: 'Books the follow-up (planned date), moves its due date or assigns it. A new due date on an automatic follow-up makes it manual: re-plans leave it alone from then on.',
  examples: [{ plannedDate: '2026-09-15', assignedCaseWorker: 'anna.andersson' }]
})

export const PerformBody = Type.Object({
  performedDate: LegalDate,
  method: Method,
  findings: Findings,
  orderedHoursPerMonth: Type.Optional(Nullable(Hours)),
  deliveredHoursPerMonth: Type.Optional(Nullable(Hours)),
  outcome: Outcome,
  newApplicationId: Type.Optional(Uuid),
  kinAnswers: Type.Optional(Type.Array(KinAnswer, { maxItems: 50, description: 'KIN only, and then required: one entry per question of the service context.' }))
}, {
  additionalProperties: false,
  description: 'Ordered vs delivered hours show whether the granted time reaches the person (avvikelsekundlista). Without `orderedHoursPerMonth`, the hours ordered from the provider are taken when on record.',
  examples: [
    { performedDate: '2026-09-15', method: 'home_visit', findings: 'Insatserna motsvarar behovet. Hemtjänsten kommer som överenskommet.', orderedHoursPerMonth: 40, deliveredHoursPerMonth: 36, outcome: 'unchanged' },
    {
      performedDate: '2026-10-20', method: 'home_visit', findings: 'Nöjd med hemtjänsten.', outcome: 'unchanged',
      kinAnswers: [
        { questionCode: 'home_care_overall_satisfaction', answer: 'fairly_satisfied' },
        { questionCode: 'home_care_safety', answer: 'very_safe' },
        { questionCode: 'home_care_help_as_agreed', answer: 'mostly' },
        { questionCode: 'home_care_planning_participation', answer: null }
      ]
    }
  ]
})

export const CancelBody = Type.Object({
  date: LegalDate,
  reason: Type.String({ minLength: 1, maxLength: 2000, examples: ['Personen har flyttat till annan kommun.'] })
}, { additionalProperties: false, examples: [{ date: '2026-08-01', reason: 'Personen har flyttat till annan kommun.' }] })

export const FollowUp = component('FollowUp', Type.Object({
  id: Uuid,
  unitId: Uuid,
  personId: Uuid,
  decisionId: Nullable(Uuid),
  applicationId: Nullable(Uuid),
  kind: FollowUpKind,
  origin: Type.Enum([...FOLLOW_UP_ORIGINS], { description: '`automatic`: planned by the unit\'s rules and re-planned when the decision\'s dates or execution change, until performed.' }),
  basisDate: Nullable(Type.String({ format: 'date', maxLength: 10, description: 'For automatic follow-ups: the date the rule counted from (execution start or last continuous follow-up, end of the decision, start of the services after discharge).' })),
  serviceContext: Nullable(KinServiceContext),
  status: FollowUpStatus,
  dueDate: LegalDate,
  plannedDate: Nullable(LegalDate),
  overdue: Type.Boolean({ description: 'Still planned after its due date (today, Europe/Stockholm).' }),
  assignedCaseWorker: Nullable(CaseWorker),
  performance: Nullable(Type.Object({
    performedDate: LegalDate,
    performedBy: ActorId,
    method: Method,
    findings: Findings,
    orderedHoursPerMonth: Nullable(Type.Number()),
    deliveredHoursPerMonth: Nullable(Type.Number()),
    missingHoursPerMonth: Nullable(Type.Number({ description: 'Ordered minus delivered when delivered is below ordered, else 0; null without both.' })),
    outcome: Outcome,
    newApplicationId: Nullable(Uuid)
  })),
  kinAnswers: Nullable(Type.Array(Type.Object({
    questionCode: Type.String({ maxLength: 64 }),
    answer: Nullable(Type.String({ maxLength: 64 })),
    favourable: Nullable(Type.Boolean({ description: 'Whether the answer counts as satisfied in a satisfaction share; null when not answered.' }))
  }), { maxItems: 50, description: 'KIN follow-ups once performed: one entry per question.' })),
  cancellation: Nullable(Type.Object({
    date: LegalDate,
    reason: Type.String({ maxLength: 2000, description: 'The case worker\'s reason (at most 2,000), or the fixed text of a re-plan.' }),
    by: Type.Enum([...FOLLOW_UP_CANCELLERS], { description: '`replanned`: the rules no longer ask for it (e.g. the decision\'s dates changed).' })
  })),
  version: Count(),
  createdAt: Instant,
  updatedAt: Instant
}, {
  examples: [{
    id: '7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f', unitId: '3f1c2b9a-5d7e-4c1a-9b2f-8e6d4a2c1b0f', personId: '0b8f3c1e-2a4d-4e6f-8a1b-3c5d7e9f1a2b',
    decisionId: '9a7b5c3d-1e2f-4a6b-8c9d-0e1f2a3b4c5d', applicationId: '5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b', kind: 'time_limited_review', origin: 'automatic',
    basisDate: '2027-03-31', serviceContext: null, status: 'planned', dueDate: '2027-03-01', plannedDate: null, overdue: false, assignedCaseWorker: 'anna.andersson',
    performance: null, kinAnswers: null, cancellation: null, version: 1, createdAt: '2026-03-25T13:00:00.000Z', updatedAt: '2026-03-25T13:00:00.000Z'
  }]
}))

export const FollowUpListQuery = Type.Object({
  caseWorker: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Assigned case worker.' })),
  kind: Type.Optional(FollowUpKind),
  status: Type.Optional(FollowUpStatus),
  overdue: Type.Optional(Type.Boolean({ description: 'true: planned and past due today; false: all others.' })),
  dueBefore: Type.Optional(Type.String({ format: 'date', maxLength: 10, description: 'Due strictly before this date.' })),
  dueAfter: Type.Optional(Type.String({ format: 'date', maxLength: 10, description: 'Due strictly after this date.' })),
  personId: Type.Optional(Uuid),
  decisionId: Type.Optional(Uuid),
  applicationId: Type.Optional(Uuid),
  ...PageQuery
}, { additionalProperties: false })

// KIN questions and answer scales are reference data written only by migrations (0003 and
// later); the bounds hold for every row they write (longest today: code 32, text 74, scale 5 options).
export const KinQuestion = component('KinQuestion', Type.Object({
  code: Type.String({ maxLength: 64, examples: ['home_care_overall_satisfaction'] }),
  textSv: Type.String({ maxLength: 500, description: 'The question, verbatim.', examples: ['Hur nöjd eller missnöjd är du sammantaget med den hemtjänst du har?'] }),
  serviceContext: KinServiceContext,
  answerScale: Type.String({ maxLength: 64, examples: ['satisfaction'] }),
  options: Type.Array(Type.Object({
    code: Type.String({ maxLength: 64, examples: ['fairly_satisfied'] }),
    labelSv: Type.String({ maxLength: 200, examples: ['Ganska nöjd'] }),
    favourable: Type.Boolean({ description: 'Counted as satisfied in a satisfaction share.' })
  }), { maxItems: 20 }),
  active: Type.Boolean()
}))

export const FollowUpRulesBody = Type.Object({
  timeLimitedReview: Type.Object({
    enabled: Type.Boolean(),
    daysBeforeEnd: Type.Integer({ format: 'int32', minimum: 0, maximum: 365, description: 'The review is due this many days before a time-limited decision ends.' })
  }, { additionalProperties: false }),
  hospitalDischarge: Type.Object({
    enabled: Type.Boolean(),
    withinMonths: Type.Integer({ format: 'int32', minimum: 1, maximum: 12, description: 'Due this many calendar months after the first granted service of a hospital-discharge application starts.' })
  }, { additionalProperties: false }),
  continuous: Type.Object({
    enabled: Type.Boolean(),
    intervalMonths: Type.Integer({ format: 'int32', minimum: 1, maximum: 36, description: 'An executing decision is followed up at least this often: from the execution start, then from the last performed continuous follow-up.' })
  }, { additionalProperties: false })
}, {
  additionalProperties: false,
  examples: [{ timeLimitedReview: { enabled: true, daysBeforeEnd: 30 }, hospitalDischarge: { enabled: true, withinMonths: 1 }, continuous: { enabled: true, intervalMonths: 12 } }]
})

export const FollowUpRules = component('FollowUpRules', Type.Object({
  unitId: Uuid,
  version: Count(),
  timeLimitedReview: FollowUpRulesBody.properties.timeLimitedReview,
  hospitalDischarge: FollowUpRulesBody.properties.hospitalDischarge,
  continuous: FollowUpRulesBody.properties.continuous
}, {
  examples: [{ unitId: '3f1c2b9a-5d7e-4c1a-9b2f-8e6d4a2c1b0f', version: 1, timeLimitedReview: { enabled: true, daysBeforeEnd: 30 }, hospitalDischarge: { enabled: true, withinMonths: 1 }, continuous: { enabled: true, intervalMonths: 12 } }]
}))

