/**
 * Lex Sarah reports: report (directly, or escalated from a complaint with
 * `registerLexSarahReport`), read, list, and the lifecycle actions — investigate, assess,
 * notify IVO, record IVO's response, close. Only quality staff and managers see what a report
 * says and whom it concerns, so only their reads of a person's report are logged.
 */
import type { Kysely } from 'kysely'
import type { Static } from 'typebox'
import type { Actor } from '../../auth/actor.js'
import type { DB } from '../../db/schema.js'
import { todayInStockholm } from '../../domain/calendar.js'
import { stateChange, type EventType } from '../../domain/change-events.js'
import { reportedOnOrBeforeForOverdue, type InvestigationDays } from '../../domain/lex-sarah-deadlines.js'
import { loadLegalCatalogue } from '../legal-provisions/service.js'
import { assessmentError, lexSarahRefusal, type LexSarahAction } from '../../domain/lex-sarah-process.js'
import { dueDate } from '../../domain/quality-deadlines.js'
import { assertFactDate, latest } from '../../http/fact-dates.js'
import { decodeCursor, toPage } from '../../http/pagination.js'
import { badRequest, conflict, forbidden, invalidState, notFound } from '../../http/problem.js'
import type { Caller } from '../../service/caller.js'
import { runStep } from '../../service/step.js'
import { newItemFields, personReads, registered, registerLinked, resolveProvider, type CaseLink, type Registered } from '../quality/service.js'
import { unknownCategories } from '../quality-categories/service.js'
import { seesLexSarahDetails, type LexSarahView } from './present.js'
import { findReport, findVisibleReport, insertReport, listVisibleReports, updateReport, type LexSarahRow } from './repository.js'
import {
  DETAIL_FILTERS, type AssessBody, type CloseReportBody, type InvestigateReportBody, type IvoNotificationBody, type IvoResponseBody,
  type LexSarahEscalation, type LexSarahListQuery, type LexSarahReportCreate
} from './schemas.js'

export type { LexSarahRow }
export { presentLexSarahReport } from './present.js'

/**
 * Registers a report in `trx`, directly or escalated from `complaint`: the same checks either
 * way (a known active category, a provider only when it happened at one, "for information" only
 * from a provider). The caller's transaction writes its access-log entry.
 */
export async function registerLexSarahReport(
  trx: Kysely<DB>, actor: Actor, input: Static<typeof LexSarahEscalation>, link: CaseLink, complaint: { id: string; receivedDate: string } | null
): Promise<Registered<LexSarahRow>> {
  assertFactDate('/reportedDate', input.reportedDate, complaint?.receivedDate ?? null, 'when the complaint was received')
  if (input.eventDate != null && input.eventDate > input.reportedDate) throw badRequest('/eventDate', 'The event cannot be after it was reported.')
  if (input.forInformation === true && input.place !== 'provider') throw badRequest('/forInformation', 'Only a provider\'s report arrives for information.')
  if ((await unknownCategories(trx, 'lex_sarah', [input.category])).length > 0) {
    throw badRequest('/category', `Unknown or inactive Lex Sarah category '${input.category}'.`)
  }
  const provider = await resolveProvider(trx, input, input.place === 'provider', 'place')
  const report = await insertReport(trx, {
    ...await newItemFields(trx, actor, 'LXS'),
    reported_date: input.reportedDate,
    reporter_role: input.reporterRole,
    event_date: input.eventDate ?? null,
    place: input.place,
    ...provider,
    for_information: input.forInformation ?? false,
    category: input.category,
    description: input.description,
    immediate_actions: input.immediateActions ?? null,
    ...link,
    complaint_id: complaint?.id ?? null
  })
  return registered('lex_sarah_report', report, complaint?.id ?? null)
}

export function createLexSarahReport(db: Kysely<DB>, caller: Caller, input: Static<typeof LexSarahReportCreate>): Promise<LexSarahRow> {
  const { personId, decisionId, ...body } = input
  return registerLinked(db, caller, { personId, decisionId }, (trx, link) => registerLexSarahReport(trx, caller.actor, body, link, null))
}

/** Person reads are logged only where the caller saw whom the report concerns. */
const readEvents = (actor: Actor, reports: LexSarahRow[]) => seesLexSarahDetails(actor) ? personReads('lex_sarah_report', reports) : []

/** Filters on what a report says need the right to read Lex Sarah details (403). */
/** The cited provisions, for the report's `legalBasis`. */
export const lexSarahCatalogue = (db: Kysely<DB>) => loadLegalCatalogue(db)

/** What presenting a report needs: the catalogue, the configured deadlines, the day (today by default). */
export const lexSarahView = async (db: Kysely<DB>, investigationDays: InvestigationDays, asOf?: string): Promise<LexSarahView> =>
  ({ catalogue: await lexSarahCatalogue(db), investigationDays, today: asOf ?? todayInStockholm() })

export async function listLexSarahReports(db: Kysely<DB>, caller: Caller, query: Static<typeof LexSarahListQuery>, investigationDays: InvestigationDays) {
  const { limit = 50, cursor, ivoNotificationOverdue, investigationOverdue, asOf, ...filter } = query
  const today = asOf ?? todayInStockholm()
  const detailFilter = DETAIL_FILTERS.find((name) => query[name] !== undefined)
  if (detailFilter && !seesLexSarahDetails(caller.actor)) throw forbidden(`Filtering by ${detailFilter} needs the right to read Lex Sarah details.`)
  const after = decodeCursor(cursor, ['string', 'string']) as [string, string] | undefined
  const rows = await listVisibleReports(db, caller.actor, {
    ...filter,
    ivoOverdueOn: ivoNotificationOverdue === undefined ? undefined : { today, overdue: ivoNotificationOverdue },
    investigationOverdueOn: investigationOverdue === undefined ? undefined : {
      today, overdue: investigationOverdue,
      startedBy: reportedOnOrBeforeForOverdue(today, investigationDays.start), finishedBy: reportedOnOrBeforeForOverdue(today, investigationDays.finish)
    }
  }, after, limit)
  const page = toPage(rows, limit, (r) => [r.reported_date, r.id])
  await caller.audit(readEvents(caller.actor, page.items))
  return page
}

export async function getLexSarahReport(db: Kysely<DB>, caller: Caller, id: string): Promise<LexSarahRow> {
  const report = await findVisibleReport(db, caller.actor, id)
  if (!report) throw notFound('Lex Sarah report')
  await caller.audit(readEvents(caller.actor, [report]))
  return report
}

const EVENTS: Record<LexSarahAction, EventType> = {
  investigate: 'lex_sarah_report.investigation_started',
  assess: 'lex_sarah_report.assessed',
  notify_ivo: 'lex_sarah_report.notified_to_ivo',
  record_ivo_response: 'lex_sarah_report.ivo_responded',
  close: 'lex_sarah_report.closed'
}

const LABELS: Record<LexSarahAction, string> = {
  investigate: 'start the investigation',
  assess: 'assess the report',
  notify_ivo: 'notify IVO',
  record_ivo_response: 'record IVO\'s response',
  close: 'close the report'
}

function step(db: Kysely<DB>, caller: Caller, id: string, action: LexSarahAction, change: (current: LexSarahRow) => Parameters<typeof updateReport>[2]) {
  return runStep(db, caller, {
    resource: 'Lex Sarah report',
    resourceType: 'lex_sarah_report',
    lock: (trx) => findVisibleReport(trx, caller.actor, id, { forUpdate: true }),
    check: (current) => {
      const refusal = lexSarahRefusal(action, { status: current.status, serious: current.serious, forInformation: current.for_information })
      if (refusal?.kind === 'state') throw invalidState(LABELS[action], current.status, refusal.allowed)
      if (refusal?.kind === 'rule') throw conflict(refusal.detail, { currentState: current.status, rule: refusal.rule })
    },
    apply: (current, trx) => updateReport(trx, current.id, change(current)),
    result: (current, trx) => findReport(trx, current.id),
    event: (current, after) => ({ type: EVENTS[action], subjectId: current.id, personId: current.person_id, changes: stateChange(current.status, after.status) })
  })
}

export function investigateReport(db: Kysely<DB>, caller: Caller, id: string, input: Static<typeof InvestigateReportBody>) {
  return step(db, caller, id, 'investigate', (current) => {
    assertFactDate('/date', input.date, current.reported_date, 'when it was reported')
    return { status: 'investigating', investigation_started_date: input.date, investigator: input.investigator ?? null }
  })
}

/** A serious assessment must be notified to IVO within `ivoNotificationDays` of the assessment date. */
export function assessReport(db: Kysely<DB>, caller: Caller, id: string, input: Static<typeof AssessBody>, ivoNotificationDays: number) {
  const error = assessmentError(input.assessment, input.serious)
  if (error) throw badRequest('/serious', error)
  return step(db, caller, id, 'assess', (current) => {
    assertFactDate('/date', input.date, latest(current.reported_date, current.investigation_started_date), 'when the investigation started')
    return {
      status: 'assessed', assessed_date: input.date, assessment: input.assessment, serious: input.serious, assessment_summary: input.summary ?? null,
      ivo_notification_due_date: input.serious ? dueDate(input.date, ivoNotificationDays) : null
    }
  })
}

export function recordIvoNotification(db: Kysely<DB>, caller: Caller, id: string, input: Static<typeof IvoNotificationBody>) {
  return step(db, caller, id, 'notify_ivo', (current) => {
    assertFactDate('/date', input.date, current.assessed_date, 'when the report was assessed')
    return { status: 'notified_to_ivo', ivo_notified_date: input.date, ivo_reference: input.reference }
  })
}

export function recordIvoResponse(db: Kysely<DB>, caller: Caller, id: string, input: Static<typeof IvoResponseBody>) {
  return step(db, caller, id, 'record_ivo_response', (current) => {
    assertFactDate('/date', input.date, current.ivo_notified_date, 'when IVO was notified')
    return { status: 'ivo_responded', ivo_response_date: input.date, ivo_response: input.response }
  })
}

export function closeReport(db: Kysely<DB>, caller: Caller, id: string, input: Static<typeof CloseReportBody>) {
  return step(db, caller, id, 'close', (current) => {
    const notBefore = latest(current.reported_date, current.investigation_started_date, current.assessed_date, current.ivo_notified_date, current.ivo_response_date)
    assertFactDate('/date', input.date, notBefore, 'the last date on record for this report')
    return { status: 'closed', closed_date: input.date, measures: input.measures, learning: input.learning ?? null }
  })
}
export { findVisibleReport as findVisibleLexSarahReport }
