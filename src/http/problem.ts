/**
 * RFC 9457 problem details. Routes throw `ProblemError`; the error handler renders it as
 * `application/problem+json`. Helpers name the common cases so the detail reads the same
 * everywhere.
 */
export interface FieldError {
  in: string
  pointer: string
  message: string
}

export interface ProblemExtras {
  errors?: FieldError[]
  currentState?: string
  rule?: string
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

export class ProblemError extends Error {
  readonly status: number
  readonly type: string
  readonly extras: ProblemExtras

  constructor(status: number, detail: string, extras: ProblemExtras = {}, type?: string) {
    super(detail)
    this.name = 'ProblemError'
    this.status = status
    this.extras = extras
    this.type = type ?? `https://bestallarenhet.stockholm.se/problems/${titleFor(status).toLowerCase().replaceAll(' ', '-')}`
  }
}

export const notFound = (resource: string): ProblemError =>
  new ProblemError(404, `${resource} was not found.`)

export const forbidden = (detail: string, extras: ProblemExtras = {}): ProblemError =>
  new ProblemError(403, detail, extras)

export const invalidState = (action: string, currentState: string, allowed: readonly string[]): ProblemError =>
  new ProblemError(
    409,
    `Cannot ${action} in state '${currentState}'; allowed in: ${allowed.join(', ')}.`,
    { currentState },
    'https://bestallarenhet.stockholm.se/problems/invalid-state'
  )

export const conflict = (detail: string, extras: ProblemExtras = {}): ProblemError =>
  new ProblemError(409, detail, extras)

export const badRequest = (pointer: string, message: string, where = 'body'): ProblemError =>
  new ProblemError(400, message, { errors: [{ in: where, pointer, message }] })

export const stale = (current?: number): ProblemError =>
  new ProblemError(412, `The resource has changed${current === undefined ? '' : ` (current version ${current})`}; fetch it again and retry with its ETag.`)
