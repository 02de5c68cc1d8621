/**
 * What the jsonb columns hold. Both drivers parse jsonb when reading; writes pass the JSON
 * text (`JSON.stringify`), so a jsonb column reads as its value and is written as a string.
 * `npm run db:types` types each column below with its shape.
 */
import type { ColumnType } from 'kysely'

export type JsonColumn<T> = ColumnType<T, string, string>

/** What was shared with the applicant: the requested services at the time of the communication. */
export interface CommunicatedService {
  serviceTypeCode: string
  requestedHoursPerMonth: number | null
}

/** `table.column` → the type of its value, in the generated file's words (imports below). */
export const JSON_COLUMNS: Readonly<Record<string, string>> = {
  'persons.representatives': 'JsonColumn<Representative[]>',
  'communications.requested_services': 'JsonColumn<CommunicatedService[]>',
  'idempotency_keys.response_headers': 'JsonColumn<Record<string, string>>',
  'indicators.formula_params': 'JsonColumn<Record<string, string>>'
}

/** Where the generated file imports the names used above from, relative to src/db/. */
export const JSON_COLUMN_IMPORTS: Readonly<Record<string, string>> = {
  JsonColumn: './json-columns.js',
  CommunicatedService: './json-columns.js',
  Representative: '../domain/person.js'
}
