/** OpenAPI 3.1 generated from the route schemas; Swagger UI at /docs, the spec at /openapi.json. */
import fp from 'fastify-plugin'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import { componentSchemas } from '../http/schemas.js'
import { finishDocument } from '../http/contract/document.js'
import { withRoles } from '../http/contract/operations.js'

export const API_VERSION = '1.0.0'

const webhookHeader = (name: string, description: string, example: string, schema: { maxLength: number; pattern?: string; format?: string }) =>
  ({ name, in: 'header' as const, required: true, description, schema: { type: 'string' as const, ...schema }, example })

/** What a subscriber receives (OpenAPI 3.1 `webhooks`): one change event per request, signed per Standard Webhooks. */
const WEBHOOKS = {
  changeEvent: {
    post: {
      operationId: 'receiveChangeEvent',
      summary: 'A change event, delivered to a subscription\'s URL',
      description: [
        'One CloudEvents 1.0 change event per request, at least once, in feed order (so in order per subject). Verify before',
        'trusting it: `webhook-signature` holds space-separated `v1,<base64>` signatures, each the HMAC-SHA256 of',
        '`<webhook-id>.<webhook-timestamp>.<raw body>` keyed with the base64-decoded part of the subscription\'s `whsec_` secret',
        '(two during a secret rotation\'s overlap). Reject timestamps far from now (replay), and de-duplicate on `webhook-id`',
        '(the event id, the same on every retry). Answer 2xx within WEBHOOK_TIMEOUT_MS (default 10 s); anything else is retried',
        'with exponential backoff and jitter for 24 hours, after which the subscription is marked failing.'
      ].join(' '),
      tags: ['Webhooks'],
      parameters: [
        webhookHeader('webhook-id', 'The event id; the same on every retry.', '0b8a4e0c-8b55-4a0f-9d7b-3f4f2a6c9e11', { format: 'uuid', maxLength: 36 }),
        webhookHeader('webhook-timestamp', 'Seconds since the epoch when this attempt was signed.', '1774948500', { pattern: '^[0-9]{1,12}$', maxLength: 12 }),
        webhookHeader('webhook-signature', 'Space-separated `v1,<base64 HMAC-SHA256>` signatures.', 'v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=', { pattern: '^v1,[A-Za-z0-9+/=]{44}( v1,[A-Za-z0-9+/=]{44})*$', maxLength: 200 })
      ],
      requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/ChangeEvent' } } } },
      responses: {
        200: { description: 'Received (any 2xx).' },
        500: { description: 'Any other answer, or none in time, is retried.' }
      },
      security: []
    }
  }
}

/** What the service checks on a token (plugins/auth.ts), per the JWT best practices of RFC8725. */
const BEARER_DESCRIPTION = [
  'A signed JWT (JWS, compact form) from the city\'s identity provider, or from `npm run token` in development, sent as',
  '`Authorization: Bearer <JWT>`. Verified with jose following RFC8725 (JWT best current practices):',
  '',
  '- **Algorithms**: only the asymmetric ones configured in AUTH_ALGORITHMS (default `ES256`, `RS256`; allowed are',
  '  `ES256`, `ES384`, `RS256`, `RS384`, `RS512`, `PS256`, `EdDSA`), with ES256 only against the development key. `none` and',
  '  HMAC algorithms are never accepted; the algorithm is pinned per key, never taken from the token alone.',
  '- **Keys**: from the identity provider\'s JWKS URL (AUTH_JWKS_URL, cached, refetched on an unknown `kid`) or the local',
  '  development key.',
  '- **Claims checked**: signature; `iss` (AUTH_ISSUER) and `aud` (AUTH_AUDIENCE) exactly; `exp` required and `nbf` when',
  '  present, with 30 s clock tolerance; `sub` required; `roles` must hold at least one role of this service; `unit`',
  '  must name a known unit (or `provider` a known provider for the `provider` role); `permissions` only known values.',
  '- Any failure answers 401 with a `WWW-Authenticate: Bearer … error="invalid_token"` challenge naming the cause.'
].join('\n')

export default fp(async (app) => {
  for (const schema of componentSchemas) app.addSchema(schema)

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Beställarenhet äldre — needs-assessment unit API',
        version: API_VERSION,
        description: [
          'System of record of an elderly-care needs-assessment unit (beställarenhet äldre) in a Stockholm district council:',
          'persons, applications, investigations, decisions under the unit\'s delegation order, appeals, and the access log.',
          '',
          'Authenticate with a bearer JWT carrying `sub`, `roles`, `unit` (unit code) and optionally `permissions`.',
          'Errors are RFC 9457 problem details. Lists use cursor pagination. Updates and actions honour `If-Match`;',
          'POST honours `Idempotency-Key`. Legal dates are `YYYY-MM-DD`.'
        ].join('\n'),
        license: { name: 'Proprietary — City of Stockholm', identifier: 'LicenseRef-Stockholm' },
        contact: { name: 'Beställarenhet äldre — system owner (City of Stockholm)', url: 'https://bestallarenhet.stockholm.se/api', email: 'bestallarenhet-api@stockholm.se' }
      },
      // Relative: the document is served by each environment's own instance (production, test,
      // local development); an internal API of the city, not published to the internet.
      servers: [{ url: '/', description: 'The instance serving this document (production, test or local development alike).'}],
      tags: [
        { name: 'Persons', description: 'The individuals (den enskilde) the unit serves.' },
        { name: 'Applications', description: 'Applications, investigation, communication, joint case review, withdrawal.' },
        { name: 'Decisions', description: 'Decisions per requested service, delegation, appeals.' },
        { name: 'Execution', description: 'Carrying out a decision: order, implementation plan, start, hours, interruptions, offers, end.' },
        { name: 'Orders', description: 'Orders to providers (beställningar), their answers and reports, and the hours delivered per month.' },
        { name: 'Follow-ups', description: 'Follow-ups of decisions (planned, performed, cancelled), kin questions and the unit\'s follow-up rules.' },
        { name: 'Worklists', description: 'What each case worker and the unit must do next, from deadlines of the law and the unit\'s rules.' },
        { name: 'Reports', description: 'Reports and statistics: the IVO report of decisions not executed, monthly volumes, caseload, delivered time, quality summary, indicator tables.' },
        { name: 'Quality', description: 'Complaints and feedback, deviations sent to providers and health care, Lex Sarah reports.' },
        { name: 'Reference data', description: 'Units, service types and delegation orders.' },
        { name: 'Audit', description: 'The append-only access log.' },
        { name: 'Goals', description: 'The unit\'s goals per plan year (ILS): KF goals, council goals, unit goals, their fulfilment and activities.' },
        { name: 'Indicators', description: 'Indicators, annual targets, values per period, and values computed from the service\'s own data.' },
        { name: 'Events', description: 'Change events (CloudEvents 1.0, thin): the gap-free feed; case histories are under each record.' },
        { name: 'Webhooks', description: 'Subscriptions to change events, delivered per Standard Webhooks with a delivery log.' },
        { name: 'Hospital discharge', description: 'Discharge episodes under lag (2017:612): notices from the region, planning, payment responsibility.' },
        { name: 'Health', description: 'Liveness and readiness.' }
      ],
      webhooks: WEBHOOKS,
      components: {
        securitySchemes: {
          bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: BEARER_DESCRIPTION }
        }
      },
      security: [{ bearerAuth: [] }]
    },
    transform: ({ schema, url, route }) => ({ schema: withRoles(schema as never, url, route as never) as never, url }),
    transformObject: (document) => finishDocument((document as unknown as { openapiObject: Record<string, unknown> }).openapiObject) as never,
    refResolver: {
      buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`)
    }
  })

  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true })
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger())
}, { name: 'swagger' })
