/**
 * Contract fuzzing support: reads the committed OpenAPI document and derives, for every
 * operation, fast-check generators of requests that the contract says are valid, and schema-
 * violating variants of them. Nothing here names an operation: a route added later is fuzzed
 * as soon as it is in openapi/openapi.json. Ids in paths and `…Id` body fields come from a pool
 * of real records (filled from fixtures, list responses and `Location` headers) keyed by the
 * collection's path segment, or are random UUIDs.
 */
import fc from 'fast-check'
import { Ajv, type ValidateFunction } from 'ajv'
import addFormats from 'ajv-formats'
import { validatorCompiler } from '../../src/http/validation.js'

export type Schema = Record<string, any>

export interface Parameter { name: string; in: 'path' | 'query' | 'header'; required: boolean; schema: Schema }

export interface Operation {
  id: string
  method: string
  path: string
  /** Unauthenticated operations (health probes) declare `security: []`. */
  public: boolean
  parameters: Parameter[]
  body?: { schema: Schema; required: boolean; examples: unknown[] }
  /** status → content type → schema; an empty map for a response without content. */
  responses: Map<string, Map<string, Schema>>
}

export interface FuzzRequest {
  method: string
  url: string
  headers: Record<string, string>
  body?: unknown
  /** For invalid requests: what was made invalid, for the failure message. */
  mutation?: string
}

/** Inlines `#/components/...` references (the document has no recursive schemas). */
export function deref(spec: Schema, node: unknown, depth = 0): any {
  if (depth > 50) throw new Error('schema nesting too deep: recursive $ref?')
  if (Array.isArray(node)) return node.map((n) => deref(spec, n, depth + 1))
  if (node === null || typeof node !== 'object') return node
  const object = node as Schema
  if (typeof object.$ref === 'string') {
    const target = object.$ref.replace(/^#\//, '').split('/').reduce((at: any, key: string) => at?.[key], spec)
    if (target === undefined) throw new Error(`unresolved ${object.$ref}`)
    return deref(spec, target, depth + 1)
  }
  return Object.fromEntries(Object.entries(object).map(([k, v]) => [k, deref(spec, v, depth + 1)]))
}

export function operations(spec: Schema): Operation[] {
  const result: Operation[] = []
  for (const [path, item] of Object.entries<Schema>(spec.paths)) {
    for (const method of ['get', 'put', 'post', 'patch', 'delete']) {
      const op = item[method]
      if (!op) continue
      const parameters: Parameter[] = [...(item.parameters ?? []), ...(op.parameters ?? [])].map((p: Schema) => {
        const resolved = deref(spec, p)
        const schema = { ...(resolved.schema ?? {}) }
        if (resolved.example !== undefined) schema.examples = [...(schema.examples ?? []), resolved.example]
        return { name: resolved.name, in: resolved.in, required: Boolean(resolved.required), schema }
      })
      const json = op.requestBody?.content?.['application/json']
      const responses = new Map<string, Map<string, Schema>>()
      for (const [status, response] of Object.entries<Schema>(op.responses ?? {})) {
        const content = deref(spec, response).content ?? {}
        responses.set(status, new Map(Object.entries<Schema>(content).map(([type, c]) => [type, c.schema ?? {}])))
      }
      result.push({
        id: op.operationId ?? `${method} ${path}`,
        method: method.toUpperCase(),
        path,
        public: Array.isArray(op.security) && op.security.length === 0,
        parameters,
        ...(json ? { body: { schema: deref(spec, json.schema ?? {}), required: Boolean(op.requestBody.required), examples: [...(json.example !== undefined ? [json.example] : []), ...Object.values<Schema>(json.examples ?? {}).map((e) => e.value)] } } : {}),
        responses
      })
    }
  }
  return result
}

/** Real ids per collection path segment ("persons", "service-types", …). */
export class IdPool {
  private readonly ids = new Map<string, string[]>()

  add(collection: string, id: string): void {
    const list = this.ids.get(collection) ?? []
    if (list.includes(id)) return
    list.push(id)
    if (list.length > 50) list.shift()
    this.ids.set(collection, list)
  }

  get(collection: string): string[] {
    return this.ids.get(collection) ?? []
  }

  /** Learns ids from a response: the Location of a creation, the items of a list. */
  learn(path: string, status: number, headers: Record<string, unknown>, body: unknown): void {
    const location = headers.location
    if (status === 201 && typeof location === 'string') {
      const segments = location.split('?')[0]!.split('/').filter(Boolean)
      const id = segments.pop()
      const collection = segments.pop()
      if (id && collection) this.add(collection, decodeURIComponent(id))
    }
    const items = (body as { items?: unknown })?.items
    const collection = path.split('/').filter(Boolean).pop()
    if (status === 200 && Array.isArray(items) && collection && !collection.startsWith('{')) {
      for (const item of items.slice(0, 10)) {
        const key = (item as Schema)?.id ?? (item as Schema)?.code
        if (typeof key === 'string') this.add(collection, key)
      }
    }
  }
}

/** `personId` → "persons", `serviceTypeId` → "service-types". */
export function collectionOfField(field: string): string | undefined {
  const m = /^(.+)Id$/.exec(field)
  if (!m?.[1]) return undefined
  return `${m[1].replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}s`
}

// Storable but awkward text: injection attempts, markup, non-Latin scripts, emoji, RTL marks.
const AWKWARD = [
  "Robert'); DROP TABLE persons;--", "' OR '1'='1", '1; SELECT pg_sleep(10)--', '$1', '%s%n', '<script>alert(1)</script>',
  '{{7*7}}', '${process.env}', '../../etc/passwd', 'Åsa Öberg-Ärlig', 'Ελένη', '李小龙', '👵🏽🧓', '\u202Eevil', ' ', 'null', 'undefined'
]

function dateArbitrary(): fc.Arbitrary<string> {
  const now = Date.now()
  return fc.oneof(
    fc.date({ min: new Date(now - 400 * 86_400_000), max: new Date(now), noInvalidDate: true }),
    fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true })
  ).map((d) => d.toISOString().slice(0, 10))
}

function stringArbitrary(schema: Schema, location: 'body' | 'text'): fc.Arbitrary<string> {
  const minLength = schema.minLength ?? 0
  const maxLength = schema.maxLength ?? 300
  const fits = (s: string) => s.length >= minLength && s.length <= maxLength
  if (schema.format === 'uuid') return fc.uuid()
  if (schema.format === 'date') return dateArbitrary()
  if (schema.format === 'date-time') {
    return fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString())
  }
  if (typeof schema.pattern === 'string') return fc.stringMatching(new RegExp(schema.pattern)).filter(fits)
  // Header and query values travel as text on the wire: printable ASCII keeps them sendable.
  const free = location === 'text'
    ? fc.string({ unit: fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c)), minLength, maxLength: Math.min(maxLength, 60) })
    : fc.string({ unit: 'grapheme', minLength, maxLength: Math.min(maxLength, 60) }).filter((s) => !s.includes('\u0000'))
  const examples = (schema.examples ?? []).filter((e: unknown) => typeof e === 'string' && fits(e))
  return fc.oneof(
    { weight: 4, arbitrary: free },
    { weight: 2, arbitrary: fc.constantFrom(...AWKWARD).filter(fits) },
    ...(examples.length ? [{ weight: 3, arbitrary: fc.constantFrom<string>(...examples) }] : []),
    { weight: 1, arbitrary: fc.constant('x'.repeat(Math.max(minLength, Math.min(maxLength, 5000)))) }
  )
}

function numberArbitrary(schema: Schema, integer: boolean): fc.Arbitrary<number> {
  const min = schema.minimum ?? schema.exclusiveMinimum ?? -1e9
  const max = schema.maximum ?? schema.exclusiveMaximum ?? 1e9
  const examples = (schema.examples ?? []).filter((e: unknown) => typeof e === 'number')
  const base = integer
    ? fc.integer({ min: Math.ceil(min) + (schema.exclusiveMinimum !== undefined && Number.isInteger(min) ? 1 : 0), max: Math.floor(max) - (schema.exclusiveMaximum !== undefined && Number.isInteger(max) ? 1 : 0) })
    : fc.double({ min, max, minExcluded: schema.exclusiveMinimum !== undefined, maxExcluded: schema.exclusiveMaximum !== undefined, noNaN: true, noDefaultInfinity: true })
  return examples.length ? fc.oneof(base, fc.constantFrom<number>(...examples)) : base
}

export interface ArbitraryContext {
  pool: IdPool
  location: 'body' | 'text'
  /** Generators for fields whose valid values a schema cannot express (a check digit). */
  hints?: Record<string, fc.Arbitrary<unknown>>
}

/** Present `presentWeight` times in `absentWeight + presentWeight`: keeps optional filters and headers from hiding the happy path. */
export function sometimes<T>(arb: fc.Arbitrary<T>, absentWeight = 2, presentWeight = 1): fc.Arbitrary<T | undefined> {
  return fc.oneof({ weight: absentWeight, arbitrary: fc.constant(undefined) }, { weight: presentWeight, arbitrary: arb })
}

/** An object of required and sometimes-present optional entries. */
export function entries(model: Record<string, fc.Arbitrary<unknown>>, required: string[], weights: [absent: number, present: number] = [2, 1]): fc.Arbitrary<Record<string, unknown>> {
  const parts = Object.fromEntries(Object.entries(model).map(([k, arb]) => [k, required.includes(k) ? arb : sometimes(arb, ...weights)]))
  return fc.record(parts).map((o) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)))
}

/** Variants of a documented example: ids from the pool, some values regenerated, optional ones dropped. */
export function fromExample(example: unknown, schema: Schema, ctx: ArbitraryContext, field?: string): fc.Arbitrary<unknown> {
  const generated = arbitrary(schema, ctx, field)
  if (example === null || typeof example !== 'object' || Array.isArray(example) || schema.type !== 'object') {
    const known = field && typeof example === 'string' && schema.format === 'uuid' ? ctx.pool.get(collectionOfField(field) ?? '') : []
    const kept = known.length ? fc.constantFrom(...known) : fc.constant(example)
    return fc.oneof({ weight: 4, arbitrary: kept }, { weight: 1, arbitrary: generated })
  }
  const properties: Record<string, Schema> = schema.properties ?? {}
  const model: Record<string, fc.Arbitrary<unknown>> = {}
  for (const [key, value] of Object.entries(example)) model[key] = properties[key] ? fromExample(value, properties[key]!, ctx, key) : fc.constant(value)
  const required = (schema.required ?? []).filter((k: string) => k in model)
  return entries(model, required, [1, 3])
}

/** A generator of values valid under `schema` (the subset of JSON Schema the document uses). */
export function arbitrary(schema: Schema, ctx: ArbitraryContext, field?: string): fc.Arbitrary<unknown> {
  if ('const' in schema) return fc.constant(schema.const)
  if (Array.isArray(schema.enum)) return fc.constantFrom(...schema.enum)
  const alternatives = schema.anyOf ?? schema.oneOf
  if (Array.isArray(alternatives)) return fc.oneof(...alternatives.map((s: Schema) => arbitrary(s, ctx, field)))
  if (Array.isArray(schema.type)) return fc.oneof(...schema.type.map((type: string) => arbitrary({ ...schema, type }, ctx, field)))
  switch (schema.type) {
    case 'null': return fc.constant(null)
    case 'boolean': return fc.boolean()
    case 'integer': return numberArbitrary(schema, true)
    case 'number': return numberArbitrary(schema, false)
    case 'string': {
      const hint = field ? ctx.hints?.[field] : undefined
      if (hint) return fc.oneof({ weight: 3, arbitrary: hint }, { weight: 1, arbitrary: stringArbitrary(schema, ctx.location) })
      const known = field ? ctx.pool.get(collectionOfField(field) ?? '') : []
      const generated = stringArbitrary(schema, ctx.location)
      return known.length && schema.format === 'uuid' ? fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...known) }, { weight: 1, arbitrary: generated }) : generated
    }
    case 'array': {
      const items = arbitrary(schema.items ?? {}, ctx, field)
      const constraints = { minLength: schema.minItems ?? 0, maxLength: Math.min(schema.maxItems ?? 5, 5) }
      return schema.uniqueItems ? fc.uniqueArray(items, { ...constraints, selector: (v) => JSON.stringify(v) }) : fc.array(items, constraints)
    }
    case 'object': {
      const properties: Record<string, Schema> = schema.properties ?? {}
      const model: Record<string, fc.Arbitrary<unknown>> = {}
      for (const [name, sub] of Object.entries(properties)) model[name] = arbitrary(sub, ctx, name)
      const record = entries(model, (schema.required ?? []).filter((k: string) => k in properties))
      return schema.minProperties ? record.filter((o) => Object.keys(o).length >= schema.minProperties) : record
    }
    default:
      // An unconstrained schema: any JSON value.
      return fc.jsonValue({ maxDepth: 2 })
  }
}

/** Values that break typical constraints; each is checked against the schema before use. */
export function invalidCandidates(schema: Schema): unknown[] {
  const candidates: unknown[] = [{}, [], 'not-valid', 12345, -1, 1.5, true, null, '', '2026-02-30', 'not-a-uuid', 1e308, -1e308, 'not_a_value',
    "' OR 1=1--", '1'.repeat(25), { __fuzz: 1 }]
  if (typeof schema.maxLength === 'number') candidates.push('x'.repeat(schema.maxLength + 1))
  if (typeof schema.maximum === 'number') candidates.push(schema.maximum + 1)
  if (typeof schema.minimum === 'number') candidates.push(schema.minimum - 1)
  if (typeof schema.maxItems === 'number') candidates.push(Array.from({ length: schema.maxItems + 1 }, () => 'x'))
  return candidates
}

/** Where a body can be made invalid: JSON pointers (as key paths) to values present in it. */
export function sites(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  const found: (string | number)[][] = [path]
  if (Array.isArray(value)) value.slice(0, 2).forEach((item, i) => found.push(...sites(item, [...path, i])))
  else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) found.push(...sites(item, [...path, key]))
  }
  return found
}

export function setAt(value: unknown, path: (string | number)[], replacement: unknown): unknown {
  if (path.length === 0) return replacement
  const copy: any = structuredClone(value)
  let at = copy
  for (const key of path.slice(0, -1)) at = at[key]
  at[path[path.length - 1]!] = replacement
  return copy
}

export function removeAt(value: unknown, path: (string | number)[]): unknown {
  const copy: any = structuredClone(value)
  let at = copy
  for (const key of path.slice(0, -1)) at = at[key]
  if (Array.isArray(at)) at.splice(Number(path[path.length - 1]), 1)
  else delete at[path[path.length - 1]!]
  return copy
}

/** Validators as the server runs them: bodies without type coercion, text parts with it. */
export class Validators {
  private readonly server = validatorCompiler([])
  private readonly responseAjv: Ajv
  private readonly cache = new Map<string, ValidateFunction>()

  constructor() {
    this.responseAjv = new Ajv({ strict: false, allErrors: true })
    addFormats.default(this.responseAjv)
  }

  /** Would the server accept this request part? (`useDefaults` may fill the copy; not the original.) */
  accepts(part: 'body' | 'querystring' | 'params' | 'headers', schema: Schema, value: unknown): boolean {
    const validate = this.server({ schema, httpPart: part, method: 'POST', url: '/' }) as (v: unknown) => boolean
    return validate(structuredClone(value))
  }

  response(key: string, schema: Schema): ValidateFunction {
    let validate = this.cache.get(key)
    if (!validate) {
      validate = this.responseAjv.compile(schema)
      this.cache.set(key, validate)
    }
    return validate
  }
}

/** The schema of the query string, path parameters or headers as Fastify validates them. */
export function partSchema(parameters: Parameter[], where: Parameter['in']): Schema {
  const own = parameters.filter((p) => p.in === where)
  return {
    type: 'object',
    properties: Object.fromEntries(own.map((p) => [p.name, p.schema])),
    required: own.filter((p) => p.required).map((p) => p.name)
  }
}
