/**
 * The order document as the API shows it, to the provider and to the unit alike: the order's
 * content and answer, of the person only what carrying it out needs (name, address, contact,
 * the needs as communicated — never the assessment part, appeals, complaints or other
 * services), the execution as reported, and the hours delivered per month.
 */
import type { OrderDocument } from './service.js'

const month = (firstDay: string) => firstDay.slice(0, 7)

export function toOrder({ order: o, context: c }: OrderDocument) {
  // A declined order's provider is no longer carrying out anything: it sees no execution.
  const live = o.state !== 'declined'
  return {
    id: o.id,
    state: o.state,
    decisionId: o.decision_id,
    provider: { id: c.provider.id, name: c.provider.name },
    serviceType: { code: c.serviceType.code, labelSv: c.serviceType.label_sv, labelEn: c.serviceType.label_en },
    orderedDate: o.ordered_date,
    hoursPerMonth: o.hours_per_month,
    visitsPerMonth: o.visits_per_month,
    startWantedDate: o.start_wanted_date,
    specialInstructions: o.special_instructions,
    answeredDate: o.answered_date,
    declineReason: o.decline_reason,
    person: { id: c.person.id, firstName: c.person.first_name, lastName: c.person.last_name, address: o.address, contact: o.contact },
    needsDescription: c.needs,
    execution: live && c.execution ? {
      implementationPlanDueDate: c.execution.implementation_plan_due_date,
      implementationPlanReceivedDate: c.execution.implementation_plan_received_date,
      startedDate: c.execution.started_date,
      interruptions: c.interruptions.map((i) => ({ startDate: i.start_date, endDate: i.end_date, reason: i.reason })),
      endedDate: c.execution.ended_date,
      endReason: c.execution.end_reason
    } : null,
    deliveredTime: c.delivered.map((d) => ({ month: month(d.month), hours: d.hours, locked: c.lockedMonths.has(d.month), version: d.version })),
    version: o.version
  }
}

export function toOrderSummary(o: {
  id: string; state: OrderDocument['order']['state']; ordered_date: string; service_type_code: string; hours_per_month: number | null
  visits_per_month: number | null; start_wanted_date: string | null; provider_id: string; person_id: string; decision_id: string
  first_name: string; last_name: string
}) {
  return {
    id: o.id, state: o.state, orderedDate: o.ordered_date, serviceTypeCode: o.service_type_code, hoursPerMonth: o.hours_per_month,
    visitsPerMonth: o.visits_per_month, startWantedDate: o.start_wanted_date, providerId: o.provider_id, decisionId: o.decision_id,
    personId: o.person_id, personName: `${o.first_name} ${o.last_name}`
  }
}
