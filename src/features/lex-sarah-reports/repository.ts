import type { ExpressionBuilder, Insertable, Kysely, Selectable, Updateable } from 'kysely'
import type { DB, LexSarahReportTable } from '../../db/schema.js'
import { versionBump } from '../../db/version.js'
import type { Actor } from '../../auth/actor.js'
import type { ProviderRegime } from '../../domain/provider.js'
import { qualityItemVisibleTo } from '../quality/service.js'
import { keysetPage } from '../../db/keyset.js'

export type LexSarahRow = Selectable<LexSarahReportTable> & { provider_record_name: string | null; provider_record_regime: ProviderRegime | null }

function selectReports(db: Kysely<DB>) {
  return db.selectFrom('lex_sarah_reports')
    .leftJoin('providers', 'providers.id', 'lex_sarah_reports.provider_id')
    .selectAll('lex_sarah_reports')
    .select(['providers.name as provider_record_name', 'providers.regime as provider_record_regime'])
}

export function findVisibleReport(db: Kysely<DB>, actor: Actor, id: string, options: { forUpdate?: boolean } = {}) {
  let query = selectReports(db).where('lex_sarah_reports.id', '=', id).where(qualityItemVisibleTo('lex_sarah_reports', actor))
  if (options.forUpdate) query = query.forUpdate('lex_sarah_reports')
  return query.executeTakeFirst()
}

export function findReport(db: Kysely<DB>, id: string) {
  return selectReports(db).where('lex_sarah_reports.id', '=', id).executeTakeFirstOrThrow()
}

export async function insertReport(db: Kysely<DB>, row: Insertable<LexSarahReportTable>) {
  const { id } = await db.insertInto('lex_sarah_reports').values(row).returning('id').executeTakeFirstOrThrow()
  return findReport(db, id)
}

export async function updateReport(db: Kysely<DB>, id: string, changes: Omit<Updateable<LexSarahReportTable>, 'id' | 'version' | 'unit_id'>) {
  await db.updateTable('lex_sarah_reports')
    .set({ ...changes, ...versionBump() })
    .where('id', '=', id).execute()
}

export interface LexSarahFilter {
  status?: LexSarahRow['status'] | undefined
  reportedFrom?: string | undefined
  reportedTo?: string | undefined
  category?: string | undefined
  serious?: boolean | undefined
  place?: LexSarahRow['place'] | undefined
  providerId?: string | undefined
  personId?: string | undefined
  /** Only (true) or never (false) serious reports past their IVO deadline on this day without a notification. */
  ivoOverdueOn?: { today: string; overdue: boolean } | undefined
  /**
   * Only (true) or never (false) reports whose investigation was not started by `startedBy`'s
   * deadline, or not assessed by `finishedBy`'s, as of `today` (reports for information aside).
   */
  investigationOverdueOn?: { today: string; overdue: boolean; startedBy: string; finishedBy: string } | undefined
}

/** Newest reported first; keyset on (reported_date, id). */
export function listVisibleReports(db: Kysely<DB>, actor: Actor, f: LexSarahFilter, after: [string, string] | undefined, limit: number) {
  let query = selectReports(db).where(qualityItemVisibleTo('lex_sarah_reports', actor))
  if (f.status) query = query.where('lex_sarah_reports.status', '=', f.status)
  if (f.reportedFrom) query = query.where('lex_sarah_reports.reported_date', '>=', f.reportedFrom)
  if (f.reportedTo) query = query.where('lex_sarah_reports.reported_date', '<=', f.reportedTo)
  if (f.category) query = query.where('lex_sarah_reports.category', '=', f.category)
  if (f.serious !== undefined) query = query.where('lex_sarah_reports.serious', f.serious ? 'is' : 'is not', true)
  if (f.place) query = query.where('lex_sarah_reports.place', '=', f.place)
  if (f.providerId) query = query.where('lex_sarah_reports.provider_id', '=', f.providerId)
  if (f.personId) query = query.where('lex_sarah_reports.person_id', '=', f.personId)
  if (f.ivoOverdueOn) {
    const { today, overdue } = f.ivoOverdueOn
    const condition = (eb: ExpressionBuilder<DB, 'lex_sarah_reports' | 'providers'>) => eb.and([
      eb('lex_sarah_reports.serious', '=', true),
      eb('lex_sarah_reports.ivo_notified_date', 'is', null),
      eb('lex_sarah_reports.ivo_notification_due_date', '<', today)
    ])
    query = overdue ? query.where(condition) : query.where((eb) => eb.not(condition(eb)))
  }
  if (f.investigationOverdueOn) {
    const { today, overdue, startedBy, finishedBy } = f.investigationOverdueOn
    const notByToday = (eb: ExpressionBuilder<DB, 'lex_sarah_reports' | 'providers'>, column: 'investigation_started_date' | 'assessed_date') =>
      eb.or([eb(`lex_sarah_reports.${column}`, 'is', null), eb(`lex_sarah_reports.${column}`, '>', today)])
    const condition = (eb: ExpressionBuilder<DB, 'lex_sarah_reports' | 'providers'>) => eb.and([
      eb('lex_sarah_reports.for_information', '=', false),
      eb.or([
        eb.and([eb('lex_sarah_reports.reported_date', '<=', startedBy), notByToday(eb, 'investigation_started_date')]),
        eb.and([eb('lex_sarah_reports.reported_date', '<=', finishedBy), notByToday(eb, 'assessed_date')])
      ])
    ])
    query = overdue ? query.where(condition) : query.where((eb) => eb.not(condition(eb)))
  }
  return keysetPage(query, ['lex_sarah_reports.reported_date', 'lex_sarah_reports.id'], after, 'desc', limit)
}
