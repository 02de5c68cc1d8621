/** Database rows → the FollowUp resource of the contract. */
import { isOverdue } from '../../domain/follow-up.js'
import type { FollowUpRow, StoredKinAnswer } from './repository.js'

function missingHours(ordered: number | null, delivered: number | null): number | null {
  if (ordered === null || delivered === null) return null
  return Math.max(0, Math.round((ordered - delivered) * 100) / 100)
}

export function toFollowUp(f: FollowUpRow, answers: StoredKinAnswer[] | undefined, today: string) {
  return {
    id: f.id,
    unitId: f.unit_id,
    personId: f.person_id,
    decisionId: f.decision_id,
    applicationId: f.application_id,
    kind: f.kind,
    origin: f.origin,
    basisDate: f.basis_date,
    serviceContext: f.service_context,
    status: f.status,
    dueDate: f.due_date,
    plannedDate: f.planned_date,
    overdue: isOverdue(f.status, f.due_date, today),
    assignedCaseWorker: f.assigned_case_worker,
    performance: f.performed_date !== null && f.method !== null && f.outcome !== null ? {
      performedDate: f.performed_date,
      performedBy: f.performed_by ?? '',
      method: f.method,
      findings: f.findings ?? '',
      orderedHoursPerMonth: f.ordered_hours_per_month,
      deliveredHoursPerMonth: f.delivered_hours_per_month,
      missingHoursPerMonth: missingHours(f.ordered_hours_per_month, f.delivered_hours_per_month),
      outcome: f.outcome,
      newApplicationId: f.new_application_id
    } : null,
    kinAnswers: f.kind === 'kin' && f.status === 'performed'
      ? (answers ?? []).map((a) => ({ questionCode: a.question_code, answer: a.answer_code, favourable: a.answer_code === null ? null : a.favourable }))
      : null,
    cancellation: f.cancelled_by !== null && f.cancelled_date !== null
      ? { date: f.cancelled_date, reason: f.cancellation_reason ?? '', by: f.cancelled_by }
      : null,
    version: f.version,
    createdAt: f.created_at,
    updatedAt: f.updated_at
  }
}
