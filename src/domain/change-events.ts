/**
 * Change events: every state change of a case object records one event, in the transaction of
 * the change (a transactional outbox). Events are thin — ids and states, never names,
 * personnummer or free text — and travel as CloudEvents 1.0; a consumer reads the details
 * through the API, where access rules and the access log apply.
 */

/** The prefix of every CloudEvents `type` the service emits. */
export const EVENT_TYPE_PREFIX = 'se.stockholm.bestallarenhet.'

/** The kinds of record an event is about (the CloudEvents `subject` is `<subjectType>/<id>`). */
export const EVENT_SUBJECT_TYPES = [
  'application', 'decision', 'execution', 'follow_up', 'complaint', 'deviation', 'lex_sarah_report', 'indicator_value', 'person', 'order', 'discharge_episode'
] as const
export type EventSubjectType = (typeof EVENT_SUBJECT_TYPES)[number]

/** Every change the service announces, as `<subject type>.<what happened>`. */
export const EVENT_TYPES = [
  'application.received', 'application.corrected', 'application.case_worker_assigned', 'application.investigated',
  'application.communicated', 'application.reviewed', 'application.withdrawn', 'application.decided',
  'decision.taken', 'decision.dates_changed', 'decision.appealed', 'decision.reconsidered', 'decision.forwarded_to_court',
  'decision.court_outcome_recorded', 'decision.notified',
  'execution.ordered', 'execution.plan_received', 'execution.started', 'execution.hours_changed', 'execution.interrupted',
  'execution.resumed', 'execution.ended', 'execution.offer_made', 'execution.offer_answered', 'execution.delay_accounted',
  'follow_up.planned', 'follow_up.replanned', 'follow_up.performed', 'follow_up.cancelled',
  'complaint.received', 'complaint.investigation_started', 'complaint.answered', 'complaint.closed', 'complaint.escalated',
  'deviation.sent', 'deviation.responded', 'deviation.closed',
  'lex_sarah_report.reported', 'lex_sarah_report.investigation_started', 'lex_sarah_report.assessed',
  'lex_sarah_report.notified_to_ivo', 'lex_sarah_report.ivo_responded', 'lex_sarah_report.closed',
  'indicator_value.recorded', 'indicator_value.computed',
  'person.registered', 'person.corrected',
  // A provider's answers to an order and its monthly report (features/orders); its reports on
  // the execution are execution events.
  'order.accepted', 'order.declined', 'order.delivered_time_reported',
  'discharge_episode.received', 'discharge_episode.corrected', 'discharge_episode.planned'
] as const
export type EventType = (typeof EVENT_TYPES)[number]

/** The CloudEvents `type` of an event type: `se.stockholm.bestallarenhet.decision.taken`. */
export const cloudEventType = (type: EventType): string => EVENT_TYPE_PREFIX + type

/** The event type of a CloudEvents `type`, or undefined when it is none of ours. */
export function eventTypeOf(cloudType: string): EventType | undefined {
  const short = cloudType.startsWith(EVENT_TYPE_PREFIX) ? cloudType.slice(EVENT_TYPE_PREFIX.length) : cloudType
  return (EVENT_TYPES as readonly string[]).includes(short) ? short as EventType : undefined
}

/** The subject type an event type is about. */
export const subjectTypeOf = (type: EventType): EventSubjectType => type.slice(0, type.indexOf('.')) as EventSubjectType

/** A state change: `from` is null when the record was created. */
export interface StateChange { from: string | null; to: string }

/** What a change reports beyond its type and subject: ids and states only. */
export interface EventChanges {
  /** The record's state before and after, when the change moved it. */
  state?: StateChange
  /** Names of the other fields the change set (camelCase, as the API shows them); never their values. */
  fields?: string[]
  /** Ids of related records, e.g. the application a decision was taken on. */
  related?: Record<string, string>
  /** The outcome code a step recorded (a reconsideration's, a court's, a follow-up's). */
  outcome?: string
}

/** An event as a service describes it; the transaction adds id, time, actor and unit. */
export interface ChangeEventDraft {
  type: EventType
  subjectId: string
  personId: string | null
  changes?: EventChanges
  /** The record's unit, when the actor belongs to none (a provider acting on a unit's order). */
  unitId?: string
}

/** A state change only when the state moved (or the record is new). */
export function stateChange(from: string | null, to: string): EventChanges {
  return from === to ? {} : { state: { from, to } }
}

/** Which roles see which events in the feed and in webhooks (DOMAIN §6). */
export interface EventReader {
  /** Reads individuals' case data: sees every event of the unit (protected persons only with the permission). */
  individualData: boolean
  /** Handles quality reports: sees complaint, deviation and Lex Sarah events. */
  qualityReports: boolean
  /** Reads statistics: sees indicator values. */
  statistics: boolean
}

const QUALITY_SUBJECTS: readonly EventSubjectType[] = ['complaint', 'deviation', 'lex_sarah_report', 'indicator_value']

/** The subject types a reader sees; and whether they see events linked to a person at all. */
export function readableEvents(reader: EventReader): { subjectTypes: readonly EventSubjectType[]; personLinked: boolean } {
  if (reader.individualData) return { subjectTypes: EVENT_SUBJECT_TYPES, personLinked: true }
  if (reader.qualityReports) return { subjectTypes: QUALITY_SUBJECTS, personLinked: true }
  // Statistics readers get aggregates only: no event that names an individual.
  if (reader.statistics) return { subjectTypes: ['indicator_value'], personLinked: false }
  return { subjectTypes: [], personLinked: false }
}
