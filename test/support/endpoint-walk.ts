/**
 * The walk through every main list, worklist and report endpoint (and the reads of single
 * records) with representative filters, recording each endpoint's statements; plus each
 * computed-indicator formula for one unit-year. The query-plan test runs it over a little data
 * made through the API, `npm run explain` over the scaled database with ids taken from it.
 */
import type { Kysely } from 'kysely'
import type { DB } from '../../src/db/schema.js'
import { FORMULAS } from '../../src/formulas/registry.js'
import type { Role } from '../../src/domain/roles.js'
import type { QueryRecorder, Statement } from './query-plans.js'

/** Real records of one unit to walk with. */
export interface WalkFixture {
  personId: string
  /** The person's personnummer (12 digits), for the search. */
  personalIdentityNumber: string
  applicationId: string
  decisionId: string
  followUpId: string
  complaintId: string
  deviationId: string
  lexSarahReportId: string
  /** An assigned case worker of the unit (applications and follow-ups). */
  caseWorker: string
  /** A subject found in the unit's access log. */
  auditActor: string
  /** A year with data (reports, formulas) and a quarter of it (IVO report). */
  year: number
  quarter: string
  /** A day inside the data (currentOn, worklists' asOf, overdue filters are relative to today). */
  day: string
}

export type WalkRole = Extract<Role, 'case_worker' | 'unit_manager' | 'administrator' | 'quality_officer'>

export interface HttpStep {
  name: string
  role: WalkRole
  method: 'GET' | 'POST'
  url: string
  body?: unknown
  /** Record the second page: the runner first reads page one (unrecorded) for its cursor. */
  secondPage?: boolean
}

export interface FormulaStep {
  name: string
  run(db: Kysely<DB>): Promise<unknown>
}

export type Step = HttpStep | FormulaStep

const shiftYear = (day: string, years: number) => `${Number(day.slice(0, 4)) + years}${day.slice(4)}`

export function walkSteps(f: WalkFixture, unitId: string): Step[] {
  const get = (url: string, role: WalkRole = 'case_worker', secondPage = false): HttpStep =>
    ({ name: `GET ${url}${secondPage ? ' (page 2)' : ''}`, role, method: 'GET', url, ...(secondPage ? { secondPage } : {}) })
  const yearStart = `${f.year}-01-01`
  const yearEnd = `${f.year}-12-31`
  const steps: Step[] = [
    // Persons and applications.
    { name: 'POST /v1/persons/search', role: 'case_worker', method: 'POST', url: '/v1/persons/search', body: { personalIdentityNumber: f.personalIdentityNumber } },
    get(`/v1/persons/${f.personId}`),
    get('/v1/applications?limit=50'),
    get('/v1/applications?limit=50', 'case_worker', true),
    get('/v1/applications?status=decided&limit=50'),
    get('/v1/applications?status=received&limit=50'),
    get(`/v1/applications?caseWorker=${encodeURIComponent(f.caseWorker)}&limit=50`),
    get(`/v1/applications?caseWorker=${encodeURIComponent(f.caseWorker)}&limit=50`, 'case_worker', true),
    get(`/v1/applications?personId=${f.personId}`),
    get(`/v1/applications?receivedFrom=${yearStart}&receivedTo=${yearEnd}&limit=50`),
    get('/v1/applications?urgent=true&limit=50'),
    get('/v1/applications?serviceType=care_home&limit=50'),
    get(`/v1/applications/${f.applicationId}`),
    get(`/v1/applications/${f.applicationId}/communications`),
    // Decisions.
    get('/v1/decisions?limit=50'),
    get('/v1/decisions?limit=50', 'case_worker', true),
    get(`/v1/decisions?personId=${f.personId}`),
    get(`/v1/decisions?applicationId=${f.applicationId}`),
    get('/v1/decisions?serviceType=home_care&limit=50'),
    get('/v1/decisions?serviceType=safety_alarm&limit=50', 'case_worker', true),
    get('/v1/decisions?outcome=rejected&limit=50'),
    get('/v1/decisions?outcome=partially_granted&limit=50', 'case_worker', true),
    get(`/v1/decisions?currentOn=${f.day}&limit=50`),
    get(`/v1/decisions?currentOn=${f.day}&serviceType=home_care&limit=50`, 'case_worker', true),
    get(`/v1/decisions?expiringBefore=${f.day}&limit=50`),
    get(`/v1/decisions/${f.decisionId}`),
    get(`/v1/decisions/${f.decisionId}/execution`),
    // Follow-ups.
    get('/v1/follow-ups?limit=50'),
    get('/v1/follow-ups?limit=50', 'case_worker', true),
    get('/v1/follow-ups?overdue=true&limit=50'),
    get('/v1/follow-ups?status=planned&limit=50'),
    get('/v1/follow-ups?kind=kin&limit=50'),
    get(`/v1/follow-ups?caseWorker=${encodeURIComponent(f.caseWorker)}&status=planned&limit=50`),
    get(`/v1/follow-ups?dueAfter=${f.day}&dueBefore=${shiftYear(f.day, 1)}&limit=50`),
    get(`/v1/follow-ups?personId=${f.personId}`),
    get(`/v1/follow-ups?decisionId=${f.decisionId}`),
    get(`/v1/follow-ups?applicationId=${f.applicationId}`),
    get(`/v1/follow-ups/${f.followUpId}`),
    // Worklists.
    get(`/v1/worklists?asOf=${f.day}`),
    get(`/v1/worklists/${encodeURIComponent(f.caseWorker)}?asOf=${f.day}`),
    // Quality.
    get('/v1/complaints?limit=50'),
    get('/v1/complaints?limit=50', 'case_worker', true),
    get('/v1/complaints?overdue=true&limit=50'),
    get('/v1/complaints?status=closed&limit=50'),
    get(`/v1/complaints?receivedFrom=${yearStart}&receivedTo=${yearEnd}&limit=50`),
    get(`/v1/complaints?personId=${f.personId}`),
    get(`/v1/complaints/${f.complaintId}`),
    get('/v1/deviations?limit=50'),
    get('/v1/deviations?limit=50', 'case_worker', true),
    get(`/v1/deviations?sentFrom=${yearStart}&sentTo=${yearEnd}&limit=50`),
    get(`/v1/deviations?personId=${f.personId}`),
    get(`/v1/deviations?complaintId=${f.complaintId}`),
    get(`/v1/deviations/${f.deviationId}`),
    get('/v1/lex-sarah-reports?limit=50', 'unit_manager'),
    get('/v1/lex-sarah-reports?limit=50', 'unit_manager', true),
    get('/v1/lex-sarah-reports?ivoNotificationOverdue=true&limit=50', 'unit_manager'),
    get('/v1/lex-sarah-reports?serious=true&limit=50', 'unit_manager'),
    get(`/v1/lex-sarah-reports?reportedFrom=${yearStart}&reportedTo=${yearEnd}&limit=50`, 'unit_manager'),
    get(`/v1/lex-sarah-reports?personId=${f.personId}`, 'unit_manager'),
    get(`/v1/lex-sarah-reports/${f.lexSarahReportId}`, 'unit_manager'),
    // The access log.
    get('/v1/audit-events?limit=50', 'administrator'),
    get('/v1/audit-events?limit=50', 'administrator', true),
    get(`/v1/audit-events?personId=${f.personId}&limit=50`, 'administrator'),
    get(`/v1/audit-events?actor=${encodeURIComponent(f.auditActor)}&limit=50`, 'administrator'),
    get(`/v1/audit-events?from=${yearStart}T00:00:00Z&to=${yearEnd}T00:00:00Z&limit=50`, 'administrator'),
    // Reports.
    get(`/v1/reports/not-executed-decisions?quarter=${f.quarter}`, 'unit_manager'),
    get(`/v1/reports/not-executed-statistics?quarter=${f.quarter}`, 'unit_manager'),
    get(`/v1/reports/decisions-per-month?year=${f.year}`, 'unit_manager'),
    get(`/v1/reports/quality-summary?year=${f.year}`, 'unit_manager'),
    get(`/v1/reports/indicator-table?year=${f.year}&period=year`, 'unit_manager'),
    get(`/v1/reports/kolada-export?year=${f.year}`, 'unit_manager'),
    get(`/v1/goals?year=${f.year}&limit=50`),
    get(`/v1/indicators?year=${f.year}&limit=50`)
  ]
  // An indicator computation for one unit-year: every formula of the catalogue.
  for (const formula of FORMULAS) {
    const params: Record<string, string> = formula.params.some((p) => p.name === 'serviceTypeCode' && p.required) ? { serviceTypeCode: 'home_care' } : {}
    steps.push({
      name: `formula ${formula.code} (${f.year})`,
      run: (db) => formula.run(db, { unitId, year: f.year, period: 'year', start: yearStart, end: yearEnd, params })
    })
  }
  return steps
}

export interface StepCall {
  (step: HttpStep, url: string): Promise<{ status: number; body: any }>
}

export interface WalkedStep {
  step: Step
  status: number | null
  statements: Statement[]
  /** Wall time of the request or the formula run (ms). */
  ms: number
}

/** Runs the steps, recording each one's statements; an HTTP step must answer 2xx. */
export async function runWalk(steps: readonly Step[], recorder: QueryRecorder, call: StepCall, db: Kysely<DB>): Promise<WalkedStep[]> {
  const walked: WalkedStep[] = []
  for (const step of steps) {
    if ('run' in step) {
      const started = performance.now()
      const { statements } = await recorder.during(() => step.run(db))
      walked.push({ step, status: null, statements, ms: performance.now() - started })
      continue
    }
    let url = step.url
    if (step.secondPage) {
      const first = await call(step, url.replace(/limit=\d+/, 'limit=2'))
      const cursor = first.body?.nextCursor as string | null | undefined
      if (!cursor) throw new Error(`${step.name}: page one has no nextCursor (status ${first.status}); the fixture needs more rows`)
      url = `${url}&cursor=${encodeURIComponent(cursor)}`
    }
    const started = performance.now()
    const { result, statements } = await recorder.during(() => call(step, url))
    const ms = performance.now() - started
    if (result.status < 200 || result.status >= 300) {
      throw new Error(`${step.name}: answered ${result.status} ${JSON.stringify(result.body).slice(0, 300)}`)
    }
    walked.push({ step, status: result.status, statements, ms })
  }
  return walked
}
