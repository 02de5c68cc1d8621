/**
 * Appeals to the end (issue 15): the day the decision reached the applicant, the three weeks
 * (FL 44 §) and a late appeal's dismissal unless a reason to accept it is recorded (45 §), and
 * a reconsideration (37–39 §§) or a court ruling in the applicant's favour that changes the
 * decision so that it can be executed — the IVO clock then runs from the day of the change.
 */
import type { Kysely, Transaction } from 'kysely'
import type { Static } from 'typebox'
import type { DB } from '../../db/schema.js'
import { appealTimeliness, favourableOutcome, isDismissed } from '../../domain/appeal.js'
import type { DecisionOutcome } from '../../domain/application-process.js'
import { todayInStockholm } from '../../domain/calendar.js'
import { matterHours } from '../../domain/delegation.js'
import { badRequest, conflict } from '../../http/problem.js'
import type { Caller } from '../../service/caller.js'
import { runStep } from '../../service/step.js'
import { findServiceType } from '../service-types/service.js'
import { findDecisionMatter, findVisibleDecision, updateDecision, type DecisionRow } from './repository.js'
import type { AppealReceivedBody, CourtOutcomeBody, NotificationBody, ReconsiderationBody } from './schemas.js'
import { assertWithinDelegation, recordAppealStep } from './service.js'

/** Records the day the decision reached the applicant and how; the appeal window runs from it. Recorded once. */
export function recordNotification(db: Kysely<DB>, caller: Caller, id: string, body: Static<typeof NotificationBody>): Promise<DecisionRow> {
  let updated: DecisionRow | undefined
  return runStep(db, caller, {
    resource: 'Decision',
    resourceType: 'decision',
    lock: (trx) => findVisibleDecision(trx, caller.actor, id, { forUpdate: true }),
    check(current) {
      if (current.notified_date !== null) throw conflict(`The decision's notification is already recorded (${current.notified_date}, ${current.notification_method}).`, { currentState: 'notified' })
      if (body.date < current.decision_date) throw badRequest('/date', `The decision cannot reach the applicant before it was taken (${current.decision_date}).`)
      const today = todayInStockholm()
      if (body.date > today) throw badRequest('/date', `The date cannot be in the future: record the notification once the decision has reached the applicant (today is ${today} in Stockholm).`)
      if (current.appeal_received_date !== null && body.date > current.appeal_received_date) {
        throw badRequest('/date', `The appeal was received on ${current.appeal_received_date}; the decision reached the applicant on or before that day.`)
      }
    },
    async apply(current, trx) {
      updated = await updateDecision(trx, current.id, { notified_date: body.date, notification_method: body.method })
    },
    result: async (current) => updated ?? current,
    event: (current) => ({ type: 'decision.notified', subjectId: current.id, personId: current.person_id, changes: { fields: ['notifiedDate', 'notificationMethod'] } })
  })
}

/** Records the appeal; one received after the three weeks is dismissed unless a reason to accept it is given. */
export function receiveAppeal(db: Kysely<DB>, caller: Caller, id: string, body: Static<typeof AppealReceivedBody>): Promise<DecisionRow> {
  return recordAppealStep(db, caller, id, 'receive', body.receivedDate, (current) => {
    const accepted = body.lateAcceptedReason ?? null
    const timeliness = appealTimeliness(current.notified_date, body.receivedDate, accepted)
    if (timeliness.inTime && accepted !== null) {
      throw badRequest('/lateAcceptedReason', `The appeal is in time (last day ${timeliness.lastDay ?? 'not running: no notification recorded'}); there is nothing to accept.`)
    }
    return {
      appeal_received_date: body.receivedDate,
      appeal_late_accepted_reason: accepted,
      appeal_dismissed_date: isDismissed(timeliness) ? todayInStockholm() : null
    }
  })
}

/**
 * The changes that make the decision what the applicant won: the new outcome (and hours for a
 * monthly time frame), the old ones kept, executable from `date`.
 */
async function favourableChanges(trx: Transaction<DB>, current: DecisionRow, outcome: DecisionOutcome, date: string, hoursInput: number | undefined, caller: Caller | null) {
  const [serviceType, matter] = await Promise.all([findServiceType(trx, current.service_type_code), findDecisionMatter(trx, current)])
  const hoursBased = serviceType?.hours_based ?? current.hours_per_month !== null
  if (!hoursBased && hoursInput !== undefined) throw badRequest('/hoursPerMonth', 'Hours per month apply only to hours-based services.')
  const hours = hoursBased ? hoursInput ?? (outcome === 'granted' ? matter.requested_hours_per_month : null) ?? current.hours_per_month ?? matter.requested_hours_per_month : null
  if (hoursBased && hours === null) throw badRequest('/hoursPerMonth', 'An hours-based service granted on appeal needs its hours per month.')
  // A reconsideration is the unit's own decision: it is taken within the decider's delegation. A ruling is the court's.
  if (caller !== null) {
    await assertWithinDelegation(trx, caller, matter.unit_id, {
      serviceTypeCode: current.service_type_code, housing: serviceType?.housing ?? false, hoursPerMonth: matterHours(matter.requested_hours_per_month, hours)
    })
  }
  return {
    outcome,
    hours_per_month: hours,
    original_outcome: current.original_outcome ?? current.outcome,
    original_hours_per_month: current.original_outcome === null ? current.hours_per_month : current.original_hours_per_month,
    executable_from: date,
    valid_from: current.valid_from ?? date
  }
}

export function reconsiderAppeal(db: Kysely<DB>, caller: Caller, id: string, body: Static<typeof ReconsiderationBody>): Promise<DecisionRow> {
  return recordAppealStep(db, caller, id, 'reconsider', body.date, async (current, trx) => {
    const outcome = favourableOutcome(current.outcome, body.outcome)
    const recorded = { appeal_reconsidered_date: body.date, appeal_reconsideration_outcome: body.outcome }
    if (outcome === null) {
      if (body.hoursPerMonth !== undefined) throw badRequest('/hoursPerMonth', 'An unchanged decision keeps its hours.')
      return recorded
    }
    return { ...recorded, ...await favourableChanges(trx, current, outcome, body.date, body.hoursPerMonth, caller) }
  })
}

export function recordCourtOutcome(db: Kysely<DB>, caller: Caller, id: string, body: Static<typeof CourtOutcomeBody>): Promise<DecisionRow> {
  return recordAppealStep(db, caller, id, 'record_court_outcome', body.date, async (current, trx) => {
    const outcome = favourableOutcome(current.outcome, body.outcome)
    const recorded = { appeal_court_outcome: body.outcome, appeal_court_outcome_date: body.date }
    if (outcome === null) {
      if (body.hoursPerMonth !== undefined) throw badRequest('/hoursPerMonth', 'Only a ruling for the applicant changes the hours.')
      return recorded
    }
    return { ...recorded, ...await favourableChanges(trx, current, outcome, body.date, body.hoursPerMonth, null) }
  })
}
