/**
 * JSON request bodies, strictly: the bytes must be valid UTF-8 and no string may hold a NUL
 * or a lone surrogate. The default parser decodes invalid bytes to U+FFFD and PostgreSQL
 * turns a lone surrogate into one too, so a name would be stored silently changed; NUL cannot
 * be stored in text at all. All three answer 400 pointing at the field instead. Parsing
 * itself (and `__proto__`/`constructor` poisoning refused) is Fastify's own parser.
 */
import fp from 'fastify-plugin'
import { ProblemError } from '../http/problem.js'

const utf8 = new TextDecoder('utf-8', { fatal: true })
// eslint-disable-next-line no-control-regex
const NUL = /\u0000/
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

const invalid = (pointer: string, message: string) =>
  new ProblemError(400, 'The request body is invalid.', { errors: [{ in: 'body', pointer, message }] })

function problemIn(text: string): string | undefined {
  if (NUL.test(text)) return 'must not contain NUL characters'
  if (LONE_SURROGATE.test(text)) return 'must not contain lone surrogates'
  return undefined
}

/**
 * The JSON pointer of the first string (key or value) that cannot be stored as text, if any.
 * Iterative: a body within the size limit can nest far deeper than the call stack allows.
 */
function unstorable(root: unknown): { pointer: string; message: string } | undefined {
  const pending: [unknown, string][] = [[root, '']]
  while (pending.length > 0) {
    const [value, pointer] = pending.pop()!
    if (typeof value === 'string') {
      const message = problemIn(value)
      if (message) return { pointer: pointer || '/', message }
    } else if (value !== null && typeof value === 'object') {
      const children = Object.entries(value)
      for (let i = children.length - 1; i >= 0; i--) {
        const [key, item] = children[i]!
        const at = `${pointer}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`
        const message = problemIn(key)
        if (message) return { pointer: at, message }
        pending.push([item, at])
      }
    }
  }
  return undefined
}

export default fp(async (app) => {
  const parseJson = app.getDefaultJsonParser('error', 'error')
  app.removeContentTypeParser('application/json')
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    let text: string
    try {
      text = utf8.decode(body as Buffer)
    } catch {
      done(invalid('/', 'must be UTF-8 encoded'), undefined)
      return
    }
    parseJson(request, text, (error, parsed) => {
      if (error) return done(error, undefined)
      const bad = unstorable(parsed)
      if (bad) return done(invalid(bad.pointer, bad.message), undefined)
      done(null, parsed)
    })
  })
}, { name: 'json-body' })
