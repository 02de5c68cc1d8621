import { Type } from 'typebox'
import { FULFILMENTS, GOAL_LEVELS } from '../../domain/indicators/goal-tree.js'
import { MAX_YEAR, MIN_YEAR, PERIODS } from '../../domain/indicators/period.js'
import { component, Instant, LegalDate, Nullable, PageQuery, ref, Uuid, Count, ActorId } from '../../http/schemas.js'

export const Year = Type.Integer({ format: 'int32', minimum: MIN_YEAR, maximum: MAX_YEAR, description: 'Plan year (calendar year).', examples: [2021] })
export const PeriodCode = Type.Enum([...PERIODS], {
  description: 'Reporting period: T1 (January–April), T2 (May–August) or year (the annual report, VB).',
  examples: ['year']
})
const Level = Type.Enum([...GOAL_LEVELS], {
  description: 'kf_direction: KF:s inriktningsmål; kf_area: KF:s mål för verksamhetsområdet; council: nämndmål; unit: enhetsmål.'
})
const Fulfilment = Type.Enum([...FULFILMENTS], { description: 'Uppfylls helt / uppfylls delvis / uppfylls inte.' })
const Code = Type.String({ pattern: '^[a-z0-9][a-z0-9._-]{0,99}$', maxLength: 100, description: 'Stable across plan years (numbers change meaning between years).', examples: ['kf-1.5-aldre'] })
const LongText = (description: string) => Type.String({ maxLength: 20_000, description })

const texts = {
  number: Nullable(Type.String({ maxLength: 20, description: 'The number as printed, e.g. 1.5.', examples: ['1.5'] })),
  title: Type.String({ minLength: 1, maxLength: 2000, description: 'The goal verbatim, in Swedish.', examples: ['I Stockholm har äldre en tillvaro som präglas av hög kvalitet, trygghet och självbestämmande'] }),
  description: Nullable(LongText('Beskrivning.')),
  expectedResult: Nullable(LongText('Förväntat resultat.')),
  wayOfWorking: Nullable(LongText('Arbetssätt.')),
  resourceUse: Nullable(LongText('Resursanvändning.')),
  followUp: Nullable(LongText('Uppföljning.')),
  development: Nullable(LongText('Utveckling.')),
  position: Type.Integer({ format: 'int32', minimum: 0, maximum: 100_000, description: 'Order among siblings (then by number).' })
}

export const GoalCreate = Type.Object({
  planYear: Year,
  level: Level,
  parentId: Type.Optional(Nullable(Uuid)),
  code: Code,
  number: Type.Optional(texts.number),
  title: texts.title,
  description: Type.Optional(texts.description),
  expectedResult: Type.Optional(texts.expectedResult),
  wayOfWorking: Type.Optional(texts.wayOfWorking),
  resourceUse: Type.Optional(texts.resourceUse),
  followUp: Type.Optional(texts.followUp),
  development: Type.Optional(texts.development),
  position: Type.Optional(texts.position)
}, {
  additionalProperties: false,
  description: 'A goal of the caller\'s unit. Its parent is a goal of the same unit and plan year one level up (a KF direction goal has none).',
  examples: [{ planYear: 2021, level: 'kf_area', parentId: '6c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f', code: 'kf-1.5', number: '1.5', title: 'I Stockholm har äldre en tillvaro som präglas av hög kvalitet, trygghet och självbestämmande' }]
})

export const GoalUpdate = Type.Object({
  number: Type.Optional(texts.number),
  title: Type.Optional(texts.title),
  description: Type.Optional(texts.description),
  expectedResult: Type.Optional(texts.expectedResult),
  wayOfWorking: Type.Optional(texts.wayOfWorking),
  resourceUse: Type.Optional(texts.resourceUse),
  followUp: Type.Optional(texts.followUp),
  development: Type.Optional(texts.development),
  position: Type.Optional(texts.position)
}, { additionalProperties: false, minProperties: 1, examples: [{ expectedResult: 'Den enskilde upplever att den har fått ett gott bemötande.' }] })

export const AssessmentBody = Type.Object({
  fulfilment: Fulfilment,
  analysis: Type.Optional(Nullable(LongText('Analys.')))
}, { additionalProperties: false, examples: [{ fulfilment: 'fully', analysis: 'Förvaltningen bedömer att kommunfullmäktiges mål för verksamhetsområdet har uppfyllts.' }] })

export const Assessment = component('GoalAssessment', Type.Object({
  goalId: Uuid,
  period: PeriodCode,
  fulfilment: Fulfilment,
  analysis: Nullable(LongText('Analys.')),
  assessedBy: ActorId,
  assessedAt: Instant,
  version: Count()
}, {
  description: 'The fulfilment assessment of a goal for one period of its plan year.',
  examples: [{ goalId: '6c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f', period: 'year', fulfilment: 'fully', analysis: null, assessedBy: 'eva.ek', assessedAt: '2022-01-25T10:00:00.000Z', version: 1 }]
}))

const activityFields = {
  text: Type.String({ minLength: 1, maxLength: 5000, description: 'The activity verbatim.' }),
  startDate: Nullable(LegalDate),
  endDate: Nullable(LegalDate),
  deviation: Nullable(LongText('Avvikelse.')),
  analysis: Nullable(LongText('Analys.')),
  position: texts.position
}

export const ActivityCreate = Type.Object({
  text: activityFields.text,
  startDate: Type.Optional(activityFields.startDate),
  endDate: Type.Optional(activityFields.endDate),
  deviation: Type.Optional(activityFields.deviation),
  analysis: Type.Optional(activityFields.analysis),
  position: Type.Optional(activityFields.position)
}, {
  additionalProperties: false,
  examples: [{ text: 'Förvaltningen ska säkerställa kompetensen för de basala hygienrutinerna och att rutiner finns och följs upp.', startDate: '2021-01-01', endDate: '2021-12-31' }]
})

export const ActivityUpdate = Type.Object({
  text: Type.Optional(activityFields.text),
  startDate: Type.Optional(activityFields.startDate),
  endDate: Type.Optional(activityFields.endDate),
  deviation: Type.Optional(activityFields.deviation),
  analysis: Type.Optional(activityFields.analysis),
  position: Type.Optional(activityFields.position)
}, { additionalProperties: false, minProperties: 1, examples: [{ deviation: null, analysis: 'Ingen avvikelse' }] })

export const Activity = component('GoalActivity', Type.Object({
  id: Uuid,
  goalId: Uuid,
  ...activityFields,
  version: Count(),
  createdAt: Instant,
  updatedAt: Instant
}, {
  examples: [{
    id: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d', goalId: '6c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f',
    text: 'Förvaltningen ska säkerställa kompetensen för de basala hygienrutinerna och att rutiner finns och följs upp.',
    startDate: '2021-01-01', endDate: '2021-12-31', deviation: null, analysis: null, position: 2, version: 1,
    createdAt: '2021-02-01T09:00:00.000Z', updatedAt: '2021-02-01T09:00:00.000Z'
  }]
}))

export const Goal = component('Goal', Type.Object({
  id: Uuid,
  unitId: Uuid,
  planYear: Year,
  level: Level,
  parentId: Nullable(Uuid),
  code: Code,
  ...texts,
  assessments: Type.Array(ref(Assessment), { maxItems: PERIODS.length, description: 'Per period, T1, T2, year: one each at most.' }),
  activities: Type.Array(ref(Activity)),
  version: Count(),
  createdAt: Instant,
  updatedAt: Instant
}, {
  description: 'A goal of the unit\'s management system (ILS) for a plan year.',
  examples: [{
    id: '6c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f', unitId: '3f1c2b9a-5d7e-4c1a-9b2f-8e6d4a2c1b0f', planYear: 2021, level: 'kf_area',
    parentId: '2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e', code: 'kf-1.5', number: '1.5',
    title: 'I Stockholm har äldre en tillvaro som präglas av hög kvalitet, trygghet och självbestämmande',
    description: null, expectedResult: null, wayOfWorking: null, resourceUse: null, followUp: null, development: null, position: 0,
    assessments: [{ goalId: '6c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f', period: 'year', fulfilment: 'fully', analysis: 'Förvaltningen bedömer att kommunfullmäktiges mål för verksamhetsområdet har uppfyllts.', assessedBy: 'eva.ek', assessedAt: '2022-01-25T10:00:00.000Z', version: 1 }],
    activities: [], version: 1, createdAt: '2021-02-01T09:00:00.000Z', updatedAt: '2021-02-01T09:00:00.000Z'
  }]
}))

export const GoalListQuery = Type.Object({
  year: Type.Optional(Year),
  level: Type.Optional(Level),
  parentId: Type.Optional(Uuid),
  ...PageQuery
}, { additionalProperties: false })

export const PeriodParams = Type.Object({ id: Uuid, period: PeriodCode }, { additionalProperties: false })
export const ActivityParams = Type.Object({ id: Uuid, activityId: Uuid }, { additionalProperties: false })
