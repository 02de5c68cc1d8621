/**
 * Per operation: who may call it (from the capability its route enforces, through the same
 * table as the code: domain/roles.ts) and whose ETag its If-Match takes.
 */
import { ROLES, rolesWith, type Capability } from '../../domain/roles.js'
import { CAPABILITY } from './capability.js'
import { RESOURCES } from './problem-examples.js'
import { operations, type Schema } from './schema-walk.js'

type Hook = ((...args: never[]) => unknown) & { [CAPABILITY]?: Capability }

/** The capabilities a route's preValidation hooks check. */
export function capabilitiesOf(route: { preValidation?: Hook | Hook[] }): Capability[] {
  const hooks = [route.preValidation ?? []].flat()
  return hooks.map((hook) => hook[CAPABILITY]).filter((c): c is Capability => c !== undefined)
}

/**
 * @fastify/swagger's per-route transform: adds `x-roles` (and `x-capability`) and says the roles
 * in the description. Routes under /v1 without a capability hook are open to every role.
 */
export function withRoles(schema: Schema | undefined, url: string, route: { preValidation?: Hook | Hook[] }): Schema | undefined {
  if (!schema || schema.hide || !url.startsWith('/v1/')) return schema
  const capabilities = capabilitiesOf(route)
  const roles = capabilities.length === 0
    ? [...ROLES]
    : ROLES.filter((role) => capabilities.every((c) => rolesWith(c).includes(role)))
  const base = (schema.description as string | undefined) ?? `${schema.summary as string}.`
  const who = capabilities.length === 0
    ? 'Any authenticated role.'
    : `Roles: ${roles.map((r) => `\`${r}\``).join(', ')} (capability ${capabilities.map((c) => `\`${c}\``).join(', ')}).`
  return {
    ...schema,
    description: `${base}\n\n${who}`,
    'x-roles': roles,
    ...(capabilities.length > 0 ? { 'x-capability': capabilities.join(' ') } : {})
  }
}

const possessive = (resource: string) => `the ${resource.charAt(0).toLowerCase()}${resource.slice(1)}'s ETag`

/** Whose ETag an operation's If-Match takes (the record its service locks and versions). */
function ifMatchTarget(path: string): string {
  const [, , collection] = path.split('/')
  const base = `/v1/${collection}/{id}`
  if (path.includes('/execution/')) return 'the execution\'s ETag (from GET /v1/decisions/{id}/execution or its last action): every execution action versions the execution, not the decision'
  if (path.endsWith('/delegation-rules')) return 'the unit\'s delegation order\'s ETag (GET /v1/units/{id}/delegation-rules)'
  if (path.endsWith('/follow-up-rules')) return 'the unit\'s follow-up rules\' ETag (GET /v1/units/{id}/follow-up-rules)'
  if (path.includes('/delivered-time/')) return 'the ETag of this order\'s delivered time for the month (from the last report; none before the first)'
  if (path.endsWith('/lock')) return 'not checked: a month is locked once (409 when it already is)'
  if (path.includes('/assessments/')) return 'the ETag of the goal\'s assessment for the period (from its last PUT; none before the first)'
  if (path.includes('/activities/')) return 'the activity\'s ETag (from its creation or last update)'
  if (path.includes('/targets/')) return 'the ETag of the indicator\'s targets for the year (from its last PUT; none before the first)'
  if (collection === 'quality-categories') return 'the category\'s ETag (GET /v1/quality-categories)'
  if (collection === 'service-types') return 'the service type\'s ETag (GET /v1/service-types/{code})'
  if (path === '/v1/applications/{id}/decisions') return 'the application\'s ETag (GET /v1/applications/{id}): a decision is taken on the application, which it changes'
  if (path === '/v1/applications/{id}/communicate') return 'the application\'s ETag (GET /v1/applications/{id}): the communication is a step of the application'
  const resource = RESOURCES[collection ?? '']
  return resource ? `${possessive(resource)} (GET ${base})` : 'the ETag of the resource at this path'
}

export function describeIfMatch(doc: Schema): void {
  for (const { path, op } of operations(doc)) {
    for (const parameter of op.parameters ?? []) {
      if (parameter.in !== 'header' || parameter.name !== 'if-match') continue
      parameter.description = `Optimistic concurrency: ${ifMatchTarget(path)}. 412 when it no longer matches; without it the change applies to whatever version is current.`
    }
  }
}
