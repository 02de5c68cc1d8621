/**
 * CSV for spreadsheets opened with Swedish locale, where reports end up: `;` separates fields
 * because `,` is the decimal sign, a BOM tells Excel the text is UTF-8, CRLF ends each record
 * (RFC 4180). Text that a spreadsheet would run as a formula is neutralised.
 */
import type { FastifyReply, FastifyRequest } from 'fastify'
import { Type, type TSchema } from 'typebox'

export const CSV_MEDIA_TYPE = 'text/csv'

export type CsvCell = string | number | boolean | null | undefined

export interface CsvColumn<Row> {
  header: string
  value: (row: Row) => CsvCell
}

/** 6.2 → "6,2". Numbers are never quoted, so the spreadsheet reads them as numbers. */
export function swedishNumber(value: number): string {
  return String(value).replace('.', ',')
}

// A cell starting with = + - @ (or a tab/CR) is a formula to a spreadsheet (CSV injection).
const FORMULA_START = /^[=+\-@\t\r]/

function cell(value: CsvCell): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'number') return swedishNumber(value)
  if (typeof value === 'boolean') return value ? 'ja' : 'nej'
  const text = FORMULA_START.test(value) ? `'${value}` : value
  return /[;"\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

export function toCsv<Row>(columns: readonly CsvColumn<Row>[], rows: Iterable<Row>): string {
  const lines = [columns.map((column) => cell(column.header)).join(';')]
  for (const row of rows) lines.push(columns.map((column) => cell(column.value(row))).join(';'))
  return '\uFEFF' + lines.join('\r\n') + '\r\n'
}

/**
 * True when the client asked for CSV rather than JSON: `Accept: text/csv`, or CSV with a
 * higher quality than JSON. Without an Accept header the answer is JSON.
 */
export function wantsCsv(request: FastifyRequest): boolean {
  const accept = request.headers.accept
  if (!accept) return false
  let csv = 0
  let json = 0
  for (const range of accept.split(',')) {
    const [type = '', ...params] = range.trim().toLowerCase().split(';').map((part) => part.trim())
    const q = Number(params.find((param) => param.startsWith('q='))?.slice(2) ?? 1)
    const quality = Number.isFinite(q) ? q : 0
    if (type === CSV_MEDIA_TYPE || type === 'text/*') csv = Math.max(csv, type === CSV_MEDIA_TYPE ? quality : quality - 0.001)
    if (type === 'application/json' || type === 'application/*' || type === '*/*') json = Math.max(json, type === 'application/json' ? quality : quality - 0.001)
  }
  return csv > 0 && csv > json
}

export function sendCsv(reply: FastifyReply, filename: string, csv: string): string {
  reply
    .type(`${CSV_MEDIA_TYPE}; charset=utf-8`)
    .header('content-disposition', `attachment; filename="${filename}"`)
  return csv
}

/** A 200 response that is JSON by default and CSV on request, both documented in OpenAPI. */
export const jsonOrCsv = (schema: TSchema, description: string) => ({
  description,
  content: {
    'application/json': { schema },
    [CSV_MEDIA_TYPE]: { schema: Type.String({ description: 'Semicolon-separated, decimal comma, UTF-8 with BOM (opens in a spreadsheet with Swedish locale).' }) }
  }
})
