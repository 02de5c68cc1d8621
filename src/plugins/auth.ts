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

const unauthorized = (detail: string) => new ProblemError(401, detail)
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
      if (error instanceof joseErrors.JWTExpired) throw unauthorized('The token has expired.')
      if (error instanceof joseErrors.JOSEError) throw unauthorized('The token is not valid for this service.')
      throw error
    }
  }

  app.decorateRequest('actor', null as unknown as Actor)

  app.decorate('authenticate', async (request: FastifyRequest) => {
    const header = request.headers.authorization
    const match = header === undefined ? null : /^Bearer ([A-Za-z0-9\-_]+\.[A-Za-z0-9\-_]+\.[A-Za-z0-9\-_]*)$/.exec(header)
    if (!match?.[1]) throw unauthorized('A bearer token is required (Authorization: Bearer <JWT>).')
    const claims = await verify(match[1])

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

  app.decorate('requireCapability', (capability: Capability) => async (request: FastifyRequest) => {
    // The unit's routes do not exist for a provider: 404, as for a record it may not see.
    if (request.actor.providerId !== undefined && !hasCapability(request.actor.roles, capability)) throw new ProblemError(404, 'Not found.')
    if (!hasCapability(request.actor.roles, capability)) {
      throw new ProblemError(403, `Your role does not allow this (${capability.replaceAll('_', ' ')}).`)
    }
  })
}, { name: 'auth', dependencies: ['database'] })
