import type { Insertable, Kysely, Selectable, Transaction, Updateable } from 'kysely'
import type { DB, ExecutionInterruptionTable, ExecutionOfferTable, ExecutionTable } from '../../db/schema.js'
import { versionBump } from '../../db/version.js'
import type { OfferAnswer } from '../../domain/execution.js'

export type ExecutionRow = Selectable<ExecutionTable>

export async function loadExecution(db: Kysely<DB>, decisionId: string) {
  const [execution, hours, interruptions, offers] = await Promise.all([
    db.selectFrom('executions').selectAll().where('decision_id', '=', decisionId).executeTakeFirst(),
    db.selectFrom('execution_hours').select(['effective_date', 'hours_per_month']).where('decision_id', '=', decisionId).orderBy('effective_date').execute(),
    db.selectFrom('execution_interruptions').selectAll().where('decision_id', '=', decisionId).orderBy('start_date').execute(),
    db.selectFrom('execution_offers').selectAll().where('decision_id', '=', decisionId).orderBy('offered_date').orderBy('created_at').execute()
  ])
  const provider = execution?.provider_id
    ? await db.selectFrom('providers').select(['id', 'name', 'regime']).where('id', '=', execution.provider_id).executeTakeFirst()
    : undefined
  return { execution, hours, interruptions, offers, provider }
}

export type LoadedExecution = Awaited<ReturnType<typeof loadExecution>>

/** The execution row, created empty by the first action at version 0, which the action then bumps. */
export async function ensureExecution(trx: Transaction<DB>, decisionId: string): Promise<void> {
  await trx.insertInto('executions').values({ decision_id: decisionId, provider_id: null, ordered_date: null, ordered_hours_per_month: null,
    implementation_plan_due_date: null, implementation_plan_received_date: null, started_date: null, ended_date: null, end_reason: null,
    delay_reason: null, delay_consequences: null, interim_services: null, version: 0 })
    .onConflict((oc) => oc.column('decision_id').doNothing()).execute()
}

export function updateExecution(trx: Transaction<DB>, decisionId: string, changes: Omit<Updateable<ExecutionTable>, 'decision_id' | 'version'>) {
  return trx.updateTable('executions')
    .set({ ...changes, ...versionBump() })
    .where('decision_id', '=', decisionId).execute()
}

export function insertExecutedHours(trx: Transaction<DB>, decisionId: string, effectiveDate: string, hoursPerMonth: number) {
  return trx.insertInto('execution_hours').values({ decision_id: decisionId, effective_date: effectiveDate, hours_per_month: hoursPerMonth }).execute()
}

export function insertInterruption(trx: Transaction<DB>, row: Insertable<ExecutionInterruptionTable>) {
  return trx.insertInto('execution_interruptions').values(row).execute()
}

export function endInterruption(trx: Transaction<DB>, id: string, endDate: string) {
  return trx.updateTable('execution_interruptions').set({ end_date: endDate }).where('id', '=', id).execute()
}

export function insertOffer(trx: Transaction<DB>, row: Insertable<ExecutionOfferTable>) {
  return trx.insertInto('execution_offers').values(row).execute()
}

export function answerOffer(trx: Transaction<DB>, id: string, response: OfferAnswer, responseDate: string) {
  return trx.updateTable('execution_offers').set({ response, response_date: responseDate }).where('id', '=', id).execute()
}

/** A decision locked by its id alone: for a provider's report, whose order was checked first (features/orders). */
export function findDecisionForUpdate(trx: Transaction<DB>, decisionId: string) {
  return trx.selectFrom('decisions').selectAll().where('id', '=', decisionId).forUpdate().executeTakeFirst()
}
