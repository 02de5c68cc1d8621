/**
 * What a quality item may point at: a person and a decision of the caller's own unit, and a
 * provider record or a free-text provider name. Another unit's person or decision answers the
 * same 400 as one that does not exist, so the answer reveals nothing.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely'
import type { DB, ProviderRegime } from '../../db/schema.js'
import { badRequest } from '../../http/problem.js'
import type { Actor } from '../../auth/actor.js'
import { seesProtectedIdentities } from '../../auth/access.js'
import { findVisibleDecision } from '../decisions/repository.js'
import { findVisiblePerson } from '../persons/service.js'
import { findProvider } from '../providers/repository.js'

export interface CaseLinkInput { personId?: string | null | undefined; decisionId?: string | null | undefined }
export interface CaseLink { person_id: string | null; decision_id: string | null }

export async function resolveCaseLink(db: Kysely<DB>, actor: Actor, input: CaseLinkInput): Promise<CaseLink> {
  let personId = input.personId ?? null
  const decisionId = input.decisionId ?? null
  if (decisionId !== null) {
    const decision = await findVisibleDecision(db, actor, decisionId)
    if (!decision) throw badRequest('/decisionId', 'No such decision in your unit.')
    if (personId !== null && personId !== decision.person_id) throw badRequest('/personId', 'The decision concerns another person.')
    personId = decision.person_id
  } else if (personId !== null && !(await findVisiblePerson(db, actor, personId))) {
    throw badRequest('/personId', 'No such person in your unit.')
  }
  return { person_id: personId, decision_id: decisionId }
}

export interface ProviderInput {
  providerId?: string | null | undefined
  providerName?: string | null | undefined
  providerRegime?: ProviderRegime | null | undefined
}
export interface ProviderLink { provider_id: string | null; provider_name: string | null; provider_regime: ProviderRegime | null }

/** `aboutProvider`: the item's target (or place) is a provider; only then may one be named, and one must be. */
export async function resolveProvider(db: Kysely<DB>, input: ProviderInput, aboutProvider: boolean, field: string): Promise<ProviderLink> {
  const id = input.providerId ?? null
  const name = input.providerName ?? null
  const regime = input.providerRegime ?? null
  if (!aboutProvider) {
    if (id !== null || name !== null || regime !== null) throw badRequest('/providerId', `A provider is named only when the ${field} is a provider.`)
    return { provider_id: null, provider_name: null, provider_regime: null }
  }
  if (id !== null && (name !== null || regime !== null)) throw badRequest('/providerName', 'Give either a provider record (providerId) or a free-text name, not both.')
  if (id === null && name === null) throw badRequest('/providerId', `Name the provider (providerId, or providerName when it has no record) when the ${field} is a provider.`)
  if (id !== null && !(await findProvider(db, id))) throw badRequest('/providerId', 'Unknown provider.')
  return { provider_id: id, provider_name: name, provider_regime: regime }
}

type QualityTable = 'complaints' | 'deviations' | 'lex_sarah_reports'

/**
 * The item belongs to the caller's unit, and a linked person must be visible to the caller
 * (a protected identity needs the permission) — otherwise the item answers 404 like any
 * other record of that person.
 */
export function qualityItemVisibleTo(table: QualityTable, actor: Actor): RawBuilder<boolean> {
  const personId = sql.ref(`${table}.person_id`)
  const protectedClause = seesProtectedIdentities(actor) ? sql`` : sql` AND NOT p.protected_identity`
  return sql<boolean>`(${sql.ref(`${table}.unit_id`)} = ${actor.unitId} AND (${personId} IS NULL OR EXISTS (
    SELECT 1 FROM persons p WHERE p.id = ${personId} AND p.unit_id = ${actor.unitId}${protectedClause})))`
}
