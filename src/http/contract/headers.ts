/**
 * The response headers the service sends, as OpenAPI header components, and which response
 * carries which. The rules mirror the code that sets them: app.ts (x-request-id on every
 * response, Cache-Control on /v1), @fastify/rate-limit in plugins/security.ts (x-ratelimit-*
 * on every rate-limited response, Retry-After on 429), errors.ts and under-pressure (Retry-After
 * on 503), the routes' `setEtag` and `location`, and plugins/idempotency.ts (Idempotent-Replayed
 * on a replayed answer). test/api/contract-headers.test.ts compares them with real responses.
 */
type Header = { description: string; required?: boolean; schema: Record<string, unknown>; example?: unknown }

const int32 = (description: string, example: number): Header =>
  ({ description, required: true, schema: { type: 'integer', format: 'int32', minimum: 0, maximum: 2_147_483_647 }, example })

export const HEADER_COMPONENTS: Record<string, Header> = {
  XRequestId: {
    description: 'The request id: the caller\'s `x-request-id` when it is well-formed (1–128 characters of `[A-Za-z0-9._:-]`, not a possible personnummer), else a UUID generated here. Logged and kept in the access log; quote it when reporting a problem.',
    required: true,
    schema: { type: 'string', minLength: 1, maxLength: 128 },
    example: '0b8a4e0c-8b55-4a0f-9d7b-3f4f2a6c9e11'
  },
  CacheControl: {
    description: 'Always `no-store`: every /v1 answer may carry an individual\'s data and is never kept by a cache on the way.',
    required: true,
    schema: { type: 'string', enum: ['no-store'] },
    example: 'no-store'
  },
  CacheControlIfReached: {
    description: '`no-store` when the request reached the API (absent when the rate limiter or load shedding answered first, with no individual\'s data).',
    required: false,
    schema: { type: 'string', enum: ['no-store'] },
    example: 'no-store'
  },
  RateLimitLimit: int32('Requests allowed per client address in the current window (RATE_LIMIT_MAX, default 600 per minute).', 600),
  RateLimitRemaining: int32('Requests left in the current window.', 599),
  RateLimitReset: int32('Seconds until the window resets.', 60),
  RetryAfter: {
    description: 'Seconds to wait before retrying.',
    required: true,
    schema: { type: 'integer', format: 'int32', minimum: 0, maximum: 86_400 },
    example: 5
  },
  ETag: {
    description: 'The resource\'s row version as a strong ETag (`"7"`). Send it back as `If-Match` on the resource\'s updates and actions; a stale one answers 412.',
    required: true,
    schema: { type: 'string', pattern: '^"[0-9]{1,9}"$', maxLength: 11 },
    example: '"1"'
  },
  Location: {
    description: 'The URL path of the created resource.',
    required: true,
    schema: { type: 'string', format: 'uri-reference', maxLength: 300 },
    example: '/v1/applications/3f1c2b9a-5d7e-4c1a-9b2f-8e6d4a2c1b0f'
  },
  IdempotentReplayed: {
    description: '`true` when this is the stored answer to an earlier request with the same `Idempotency-Key` (nothing new was created or changed); absent otherwise.',
    required: false,
    schema: { type: 'string', enum: ['true'] },
    example: 'true'
  }
}

const ref = (name: keyof typeof HEADER_COMPONENTS) => ({ $ref: `#/components/headers/${name}` })

/**
 * The resources whose answers carry their ETag (the routes' `setEtag`): each versioned record
 * with its own If-Match. Webhook subscriptions have a version but their routes send no ETag;
 * providers, service types and categories send one without a `version` field in the body.
 * test/api/contract-headers.test.ts checks this list against real answers.
 */
export const ETAG_RESOURCES = new Set([
  'Person', 'Application', 'Decision', 'Execution', 'Order', 'DeliveredTime', 'FollowUp', 'FollowUpRules',
  'DelegationOrder', 'Goal', 'GoalAssessment', 'GoalActivity', 'Indicator', 'IndicatorTargets',
  'Complaint', 'Deviation', 'LexSarahReport', 'DischargeEpisode', 'Provider', 'ServiceType', 'QualityCategory'
])

export interface ResponseFacts {
  path: string
  status: number
  /** The operation takes an Idempotency-Key. */
  idempotent: boolean
  /** The success body is one of ETAG_RESOURCES: the route sends its ETag. */
  versioned: boolean
}

/** The headers of one response, in the order a reader looks for them. */
export function responseHeaders({ path, status, idempotent, versioned }: ResponseFacts): Record<string, unknown> {
  const headers: Record<string, unknown> = {}
  const success = status >= 200 && status < 300
  if (success && versioned) headers.ETag = ref('ETag')
  if (status === 201) headers.Location = ref('Location')
  if (success && idempotent) headers['Idempotent-Replayed'] = ref('IdempotentReplayed')
  if (status === 429 || status === 503) headers['Retry-After'] = ref('RetryAfter')
  headers['x-request-id'] = ref('XRequestId')
  // Set by the /v1 scope's first hook: the rate limiter (429) and load shedding (503) answer
  // before it, so those may come without it.
  if (path.startsWith('/v1/')) headers['Cache-Control'] = status === 429 || status === 503 ? ref('CacheControlIfReached') : ref('CacheControl')
  // Health probes are on the rate limiter's allow list (security.ts): no budget to report.
  if (!path.startsWith('/health/')) {
    headers['X-RateLimit-Limit'] = ref('RateLimitLimit')
    headers['X-RateLimit-Remaining'] = ref('RateLimitRemaining')
    headers['X-RateLimit-Reset'] = ref('RateLimitReset')
  }
  return headers
}
