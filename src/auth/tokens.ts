/**
 * Token claims this service understands, and the development token signer used by
 * `npm run token` and the tests. Claims: `sub` (the user or system), `roles` (see
 * domain/roles), `unit` (unit code, e.g. "hagersten-alvsjo"), optional `permissions`
 * (e.g. ["protected_identity"]) and optional `name`. A `provider` token carries `provider` (the
 * provider's id) and no unit: it reads the orders addressed to that provider across units.
 */
import { SignJWT } from 'jose'
import type { Permission, Role } from '../domain/roles.js'
import { DEV_ALGORITHM, loadDevPrivateKey } from './dev-key.js'

export interface TokenRequest {
  subject: string
  roles: Role[]
  unit: string
  permissions?: Permission[]
  /** The provider's id, for the `provider` role. */
  provider?: string
  expiresIn?: string
}

export async function signDevToken(
  keyFile: string,
  issuer: string,
  audience: string,
  request: TokenRequest
): Promise<string> {
  const { key, kid } = await loadDevPrivateKey(keyFile)
  const claims = request.provider !== undefined
    ? { roles: request.roles, provider: request.provider, permissions: request.permissions ?? [] }
    : { roles: request.roles, unit: request.unit, permissions: request.permissions ?? [] }
  return new SignJWT(claims)
    .setProtectedHeader({ alg: DEV_ALGORITHM, kid, typ: 'JWT' })
    .setSubject(request.subject)
    .setIssuer(issuer)
    .setAudience(audience)
    .setIssuedAt()
    .setExpirationTime(request.expiresIn ?? '8h')
    .sign(key)
}
