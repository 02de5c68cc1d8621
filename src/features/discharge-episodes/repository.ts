import type { Insertable, Kysely, Selectable, Updateable } from 'kysely'
import { sql } from 'kysely'
import type { Actor } from '../../auth/actor.js'
import { personVisibleTo } from '../../auth/access.js'
import { keysetPage } from '../../db/keyset.js'
import type { DB, DischargeEpisodeTable } from '../../db/schema.js'
import { versionBump } from '../../db/version.js'

export type EpisodeRow = Selectable<DischargeEpisodeTable>

function visibleEpisodes(db: Kysely<DB>, actor: Actor) {
  return db.selectFrom('discharge_episodes as e')
    .innerJoin('persons', 'persons.id', 'e.person_id')
    .selectAll('e')
    .where('e.unit_id', '=', actor.unitId)
    .where(personVisibleTo(actor))
}

export function findVisibleEpisode(db: Kysely<DB>, actor: Actor, id: string, options: { forUpdate?: boolean } = {}) {
  let query = visibleEpisodes(db, actor).where('e.id', '=', id)
  if (options.forUpdate) query = query.forUpdate('e')
  return query.executeTakeFirst()
}

/** The episode a notice names, whoever the person (a notice for another person is refused by the service). */
export function findEpisodeByReference(db: Kysely<DB>, unitId: string, source: string, reference: string) {
  return db.selectFrom('discharge_episodes').selectAll()
    .where('unit_id', '=', unitId).where('source', '=', source).where('external_reference', '=', reference)
    .forUpdate().executeTakeFirst()
}

export function insertEpisode(db: Kysely<DB>, row: Insertable<DischargeEpisodeTable>) {
  return db.insertInto('discharge_episodes').values(row).returningAll().executeTakeFirstOrThrow()
}

export function updateEpisode(db: Kysely<DB>, id: string, changes: Omit<Updateable<DischargeEpisodeTable>, 'id' | 'unit_id' | 'version'>) {
  return db.updateTable('discharge_episodes').set({ ...changes, ...versionBump() }).where('id', '=', id).returningAll().executeTakeFirstOrThrow()
}

export async function replaceApplicationLinks(db: Kysely<DB>, episodeId: string, applicationIds: readonly string[]) {
  await db.deleteFrom('discharge_episode_applications').where('episode_id', '=', episodeId).execute()
  if (applicationIds.length > 0) {
    await db.insertInto('discharge_episode_applications').values(applicationIds.map((application_id) => ({ episode_id: episodeId, application_id }))).execute()
  }
}

/** The person's applications in the unit among `ids`. */
export function applicationsOfPerson(db: Kysely<DB>, unitId: string, personId: string, ids: readonly string[]) {
  return db.selectFrom('applications').select('id').where('unit_id', '=', unitId).where('person_id', '=', personId).where('id', 'in', ids).execute()
}

export function knownServiceTypes(db: Kysely<DB>, codes: readonly string[]) {
  return db.selectFrom('service_types').select('code').where('code', 'in', codes).execute()
}

/** Linked applications and their one-month follow-ups after discharge, for a page of episodes. */
export async function linksOf(db: Kysely<DB>, episodeIds: readonly string[]) {
  if (episodeIds.length === 0) return { applications: [], followUps: [] }
  const applications = await db.selectFrom('discharge_episode_applications as l')
    .innerJoin('applications as a', 'a.id', 'l.application_id')
    .select(['l.episode_id', 'a.id', 'a.case_number', 'a.status'])
    .where('l.episode_id', 'in', episodeIds).orderBy('a.received_date').orderBy('a.id').execute()
  const followUps = applications.length === 0 ? [] : await db.selectFrom('follow_ups as f')
    .select(['f.application_id', 'f.id', 'f.due_date', 'f.status'])
    .where('f.application_id', 'in', applications.map((a) => a.id)).where('f.kind', '=', 'hospital_discharge')
    .orderBy('f.due_date').orderBy('f.id').execute()
  return { applications, followUps }
}

export interface EpisodeFilter {
  readyFrom?: string | undefined
  readyTo?: string | undefined
  personId?: string | undefined
  /** Still in hospital with payment responsibility begun on this day. */
  pastAgreementOn?: string | undefined
}

/** Newest admission first; keyset on (admitted_date, id). */
export function listVisibleEpisodes(db: Kysely<DB>, actor: Actor, f: EpisodeFilter, after: [string, string] | undefined, limit: number) {
  let query = visibleEpisodes(db, actor)
  if (f.readyFrom) query = query.where('e.ready_date', '>=', f.readyFrom)
  if (f.readyTo) query = query.where('e.ready_date', '<=', f.readyTo)
  if (f.personId) query = query.where('e.person_id', '=', f.personId)
  if (f.pastAgreementOn) {
    query = query.where('e.left_hospital_date', 'is', null).where('e.ready_date', 'is not', null)
      .where(sql<boolean>`e.ready_date + e.agreement_days <= ${f.pastAgreementOn}::date`)
  }
  return keysetPage(query, ['e.admitted_date', 'e.id'], after, 'desc', limit)
}
