/**
 * Schemas shared by every route: identifiers, legal dates, pagination, problem details, and
 * the `ref` helper that points at a named component so integrators get named models.
 */
import { Type, type Static, type TSchema } from 'typebox'
import { CURRENT_STATES, DELEGATION_RULE_CODE_PATTERN, PROCESS_RULES } from '../domain/refusals.js'
import { PROBLEM_TYPES } from './problem.js'

/** Named schemas registered with `app.addSchema`; they become OpenAPI components. */
export const componentSchemas: (TSchema & { $id: string })[] = []

export function component<T extends TSchema>(id: string, schema: T): T & { $id: string } {
  const named = { ...schema, $id: id } as T & { $id: string }
  componentSchemas.push(named)
  return named
}

/** A reference to a named component that keeps the static type for handlers. */
export function ref<T extends TSchema & { $id: string }>(schema: T) {
  return Type.Unsafe<Static<T>>({ $ref: `${schema.$id}#` })
}

export const Uuid = Type.String({ format: 'uuid', maxLength: 36, description: 'UUID', examples: ['3f1c2b9a-5d7e-4c1a-9b2f-8e6d4a2c1b0f'] })
export const LegalDate = Type.String({ format: 'date', maxLength: 10, description: 'Calendar date (YYYY-MM-DD), never shifted by time zones.', examples: ['2026-03-31'] })
// RFC 3339 with nanoseconds and an offset is 35 characters.
export const Instant = Type.String({ format: 'date-time', maxLength: 35, examples: ['2026-03-31T09:15:00.000Z'] })
/**
 * Integers the service sends: a row version or a count is a PostgreSQL `integer` (int32, never
 * negative); a row id of an append-only log is a `bigint` sent as a JSON number (at most 2^53 − 1).
 */
export const Count = (options: { description?: string } = {}) => Type.Integer({ format: 'int32', minimum: 0, maximum: 2_147_483_647, ...options })
/**
 * Who made a change: the `sub` of a verified token, stored as sent. The service puts no length
 * of its own on `sub`; Node's 16 KiB limit on request headers bounds the whole token, and a
 * claim inside its base64url payload is at most 3/4 of that.
 */
export const ActorId = Type.String({ maxLength: 12_288, description: 'User id: the `sub` of the token that made the change.', examples: ['anna.andersson'] })
/**
 * Days between two legal dates (years 0001–9999, as the date inputs allow): 3,652,058 at most
 * either way.
 */
export const DayCount = (options: { description?: string } = {}) => Type.Integer({ format: 'int32', minimum: -3_652_058, maximum: 3_652_058, ...options })
export const LogId = Type.Integer({ format: 'int64', minimum: 1, maximum: Number.MAX_SAFE_INTEGER, description: 'Position in the append-only log (a bigint).' })

export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()])

export const IdParams = Type.Object({ id: Uuid }, { additionalProperties: false })

export const PageQuery = {
  limit: Type.Optional(Type.Integer({ format: 'int32', minimum: 1, maximum: 200, default: 50, description: 'Page size (1–200).' })),
  cursor: Type.Optional(Type.String({ maxLength: 500, description: 'Opaque cursor from the previous page\'s `nextCursor`.' }))
}

export const page = <T extends TSchema>(item: T) =>
  Type.Object({
    items: Type.Array(item, { maxItems: 200, description: 'At most `limit` items.' }),
    nextCursor: Nullable(Type.String({ maxLength: 500, description: 'Pass as `cursor` to get the next page; null on the last page.' }))
  })

export const ProblemType = component('ProblemType', Type.Enum(PROBLEM_TYPES, {
  description: 'URI identifying the problem type: one per HTTP status (`…/problems/not-found`), and `…/problems/invalid-state` for an action not allowed in the current state.'
}))
export const CurrentState = component('CurrentState', Type.Enum(CURRENT_STATES, {
  description: 'The state the record is in when a process action is refused (409): the values of every process\'s states together (application, execution, order, appeal, follow-up, complaint, deviation, Lex Sarah report…), plus `locked` (a month of delivered time) and `notified` (a decision\'s notification).'
}))
export const ProcessRule = component('ProcessRule', Type.Enum(PROCESS_RULES, { description: 'A rule of a process that refused a step (409).' }))
export const DelegationRuleCode = component('DelegationRuleCode', Type.String({
  pattern: DELEGATION_RULE_CODE_PATTERN, maxLength: 64,
  description: 'A rule code of the unit\'s delegation order (403 on a decision outside the decider\'s delegation); delegation orders are data per unit: GET /v1/units/{id}/delegation-order.',
  examples: ['home_care_over_99_hours']
}))

export const Problem = component('Problem', Type.Object({
  type: ref(ProblemType),
  title: Type.String({ maxLength: 100, description: 'The HTTP status\'s reason phrase.', examples: ['Conflict'] }),
  status: Type.Integer({ format: 'int32', minimum: 400, maximum: 599 }),
  detail: Type.String({ maxLength: 2000, description: 'What went wrong, in words a client developer can act on.' }),
  instance: Type.String({ maxLength: 2300, description: 'The request path and the request id (`<path>#request-<id>`): quote it when reporting a problem.' }),
  currentState: Type.Optional(ref(CurrentState)),
  rule: Type.Optional(Type.Union([ref(ProcessRule), ref(DelegationRuleCode)], { description: 'The rule that refused the request: a process rule (409) or the delegation rule that applies (403).' })),
  errors: Type.Optional(Type.Array(Type.Object({
    in: Type.Enum(['body', 'querystring', 'params', 'headers'], { description: 'Where the offending value was.' }),
    pointer: Type.String({ maxLength: 1000, description: 'JSON pointer to the offending field.' }),
    message: Type.String({ maxLength: 1000 })
  }), { maxItems: 100, description: 'For 400: the offending fields (the first one found).' }))
}, {
  description: 'RFC 9457 problem details.'
}))

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input: the `errors` array points at the offending fields.',
  401: 'Missing, invalid or expired bearer token.',
  403: 'The token\'s role does not allow this (for decisions: the delegation rule that applies).',
  404: 'Not found, or not visible to the caller\'s unit.',
  409: 'Not allowed in the current state, or conflicts with existing data.',
  412: 'If-Match does not match the current version (ETag).',
  422: 'Idempotency-Key reused with a different request.',
  429: 'Rate limit exceeded.',
  503: 'Overloaded, or the database is unavailable: retry later.'
}

/** RFC 6750 challenge on every 401. */
const WWW_AUTHENTICATE = {
  type: 'string',
  maxLength: 400,
  description: 'RFC 6750 challenge: `Bearer realm="bestallarenhet-api"` when no bearer token was sent; with `error="invalid_token"` and an `error_description` naming the cause (malformed, expired, signature, claim, role, unit) when the token was refused.',
  examples: ['Bearer realm="bestallarenhet-api", error="invalid_token", error_description="The token has expired."']
}

/** Error responses for a route (401, 429 and 503 always), documented as application/problem+json. */
export function problems(...statuses: number[]) {
  const responses: Record<number, unknown> = {}
  for (const status of [...statuses, 401, 429, 503]) {
    responses[status] = {
      description: DESCRIPTIONS[status] ?? 'Error',
      ...(status === 401 ? { headers: { 'WWW-Authenticate': WWW_AUTHENTICATE } } : {}),
      content: { 'application/problem+json': { schema: ref(Problem) } }
    }
  }
  return responses
}

const ifMatch = Type.Optional(Type.String({ maxLength: 100, description: 'ETag from a previous response; 412 if the resource has changed since.' }))
const idempotencyKey = Type.Optional(Type.String({ minLength: 1, maxLength: 200, pattern: '^[\\x21-\\x7e]+$', description: 'Unique key per intended write; a retry with the same key returns the first result and creates nothing new.' }))

export const IfMatchHeader = Type.Object({ 'if-match': ifMatch })
export const IdempotencyHeader = Type.Object({ 'idempotency-key': idempotencyKey })
/** Process actions are POSTs on an existing resource: both headers apply. */
export const ActionHeaders = Type.Object({ 'if-match': ifMatch, 'idempotency-key': idempotencyKey })
