import type { ExpressionBuilder, Insertable, Kysely, Selectable, Updateable } from 'kysely'
import type { ComplaintTable, DB } from '../../db/schema.js'
import { versionBump } from '../../db/version.js'
import type { Actor } from '../../auth/actor.js'
import type { ProviderRegime } from '../../domain/provider.js'
import { qualityItemVisibleTo } from '../quality/service.js'
import { keysetPage } from '../../db/keyset.js'

export type ComplaintRow = Selectable<ComplaintTable> & { provider_record_name: string | null; provider_record_regime: ProviderRegime | null }
export type ComplaintChanges = Omit<Updateable<ComplaintTable>, 'id' | 'version' | 'unit_id'>

function selectComplaints(db: Kysely<DB>) {
  return db.selectFrom('complaints')
    .leftJoin('providers', 'providers.id', 'complaints.provider_id')
    .selectAll('complaints')
    .select(['providers.name as provider_record_name', 'providers.regime as provider_record_regime'])
}

export function findVisibleComplaint(db: Kysely<DB>, actor: Actor, id: string, options: { forUpdate?: boolean } = {}) {
  let query = selectComplaints(db).where('complaints.id', '=', id).where(qualityItemVisibleTo('complaints', actor))
  if (options.forUpdate) query = query.forUpdate('complaints')
  return query.executeTakeFirst()
}

export function findComplaint(db: Kysely<DB>, id: string) {
  return selectComplaints(db).where('complaints.id', '=', id).executeTakeFirstOrThrow()
}

export async function insertComplaint(db: Kysely<DB>, row: Insertable<ComplaintTable>) {
  const { id } = await db.insertInto('complaints').values(row).returning('id').executeTakeFirstOrThrow()
  return findComplaint(db, id)
}

export function externalReferenceTaken(db: Kysely<DB>, unitId: string, reference: string) {
  return db.selectFrom('complaints').select('id').where('unit_id', '=', unitId).where('external_reference', '=', reference).executeTakeFirst().then(Boolean)
}

export async function updateComplaint(db: Kysely<DB>, id: string, changes: ComplaintChanges) {
  await db.updateTable('complaints')
    .set({ ...changes, ...versionBump() })
    .where('id', '=', id).execute()
}

export interface ComplaintFilter {
  status?: ComplaintRow['status'] | undefined
  kind?: ComplaintRow['kind'] | undefined
  target?: ComplaintRow['target'] | undefined
  category?: string | undefined
  providerId?: string | undefined
  personId?: string | undefined
  receivedFrom?: string | undefined
  receivedTo?: string | undefined
  /** Only (true) or never (false) items past their answer due date on this day without an answer. */
  overdueOn?: { today: string; overdue: boolean } | undefined
}

/** Newest received first; keyset on (received_date, id). */
export function listVisibleComplaints(db: Kysely<DB>, actor: Actor, f: ComplaintFilter, after: [string, string] | undefined, limit: number) {
  let query = selectComplaints(db).where(qualityItemVisibleTo('complaints', actor))
  if (f.status) query = query.where('complaints.status', '=', f.status)
  if (f.kind) query = query.where('complaints.kind', '=', f.kind)
  if (f.target) query = query.where('complaints.target', '=', f.target)
  if (f.category) {
    const category = f.category
    query = query.where((eb) => eb(eb.val(category), '=', eb.fn.any('complaints.categories')))
  }
  if (f.providerId) query = query.where('complaints.provider_id', '=', f.providerId)
  if (f.personId) query = query.where('complaints.person_id', '=', f.personId)
  if (f.receivedFrom) query = query.where('complaints.received_date', '>=', f.receivedFrom)
  if (f.receivedTo) query = query.where('complaints.received_date', '<=', f.receivedTo)
  if (f.overdueOn) {
    const { today, overdue } = f.overdueOn
    const condition = (eb: ExpressionBuilder<DB, 'complaints' | 'providers'>) =>
      eb.and([eb('complaints.status', 'in', ['registered', 'investigating']), eb('complaints.answer_due_date', '<', today)])
    query = overdue ? query.where(condition) : query.where((eb) => eb.not(condition(eb)))
  }
  return keysetPage(query, ['complaints.received_date', 'complaints.id'], after, 'desc', limit)
}

export interface Escalations { deviationIds: string[]; lexSarahReportIds: string[] }

/** The deviations and Lex Sarah reports each complaint was escalated into. */
export async function escalationsOf(db: Kysely<DB>, complaintIds: string[]): Promise<Map<string, Escalations>> {
  const result = new Map<string, Escalations>(complaintIds.map((id) => [id, { deviationIds: [], lexSarahReportIds: [] }]))
  if (complaintIds.length === 0) return result
  const [deviations, reports] = await Promise.all([
    db.selectFrom('deviations').select(['id', 'complaint_id']).where('complaint_id', 'in', complaintIds).orderBy('created_at').orderBy('id').execute(),
    db.selectFrom('lex_sarah_reports').select(['id', 'complaint_id']).where('complaint_id', 'in', complaintIds).orderBy('created_at').orderBy('id').execute()
  ])
  for (const d of deviations) if (d.complaint_id) result.get(d.complaint_id)?.deviationIds.push(d.id)
  for (const r of reports) if (r.complaint_id) result.get(r.complaint_id)?.lexSarahReportIds.push(r.id)
  return result
}
