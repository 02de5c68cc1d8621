/**
 * What complaints, deviations and Lex Sarah reports share, and the only part of this folder
 * they use (with schemas.ts): what an item may point at — a person and a decision of the
 * caller's own unit, and a provider record or a free-text provider name (another unit's person
 * or decision answers the same 400 as one that does not exist, so the answer reveals nothing) —
 * case numbers, who may see an item, its read log and how it shows its provider.
 */
import type { Kysely } from 'kysely'
import type { Actor } from '../../auth/actor.js'
import type { DB, ProviderRegime } from '../../db/schema.js'
import { todayInStockholm } from '../../domain/calendar.js'
import { stateChange, type ChangeEventDraft } from '../../domain/change-events.js'
import { badRequest } from '../../http/problem.js'
import type { AuditEntry, Caller } from '../../service/caller.js'
import { write } from '../../service/transaction.js'
import { findVisibleDecision } from '../decisions/service.js'
import { findVisiblePerson } from '../persons/service.js'
import { findProvider } from '../providers/service.js'
import { nextCaseNumber } from './repository.js'

export { qualityItemVisibleTo } from './repository.js'
export { providerView } from './present.js'

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

/** The read log of quality items: an entry for each item that concerns a person, none for the others. */
export function personReads(resourceType: string, items: readonly { id: string; person_id: string | null }[]): AuditEntry[] {
  return items.filter((item) => item.person_id !== null)
    .map((item) => ({ action: 'read' as const, resourceType, resourceId: item.id, personId: item.person_id }))
}

/** A newly registered item, its access-log entry and its change event, for the transaction it was registered in to write. */
export interface Registered<Row> { item: Row; logged: AuditEntry; event: ChangeEventDraft }

const REGISTERED_EVENTS = { deviation: 'deviation.sent', lex_sarah_report: 'lex_sarah_report.reported' } as const

/** Logged whether or not the item concerns a person. */
export const registered = <Row extends { id: string; person_id: string | null; status: string }>(
  resourceType: keyof typeof REGISTERED_EVENTS, item: Row, complaintId: string | null
): Registered<Row> => ({
  item,
  logged: { action: 'create', resourceType, resourceId: item.id, personId: item.person_id },
  event: {
    type: REGISTERED_EVENTS[resourceType], subjectId: item.id, personId: item.person_id,
    changes: { ...stateChange(null, item.status), ...(complaintId ? { related: { complaintId } } : {}) }
  }
})

/**
 * Registers an item directly rather than escalated from a complaint: the person and decision it
 * names must be of the caller's unit.
 */
export function registerLinked<Row>(
  db: Kysely<DB>, caller: Caller, input: CaseLinkInput, register: (trx: Kysely<DB>, link: CaseLink) => Promise<Registered<Row>>
): Promise<Row> {
  return write(db, caller, async ({ trx, log, emit }) => {
    const { item, logged, event } = await register(trx, await resolveCaseLink(trx, caller.actor, input))
    log(logged)
    emit(event)
    return item
  })
}

/** What every new item records: its case number in this year's series, the caller's unit and who registered it. */
export async function newItemFields(db: Kysely<DB>, actor: Actor, prefix: Parameters<typeof nextCaseNumber>[1]) {
  return { case_number: await nextCaseNumber(db, prefix, todayInStockholm().slice(0, 4)), unit_id: actor.unitId, registered_by: actor.subject }
}
