/**
 * Response serializers (fast-json-stringify), compiled once per distinct response schema and
 * given only the named components that schema refers to. Fastify's default hands every
 * serializer all ~100 components, validating and indexing each of them again for every route
 * and status code: seconds of start-up CPU and over 100 MB of heap that the process then keeps.
 */
import fastJsonStringify from 'fast-json-stringify'
import type { FastifySerializerCompiler } from 'fastify/types/schema.js'
import type { TSchema } from 'typebox'

type Named = TSchema & { $id: string }

/** The ids of the components a schema refers to, directly or through other components. */
export function referencedComponents(schema: unknown, components: ReadonlyMap<string, Named>): Set<string> {
  const found = new Set<string>()
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item)
    } else if (node !== null && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key === '$ref' && typeof value === 'string') {
          const id = value.split('#')[0] ?? ''
          const component = components.get(id)
          if (component !== undefined && !found.has(id)) {
            found.add(id)
            visit(component)
          }
        } else {
          visit(value)
        }
      }
    }
  }
  visit(schema)
  return found
}

export function serializerCompiler(named: readonly Named[]): FastifySerializerCompiler<TSchema> {
  const components = new Map(named.map((s) => [s.$id, s]))
  const compiled = new Map<string, (data: unknown) => string>()
  return ({ schema }) => {
    const key = JSON.stringify(schema)
    let serialize = compiled.get(key)
    if (serialize === undefined) {
      const external = Object.fromEntries([...referencedComponents(schema, components)].map((id) => [id, components.get(id)]))
      serialize = fastJsonStringify(schema as fastJsonStringify.Schema, { schema: external as Record<string, fastJsonStringify.Schema> })
      compiled.set(key, serialize)
    }
    return serialize
  }
}
