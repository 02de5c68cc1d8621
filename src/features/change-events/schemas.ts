/** The change event as the feed, the case history and webhooks show it: a CloudEvents 1.0 JSON event. */
import { Type } from 'typebox'
import { cloudEventType, EVENT_SUBJECT_TYPES, EVENT_TYPES } from '../../domain/change-events.js'
import { component, Instant, Nullable, ref, Uuid, ActorId } from '../../http/schemas.js'

export const CLOUD_EVENT_TYPES = EVENT_TYPES.map(cloudEventType)

const StateChange = Type.Object({
  from: Nullable(Type.String({ maxLength: 64, description: 'The state before; null when the record was created.' })),
  to: Type.String({ maxLength: 64, description: 'The state after.' })
}, { additionalProperties: false })

export const ChangeEventData = component('ChangeEventData', Type.Object({
  subjectType: Type.Enum([...EVENT_SUBJECT_TYPES]),
  subjectId: Uuid,
  unitId: Uuid,
  personId: Nullable(Uuid),
  actor: Type.String({ ...ActorId, description: 'Who made the change (the token subject).', examples: ['hsa-SE2321000016-1234'] }),
  changes: Type.Object({
    state: Type.Optional(StateChange),
    fields: Type.Optional(Type.Array(Type.String({ maxLength: 64 }), { maxItems: 100, description: 'The other fields the change set, by their API names; never their values.' })),
    related: Type.Optional(Type.Record(Type.String(), Type.String({ maxLength: 64 }), { description: 'Ids of related records (applicationId, decisionId, indicatorId, …).' })),
    outcome: Type.Optional(Type.String({ maxLength: 64, description: 'The outcome code the step recorded (reconsideration, court, follow-up).' }))
  }, { additionalProperties: false })
}, {
  additionalProperties: false,
  description: 'Thin: ids and states only, never names, personnummer or free text. Read the details through the API, where access rules and the access log apply.'
}))

export const ChangeEvent = component('ChangeEvent', Type.Object({
  specversion: Type.Literal('1.0'),
  id: Uuid,
  source: Type.String({ maxLength: 100, description: 'The unit whose record changed, as a path.', examples: ['/v1/units/3f1c2b9a-5d7e-4c1a-9b2f-8e6d4a2c1b0f'] }),
  type: Type.Enum(CLOUD_EVENT_TYPES),
  subject: Type.String({ maxLength: 100, description: 'The changed record\'s path under /v1.', examples: ['decisions/3f1c2b9a-5d7e-4c1a-9b2f-8e6d4a2c1b0f'] }),
  time: Instant,
  datacontenttype: Type.Literal('application/json'),
  data: ref(ChangeEventData)
}, {
  additionalProperties: false,
  description: 'A change event in CloudEvents 1.0 JSON form.',
  examples: [{
    specversion: '1.0', id: '0b8a4e0c-8b55-4a0f-9d7b-3f4f2a6c9e11', source: '/v1/units/3f1c2b9a-5d7e-4c1a-9b2f-8e6d4a2c1b0f',
    type: 'se.stockholm.bestallarenhet.decision.taken', subject: 'decisions/9d2e6c1a-7b3f-4e8a-a1c5-2f6b8d0e4a37',
    time: '2026-03-31T09:15:00.000Z', datacontenttype: 'application/json',
    data: {
      subjectType: 'decision', subjectId: '9d2e6c1a-7b3f-4e8a-a1c5-2f6b8d0e4a37', unitId: '3f1c2b9a-5d7e-4c1a-9b2f-8e6d4a2c1b0f',
      personId: '5c7e1f3a-2b4d-4e6f-8a9b-0c1d2e3f4a5b', actor: 'handlaggare-1',
      changes: { state: { from: null, to: 'granted' }, related: { applicationId: '7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d' } }
    }
  }]
}))

export const FeedQuery = Type.Object({
  after: Type.Optional(Type.String({ maxLength: 500, description: 'The `nextCursor` of the previous call; omit to start from the oldest event.' })),
  types: Type.Optional(Type.String({
    maxLength: 4000, pattern: '^[a-z_.]+(,[a-z_.]+)*$',
    description: 'Comma-separated event types, full (`se.stockholm.bestallarenhet.decision.taken`) or short (`decision.taken`).'
  })),
  subjectType: Type.Optional(Type.Enum([...EVENT_SUBJECT_TYPES])),
  limit: Type.Optional(Type.Integer({ format: 'int32', minimum: 1, maximum: 500, default: 100, description: 'Page size (1–500).' }))
}, { additionalProperties: false })

export const Feed = component('ChangeEventFeed', Type.Object({
  items: Type.Array(ref(ChangeEvent), { maxItems: 500, description: 'At most `limit` events.' }),
  nextCursor: Nullable(Type.String({ maxLength: 500, description: 'Poll again with `after` set to this; it moves only past events already handed out. Null before the first event.' }))
}))

export const History = component('CaseHistory', Type.Object({
  items: Type.Array(ref(ChangeEvent), { description: 'The record\'s change events, oldest first.' })
}))
