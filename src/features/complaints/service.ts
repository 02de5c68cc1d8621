/**
 * Complaints and feedback: registration, reading, listing and the lifecycle — investigate,
 * answer, close — and escalation into a deviation or a Lex Sarah report, which keeps the link
 * both ways. Every complaint answers with what it led to.
 */
import type { Kysely, Transaction } from 'kysely'
import type { Static } from 'typebox'
import type { DB } from '../../db/schema.js'
import { todayInStockholm } from '../../domain/calendar.js'
import { stateChange, type EventType } from '../../domain/change-events.js'
import { complaintAllowedIn, isComplaintActionAllowed, type ComplaintAction } from '../../domain/complaint-process.js'
import { dueDate } from '../../domain/quality-deadlines.js'
import { assertFactDate, latest } from '../../http/fact-dates.js'
import { decodeCursor, toPage } from '../../http/pagination.js'
import { badRequest, conflict, invalidState, notFound } from '../../http/problem.js'
import type { Caller } from '../../service/caller.js'
import { runStep, type Step } from '../../service/step.js'
import { write } from '../../service/transaction.js'
import { registerDeviation, type DeviationRow } from '../deviations/service.js'
import type { DeviationEscalation } from '../deviations/schemas.js'
import { registerLexSarahReport, type LexSarahRow } from '../lex-sarah-reports/service.js'
import type { LexSarahEscalation } from '../lex-sarah-reports/schemas.js'
import { newItemFields, personReads, resolveCaseLink, resolveProvider, type Registered } from '../quality/service.js'
import { unknownCategories } from '../quality-categories/service.js'
import {
  escalationsOf, externalReferenceTaken, findComplaint, findVisibleComplaint, insertComplaint, listVisibleComplaints, updateComplaint,
  type ComplaintChanges, type ComplaintRow, type Escalations
} from './repository.js'
import type { AnswerBody, CloseComplaintBody, ComplaintCreate, ComplaintListQuery, InvestigateBody } from './schemas.js'

/** A complaint with the deviations and Lex Sarah reports it led to, as every complaint response shows it. */
export interface ComplaintWithEscalations {
  complaint: ComplaintRow
  escalations: Escalations
}

const noEscalations = (): Escalations => ({ deviationIds: [], lexSarahReportIds: [] })

async function withEscalations(db: Kysely<DB>, rows: ComplaintRow[]): Promise<ComplaintWithEscalations[]> {
  const escalations = await escalationsOf(db, rows.map((c) => c.id))
  return rows.map((complaint) => ({ complaint, escalations: escalations.get(complaint.id) ?? noEscalations() }))
}

async function withEscalationsOf(db: Kysely<DB>, complaint: ComplaintRow): Promise<ComplaintWithEscalations> {
  return { complaint, escalations: (await escalationsOf(db, [complaint.id])).get(complaint.id) ?? noEscalations() }
}

/** The answer is due `answerDays` calendar days after the complaint was received. */
export async function registerComplaint(
  db: Kysely<DB>, caller: Caller, input: Static<typeof ComplaintCreate>, answerDays: number
): Promise<ComplaintWithEscalations> {
  const { actor } = caller
  assertFactDate('/receivedDate', input.receivedDate, null, '')
  if (input.submittedBy === 'anonymous' && (input.submitterName != null || input.submitterContact != null)) {
    throw badRequest('/submitterName', 'An anonymous submitter has no name or contact.')
  }
  return write(db, caller, async ({ trx, log, emit }) => {
    const unknown = await unknownCategories(trx, 'complaint', input.categories)
    if (unknown.length > 0) throw badRequest('/categories', `Unknown or inactive complaint categories: ${unknown.join(', ')}.`)
    if (input.externalReference != null && await externalReferenceTaken(trx, actor.unitId, input.externalReference)) {
      throw conflict(`An item with external reference '${input.externalReference}' is already registered.`)
    }
    const provider = await resolveProvider(trx, input, input.target === 'provider', 'target')
    const link = await resolveCaseLink(trx, actor, input)
    const complaint = await insertComplaint(trx, {
      ...await newItemFields(trx, actor, 'SYN'),
      received_date: input.receivedDate,
      channel: input.channel,
      external_reference: input.externalReference ?? null,
      submitted_by: input.submittedBy,
      submitter_name: input.submitterName ?? null,
      submitter_contact: input.submitterContact ?? null,
      kind: input.kind,
      target: input.target,
      ...provider,
      categories: input.categories,
      description: input.description,
      ...link,
      answer_due_date: dueDate(input.receivedDate, answerDays)
    })
    log({ action: 'create', resourceType: 'complaint', resourceId: complaint.id, personId: complaint.person_id })
    emit({ type: 'complaint.received', subjectId: complaint.id, personId: complaint.person_id, changes: stateChange(null, complaint.status) })
    return { complaint, escalations: noEscalations() }
  })
}

/** `overdue`: only those not answered by their due date (Stockholm time), or only the others. */
export async function listComplaints(db: Kysely<DB>, caller: Caller, query: Static<typeof ComplaintListQuery>) {
  const { limit = 50, cursor, overdue, asOf, ...filter } = query
  const after = decodeCursor(cursor, ['string', 'string']) as [string, string] | undefined
  const rows = await listVisibleComplaints(db, caller.actor, {
    ...filter,
    overdueOn: overdue === undefined ? undefined : { today: asOf ?? todayInStockholm(), overdue }
  }, after, limit)
  const page = toPage(rows, limit, (c) => [c.received_date, c.id])
  await caller.audit(personReads('complaint', page.items))
  return { items: await withEscalations(db, page.items), nextCursor: page.nextCursor }
}

export async function getComplaint(db: Kysely<DB>, caller: Caller, id: string): Promise<ComplaintWithEscalations> {
  const complaint = await findVisibleComplaint(db, caller.actor, id)
  if (!complaint) throw notFound('Complaint')
  await caller.audit(personReads('complaint', [complaint]))
  return withEscalationsOf(db, complaint)
}

const LABELS: Record<ComplaintAction, string> = {
  investigate: 'start investigating the complaint',
  answer: 'answer the complaint',
  close: 'close the complaint',
  escalate: 'escalate the complaint'
}

/** How every action on a complaint finds it and checks that the action is allowed now. */
function lockAndCheck(caller: Caller, id: string, action: ComplaintAction): Pick<Step<ComplaintRow, unknown>, 'resource' | 'resourceType' | 'lock' | 'check'> {
  return {
    resource: 'Complaint',
    resourceType: 'complaint',
    lock: (trx) => findVisibleComplaint(trx, caller.actor, id, { forUpdate: true }),
    check: (current) => {
      if (!isComplaintActionAllowed(action, current.status, current.submitted_by)) {
        throw invalidState(LABELS[action], current.status, complaintAllowedIn(action, current.submitted_by))
      }
    }
  }
}

const EVENTS: Record<Exclude<ComplaintAction, 'escalate'>, EventType> = {
  investigate: 'complaint.investigation_started', answer: 'complaint.answered', close: 'complaint.closed'
}

function step(db: Kysely<DB>, caller: Caller, id: string, action: Exclude<ComplaintAction, 'escalate'>, change: (current: ComplaintRow) => ComplaintChanges) {
  return runStep(db, caller, {
    ...lockAndCheck(caller, id, action),
    apply: (current, trx) => updateComplaint(trx, current.id, change(current)),
    result: async (current, trx) => withEscalationsOf(trx, await findComplaint(trx, current.id)),
    event: (current, after) => ({ type: EVENTS[action], subjectId: current.id, personId: current.person_id, changes: stateChange(current.status, after.complaint.status) })
  })
}

export function investigateComplaint(db: Kysely<DB>, caller: Caller, id: string, input: Static<typeof InvestigateBody>) {
  return step(db, caller, id, 'investigate', (current) => {
    assertFactDate('/date', input.date, current.received_date, 'when it was received')
    return { status: 'investigating', investigation_started_date: input.date, investigator: input.investigator ?? null }
  })
}

export function answerComplaint(db: Kysely<DB>, caller: Caller, id: string, input: Static<typeof AnswerBody>) {
  return step(db, caller, id, 'answer', (current) => {
    assertFactDate('/date', input.date, latest(current.received_date, current.investigation_started_date), 'the last date on record for this complaint')
    return { status: 'answered', answered_date: input.date, answered_by: input.answeredBy, answer_method: input.method, answer: input.answer }
  })
}

export function closeComplaint(db: Kysely<DB>, caller: Caller, id: string, input: Static<typeof CloseComplaintBody>) {
  return step(db, caller, id, 'close', (current) => {
    assertFactDate('/date', input.date, latest(current.received_date, current.investigation_started_date, current.answered_date), 'the last date on record for this complaint')
    return { status: 'closed', closed_date: input.date, measures: input.measures ?? null }
  })
}

/**
 * Registers the escalated item in the complaint's step, so the item, its link to the complaint
 * and the complaint's new version are one change. The item inherits the complaint's person and
 * decision.
 */
function escalate<Row>(
  db: Kysely<DB>, caller: Caller, id: string,
  register: (trx: Transaction<DB>, link: { person_id: string | null; decision_id: string | null }, complaint: { id: string; receivedDate: string }) => Promise<Registered<Row>>
): Promise<Row> {
  let escalated: Registered<Row> | undefined
  return runStep(db, caller, {
    ...lockAndCheck(caller, id, 'escalate'),
    apply: async (current, trx, emit) => {
      escalated = await register(trx, { person_id: current.person_id, decision_id: current.decision_id }, { id: current.id, receivedDate: current.received_date })
      await updateComplaint(trx, current.id, {})
      emit(
        { type: 'complaint.escalated', subjectId: current.id, personId: current.person_id, changes: { related: { [escalated.event.type === 'deviation.sent' ? 'deviationId' : 'lexSarahReportId']: escalated.event.subjectId } } },
        escalated.event
      )
      return [escalated.logged]
    },
    result: async () => {
      if (escalated === undefined) throw new Error('the escalation registered nothing')
      return escalated.item
    }
  })
}

export function escalateToDeviation(db: Kysely<DB>, caller: Caller, id: string, input: Static<typeof DeviationEscalation>): Promise<DeviationRow> {
  return escalate(db, caller, id, (trx, link, complaint) => registerDeviation(trx, caller.actor, input, link, complaint))
}

export function escalateToLexSarahReport(db: Kysely<DB>, caller: Caller, id: string, input: Static<typeof LexSarahEscalation>): Promise<LexSarahRow> {
  return escalate(db, caller, id, (trx, link, complaint) => registerLexSarahReport(trx, caller.actor, input, link, complaint))
}
export { findVisibleComplaint }
