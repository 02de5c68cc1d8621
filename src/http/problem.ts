/**
 * RFC 9457 problem details. Routes throw `ProblemError`; the error handler renders it as
 * `application/problem+json`. Helpers name the common cases so the detail reads the same
 * everywhere.
 */
import type { CurrentState, DelegationRuleCode, ProcessRule } from '../domain/refusals.js'

export interface FieldError {
  in: string
  pointer: string
  message: string
}

export interface ProblemExtras {
  errors?: FieldError[]
  currentState?: CurrentState
  rule?: ProcessRule | DelegationRuleCode
  [key: string]: unknown
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable'
}

export function titleFor(status: number): string {
  return TITLES[status] ?? (status >= 500 ? 'Server Error' : 'Client Error')
}

export const PROBLEM_TYPE_BASE = 'https://bestallarenhet.stockholm.se/problems/'
const slug = (title: string) => title.toLowerCase().replaceAll(' ', '-')
export const typeFor = (status: number): string => `${PROBLEM_TYPE_BASE}${slug(titleFor(status))}`
export const INVALID_STATE_TYPE = `${PROBLEM_TYPE_BASE}invalid-state`
/** Every `type` a problem can have: one per status title, the fallbacks, and invalid-state. */
export const PROBLEM_TYPES = [...new Set([...Object.values(TITLES), 'Client Error', 'Server Error'].map((t) => `${PROBLEM_TYPE_BASE}${slug(t)}`)), INVALID_STATE_TYPE]

export class ProblemError extends Error {
  readonly status: number
  /** One of PROBLEM_TYPES (the constructor takes no other: see typeFor and invalidState). */
  readonly type: string
  readonly extras: ProblemExtras

  constructor(status: number, detail: string, extras: ProblemExtras = {}, type?: string) {
    super(detail)
    this.name = 'ProblemError'
    this.status = status
    this.extras = extras
    this.type = type ?? typeFor(status)
  }
}

export const notFound = (resource: string): ProblemError =>
  new ProblemError(404, `${resource} was not found.`)

export const forbidden = (detail: string, extras: ProblemExtras = {}): ProblemError =>
  new ProblemError(403, detail, extras)

export const invalidState = (action: string, currentState: CurrentState, allowed: readonly string[]): ProblemError =>
  new ProblemError(
    409,
    `Cannot ${action} in state '${currentState}'; allowed in: ${allowed.join(', ')}.`,
    { currentState },
    INVALID_STATE_TYPE
  )

export const conflict = (detail: string, extras: ProblemExtras = {}): ProblemError =>
  new ProblemError(409, detail, extras)

export const badRequest = (pointer: string, message: string, where = 'body'): ProblemError =>
  new ProblemError(400, message, { errors: [{ in: where, pointer, message }] })

export const stale = (current?: number): ProblemError =>
  new ProblemError(412, `The resource has changed${current === undefined ? '' : ` (current version ${current})`}; fetch it again and retry with its ETag.`)
