/**
 * Request validation with one Ajv per request part. Query strings, path parameters and headers
 * arrive as text, so their values are coerced to the schema's types; JSON bodies are not: a
 * `null` must stay null (coercion would turn it into 0 or false inside a nullable field, and
 * silently change what a delegation rule or a flag means) and "true" is not a boolean.
 */
import { Ajv, type Options } from 'ajv'
import addFormats from 'ajv-formats'
import type { FastifySchemaCompiler } from 'fastify'
import type { TSchema } from 'typebox'

type Part = 'body' | 'querystring' | 'params' | 'headers'

function makeAjv(options: Options, schemas: TSchema[]): Ajv {
  const ajv = new Ajv({ removeAdditional: false, useDefaults: true, allErrors: false, strict: false, ...options })
  addFormats.default(ajv)
  for (const schema of schemas) ajv.addSchema(schema)
  return ajv
}

export function validatorCompiler(sharedSchemas: TSchema[]): FastifySchemaCompiler<TSchema> {
  const body = makeAjv({ coerceTypes: false }, sharedSchemas)
  const text = makeAjv({ coerceTypes: 'array' }, sharedSchemas)
  return ({ schema, httpPart }) => ((httpPart as Part | undefined) === 'body' ? body : text).compile(schema)
}
