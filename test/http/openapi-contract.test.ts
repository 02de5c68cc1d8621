/**
 * What a client generator needs of openapi/openapi.json (issue 18), checked on the document the
 * code generates: named shapes, one component per enumeration, nullables as type arrays,
 * declared headers, roles from the capability table, and problem examples that are valid
 * problems of the vocabulary the code is typed with.
 */
import t from 'tap'
import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { generateOpenApi } from '../../src/openapi.js'
import { CURRENT_STATES, PROCESS_RULES } from '../../src/domain/refusals.js'
import { ROLES, rolesWith, type Capability } from '../../src/domain/roles.js'
import { PROBLEM_TYPES, ProblemError, typeFor } from '../../src/http/problem.js'

const spec = JSON.parse(await generateOpenApi())
const METHODS = ['get', 'put', 'post', 'patch', 'delete']
const ops = Object.entries<any>(spec.paths).flatMap(([path, item]) =>
  METHODS.filter((m) => item[m]).map((method) => ({ path, method, op: item[method] })))
const v1 = ops.filter((o) => o.path.startsWith('/v1/'))
const schemas = spec.components.schemas

function* nodes(node: any, at: string): Generator<[any, string]> {
  if (node === null || typeof node !== 'object') return
  yield [node, at]
  for (const [key, child] of Object.entries(node)) {
    // Examples are data, not schemas.
    if (key === 'example' || key === 'examples') continue
    yield* nodes(child, `${at}/${key}`)
  }
}

t.test('every operation says what it does and who may call it', async (t) => {
  for (const { op } of ops) {
    t.ok(op.description?.length > 0, `${op.operationId} has a description`)
  }
  for (const { op } of v1) {
    const capabilities: Capability[] = op['x-capability']?.split(' ') ?? []
    const expected = capabilities.length === 0 ? [...ROLES] : ROLES.filter((r) => capabilities.every((c) => rolesWith(c).includes(r)))
    t.same(op['x-roles'], expected, `${op.operationId}: x-roles from the capability table`)
    t.match(op.description, /Roles: |Any authenticated role/, `${op.operationId}: roles in the description`)
  }
  const createProvider = v1.find((o) => o.op.operationId === 'createProvider')!.op
  t.same(createProvider['x-roles'], ['administrator'], 'creating a provider is for administrators')
})

t.test('shapes have names', async (t) => {
  for (const { op } of ops) {
    const body = op.requestBody?.content?.['application/json']?.schema
    if (body) t.match(body.$ref, /^#\/components\/schemas\/\w+$/, `${op.operationId}: request body is a component`)
    for (const [status, response] of Object.entries<any>(op.responses)) {
      if (!status.startsWith('2')) continue
      t.not(response.description, 'Default Response', `${op.operationId} ${status} is described`)
      const json = response.content?.['application/json']?.schema
      if (json) t.match(json.$ref, /^#\/components\/schemas\/\w+$/, `${op.operationId} ${status}: body is a component`)
    }
  }
  const page = schemas.ApplicationPage
  t.same(page.required, ['items', 'nextCursor'])
  t.equal(page.properties.items.items.$ref, '#/components/schemas/Application')
  t.same(page.properties.nextCursor.type, ['string', 'null'], 'nullable as a type array')
})

t.test('every enumeration is one component, referenced', async (t) => {
  const seen = new Map<string, string>()
  for (const [name, schema] of Object.entries<any>(schemas)) {
    if (!Array.isArray(schema.enum)) continue
    const key = JSON.stringify([...schema.enum].sort())
    t.notOk(seen.has(key), `${name}: no other component has the same values (${seen.get(key)})`)
    seen.set(key, name)
  }
  const inline: string[] = []
  const wrappers: string[] = []
  for (const [node, at] of nodes({ paths: spec.paths, components: spec.components }, '')) {
    if (Array.isArray(node.enum) && node.enum.length > 1 && !/^\/components\/schemas\/\w+$/.test(at)) inline.push(at)
    if (Array.isArray(node.anyOf) && node.anyOf.length === 2 && node.anyOf.some((s: any) => s.type === 'null')) {
      const other = node.anyOf.find((s: any) => s.type !== 'null')
      if (other.$ref === undefined && other.enum === undefined) wrappers.push(at)
    }
  }
  t.same(inline, [], 'no enumeration inline')
  t.same(wrappers, [], 'nullables are type arrays (or a reference with null)')
  t.equal(schemas.Provider.properties.regime.$ref, '#/components/schemas/ProviderRegime')
  t.equal(schemas.Person.properties.sex.$ref, '#/components/schemas/Sex')
})

t.test('headers: request id and rate limit everywhere, ETag and Location where sent', async (t) => {
  for (const { method, op } of v1) {
    for (const [status, response] of Object.entries<any>(op.responses)) {
      t.ok(response.headers?.['x-request-id'], `${op.operationId} ${status}: x-request-id`)
      t.ok(response.headers?.['X-RateLimit-Limit'], `${op.operationId} ${status}: rate limit`)
      if (status === '201') t.ok(response.headers.Location, `${op.operationId} 201: Location`)
      if (status === '429' || status === '503') t.ok(response.headers['Retry-After'], `${op.operationId} ${status}: Retry-After`)
    }
    if (['post', 'put', 'patch'].includes(method)) {
      t.ok(op.responses['413'] && op.responses['415'], `${op.operationId}: 413 and 415`)
    }
  }
  const getApplication = spec.paths['/v1/applications/{id}'].get
  t.ok(getApplication.responses['200'].headers.ETag, 'a versioned resource sends its ETag')
  for (const [path, name] of [['/v1/applications/{id}/decisions', 'decideService'], ['/v1/applications/{id}/communicate', 'communicateInvestigation']] as const) {
    const ifMatch = spec.paths[path].post.parameters.find((p: any) => p.name === 'if-match')
    t.match(ifMatch.description, /the application's ETag/, `${name}: If-Match takes the application's ETag`)
  }
  const execution = spec.paths['/v1/decisions/{id}/execution/start'].post.parameters.find((p: any) => p.name === 'if-match')
  t.match(execution.description, /the execution's ETag/)
})

t.test('problems: detail and instance required, closed vocabularies, one valid example per status', async (t) => {
  const problem = schemas.Problem
  t.ok(problem.required.includes('detail') && problem.required.includes('instance'), 'detail and instance are required')
  t.same(schemas.ProblemType.enum, PROBLEM_TYPES)
  t.same(schemas.CurrentState.enum, CURRENT_STATES)
  t.same(schemas.ProcessRule.enum, PROCESS_RULES)
  for (let status = 400; status < 600; status++) t.ok(PROBLEM_TYPES.includes(new ProblemError(status, 'x').type), `${status}: its type is in the enum`)
  t.ok(PROBLEM_TYPES.includes(typeFor(418)), 'a status without a title falls back to a listed type')

  const ajv = new Ajv2020({ strict: false, allErrors: true })
  addFormats.default(ajv)
  const validate = ajv.compile({ $id: 'https://contract.test/openapi.json', components: spec.components, $ref: '#/components/schemas/Problem' })
  for (const { path, op } of v1) {
    for (const [status, response] of Object.entries<any>(op.responses)) {
      const media = response.content?.['application/problem+json']
      if (!media) continue
      const example = media.example
      t.ok(validate(example), `${op.operationId} ${status}: the example is a valid problem ${JSON.stringify(validate.errors ?? [])}`)
      t.equal(example.status, Number(status), `${op.operationId} ${status}: the example's status`)
      t.ok(example.instance.startsWith(path.replace(/\{[^}]+\}/g, '').split('/').slice(0, 3).join('/')), `${op.operationId} ${status}: instance is the operation's path`)
    }
  }
  const decide = spec.paths['/v1/applications/{id}/decisions'].post.responses
  t.equal(decide['404'].content['application/problem+json'].example.detail, 'Application was not found.')
  t.equal(decide['403'].content['application/problem+json'].example.rule, 'home_care_over_99_hours')
  const withdraw = spec.paths['/v1/applications/{id}/withdraw'].post.responses['409'].content['application/problem+json'].example
  t.match(withdraw, { type: 'https://bestallarenhet.stockholm.se/problems/invalid-state', currentState: 'decided', detail: /^Cannot withdraw the application in state 'decided'; allowed in: / })
})

t.test('security scheme, servers and contact', async (t) => {
  t.match(spec.components.securitySchemes.bearerAuth.description, /RFC8725/)
  t.ok(spec.info.contact?.email)
  t.equal(spec.servers[0]['x-internal'], true)
})
