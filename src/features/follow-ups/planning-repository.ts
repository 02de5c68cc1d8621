/**
 * What the follow-ups read of the records they follow up — the decision, its application, its
 * execution and its sibling decisions — for the re-plan and the process steps. Locks are taken
 * in the order decision → application → follow-up.
 */
import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.js'

/** Locks the decision (first, before its application or its follow-ups). */
export function lockDecision(trx: Kysely<DB>, decisionId: string) {
  return trx.selectFrom('decisions').selectAll().where('id', '=', decisionId).forUpdate().executeTakeFirst()
}

/** Locks the application, which the hospital-discharge follow-up belongs to. */
export function lockApplication(trx: Kysely<DB>, applicationId: string) {
  return trx.selectFrom('applications').select(['id', 'person_id', 'channel', 'assigned_case_worker'])
    .where('id', '=', applicationId).forUpdate().executeTakeFirstOrThrow()
}

export function executionOf(db: Kysely<DB>, decisionId: string) {
  return db.selectFrom('executions').select(['started_date', 'ended_date', 'ordered_hours_per_month']).where('decision_id', '=', decisionId).executeTakeFirst()
}

/** The date of the decision's last performed continuous follow-up. */
export function lastContinuousPerformed(db: Kysely<DB>, decisionId: string) {
  return db.selectFrom('follow_ups').select((eb) => eb.fn.max('performed_date').as('date'))
    .where('decision_id', '=', decisionId).where('kind', '=', 'continuous').where('status', '=', 'performed').executeTakeFirst()
}

/** The follow-ups a re-plan may change: the decision's reviews and continuous ones, the application's discharge one. */
export function plannableFollowUps(db: Kysely<DB>, decisionId: string, applicationId: string) {
  return db.selectFrom('follow_ups').select(['id', 'kind', 'origin', 'status', 'cancelled_by', 'basis_date', 'due_date', 'decision_id'])
    .where((eb) => eb.or([
      eb.and([eb('decision_id', '=', decisionId), eb('kind', 'in', ['continuous', 'time_limited_review'])]),
      eb.and([eb('application_id', '=', applicationId), eb('kind', '=', 'hospital_discharge')])
    ]))
    .orderBy('created_at').orderBy('id').execute()
}

/** All decisions of the application, with the end of their execution. */
export function decisionsOfApplication(db: Kysely<DB>, applicationId: string) {
  return db.selectFrom('decisions').leftJoin('executions', 'executions.decision_id', 'decisions.id')
    .select(['decisions.outcome', 'decisions.valid_from', 'executions.ended_date'])
    .where('decisions.application_id', '=', applicationId).execute()
}
