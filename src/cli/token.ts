/**
 * Prints a development JWT signed with the local key (DATA_DIR/dev-signing-key.json).
 *   npm run token -- --role unit_manager --unit hagersten-alvsjo [--sub eva.ek] [--permission protected_identity] [--expires 8h]
 *   npm run token -- --role provider --provider <provider id>
 * Roles can be repeated. Refused when AUTH_JWKS_URL is set: real tokens come from the identity provider.
 */
import { parseArgs } from 'node:util'
import { loadConfig } from '../config.js'
import { signDevToken } from '../auth/tokens.js'
import { isRole, PERMISSIONS, ROLES, type Permission, type Role } from '../domain/roles.js'

const { values } = parseArgs({
  options: {
    role: { type: 'string', multiple: true, default: ['case_worker'] },
    unit: { type: 'string', default: 'hagersten-alvsjo' },
    sub: { type: 'string' },
    provider: { type: 'string' },
    permission: { type: 'string', multiple: true, default: [] },
    expires: { type: 'string', default: '8h' }
  }
})

const config = loadConfig()
if (config.auth.jwksUrl) {
  console.error('AUTH_JWKS_URL is set: tokens come from the identity provider, not from this command.')
  process.exit(1)
}
const roles = values.role ?? []
const bad = roles.filter((r) => !isRole(r))
if (bad.length > 0) {
  console.error(`Unknown role ${bad.join(', ')}; choose from ${ROLES.join(', ')}.`)
  process.exit(1)
}
if (roles.includes('provider') && (roles.length > 1 || !values.provider)) {
  console.error('A provider token has the one role provider and names the provider: --role provider --provider <provider id>.')
  process.exit(1)
}
const permissions = values.permission ?? []
if (!permissions.every((p) => (PERMISSIONS as readonly string[]).includes(p))) {
  console.error(`Unknown permission; choose from ${PERMISSIONS.join(', ')}.`)
  process.exit(1)
}
const token = await signDevToken(config.auth.devKeyFile, config.auth.issuer, config.auth.audience, {
  subject: values.sub ?? `dev.${roles[0]}`,
  roles: roles as Role[],
  unit: values.unit ?? 'hagersten-alvsjo',
  permissions: permissions as Permission[],
  ...(values.provider ? { provider: values.provider } : {}),
  expiresIn: values.expires ?? '8h'
})
process.stdout.write(`${token}\n`)
