/**
 * The change-event feed of the caller's unit and each record's case history. Who sees which
 * events follows who sees which records: individual data for case staff (protected persons
 * only with the permission), quality reports for quality staff, aggregates for statistics
 * readers — never a person-linked event for them.
 */
import type { Kysely } from 'kysely'
import { seesProtectedIdentities } from '../../auth/access.js'
import type { Actor } from '../../auth/actor.js'
import type { DB } from '../../db/schema.js'
import { EVENT_SUBJECT_TYPES, eventTypeOf, readableEvents, type EventSubjectType, type EventType } from '../../domain/change-events.js'
import { hasCapability } from '../../domain/roles.js'
import { decodeCursor, encodeCursor } from '../../http/pagination.js'
import { badRequest, notFound } from '../../http/problem.js'
import type { Caller } from '../../service/caller.js'
import { findVisibleApplication } from '../applications/service.js'
import { findVisibleComplaint } from '../complaints/service.js'
import { findVisibleDecision } from '../decisions/service.js'
import { findVisibleDeviation } from '../deviations/service.js'
import { findVisibleFollowUp } from '../follow-ups/service.js'
import { findVisibleLexSarahReport } from '../lex-sarah-reports/service.js'
import { toCloudEvent, type CloudEvent } from './present.js'
import { eventsOf, nextEvents, type ChangeEventRow, type FeedPosition } from './repository.js'

/** Whom a Lex Sarah report concerns is for those who read its details only. */
const hidesLexSarahPerson = (actor: Actor) => (e: ChangeEventRow) =>
  e.subject_type === 'lex_sarah_report' && !hasCapability(actor.roles, 'read_lex_sarah_details')

/** What the actor's roles let them read in the feed. */
export function readerOf(actor: Actor) {
  return readableEvents({
    individualData: hasCapability(actor.roles, 'read_individual_data'),
    qualityReports: hasCapability(actor.roles, 'read_quality_reports'),
    statistics: hasCapability(actor.roles, 'read_statistics')
  })
}

function parseTypes(types: string | undefined): EventType[] | undefined {
  if (types === undefined) return undefined
  return types.split(',').map((raw) => {
    const type = eventTypeOf(raw)
    if (!type) throw badRequest('/types', `Unknown event type '${raw}'.`, 'querystring')
    return type
  })
}

export interface FeedQuery { after?: string | undefined; types?: string | undefined; subjectType?: EventSubjectType | undefined; limit?: number | undefined }

/**
 * The next events for the caller, oldest first, and the cursor to poll with next. The feed
 * carries ids and states only; reading it is not an access to anyone's record (the details are
 * read, and logged, through the API).
 */
export async function readFeed(db: Kysely<DB>, caller: Caller, query: FeedQuery): Promise<{ items: CloudEvent[]; nextCursor: string | null }> {
  const after = decodeCursor(query.after, ['string', 'number']) as [string, number] | undefined
  if (after && !/^\d{1,20}$/.test(after[0])) throw badRequest('/after', 'The cursor is malformed; use nextCursor from a previous call.', 'querystring')
  const { subjectTypes, personLinked } = readerOf(caller.actor)
  const rows = await nextEvents(db, {
    unitId: caller.actor.unitId,
    subjectTypes: query.subjectType ? subjectTypes.filter((s) => s === query.subjectType) : subjectTypes,
    types: parseTypes(query.types),
    personLinked,
    seesProtected: seesProtectedIdentities(caller.actor)
  }, after, query.limit ?? 100)
  const last = rows.at(-1)
  const position: FeedPosition | undefined = last ? [last.xid_text, last.position] : after
  return {
    items: rows.map((e) => toCloudEvent(e, { hidePerson: hidesLexSarahPerson(caller.actor) })),
    nextCursor: position ? encodeCursor([...position]) : null
  }
}

/** The records with a case history: how each is found for the caller, and which events are its. */
const HISTORIES = {
  application: { resource: 'Application', find: findVisibleApplication, subjectTypes: ['application'] },
  // A decision's history includes its execution (the execution's subject id is the decision's).
  decision: { resource: 'Decision', find: findVisibleDecision, subjectTypes: ['decision', 'execution'] },
  follow_up: { resource: 'Follow-up', find: findVisibleFollowUp, subjectTypes: ['follow_up'] },
  complaint: { resource: 'Complaint', find: findVisibleComplaint, subjectTypes: ['complaint'] },
  deviation: { resource: 'Deviation', find: findVisibleDeviation, subjectTypes: ['deviation'] },
  lex_sarah_report: { resource: 'Lex Sarah report', find: findVisibleLexSarahReport, subjectTypes: ['lex_sarah_report'] }
} satisfies Record<string, {
  resource: string
  find: (db: Kysely<DB>, actor: Actor, id: string) => Promise<{ id: string; person_id: string | null } | undefined>
  subjectTypes: EventSubjectType[]
}>

export type HistoryKind = keyof typeof HISTORIES

/** Who did what when to one record, states from → to; read like the record itself (404 when not visible), and logged. */
export async function readHistory(db: Kysely<DB>, caller: Caller, kind: HistoryKind, id: string): Promise<{ items: CloudEvent[] }> {
  const history = HISTORIES[kind]
  const record = await history.find(db, caller.actor, id)
  if (!record) throw notFound(history.resource)
  const rows = await eventsOf(db, caller.actor.unitId, history.subjectTypes, record.id)
  const hidePerson = hidesLexSarahPerson(caller.actor)
  // Logged like a read of the record: when it concerns a person the caller gets to see.
  const seesPerson = kind !== 'lex_sarah_report' || hasCapability(caller.actor.roles, 'read_lex_sarah_details')
  const logged = record.person_id !== null && seesPerson
  await caller.audit(logged ? [{ action: 'read', resourceType: `${kind}_history`, resourceId: record.id, personId: record.person_id }] : [])
  return { items: rows.map((e) => toCloudEvent(e, { hidePerson })) }
}

/**
 * The next events a webhook subscription delivers, after its cursor: the whole feed of its
 * unit (protected persons only when its creator had the permission), with the position to
 * advance to once delivered. Subscribers are systems, never readers of Lex Sarah details.
 */
export async function nextEventsForSubscription(
  db: Kysely<DB>, s: { unitId: string; types: readonly EventType[] | undefined; seesProtected: boolean }, after: FeedPosition, limit: number
): Promise<{ event: CloudEvent; position: FeedPosition }[]> {
  const rows = await nextEvents(db, {
    unitId: s.unitId, subjectTypes: EVENT_SUBJECT_TYPES, types: s.types, personLinked: true, seesProtected: s.seesProtected
  }, after, limit)
  return rows.map((e) => ({ event: toCloudEvent(e, { hidePerson: (row) => row.subject_type === 'lex_sarah_report' }), position: [e.xid_text, e.position] as const }))
}

export { eventTypeOf as parseEventType }
