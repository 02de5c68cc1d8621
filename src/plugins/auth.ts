/**
 * Bearer authentication with jose: the signature (JWKS URL or the development key), issuer,
 * audience, expiry and algorithm are checked; then the claims become `request.actor`.
 * Unknown roles or units answer 401 — a token we cannot place is not a valid token here.
 */
import fp from 'fastify-plugin'
import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTPayload, type JWTVerifyGetKey, type CryptoKey } from 'jose'
import type { FastifyRequest } from 'fastify'
import type { Config } from '../config.js'
import { loadDevPublicKey } from '../auth/dev-key.js'
import { VerifiedTokens } from '../auth/verified-tokens.js'
import { hasCapability, isRole, PERMISSIONS, type Capability, type Permission, type Role } from '../domain/roles.js'
import { CAPABILITY } from '../http/contract/capability.js'
import { ProblemError } from '../http/problem.js'
import { NO_UNIT, type Actor } from '../auth/actor.js'


declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor
  }
  interface FastifyInstance {
    authenticate(request: FastifyRequest): Promise<void>
    /** Route hook (preValidation: before validation and idempotency) that answers 403 unless the roles give the capability. */
    requireCapability(capability: Capability): (request: FastifyRequest) => Promise<void>
  }
}

const REALM = 'bestallarenhet-api'

/**
 * A 401 with its RFC 6750 challenge: `WWW-Authenticate: Bearer realm=…` alone when the request
 * brought no bearer token (no header, or another scheme), with `error="invalid_token"` and the
 * cause as `error_description` when it brought one that is not accepted.
 */
export class Unauthorized extends ProblemError {
  readonly challenge: string
  constructor(detail: string, tokenGiven = true) {
    super(401, detail)
    // A quoted-string may not hold `"` or `\`; the descriptions are ours, but be safe.
    const description = detail.replace(/["\\]/g, "'")
    this.challenge = tokenGiven
      ? `Bearer realm="${REALM}", error="invalid_token", error_description="${description}"`
      : `Bearer realm="${REALM}"`
  }
}

const unauthorized = (detail: string) => new Unauthorized(detail)

/** Why jose refused a token, in words a client developer can act on. */
function refusal(error: unknown): Unauthorized | undefined {
  if (error instanceof joseErrors.JWTExpired) return unauthorized('The token has expired.')
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    return unauthorized(`The token's "${error.claim}" claim is not accepted (${error.reason === 'check_failed' ? 'wrong value' : error.reason.replaceAll('_', ' ')}).`)
  }
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return unauthorized('The token\'s signature does not verify with this service\'s keys.')
  if (error instanceof joseErrors.JOSEAlgNotAllowed) return unauthorized('The token is signed with an algorithm this service does not accept.')
  if (error instanceof joseErrors.JWKSNoMatchingKey) return unauthorized('No key of the identity provider matches the token (its "kid").')
  if (error instanceof joseErrors.JWSInvalid || error instanceof joseErrors.JWTInvalid) return unauthorized('The token is malformed: not a signed JWT this service can read.')
  if (error instanceof joseErrors.JOSEError) return unauthorized('The token is not valid for this service.')
  return undefined
}
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export default fp(async (app, opts: { config: Config }) => {
  const { auth } = opts.config
  const key: CryptoKey | JWTVerifyGetKey = auth.jwksUrl
    ? createRemoteJWKSet(new URL(auth.jwksUrl), { cooldownDuration: 30_000, cacheMaxAge: 600_000 })
    : await loadDevPublicKey(auth.devKeyFile)
  const algorithms = auth.jwksUrl ? auth.algorithms : ['ES256']
  // Units are reference data that change rarely; cache code → id for the process lifetime.
  const unitIds = new Map<string, string>()
  // Known providers (id → exists); a provider withdrawn later still has its orders to answer.
  const providerIds = new Set<string>()

  // Each entry is one token string (a few hundred bytes): 10,000 of them stay under a few MB.
  const verified = new VerifiedTokens<JWTPayload>(10_000, 60_000)

  async function verify(token: string): Promise<JWTPayload> {
    const now = Date.now()
    const known = verified.get(token, now)
    if (known !== undefined) return known
    try {
      const { payload } = await jwtVerify(token, key as CryptoKey, {
        issuer: auth.issuer,
        audience: auth.audience,
        algorithms,
        requiredClaims: ['sub', 'exp'],
        clockTolerance: 30
      })
      // Kept no longer than jose would accept it: the expiry (exp is required) plus its tolerance.
      verified.set(token, payload, ((payload.exp ?? 0) + 30) * 1000, now)
      return payload
    } catch (error) {
      throw refusal(error) ?? error
    }
  }

  app.decorateRequest('actor', null as unknown as Actor)
  // The challenge header, set before the error handler renders the problem (it keeps headers).
  app.addHook('onError', async (_request, reply, error) => {
    if (error instanceof Unauthorized) reply.header('www-authenticate', error.challenge)
  })

  app.decorate('authenticate', async (request: FastifyRequest) => {
    const header = request.headers.authorization
    if (header === undefined || header.trim() === '') {
      throw new Unauthorized('A bearer token is required (Authorization: Bearer <JWT>).', false)
    }
    const scheme = /^(\S+)(?:\s+(.*))?$/.exec(header.trim())
    if (scheme?.[1]?.toLowerCase() !== 'bearer') {
      throw new Unauthorized(`The Authorization header uses ${/^[A-Za-z-]{1,20}$/.test(scheme?.[1] ?? '') ? `the ${scheme?.[1]} scheme` : 'another scheme'}; this service takes a bearer token (Authorization: Bearer <JWT>).`, false)
    }
    // Strict form (RFC 6750 §2.1): "Bearer", one space, the JWT — nothing else.
    const token = /^Bearer ([A-Za-z0-9\-_]+\.[A-Za-z0-9\-_]+\.[A-Za-z0-9\-_]*)$/.exec(header)?.[1]
    if (token === undefined) {
      throw unauthorized('The bearer token is malformed: expected "Bearer", one space and a JWT (three base64url parts separated by dots).')
    }
    const claims = await verify(token)

    // The city's identity provider may carry roles for other systems too: keep ours.
    const roles = Array.isArray(claims.roles) ? claims.roles.filter((r): r is Role => typeof r === 'string' && isRole(r)) : []
    if (roles.length === 0) throw unauthorized('The token has no role recognised by this service.')
    const permissionClaim = claims.permissions ?? []
    if (!Array.isArray(permissionClaim) || !permissionClaim.every((p) => (PERMISSIONS as readonly unknown[]).includes(p))) {
      throw unauthorized('The token has unrecognised permissions.')
    }
    if (roles.includes('provider')) {
      request.actor = await providerActor(String(claims.sub), roles, claims.provider)
      return
    }
    if (typeof claims.unit !== 'string' || claims.unit.length > 64) throw unauthorized('The token names no unit.')
    let unitId = unitIds.get(claims.unit)
    if (unitId === undefined) {
      const unit = await app.db.selectFrom('units').select(['id', 'code']).where('code', '=', claims.unit).executeTakeFirst()
      if (!unit) throw unauthorized('The token names an unknown unit.')
      unitId = unit.id
      unitIds.set(claims.unit, unitId)
    }
    request.actor = {
      subject: String(claims.sub),
      roles,
      unitId,
      unitCode: claims.unit,
      permissions: permissionClaim as Permission[]
    }
  })

  /** A provider's token: the one role `provider` and the provider's id in the `provider` claim; no unit. */
  async function providerActor(subject: string, roles: Role[], provider: unknown): Promise<Actor> {
    if (roles.length !== 1) throw unauthorized('A provider token has the role provider only.')
    if (typeof provider !== 'string' || !UUID.test(provider)) throw unauthorized('The token names no provider.')
    if (!providerIds.has(provider)) {
      const known = await app.db.selectFrom('providers').select('id').where('id', '=', provider).executeTakeFirst()
      if (!known) throw unauthorized('The token names an unknown provider.')
      providerIds.add(provider)
    }
    return { subject, roles, unitId: NO_UNIT, unitCode: '', permissions: [], providerId: provider }
  }

  app.decorate('requireCapability', (capability: Capability) => Object.assign(async (request: FastifyRequest) => {
    // The unit's routes do not exist for a provider: 404, as for a record it may not see.
    if (request.actor.providerId !== undefined && !hasCapability(request.actor.roles, capability)) throw new ProblemError(404, 'Not found.')
    if (!hasCapability(request.actor.roles, capability)) {
      throw new ProblemError(403, `Your role does not allow this (${capability.replaceAll('_', ' ')}).`)
    }
  }, { [CAPABILITY]: capability }))
}, { name: 'auth', dependencies: ['database'] })
