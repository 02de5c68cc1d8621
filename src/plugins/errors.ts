/**
 * Every error leaves as application/problem+json: validation errors point at their fields,
 * database errors caused by input map to 4xx, an unreachable database to 503, and anything
 * else to a bare 500 — never a stack trace or SQL text.
 */
import fp from 'fastify-plugin'
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import { ProblemError, titleFor, type ProblemExtras } from '../http/problem.js'

// SQLSTATE classes: 08 connection, 57P01-03 shutdown, 53 resources: retry later.
const UNAVAILABLE = /^(08|57P0[1-3]|53)/
const CONNECTION_ERRORS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND'])

function mapDatabaseError(error: { code?: unknown; message?: string }): ProblemError | undefined {
  const code = typeof error.code === 'string' ? error.code : undefined
  if (code === undefined) {
    if (/Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(error.message ?? '')) {
      return new ProblemError(503, 'The database is unavailable; retry shortly.')
    }
    return undefined
  }
  if (CONNECTION_ERRORS.has(code) || UNAVAILABLE.test(code)) return new ProblemError(503, 'The database is unavailable; retry shortly.')
  if (code === '23505') return new ProblemError(409, 'A record with the same unique values already exists.')
  if (code === '23503') return new ProblemError(409, 'The request refers to a record that does not exist.')
  if (code === '40001' || code === '40P01') return new ProblemError(409, 'A concurrent change conflicted with this request; retry it.')
  if (code.startsWith('22')) return new ProblemError(400, 'A value is out of range or malformed.')
  // A value that passed the schema but breaks a table's CHECK (e.g. hours that round to 0.00).
  if (code === '23514') return new ProblemError(400, 'A value breaks a rule of the record.')
  return undefined
}

export function sendProblem(request: FastifyRequest, reply: FastifyReply, problem: ProblemError): FastifyReply {
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

export default fp(async (app) => {
  app.setErrorHandler((error: FastifyError, request, reply) => {
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
  })

  app.setNotFoundHandler((request, reply) =>
    sendProblem(request, reply, new ProblemError(404, `No route for ${request.method} ${request.url.split('?')[0]}.`)))
}, { name: 'errors' })
