/** Visiting every JSON Schema node of an OpenAPI document, with where it sits. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- an OpenAPI document is untyped JSON, walked by shape
export type Schema = Record<string, any>

export interface Place {
  /** The component the node belongs to, or the operation id for inline schemas. */
  owner: string
  /** The nearest property or parameter name above the node. */
  property?: string
  /** Request side (body, parameter) or response side. */
  side: 'request' | 'response' | 'component'
}

const isSchema = (value: unknown): value is Schema => typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * Calls `visit` on a node's children first, then on the node (so a visitor may replace a node
 * after its children are settled); `visit` returns the node to keep in its place.
 */
export function walkSchema(node: Schema, place: Place, visit: (node: Schema, place: Place) => Schema): Schema {
  if (!isSchema(node)) return node
  if (isSchema(node.properties)) {
    for (const [name, child] of Object.entries(node.properties)) node.properties[name] = walkSchema(child as Schema, { ...place, property: name }, visit)
  }
  if (isSchema(node.items)) node.items = walkSchema(node.items, place, visit)
  if (isSchema(node.additionalProperties)) node.additionalProperties = walkSchema(node.additionalProperties, place, visit)
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    if (Array.isArray(node[key])) node[key] = node[key].map((child: Schema) => walkSchema(child, place, visit))
  }
  return visit(node, place)
}

export const pascal = (text: string): string =>
  text.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ?? '').toUpperCase()).replace(/^./, (c) => c.toUpperCase())

export type Operation = Schema

export const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const

export function* operations(doc: Schema): Generator<{ path: string; method: string; op: Operation }> {
  for (const [path, item] of Object.entries<Schema>(doc.paths ?? {})) {
    for (const method of METHODS) if (item[method]) yield { path, method, op: item[method] }
  }
}

/** Every schema slot of the document: components, parameters, bodies, responses, headers. */
export function* schemaSlots(doc: Schema): Generator<{ get: () => Schema; set: (s: Schema) => void; place: Place }> {
  const schemas: Schema = doc.components?.schemas ?? {}
  for (const name of Object.keys(schemas)) {
    yield { get: () => schemas[name], set: (s) => { schemas[name] = s }, place: { owner: name, side: 'component' } }
  }
  for (const { op } of operations(doc)) {
    const owner = pascal(op.operationId ?? 'operation')
    for (const parameter of op.parameters ?? []) {
      yield { get: () => parameter.schema, set: (s) => { parameter.schema = s }, place: { owner, property: parameter.name, side: 'request' } }
    }
    for (const media of Object.values<Schema>(op.requestBody?.content ?? {})) {
      yield { get: () => media.schema, set: (s) => { media.schema = s }, place: { owner, side: 'request' } }
    }
    for (const response of Object.values<Schema>(op.responses ?? {})) {
      for (const media of Object.values<Schema>(response.content ?? {})) {
        yield { get: () => media.schema, set: (s) => { media.schema = s }, place: { owner, side: 'response' } }
      }
    }
  }
}
