import type { Insertable, Kysely, Selectable, Updateable } from 'kysely'
import { jsonArrayFrom, jsonObjectFrom } from 'kysely/helpers/postgres'
import type { DB, DecisionTable } from '../../db/schema.js'
import { versionBump } from '../../db/version.js'
import type { Actor } from '../../auth/actor.js'
import { decisionVisibleTo } from '../../auth/access.js'
import { keysetPage } from '../../db/keyset.js'

export type DecisionRow = Selectable<DecisionTable>

export function findVisibleDecision(db: Kysely<DB>, actor: Actor, id: string, options: { forUpdate?: boolean } = {}) {
  let query = db.selectFrom('decisions')
    .selectAll('decisions')
    .where('decisions.id', '=', id)
    .where(decisionVisibleTo(actor))
  if (options.forUpdate) query = query.forUpdate('decisions')
  return query.executeTakeFirst()
}

/**
 * The reference data deciding a service reads, in one statement (one round trip instead of five,
 * issue 17): the service type, the unit's communication policy, delegation order (in order) and
 * follow-up planning rules (a row or null), and the legal catalogue (as `listLegalProvisionRows`
 * orders it). Undefined when the service type does not exist.
 */
export async function findDecidingContext(db: Kysely<DB>, unitId: string, serviceTypeCode: string) {
  return db.selectFrom('service_types as st')
    .innerJoin('units as u', (join) => join.on('u.id', '=', unitId))
    .selectAll('st')
    .select((eb) => [
      'u.communication_policy',
      jsonArrayFrom(eb.selectFrom('delegation_rules as r').selectAll('r').whereRef('r.unit_id', '=', 'u.id').orderBy('r.position')).as('delegation_rules'),
      jsonArrayFrom(eb.selectFrom('legal_provisions as p').selectAll('p').orderBy('p.purpose').orderBy('p.in_force_from')).as('legal_provisions'),
      jsonObjectFrom(eb.selectFrom('follow_up_rules as f').selectAll('f').whereRef('f.unit_id', '=', 'u.id')).as('follow_up_rules')
    ])
    .where('st.code', '=', serviceTypeCode)
    .executeTakeFirst()
}

export function insertDecision(db: Kysely<DB>, row: Insertable<DecisionTable>) {
  return db.insertInto('decisions').values(row).returningAll().executeTakeFirstOrThrow()
}

/** What the delegation order and the draft rules need of a decision's application. */
export async function findDecisionMatter(db: Kysely<DB>, d: DecisionRow) {
  const [application, requested] = await Promise.all([
    db.selectFrom('applications').select(['received_date', 'unit_id']).where('id', '=', d.application_id).executeTakeFirstOrThrow(),
    db.selectFrom('application_services').select('requested_hours_per_month')
      .where('application_id', '=', d.application_id).where('service_type_code', '=', d.service_type_code).executeTakeFirst()
  ])
  return { ...application, requested_hours_per_month: requested?.requested_hours_per_month ?? null }
}

export function updateDecision(db: Kysely<DB>, id: string, changes: Omit<Updateable<DecisionTable>, 'id' | 'version'>) {
  return db.updateTable('decisions')
    .set({ ...changes, ...versionBump() })
    .where('id', '=', id).returningAll().executeTakeFirstOrThrow()
}

export interface DecisionFilter {
  personId?: string | undefined
  applicationId?: string | undefined
  serviceType?: string | undefined
  outcome?: string | undefined
  currentOn?: string | undefined
  expiringBefore?: string | undefined
}

/** Newest decision first; keyset on (decision_date, id). */
export function listVisibleDecisions(db: Kysely<DB>, actor: Actor, f: DecisionFilter, after: [string, string] | undefined, limit: number) {
  let query = db.selectFrom('decisions')
    .selectAll('decisions')
    .where(decisionVisibleTo(actor))
  if (f.personId) query = query.where('decisions.person_id', '=', f.personId)
  if (f.applicationId) query = query.where('decisions.application_id', '=', f.applicationId)
  if (f.serviceType) query = query.where('decisions.service_type_code', '=', f.serviceType)
  if (f.outcome) query = query.where('decisions.outcome', '=', f.outcome as DecisionRow['outcome'])
  if (f.currentOn) {
    const on = f.currentOn
    query = query.where('decisions.outcome', '!=', 'rejected')
      .where('decisions.valid_from', '<=', on)
      .where((eb) => eb.or([eb('decisions.valid_to', 'is', null), eb('decisions.valid_to', '>=', on)]))
  }
  if (f.expiringBefore) query = query.where('decisions.valid_to', 'is not', null).where('decisions.valid_to', '<', f.expiringBefore)
  return keysetPage(query, ['decisions.decision_date', 'decisions.id'], after, 'desc', limit)
}
