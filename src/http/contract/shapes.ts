/**
 * Names for the shapes @fastify/swagger leaves inline, so that generated clients get clean
 * types: request bodies, success bodies (pages `{ items, nextCursor }` per item type), every
 * enumeration once, and nullable fields as OpenAPI 3.1 type arrays instead of `anyOf` wrappers.
 */
import { isDeepStrictEqual } from 'node:util'
import { operations, pascal, schemaSlots, walkSchema, type Place, type Schema } from './schema-walk.js'

const REF = '#/components/schemas/'
const refName = (schema: Schema | undefined): string | undefined =>
  typeof schema?.$ref === 'string' && schema.$ref.startsWith(REF) ? schema.$ref.slice(REF.length) : undefined

/** Puts `schema` under `name` (or under the name of an identical one already there) and returns a reference. */
function hoist(doc: Schema, name: string, schema: Schema): Schema {
  const schemas: Schema = doc.components.schemas
  for (const [existing, value] of Object.entries(schemas)) if (isDeepStrictEqual(value, schema)) return { $ref: REF + existing }
  let unique = name
  for (let n = 2; schemas[unique] !== undefined; n++) unique = `${name}${n}`
  schemas[unique] = schema
  return { $ref: REF + unique }
}

const without = (node: Schema, ...keys: string[]): Schema => Object.fromEntries(Object.entries(node).filter(([key]) => !keys.includes(key)))

const isPage = (s: Schema) => s.type === 'object' && s.properties?.items?.type === 'array' && s.properties?.nextCursor !== undefined
const isList = (s: Schema) => s.type === 'object' && s.properties?.items?.type === 'array' && Object.keys(s.properties).length === 1

/** Request bodies and success bodies as components. */
export function nameBodies(doc: Schema): void {
  for (const { op } of operations(doc)) {
    const name = pascal(op.operationId)
    for (const media of Object.values<Schema>(op.requestBody?.content ?? {})) {
      if (media.schema && !refName(media.schema)) media.schema = hoist(doc, `${name}Request`, media.schema)
    }
    for (const [status, response] of Object.entries<Schema>(op.responses ?? {})) {
      if (!status.startsWith('2')) continue
      const media = response.content?.['application/json']
      if (!media?.schema || refName(media.schema)) continue
      const body = media.schema
      if (isPage(body) || isList(body)) {
        if (!refName(body.properties.items.items)) body.properties.items.items = hoist(doc, `${name}Item`, body.properties.items.items)
        const item = refName(body.properties.items.items)!
        media.schema = hoist(doc, `${item}${isPage(body) ? 'Page' : 'List'}`, body)
      } else {
        media.schema = hoist(doc, `${name}Response`, body)
      }
    }
  }
}

/**
 * Enumerations whose domain name is not the owner + property name they are first met under
 * (keyed by their sorted values).
 */
const ENUM_NAMES: Record<string, string> = {}
export function nameEnum(name: string, values: readonly string[]): void {
  ENUM_NAMES[JSON.stringify([...values].sort())] = name
}

/** Every enumeration of two or more values becomes one component, referenced wherever it occurs. */
export function nameEnums(doc: Schema): void {
  const byValues = new Map<string, string>()
  for (const [name, schema] of Object.entries<Schema>(doc.components.schemas)) {
    if (Array.isArray(schema.enum)) byValues.set(JSON.stringify([...schema.enum].sort()), name)
  }
  const visit = (node: Schema, place: Place): Schema => {
    if (!Array.isArray(node.enum) || node.enum.length < 2 || node.enum.some((v: unknown) => typeof v !== 'string')) return node
    const key = JSON.stringify([...node.enum].sort())
    let name = byValues.get(key)
    if (name === undefined) {
      name = ENUM_NAMES[key] ?? `${place.owner}${pascal(place.property ?? 'value')}`
      let unique = name
      for (let n = 2; doc.components.schemas[unique] !== undefined; n++) unique = `${name}${n}`
      name = unique
      doc.components.schemas[name] = { type: 'string', ...without(node, 'description', 'default', 'examples') }
      byValues.set(key, name)
    }
    return { $ref: REF + name, ...without(node, 'enum', 'type') }
  }
  for (const slot of schemaSlots(doc)) {
    const schema = slot.get()
    if (!schema) continue
    // A component that is itself an enumeration stays as it is; its members are visited.
    if (slot.place.side === 'component' && Array.isArray(schema.enum)) continue
    slot.set(walkSchema(schema, slot.place, visit))
  }
}

const literal = (s: Schema) => Array.isArray(s.enum) && s.enum.length === 1 && typeof s.enum[0] === 'string' && Object.keys(s).every((k) => k === 'type' || k === 'enum')

/** A union of string literals (TypeBox `Union(Literal…)`) is an enumeration: `enum` with its values (and null kept aside). */
export function collapseLiteralUnions(doc: Schema): void {
  const visit = (node: Schema): Schema => {
    if (!Array.isArray(node.anyOf) || node.anyOf.length < 2) return node
    const members: Schema[] = node.anyOf
    const nullable = members.some((m) => m.type === 'null' && Object.keys(m).length === 1)
    const values = members.filter((m) => !(m.type === 'null' && Object.keys(m).length === 1))
    if (values.length < 2 || !values.every(literal)) return node
    const outer = without(node, 'anyOf')
    const enumeration = { type: 'string', enum: values.map((m) => m.enum[0]) }
    return nullable ? { ...outer, anyOf: [enumeration, { type: 'null' }] } : { ...outer, ...enumeration }
  }
  for (const slot of schemaSlots(doc)) {
    const schema = slot.get()
    if (schema) slot.set(walkSchema(schema, slot.place, visit))
  }
}

/** `anyOf: [X, {type: null}]` → X with `type: [X.type, 'null']`; a reference keeps `anyOf` with null. */
export function nullableAsTypeArrays(doc: Schema): void {
  const visit = (node: Schema): Schema => {
    if (!Array.isArray(node.anyOf) || node.anyOf.length !== 2) return node
    const nullIndex = node.anyOf.findIndex((s: Schema) => s.type === 'null' && Object.keys(s).length === 1)
    if (nullIndex === -1) return node
    const other: Schema = node.anyOf[1 - nullIndex]
    if (typeof other.type !== 'string' || other.$ref !== undefined || other.enum !== undefined) return node
    return { ...other, ...without(node, 'anyOf'), type: [other.type, 'null'] }
  }
  for (const slot of schemaSlots(doc)) {
    const schema = slot.get()
    if (schema) slot.set(walkSchema(schema, slot.place, visit))
  }
}
