/**
 * Deviations the unit sends to providers and health care: register (directly, or escalated
 * from a complaint with `registerDeviation`), read, list, record the response, close.
 */
import type { Kysely } from 'kysely'
import type { Static } from 'typebox'
import type { Actor } from '../../auth/actor.js'
import type { DB } from '../../db/schema.js'
import { stateChange, type EventType } from '../../domain/change-events.js'
import { deviationAllowedIn, isDeviationActionAllowed, type DeviationAction } from '../../domain/deviation-process.js'
import { assertFactDate, latest } from '../../http/fact-dates.js'
import { decodeCursor, toPage } from '../../http/pagination.js'
import { badRequest, invalidState, notFound } from '../../http/problem.js'
import type { Caller } from '../../service/caller.js'
import { runStep } from '../../service/step.js'
import { newItemFields, personReads, registered, registerLinked, resolveProvider, type CaseLink, type Registered } from '../quality/service.js'
import { unknownCategories } from '../quality-categories/service.js'
import { findDeviation, findVisibleDeviation, insertDeviation, listVisibleDeviations, updateDeviation, type DeviationRow } from './repository.js'
import type { CloseDeviationBody, DeviationCreate, DeviationEscalation, DeviationListQuery, ResponseBody } from './schemas.js'

export type { DeviationRow }
export { toDeviation } from './present.js'

/**
 * Registers a deviation in `trx`, directly or escalated from `complaint`: the same checks either
 * way (a known active category, a provider only when the target is one). The caller's
 * transaction writes its access-log entry.
 */
export async function registerDeviation(
  trx: Kysely<DB>, actor: Actor, input: Static<typeof DeviationEscalation>, link: CaseLink, complaint: { id: string; receivedDate: string } | null
): Promise<Registered<DeviationRow>> {
  assertFactDate('/sentDate', input.sentDate, complaint?.receivedDate ?? null, 'when the complaint was received')
  if ((await unknownCategories(trx, 'deviation', [input.category])).length > 0) {
    throw badRequest('/category', `Unknown or inactive deviation category '${input.category}'.`)
  }
  const provider = await resolveProvider(trx, input, input.target === 'provider', 'target')
  const deviation = await insertDeviation(trx, {
    ...await newItemFields(trx, actor, 'AVV'),
    target: input.target,
    ...provider,
    category: input.category,
    description: input.description,
    sent_date: input.sentDate,
    ...link,
    complaint_id: complaint?.id ?? null
  })
  return registered('deviation', deviation, complaint?.id ?? null)
}

export function createDeviation(db: Kysely<DB>, caller: Caller, input: Static<typeof DeviationCreate>): Promise<DeviationRow> {
  const { personId, decisionId, ...body } = input
  return registerLinked(db, caller, { personId, decisionId }, (trx, link) => registerDeviation(trx, caller.actor, body, link, null))
}

export async function listDeviations(db: Kysely<DB>, caller: Caller, query: Static<typeof DeviationListQuery>) {
  const { limit = 50, cursor, ...filter } = query
  const after = decodeCursor(cursor, ['string', 'string']) as [string, string] | undefined
  const page = toPage(await listVisibleDeviations(db, caller.actor, filter, after, limit), limit, (d) => [d.sent_date, d.id])
  await caller.audit(personReads('deviation', page.items))
  return page
}

export async function getDeviation(db: Kysely<DB>, caller: Caller, id: string): Promise<DeviationRow> {
  const deviation = await findVisibleDeviation(db, caller.actor, id)
  if (!deviation) throw notFound('Deviation')
  await caller.audit(personReads('deviation', [deviation]))
  return deviation
}

const LABELS: Record<DeviationAction, string> = { record_response: 'record a response to the deviation', close: 'close the deviation' }
const EVENTS: Record<DeviationAction, EventType> = { record_response: 'deviation.responded', close: 'deviation.closed' }

function step(db: Kysely<DB>, caller: Caller, id: string, action: DeviationAction, change: (current: DeviationRow) => Parameters<typeof updateDeviation>[2]) {
  return runStep(db, caller, {
    resource: 'Deviation',
    resourceType: 'deviation',
    lock: (trx) => findVisibleDeviation(trx, caller.actor, id, { forUpdate: true }),
    check: (current) => {
      if (!isDeviationActionAllowed(action, current.status)) throw invalidState(LABELS[action], current.status, deviationAllowedIn(action))
    },
    apply: (current, trx) => updateDeviation(trx, current.id, change(current)),
    result: (current, trx) => findDeviation(trx, current.id),
    event: (current, after) => ({ type: EVENTS[action], subjectId: current.id, personId: current.person_id, changes: stateChange(current.status, after.status) })
  })
}

export function recordResponse(db: Kysely<DB>, caller: Caller, id: string, input: Static<typeof ResponseBody>) {
  return step(db, caller, id, 'record_response', (current) => {
    assertFactDate('/date', input.date, current.sent_date, 'when the deviation was sent')
    return { status: 'responded', response_date: input.date, response: input.response }
  })
}

export function closeDeviation(db: Kysely<DB>, caller: Caller, id: string, input: Static<typeof CloseDeviationBody>) {
  return step(db, caller, id, 'close', (current) => {
    assertFactDate('/date', input.date, latest(current.sent_date, current.response_date), 'the last date on record for this deviation')
    return { status: 'closed', closed_date: input.date, closing_note: input.note ?? null }
  })
}
export { findVisibleDeviation }
