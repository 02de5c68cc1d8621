/**
 * Schemas shared by every route: identifiers, legal dates, pagination, problem details, and
 * the `ref` helper that points at a named component so integrators get named models.
 */
import { Type, type Static, type TSchema } from 'typebox'

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

export const Uuid = Type.String({ format: 'uuid', description: 'UUID', examples: ['3f1c2b9a-5d7e-4c1a-9b2f-8e6d4a2c1b0f'] })
export const LegalDate = Type.String({ format: 'date', description: 'Calendar date (YYYY-MM-DD), never shifted by time zones.', examples: ['2026-03-31'] })
export const Instant = Type.String({ format: 'date-time', examples: ['2026-03-31T09:15:00.000Z'] })
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()])

export const IdParams = Type.Object({ id: Uuid }, { additionalProperties: false })

export const PageQuery = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50, description: 'Page size (1–200).' })),
  cursor: Type.Optional(Type.String({ maxLength: 500, description: 'Opaque cursor from the previous page\'s `nextCursor`.' }))
}

export const page = <T extends TSchema>(item: T) =>
  Type.Object({
    items: Type.Array(item),
    nextCursor: Nullable(Type.String({ description: 'Pass as `cursor` to get the next page; null on the last page.' }))
  })

export const Problem = component('Problem', Type.Object({
  type: Type.String({ description: 'URI identifying the problem type.' }),
  title: Type.String(),
  status: Type.Integer(),
  detail: Type.Optional(Type.String()),
  instance: Type.Optional(Type.String({ description: 'The request path and request id.' })),
  currentState: Type.Optional(Type.String({ description: 'For 409 on a process action: the state the resource is in.' })),
  rule: Type.Optional(Type.String({ description: 'The rule (e.g. delegation rule code) that refused the request.' })),
  errors: Type.Optional(Type.Array(Type.Object({
    in: Type.String({ description: 'body, querystring, params or headers' }),
    pointer: Type.String({ description: 'JSON pointer to the offending field.' }),
    message: Type.String()
  })))
}, {
  description: 'RFC 9457 problem details.',
  examples: [{ type: 'https://bestallarenhet.stockholm.se/problems/invalid-state', title: 'Conflict', status: 409, detail: "Cannot withdraw in state 'decided'; allowed in: received, investigating, communicated.", instance: '/v1/applications/3f1c2b9a-5d7e-4c1a-9b2f-8e6d4a2c1b0f/withdraw', currentState: 'decided' }]
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
