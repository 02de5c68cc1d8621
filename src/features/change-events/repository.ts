/** The change events (outbox rows) of migration 0009. */
import { sql, type Kysely, type Selectable } from 'kysely'
import type { DB } from '../../db/schema.js'
import type { EventSubjectType, EventType } from '../../domain/change-events.js'

export type ChangeEventRow = Selectable<DB['change_events']>

/** Where a reader is in the feed: the transaction id and position of the last event handed out. */
export type FeedPosition = readonly [xid: string, position: number]

export interface FeedFilter {
  unitId: string
  subjectTypes: readonly EventSubjectType[]
  types?: readonly EventType[] | undefined
  /** False leaves out every event linked to a person. */
  personLinked: boolean
  /** False leaves out events about protected-identity persons. */
  seesProtected: boolean
}

/**
 * The next events of the feed after `after`, oldest first. Only events of transactions older
 * than the oldest one still in flight are handed out (`xid < pg_snapshot_xmin`), in
 * (xid, position) order. A transaction still in flight has an xid at or above that horizon,
 * so whatever it commits later sorts after every event handed out now: a reader polling with
 * its last cursor never skips an event, however transactions interleave and commit.
 */
export function nextEvents(db: Kysely<DB>, f: FeedFilter, after: FeedPosition | undefined, limit: number) {
  if (f.subjectTypes.length === 0 || f.types?.length === 0) return Promise.resolve([])
  let query = db.selectFrom('change_events as e').selectAll('e').select(sql<string>`e.xid::text`.as('xid_text'))
    .where('e.unit_id', '=', f.unitId)
    .where(sql<boolean>`e.xid < pg_snapshot_xmin(pg_current_snapshot())`)
    .where('e.subject_type', 'in', f.subjectTypes)
  if (f.types) query = query.where('e.type', 'in', f.types)
  if (!f.personLinked) query = query.where('e.person_id', 'is', null)
  if (!f.seesProtected) {
    query = query.where(sql<boolean>`NOT EXISTS (SELECT 1 FROM persons p WHERE p.id = e.person_id AND p.protected_identity)`)
  }
  if (after) query = query.where(sql<boolean>`(e.xid, e.position) > (${after[0]}::xid8, ${after[1]})`)
  return query.orderBy('e.xid').orderBy('e.position').limit(limit).execute()
}

/** Every committed event about one record (the subject types given), oldest first. */
export function eventsOf(db: Kysely<DB>, unitId: string, subjectTypes: readonly EventSubjectType[], subjectId: string) {
  return db.selectFrom('change_events').selectAll()
    .where('subject_id', '=', subjectId).where('unit_id', '=', unitId).where('subject_type', 'in', subjectTypes)
    .orderBy('position').execute()
}
