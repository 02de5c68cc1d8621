/**
 * Each operation's responses completed from what the service really does: the headers it
 * sends, 413/415 where a body is parsed, 500, a description on every success, and one
 * realistic problem example per error status, shown per status in Swagger UI.
 */
import { ETAG_RESOURCES, responseHeaders } from './headers.js'
import { problemExample, type OperationFacts } from './problem-examples.js'
import { operations, type Operation, type Schema } from './schema-walk.js'

const REF = '#/components/schemas/'
const PROBLEM = { $ref: `${REF}Problem` }

const ERROR_DESCRIPTIONS: Record<number, string> = {
  413: 'The request body is larger than BODY_LIMIT_BYTES (default 1 MiB).',
  415: 'The request body is not `application/json`.',
  500: 'An unexpected error: a bare problem, never a stack trace or SQL text.'
}

const BODY_METHODS = new Set(['post', 'put', 'patch'])

function resolve(doc: Schema, schema: Schema | undefined): Schema | undefined {
  if (typeof schema?.$ref === 'string' && schema.$ref.startsWith(REF)) return doc.components.schemas[schema.$ref.slice(REF.length)]
  return schema
}

const words = (name: string) => name.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/\bLex Sarah\b/i, 'Lex Sarah')
  .split(' ').map((w, i) => (i === 0 || /^(Lex|Sarah|IVO|KF)$/.test(w) ? w : w.toLowerCase())).join(' ')
const article = (phrase: string) => (/^[aeiou]/i.test(phrase) ? `an ${phrase}` : `a ${phrase}`)

/** A description of a success response from its method, status and schema (when the route gave none). */
function successDescription(doc: Schema, method: string, status: string, response: Schema): string {
  if (status === '204') return 'Done; no content.'
  if (response.content?.['text/csv']) return 'The CSV file (UTF-8 with BOM, semicolon-separated).'
  const schema: Schema | undefined = response.content?.['application/json']?.schema
  const name = typeof schema?.$ref === 'string' ? schema.$ref.slice(REF.length) : undefined
  if (name === undefined) return 'The result.'
  const page = /^(.*)Page$/.exec(name)
  const list = /^(.*)List$/.exec(name)
  if (page) return `One page of ${words(page[1]!).toLowerCase()} records, and the cursor of the next page (null on the last).`
  if (list) return `The ${words(list[1]!).toLowerCase()} records (never paged: the list is short).`
  const thing = words(name.replace(/Response$/, ''))
  if (status === '201') return `Created: the new ${thing.charAt(0).toLowerCase()}${thing.slice(1)}. \`Location\` gives its URL.`
  if (method === 'get') return `The ${thing.charAt(0).toLowerCase()}${thing.slice(1)}.`
  if (method === 'patch' || method === 'put') return `The ${thing.charAt(0).toLowerCase()}${thing.slice(1)} as saved.`
  return `The ${thing.charAt(0).toLowerCase()}${thing.slice(1)} after the request (${article('new state')} where it changed).`
}

const hasIdempotencyKey = (op: Operation) => (op.parameters ?? []).some((p: Schema) => p.in === 'header' && p.name === 'idempotency-key')

export function completeResponses(doc: Schema): void {
  for (const { path, method, op } of operations(doc)) {
    const responses: Schema = op.responses
    if (path.startsWith('/v1/')) {
      const extra = [...(BODY_METHODS.has(method) ? [413, 415] : []), 500]
      for (const status of extra) {
        responses[status] ??= { description: ERROR_DESCRIPTIONS[status], content: { 'application/problem+json': { schema: PROBLEM } } }
      }
    }
    const bodySchema = resolve(doc, op.requestBody?.content?.['application/json']?.schema)
    const facts: OperationFacts = { path, method, operationId: op.operationId, capability: op['x-capability'], body: bodySchema, parameters: op.parameters ?? [] }
    for (const [status, response] of Object.entries<Schema>(responses)) {
      const code = Number(status)
      if (code < 300 && (response.description === undefined || response.description === 'Default Response')) {
        response.description = successDescription(doc, method, status, response)
      }
      const body = response.content?.['application/json']?.schema?.$ref as string | undefined
      const versioned = code < 300 && body !== undefined && ETAG_RESOURCES.has(body.slice(REF.length))
      response.headers = { ...responseHeaders({ path, status: code, idempotent: hasIdempotencyKey(op), versioned }), ...(response.headers ?? {}) }
      const problem = response.content?.['application/problem+json']
      if (problem) {
        delete problem.examples
        problem.example = problemExample(code, facts)
      }
    }
    // Fixed order: statuses ascending, as a reader scans them.
    op.responses = Object.fromEntries(Object.entries<Schema>(responses).sort(([a], [b]) => Number(a) - Number(b)))
  }
}
