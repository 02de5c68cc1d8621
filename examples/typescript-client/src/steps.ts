/**
 * What every step of the case needs besides the generated types: a client per token, a check
 * of the status each call must answer (printed as one line of the trace), the ETag and
 * Location headers, and the dates of the case.
 */
import createClient from 'openapi-fetch'
import type { components, paths } from './generated/api.ts'

export type Problem = components['schemas']['Problem']
/** The JSON request body of an operation, e.g. `JsonBody<operations['createApplication']>`. */
export type JsonBody<Operation> = Operation extends { requestBody: { content: { 'application/json': infer Body } } } ? Body : never

/** One client per token: every request carries it, the generated `paths` type every call. */
export function clientFor(baseUrl: string, token: string) {
  return createClient<paths>({ baseUrl, headers: { authorization: `Bearer ${token}` } })
}

/**
 * What an openapi-fetch call answers: `data` for a documented success status, `error` for a
 * documented error status (a problem), and the raw Response for the status and headers.
 */
interface Answer<Data, Error> {
  data?: Data
  error?: Error
  response: Response
}

export class UnexpectedAnswer extends Error {}

function describe(error: unknown): string {
  if (typeof error !== 'object' || error === null) return String(error)
  const problem: Partial<Problem> = error
  const where = problem.errors?.map((e) => `${e.in} ${e.pointer}: ${e.message}`).join('; ')
  return [problem.title, problem.detail, problem.rule && `rule ${problem.rule}`, problem.currentState && `state ${problem.currentState}`, where]
    .filter(Boolean).join(' — ')
}

/** One line of the trace: status, operation, path (ids shortened), what came back. */
function line(response: Response, step: string, note: string): void {
  const path = new URL(response.url).pathname.replace(/([0-9a-f]{8})-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '$1…')
  console.log(`  ${response.status}  ${step.padEnd(27)} ${path.padEnd(41)} ${note}`)
}

/**
 * The step must answer `status` with a body; prints the trace line and returns the body (typed
 * by the contract) with the response. Anything else stops the case with the problem's detail.
 */
export function expectStatus<Data, Error>(
  step: string, answer: Answer<Data, Error>, status: number, note: (data: Data, response: Response) => string
): { data: Data, response: Response } {
  const { data, error, response } = answer
  if (response.status !== status || data === undefined) {
    throw new UnexpectedAnswer(`${step} (${response.url}): expected ${status}, got ${response.status} ${describe(error)}`)
  }
  line(response, step, note(data, response))
  return { data, response }
}

/** The step must be refused with `status`: returns the problem (typed by the contract). */
export function expectProblem<Data, Error>(
  step: string, answer: Answer<Data, Error>, status: number, note: (problem: Error) => string
): Error {
  const { error, response } = answer
  if (response.status !== status || error === undefined) {
    throw new UnexpectedAnswer(`${step} (${response.url}): expected ${status}, got ${response.status}`)
  }
  line(response, step, note(error))
  return error
}

/** A header the service sends on this response (openapi-fetch does not type response headers: read by name). */
export function header(response: Response, name: string): string {
  const value = response.headers.get(name)
  if (value === null) throw new UnexpectedAnswer(`${response.url}: no ${name} header`)
  return value
}

/** Today and the days before it as legal dates (YYYY-MM-DD) in Europe/Stockholm, as the service counts them. */
export function stockholmDate(daysAgo: number): string {
  const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date())
  const day = new Date(`${today}T12:00:00Z`)
  day.setUTCDate(day.getUTCDate() - daysAgo)
  return day.toISOString().slice(0, 10)
}

/**
 * A valid personnummer nobody has yet (with high probability), born 1930–1945, so that the
 * example can run again on the same database: YYYYMMDD-NNNC with the Luhn check digit C.
 */
export function freshPersonnummer(): string {
  const random = (below: number) => Math.floor(Math.random() * below)
  const year = 1930 + random(16)
  const month = String(1 + random(12)).padStart(2, '0')
  const day = String(1 + random(28)).padStart(2, '0')
  const serial = String(random(1000)).padStart(3, '0')
  const digits = `${String(year).slice(2)}${month}${day}${serial}`
  let sum = 0
  for (const [i, char] of [...digits].entries()) {
    const product = Number(char) * (i % 2 === 0 ? 2 : 1)
    sum += product > 9 ? product - 9 : product
  }
  return `${year}${month}${day}-${serial}${(10 - (sum % 10)) % 10}`
}
