/**
 * Token claims this service understands, and the development token signer used by
 * `npm run token` and the tests. Claims: `sub` (the user or system), `roles` (see
 * domain/roles), `unit` (unit code, e.g. "hagersten-alvsjo"), optional `permissions`
 * (e.g. ["protected_identity"]) and optional `name`.
 */
import { SignJWT } from 'jose'
import type { Permission, Role } from '../domain/roles.js'
import { DEV_ALGORITHM, loadDevPrivateKey } from './dev-key.js'

export interface TokenRequest {
  subject: string
  roles: Role[]
  unit: string
  permissions?: Permission[]
  expiresIn?: string
}

export async function signDevToken(
  keyFile: string,
  issuer: string,
  audience: string,
  request: TokenRequest
): Promise<string> {
  const { key, kid } = await loadDevPrivateKey(keyFile)
  return new SignJWT({ roles: request.roles, unit: request.unit, permissions: request.permissions ?? [] })
    .setProtectedHeader({ alg: DEV_ALGORITHM, kid, typ: 'JWT' })
    .setSubject(request.subject)
    .setIssuer(issuer)
    .setAudience(audience)
    .setIssuedAt()
    .setExpirationTime(request.expiresIn ?? '8h')
    .sign(key)
}
