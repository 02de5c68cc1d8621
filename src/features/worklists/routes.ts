/** The worklist of a case worker or of the whole unit: what needs doing, why, and by when. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import { addDays, todayInStockholm } from '../../domain/calendar.js'
import {
  expiringItem, followUpItem, implementationPlanItem, waitingItem, warnDecidedOnOrBefore, WORKLIST_ITEM_KINDS, type WorklistItemKind
} from '../../domain/worklist.js'
import { executionWaitItem } from '../../domain/worklist-execution.js'
import type { AuditEntry } from '../../service/caller.js'
import { problems, ref } from '../../http/schemas.js'
import {
  executionWaitCandidates, expiringDecisions, missingImplementationPlans, openFollowUps, waitingApplications, type WorklistScope
} from './repository.js'
import { CaseWorkerParams, Worklist, WorklistQuery } from './schemas.js'

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
}

type Query = { asOf?: string; upcomingDays?: number; expiringWithinDays?: number; executionWarningDays?: number; waitingDays?: number; limitPerKind?: number }

const name = (r: { first_name: string; last_name: string }) => `${r.first_name} ${r.last_name}`
const lower = (label: string) => label.charAt(0).toLowerCase() + label.slice(1)

const routes: FastifyPluginAsyncTypebox = async (app) => {
  async function worklist(request: FastifyRequest, caseWorker: string | null, q: Query) {
    const asOf = q.asOf ?? todayInStockholm()
    const scope: WorklistScope = { actor: request.actor, caseWorker, limit: q.limitPerKind ?? 100 }
    const waitingDays = q.waitingDays ?? 30
    const [followUps, expiring, executionCandidates, plans, waiting] = await Promise.all([
      openFollowUps(app.db, scope, asOf, addDays(asOf, q.upcomingDays ?? 30)),
      expiringDecisions(app.db, scope, asOf, addDays(asOf, q.expiringWithinDays ?? 60)),
      executionWaitCandidates(app.db, scope, asOf, warnDecidedOnOrBefore(asOf, q.executionWarningDays ?? 60)),
      missingImplementationPlans(app.db, scope, asOf),
      waitingApplications(app.db, scope, addDays(asOf, -waitingDays))
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
      application_waiting: totals(waiting).all
    }

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

    items.sort((x, y) => x.dueDate.localeCompare(y.dueDate) || WORKLIST_ITEM_KINDS.indexOf(x.kind) - WORKLIST_ITEM_KINDS.indexOf(y.kind))
    const audited: AuditEntry[] = items.map((i) => i.followUpId
      ? { action: 'read', resourceType: 'follow_up', resourceId: i.followUpId, personId: i.personId }
      : i.decisionId
        ? { action: 'read', resourceType: 'decision', resourceId: i.decisionId, personId: i.personId }
        : { action: 'read', resourceType: 'application', resourceId: i.applicationId, personId: i.personId })
    await app.audit(request, audited)
    return { asOf, caseWorker, items, counts, truncated }
  }

  const reads = { preValidation: app.requireCapability('read_individual_data') }
  const description = [
    'Overdue and upcoming follow-ups, time-limited decisions about to end, granted decisions not yet executed (from `executionWarningDays` after the decision date,',
    'against the 3-month IVO limit: the last on-time day is 3 calendar months after the decision date, 2026-03-31 → 2026-06-30), implementation plans past due,',
    'and applications waiting for a decision longer than `waitingDays`. Each item says why it is there and when it is due, with the person\'s name; reading it is logged.'
  ].join(' ')

  app.get('/worklists', {
    ...reads,
    schema: {
      tags: ['Worklists'], operationId: 'getUnitWorklist', summary: 'The unit\'s worklist',
      description: `The worklist of the caller's whole unit. ${description}`,
      querystring: WorklistQuery,
      response: { 200: ref(Worklist), ...problems(400, 403) }
    }
  }, async (request) => worklist(request, null, request.query))

  app.get('/worklists/:caseWorkerId', {
    ...reads,
    schema: {
      tags: ['Worklists'], operationId: 'getCaseWorkerWorklist', summary: 'A case worker\'s worklist',
      description: `The items assigned to one case worker of the caller's unit (follow-ups by their assignee, the rest by the application's case worker). ${description}`,
      params: CaseWorkerParams,
      querystring: WorklistQuery,
      response: { 200: ref(Worklist), ...problems(400, 403) }
    }
  }, async (request) => worklist(request, request.params.caseWorkerId, request.query))
}

export default routes
