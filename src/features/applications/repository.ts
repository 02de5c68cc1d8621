import { jsonArrayFrom } from 'kysely/helpers/postgres'
import { sql, type Insertable, type Kysely, type Selectable, type Updateable } from 'kysely'
import type { ApplicationTable, CommunicationTable, DB } from '../../db/schema.js'
import { versionBump } from '../../db/version.js'
import type { ApplicationStatus } from '../../domain/application-process.js'
import type { Actor } from '../../auth/actor.js'
import { personVisibleTo } from '../../auth/access.js'
import { keysetPage } from '../../db/keyset.js'

export type ApplicationRow = Selectable<ApplicationTable>
export interface RequestedServiceRow { application_id: string; service_type_code: string; requested_hours_per_month: number | null; decision_id: string | null }

export function findVisibleApplication(db: Kysely<DB>, actor: Actor, id: string, options: { forUpdate?: boolean } = {}) {
  let query = db.selectFrom('applications')
    .innerJoin('persons', 'persons.id', 'applications.person_id')
    .selectAll('applications')
    .where('applications.id', '=', id)
    .where(personVisibleTo(actor))
  if (options.forUpdate) query = query.forUpdate('applications')
  return query.executeTakeFirst()
}

/** Requested services of many applications at once, with the decision each has, if any. */
export async function requestedServicesOf(db: Kysely<DB>, applicationIds: string[]): Promise<Map<string, RequestedServiceRow[]>> {
  const byApplication = new Map<string, RequestedServiceRow[]>()
  if (applicationIds.length === 0) return byApplication
  const rows = await db.selectFrom('application_services as s')
    .leftJoin('decisions as d', (join) => join
      .onRef('d.application_id', '=', 's.application_id')
      .onRef('d.service_type_code', '=', 's.service_type_code'))
    .select(['s.application_id', 's.service_type_code', 's.requested_hours_per_month', 'd.id as decision_id'])
    .where('s.application_id', 'in', applicationIds)
    // Byte order, whatever the database's collation: `insertApplication` answers in the same order.
    .orderBy('s.application_id').orderBy(sql`s.service_type_code collate "C"`)
    .execute()
  for (const row of rows) {
    const list = byApplication.get(row.application_id) ?? []
    list.push(row)
    byApplication.set(row.application_id, list)
  }
  return byApplication
}

export async function insertApplication(
  db: Kysely<DB>,
  row: Omit<Insertable<ApplicationTable>, 'case_number'>,
  services: { serviceTypeCode: string; requestedHoursPerMonth: number | null }[],
  year: string
) {
  // The case number is drawn in the INSERT itself (ANS-2026-000123), not by a SELECT before it:
  // one round trip fewer on every intake (issue 17).
  // At least six digits, as many as the number has (lpad alone would cut a seventh).
  const caseNumber = sql<string>`(SELECT 'ANS-' || ${year}::text || '-' || lpad(n::text, greatest(6, length(n::text)), '0') FROM nextval('application_case_number_seq') AS n)`
  const application = await db.insertInto('applications').values({ ...row, case_number: caseNumber }).returningAll().executeTakeFirstOrThrow()
  // As `requestedServicesOf` reads them; a new application has no decision yet, so the rows
  // just written are the answer and need not be read back.
  const inserted = await db.insertInto('application_services').values(services.map((s) => ({
    application_id: application.id,
    service_type_code: s.serviceTypeCode,
    requested_hours_per_month: s.requestedHoursPerMonth
  }))).returning(['application_id', 'service_type_code', 'requested_hours_per_month']).execute()
  const requested: RequestedServiceRow[] = inserted.map((r) => ({ ...r, decision_id: null }))
    .sort((a, b) => a.service_type_code < b.service_type_code ? -1 : a.service_type_code > b.service_type_code ? 1 : 0) // byte order, as read back
  return { application, services: requested }
}

export function updateApplication(db: Kysely<DB>, id: string, changes: Omit<Updateable<ApplicationTable>, 'id' | 'version'>) {
  return db.updateTable('applications')
    .set({ ...changes, ...versionBump() })
    .where('id', '=', id)
    .returningAll().executeTakeFirstOrThrow()
}

export interface ApplicationFilter {
  status?: ApplicationStatus | undefined
  caseWorker?: string | undefined
  personId?: string | undefined
  receivedFrom?: string | undefined
  receivedTo?: string | undefined
  urgent?: boolean | undefined
  serviceType?: string | undefined
}

/** Newest received first; keyset on (received_date, id). */
export function listVisibleApplications(db: Kysely<DB>, actor: Actor, filter: ApplicationFilter, after: [string, string] | undefined, limit: number) {
  let query = db.selectFrom('applications')
    .innerJoin('persons', 'persons.id', 'applications.person_id')
    .selectAll('applications')
    .where('applications.unit_id', '=', actor.unitId)
    .where(personVisibleTo(actor))
  if (filter.status) query = query.where('applications.status', '=', filter.status)
  if (filter.caseWorker) query = query.where('applications.assigned_case_worker', '=', filter.caseWorker)
  if (filter.personId) query = query.where('applications.person_id', '=', filter.personId)
  if (filter.receivedFrom) query = query.where('applications.received_date', '>=', filter.receivedFrom)
  if (filter.receivedTo) query = query.where('applications.received_date', '<=', filter.receivedTo)
  if (filter.urgent !== undefined) query = query.where('applications.urgent', '=', filter.urgent)
  if (filter.serviceType) {
    const code = filter.serviceType
    query = query.where((eb) => eb.exists(eb.selectFrom('application_services')
      .select('application_services.application_id')
      .whereRef('application_services.application_id', '=', 'applications.id')
      .where('application_services.service_type_code', '=', code)))
  }
  return keysetPage(query, ['applications.received_date', 'applications.id'], after, 'desc', limit)
}

export function insertCommunication(db: Kysely<DB>, row: Insertable<CommunicationTable>) {
  return db.insertInto('communications').values(row).returningAll().executeTakeFirstOrThrow()
}

export function listCommunications(db: Kysely<DB>, applicationId: string) {
  return db.selectFrom('communications').selectAll().where('application_id', '=', applicationId).orderBy('created_at').orderBy('id').execute()
}

export function findCommunication(db: Kysely<DB>, applicationId: string, id: string) {
  return db.selectFrom('communications').selectAll().where('application_id', '=', applicationId).where('id', '=', id).executeTakeFirst()
}

/** What a step of the application reads of it, under its lock. */
export interface LockedApplication {
  application: ApplicationRow
  services: RequestedServiceRow[]
  /** The latest communication of the investigation, if any. */
  communicated: string | null
}

/**
 * Locks the application the actor may see (FOR UPDATE) and reads its requested services and
 * latest communication with it, in one round trip instead of three (issue 17).
 *
 * The subqueries see the statement's snapshot, taken before the lock. If the lock had to wait
 * for a transaction that changed the application meanwhile, that snapshot is older than the
 * locked row and could miss, say, a service it just decided; every such change bumps the
 * application's version (deciding and communicating update the application), so the version
 * the snapshot saw is compared with the locked one, and on a difference both are read again by a
 * statement of their own, which sees what was committed.
 */
export async function lockVisibleApplication(db: Kysely<DB>, actor: Actor, id: string): Promise<LockedApplication | undefined> {
  const row = await db.selectFrom('applications')
    .innerJoin('persons', 'persons.id', 'applications.person_id')
    .selectAll('applications')
    .select((eb) => [
      eb.selectFrom('applications as seen').select('seen.version').whereRef('seen.id', '=', 'applications.id').as('seen_version'),
      eb.selectFrom('communications').select((c) => c.fn.max('communicated_date').as('latest'))
        .whereRef('communications.application_id', '=', 'applications.id').as('communicated'),
      // As `requestedServicesOf` reads them (JSON gives the hours as a number, as the pg type parser does).
      jsonArrayFrom(eb.selectFrom('application_services as s')
        .leftJoin('decisions as d', (join) => join
          .onRef('d.application_id', '=', 's.application_id')
          .onRef('d.service_type_code', '=', 's.service_type_code'))
        .select(['s.application_id', 's.service_type_code', 's.requested_hours_per_month', 'd.id as decision_id'])
        .whereRef('s.application_id', '=', 'applications.id')
        .orderBy(sql`s.service_type_code collate "C"`)).as('services')
    ])
    .where('applications.id', '=', id)
    .where(personVisibleTo(actor))
    .forUpdate('applications')
    .executeTakeFirst()
  if (!row) return undefined
  const { seen_version: seenVersion, communicated, services, ...application } = row
  if (seenVersion !== application.version) {
    const reread = await requestedServicesOf(db, [application.id])
    return { application, services: reread.get(application.id) ?? [], communicated: await latestCommunicationDate(db, application.id) }
  }
  return { application, services: services as RequestedServiceRow[], communicated: communicated ?? null }
}

/** The date of the application's latest communication of the investigation, if any. */
export async function latestCommunicationDate(db: Kysely<DB>, applicationId: string): Promise<string | null> {
  const row = await db.selectFrom('communications').select((eb) => eb.fn.max('communicated_date').as('latest'))
    .where('application_id', '=', applicationId).executeTakeFirst()
  return row?.latest ?? null
}
