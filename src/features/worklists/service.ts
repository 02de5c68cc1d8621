/**
 * The worklist of a case worker or of the whole unit: one query per kind of item, the domain's
 * rules decide what is on it and why, and reading it is logged.
 */
import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.js'
import { addDays, todayInStockholm } from '../../domain/calendar.js'
import {
  expiringItem, followUpItem, implementationPlanItem, waitingItem, warnDecidedOnOrBefore, WORKLIST_ITEM_KINDS, type WorklistItemKind
} from '../../domain/worklist.js'
import { appealForwardingItem } from '../../domain/worklist-appeal.js'
import { executionWaitItem } from '../../domain/worklist-execution.js'
import { dischargeWorklistItem } from '../../domain/discharge.js'
import { orderCheckItems, type DeliveredTimeRules } from './order-checks.js'
import type { AuditEntry, Caller } from '../../service/caller.js'
import {
  appealsAwaitingForwarding, dischargesPastAgreement, executionWaitCandidates, expiringDecisions, missingImplementationPlans, openFollowUps, waitingApplications, type WorklistScope
} from './repository.js'

interface Item {
  kind: WorklistItemKind
  why: string
  dueDate: string
  personId: string
  personName: string
  applicationId: string | null
  decisionId: string | null
  followUpId: string | null
  caseWorker: string | null
  dischargeEpisodeId?: string
}

type Query = {
  asOf?: string; upcomingDays?: number; expiringWithinDays?: number; executionWarningDays?: number; waitingDays?: number; limitPerKind?: number
  orderAnswerDays?: number; startReportDays?: number
}

const name = (r: { first_name: string; last_name: string }) => `${r.first_name} ${r.last_name}`
const lower = (label: string) => label.charAt(0).toLowerCase() + label.slice(1)

export async function worklistOf(db: Kysely<DB>, caller: Caller, caseWorker: string | null, q: Query, deliveredTime: DeliveredTimeRules) {
  const asOf = q.asOf ?? todayInStockholm()
  const scope: WorklistScope = { actor: caller.actor, caseWorker, limit: q.limitPerKind ?? 100 }
  const waitingDays = q.waitingDays ?? 30
  const [followUps, expiring, executionCandidates, plans, waiting, discharges, appeals, orderChecks] = await Promise.all([
    openFollowUps(db, scope, asOf, addDays(asOf, q.upcomingDays ?? 30)),
    expiringDecisions(db, scope, asOf, addDays(asOf, q.expiringWithinDays ?? 60)),
    executionWaitCandidates(db, scope, asOf, warnDecidedOnOrBefore(asOf, q.executionWarningDays ?? 60)),
    missingImplementationPlans(db, scope, asOf),
    waitingApplications(db, scope, addDays(asOf, -waitingDays)),
    dischargesPastAgreement(db, scope, asOf),
    appealsAwaitingForwarding(db, scope, asOf),
    orderCheckItems(db, scope, asOf, { orderAnswerDays: q.orderAnswerDays ?? 5, startReportDays: q.startReportDays ?? 14 }, deliveredTime)
  ])

  const items: Item[] = []
  let truncated = false
  /** Totals before the limit; a query that yields two kinds splits its total with `earlier_total`. */
  const totals = (rows: { total: string; earlier_total?: string }[]) => {
    const all = Number(rows[0]?.total ?? 0)
    const earlier = Number(rows[0]?.earlier_total ?? 0)
    if (all > rows.length) truncated = true
    return { earlier, later: all - earlier, all }
  }
  const fu = totals(followUps)
  // The IVO rule decides which candidates are on the list (oldest decision first); then the limit.
  const executionWaits = executionCandidates.flatMap((d) => {
    const item = executionWaitItem(lower(d.service_type), d.facts, asOf)
    return item === null ? [] : [{ ...item, decision: d }]
  })
  if (executionWaits.length > scope.limit) truncated = true
  const passed = executionWaits.filter((w) => w.kind === 'execution_deadline_passed').length
  const counts: Record<WorklistItemKind, number> = {
    follow_up_overdue: fu.earlier,
    follow_up_upcoming: fu.later,
    time_limited_decision_expiring: totals(expiring).all,
    execution_deadline_approaching: executionWaits.length - passed,
    execution_deadline_passed: passed,
    implementation_plan_missing: totals(plans).all,
    application_waiting: totals(waiting).all,
    discharge_payment_responsibility: totals(discharges).all,
    appeal_forwarding_due: totals(appeals).all,
    ...orderChecks.counts
  }
  items.push(...orderChecks.items)
  if (orderChecks.truncated) truncated = true

  for (const f of followUps) {
    items.push({ ...followUpItem(f.kind, f.due_date, asOf), dueDate: f.due_date, personId: f.person_id, personName: name(f),
      applicationId: f.application_id, decisionId: f.decision_id, followUpId: f.id, caseWorker: f.assigned_case_worker })
  }
  for (const d of expiring) {
    items.push({ ...expiringItem(lower(d.service_type), d.valid_to as string, asOf), dueDate: d.valid_to as string, personId: d.person_id, personName: name(d),
      applicationId: d.application_id, decisionId: d.id, followUpId: null, caseWorker: d.assigned_case_worker })
  }
  for (const { decision: d, ...item } of executionWaits.slice(0, scope.limit)) {
    items.push({ ...item, personId: d.person_id, personName: name(d),
      applicationId: d.application_id, decisionId: d.id, followUpId: null, caseWorker: d.assigned_case_worker })
  }
  for (const d of plans) {
    const due = d.implementation_plan_due_date as string
    items.push({ ...implementationPlanItem(d.ordered_date, due, asOf), dueDate: due, personId: d.person_id, personName: name(d),
      applicationId: d.application_id, decisionId: d.id, followUpId: null, caseWorker: d.assigned_case_worker })
  }
  for (const a of waiting) {
    items.push({ ...waitingItem(a.received_date, waitingDays, asOf), personId: a.person_id, personName: name(a),
      applicationId: a.id, decisionId: null, followUpId: null, caseWorker: a.assigned_case_worker })
  }

  for (const e of discharges) {
    items.push({ ...dischargeWorklistItem(e.ready_date as string, e.payment_from, asOf), personId: e.person_id, personName: name(e),
      applicationId: e.application_id, decisionId: null, followUpId: null, caseWorker: e.assigned_case_worker, dischargeEpisodeId: e.id })
  }

  for (const d of appeals) {
    items.push({ ...appealForwardingItem(lower(d.service_type), d.appeal_reconsidered_date as string, asOf), personId: d.person_id, personName: name(d),
      applicationId: d.application_id, decisionId: d.id, followUpId: null, caseWorker: d.assigned_case_worker })
  }

  items.sort((x, y) => x.dueDate.localeCompare(y.dueDate) || WORKLIST_ITEM_KINDS.indexOf(x.kind) - WORKLIST_ITEM_KINDS.indexOf(y.kind))
  const audited: AuditEntry[] = items.map((i) => i.dischargeEpisodeId
    ? { action: 'read', resourceType: 'discharge_episode', resourceId: i.dischargeEpisodeId, personId: i.personId }
    : i.followUpId
    ? { action: 'read', resourceType: 'follow_up', resourceId: i.followUpId, personId: i.personId }
    : i.decisionId
      ? { action: 'read', resourceType: 'decision', resourceId: i.decisionId, personId: i.personId }
      : { action: 'read', resourceType: 'application', resourceId: i.applicationId, personId: i.personId })
  await caller.audit(audited)
  return { asOf, caseWorker, items, counts, truncated }
}
