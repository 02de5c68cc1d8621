/**
 * Every error leaves as application/problem+json: validation errors point at their fields,
 * database errors caused by input map to 4xx, every state in which the database cannot do the
 * work now (unreachable, shutting down, read-only, out of connections or disk, a timeout) to
 * 503 with Retry-After, and anything else to a bare 500 — never a stack trace, SQL text or a
 * driver's message, not even when rendering the error fails too.
 */
import fp from 'fastify-plugin'
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import { ProblemError, titleFor, type ProblemExtras } from '../http/problem.js'

// SQLSTATE classes: 08 connection, 57P01-03 shutdown (admin, crash, cannot connect now), 53
// resources (53100 disk full, 53200 out of memory, 53300 too many connections): retry later.
const UNAVAILABLE = /^(08|57P0[1-3]|53)/
const CONNECTION_ERRORS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'ECONNABORTED'])
// What pg and the pool say, without a code, when a connection is gone or none is free in time.
const CONNECTION_MESSAGES = /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|not queryable|Cannot use a pool after calling end|Query read timeout/i

const unavailable = () => new ProblemError(503, 'The database is unavailable; retry shortly.')

function mapDatabaseError(error: { code?: unknown; message?: string }): ProblemError | undefined {
  const code = typeof error.code === 'string' ? error.code : undefined
  if (code === undefined) return CONNECTION_MESSAGES.test(error.message ?? '') ? unavailable() : undefined
  if (code === 'FST_ERR_HANDLER_TIMEOUT') return new ProblemError(503, 'The request took too long; retry shortly.')
  // A failover to a standby, or default_transaction_read_only: nothing can change until it ends.
  if (code === '25006') return new ProblemError(503, 'The database accepts no changes right now; retry later.')
  // statement_timeout (or a cancelled query), lock_timeout, idle_in_transaction_session_timeout.
  if (code === '57014') return new ProblemError(503, 'The database took too long to answer; retry shortly.')
  if (code === '55P03') return new ProblemError(503, 'The record is locked by other work; retry shortly.')
  if (code === '25P03') return new ProblemError(503, 'The request\'s transaction was held open too long; retry it.')
  if (CONNECTION_ERRORS.has(code) || UNAVAILABLE.test(code)) return unavailable()
  if (code === '23505') return new ProblemError(409, 'A record with the same unique values already exists.')
  if (code === '23503') return new ProblemError(409, 'The request refers to a record that does not exist.')
  // Already retried once inside `write`: a second conflict is the caller's to resolve.
  if (code === '40001' || code === '40P01') return new ProblemError(409, 'A concurrent change conflicted with this request; retry it.')
  if (code.startsWith('22')) return new ProblemError(400, 'A value is out of range or malformed.')
  // A value that passed the schema but breaks a table's CHECK (e.g. hours that round to 0.00).
  if (code === '23514') return new ProblemError(400, 'A value breaks a rule of the record.')
  return undefined
}

// How long a client should wait before retrying a 503 (the under-pressure plugin sets its own).
const RETRY_AFTER_SECONDS = '2'

export function sendProblem(request: FastifyRequest, reply: FastifyReply, problem: ProblemError): FastifyReply {
  if (problem.status === 503 && !reply.hasHeader('retry-after')) reply.header('retry-after', RETRY_AFTER_SECONDS)
  const body: Record<string, unknown> & ProblemExtras = {
    type: problem.type,
    title: titleFor(problem.status),
    status: problem.status,
    detail: problem.message,
    instance: `${request.url.split('?')[0]}#request-${request.id}`,
    ...problem.extras
  }
  return reply.code(problem.status).type('application/problem+json').send(body)
}

/**
 * Errors Fastify raises before routing (a path that is not valid percent-encoding, a path
 * parameter over maxParamLength) would otherwise leave as plain JSON quoting the path; they are
 * bad parameters like any other, so 400 problem+json without echoing the path.
 */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  reply.header('x-request-id', request.id)
  const message = error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 'A path parameter is too long.' : 'The path is not valid percent-encoding.'
  sendProblem(request, reply, new ProblemError(400, message, { errors: [{ in: 'params', pointer: '/', message }] }))
}

/** The last resort when rendering an error failed too: a fixed body, nothing of the error. */
function sendBare(request: FastifyRequest, reply: FastifyReply, status: 500 | 503): FastifyReply {
  return reply.code(status).header('retry-after', status === 503 ? RETRY_AFTER_SECONDS : undefined)
    .type('application/problem+json')
    .send(JSON.stringify({
      type: `https://bestallarenhet.stockholm.se/problems/${status === 503 ? 'service-unavailable' : 'internal-server-error'}`,
      title: titleFor(status), status, detail: status === 503 ? 'The service is temporarily unavailable.' : 'An unexpected error occurred.',
      instance: `${request.url.split('?')[0]}#request-${request.id}`
    }))
}

export default fp(async (app) => {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    try {
      return handle(error, request, reply)
    } catch (failure) {
      request.log.error({ err: { name: (failure as Error).name } }, 'rendering an error failed')
      return sendBare(request, reply, 500)
    }
  })

  function handle(error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
    if (error instanceof ProblemError) return sendProblem(request, reply, error)
    if (error.validation) {
      const where = error.validationContext ?? 'body'
      const errors = error.validation.map((v) => {
        // Ajv reports missing and unknown properties at their parent; point at the property.
        const property = v.params?.missingProperty ?? v.params?.additionalProperty
        return {
          in: where,
          pointer: typeof property === 'string' ? `${v.instancePath}/${property}` : v.instancePath || '/',
          message: v.message ?? 'is invalid'
        }
      })
      return sendProblem(request, reply, new ProblemError(400, `The request ${where} is invalid.`, { errors }))
    }
    const mapped = mapDatabaseError(error as { code?: unknown })
    if (mapped) {
      if (mapped.status >= 500) request.log.warn({ err: { code: error.code, message: error.message } }, 'database unavailable')
      return sendProblem(request, reply, mapped)
    }
    const status = error.statusCode
    if (status !== undefined && status >= 400 && status < 500) {
      return sendProblem(request, reply, new ProblemError(status, status === 429 ? 'Too many requests; slow down and retry later.' : error.message))
    }
    // A database error's message and detail can quote row values (a personnummer): log its
    // SQLSTATE and where it arose, not its text.
    const sqlState = typeof (error as { code?: unknown }).code === 'string' && /^[0-9A-Z]{5}$/.test(error.code) ? error.code : undefined
    if (sqlState) request.log.error({ sqlState, routine: (error as { routine?: string }).routine }, 'unhandled database error')
    else request.log.error({ err: error }, 'unhandled error')
    return sendProblem(request, reply, new ProblemError(status === 503 ? 503 : 500, status === 503 ? 'The service is temporarily unavailable.' : 'An unexpected error occurred.'))
  }

  app.setNotFoundHandler((request, reply) =>
    sendProblem(request, reply, new ProblemError(404, `No route for ${request.method} ${request.url.split('?')[0]}.`)))
}, { name: 'errors' })
