/**
 * One problem example per operation and status, built from what the code answers: the texts
 * are those of http/problem.ts, plugins/errors.ts, the auth and idempotency plugins, and the
 * 409s of each process (conflicts.ts), with the operation's own path and resource.
 */
import { titleFor, typeFor } from '../problem.js'
import { conflictExample } from './conflicts.js'
import type { Schema } from './schema-walk.js'

export interface OperationFacts {
  path: string
  method: string
  operationId: string
  capability?: string
  /** The request body's schema (resolved), if any. */
  body?: Schema
  parameters: Schema[]
}

const EXAMPLE_ID = '3f1c2b9a-5d7e-4c1a-9b2f-8e6d4a2c1b0f'
const REQUEST_ID = '0b8a4e0c-8b55-4a0f-9d7b-3f4f2a6c9e11'

/** The resource named in a 404, by the path's first segment (the texts of `notFound(...)`). */
export const RESOURCES: Record<string, string> = {
  persons: 'Person', applications: 'Application', decisions: 'Decision', orders: 'Order', units: 'Unit',
  'webhook-subscriptions': 'Webhook subscription', indicators: 'Indicator', 'quality-categories': 'Category',
  'service-types': 'Service type', providers: 'Provider', 'lex-sarah-reports': 'Lex Sarah report', goals: 'Goal',
  'follow-ups': 'Follow-up', 'discharge-episodes': 'Discharge episode', deviations: 'Deviation', complaints: 'Complaint'
}

/** For a create, the record its body refers to is what may be missing. */
const REFERENCED: [string, string][] = [['personId', 'Person'], ['decisionId', 'Decision'], ['applicationId', 'Application'], ['providerId', 'Provider'], ['goalId', 'Goal']]

function missingResource(facts: OperationFacts): string {
  const segments = facts.path.split('/').filter(Boolean)
  const nested = segments.length > 2
  if (!nested) {
    const referenced = REFERENCED.find(([field]) => facts.body?.properties?.[field] !== undefined)
    if (referenced) return referenced[1]
  }
  if (facts.path.includes('{communicationId}')) return 'Communication'
  if (facts.path.includes('{offerId}')) return 'Offer'
  return RESOURCES[segments[1] ?? ''] ?? 'The resource'
}

const concretePath = (path: string) => path.replace(/\{month\}/g, '2026-03').replace(/\{[^}]+\}/g, EXAMPLE_ID)

function validationExample(facts: OperationFacts): Record<string, unknown> {
  const required: string[] = facts.body?.required ?? []
  if (facts.body && required.length > 0) {
    const field = required[0]!
    return { detail: 'The request body is invalid.', errors: [{ in: 'body', pointer: `/${field}`, message: `must have required property '${field}'` }] }
  }
  if (facts.body) return { detail: 'The request body is invalid.', errors: [{ in: 'body', pointer: '/unknownField', message: 'must NOT have additional properties' }] }
  const pathParameter = facts.parameters.find((p) => p.in === 'path')
  if (pathParameter) {
    const month = pathParameter.name === 'month'
    return { detail: 'The request params is invalid.', errors: [{ in: 'params', pointer: `/${pathParameter.name}`, message: month ? 'must match pattern "^[0-9]{4}-(0[1-9]|1[0-2])$"' : 'must match format "uuid"' }] }
  }
  const limit = facts.parameters.find((p) => p.in === 'query' && p.name === 'limit')
  if (limit) return { detail: 'The request querystring is invalid.', errors: [{ in: 'querystring', pointer: '/limit', message: `must be <= ${limit.schema?.maximum ?? 200}` }] }
  return { detail: 'The request querystring is invalid.', errors: [{ in: 'querystring', pointer: '/unknownFilter', message: 'must NOT have additional properties' }] }
}

function detailFor(status: number, facts: OperationFacts): Record<string, unknown> {
  switch (status) {
    case 400: return validationExample(facts)
    case 401: return { detail: 'The token has expired.' }
    case 403: return facts.operationId === 'decideService'
      ? { detail: 'Outside your delegation: Home care over 99 hours per month (rule \'home_care_over_99_hours\'; allowed roles: case_worker_special_delegation, deputy_unit_manager, unit_manager).', rule: 'home_care_over_99_hours' }
      : { detail: `Your role does not allow this (${(facts.capability ?? 'read_individual_data').replaceAll('_', ' ')}).` }
    case 404: return { detail: `${missingResource(facts)} was not found.` }
    case 409: return conflictExample(facts.operationId, facts.method)
    case 412: return { detail: 'The resource has changed (current version 3); fetch it again and retry with its ETag.' }
    case 413: return { detail: 'Request body is too large' }
    case 415: return { detail: 'Unsupported Media Type' }
    case 422: return { detail: 'This Idempotency-Key was used for a different request.' }
    case 429: return { detail: 'Too many requests; slow down and retry later.' }
    case 500: return { detail: 'An unexpected error occurred.' }
    case 503: return { detail: 'The database is unavailable; retry shortly.' }
    default: return { detail: titleFor(status) }
  }
}

export function problemExample(status: number, facts: OperationFacts): Record<string, unknown> {
  const { detail, type, ...extras } = detailFor(status, facts)
  return {
    type: type ?? typeFor(status),
    title: titleFor(status),
    status,
    detail,
    instance: `${concretePath(facts.path)}#request-${REQUEST_ID}`,
    ...extras
  }
}
