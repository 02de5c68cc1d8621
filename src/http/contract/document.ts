/**
 * Completes the document @fastify/swagger generates from the route schemas (its
 * `transformObject`): named shapes, response headers, errors with examples, If-Match targets.
 * Only the published contract changes; validation and serialization keep the route schemas.
 */
import './enum-names.js'
import { HEADER_COMPONENTS } from './headers.js'
import { describeIfMatch } from './operations.js'
import { completeResponses } from './responses.js'
import type { Schema } from './schema-walk.js'
import { collapseLiteralUnions, nameBodies, nameEnums, nullableAsTypeArrays } from './shapes.js'

export function finishDocument(doc: Schema): Schema {
  // OWASP API9: say the audience: an internal API of the city (@fastify/swagger's types have no x- on servers).
  for (const server of doc.servers ?? []) server['x-internal'] = true
  doc.components.headers = { ...HEADER_COMPONENTS, ...(doc.components.headers ?? {}) }
  nameBodies(doc)
  completeResponses(doc)
  describeIfMatch(doc)
  collapseLiteralUnions(doc)
  nameEnums(doc)
  nullableAsTypeArrays(doc)
  return doc
}
