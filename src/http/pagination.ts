/**
 * Opaque keyset cursors: base64url JSON of the last row's sort key. A malformed cursor is the
 * caller's mistake and answers 400.
 */
import { badRequest } from './problem.js'

export function encodeCursor(key: (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url')
}

export function decodeCursor(cursor: string | undefined, shape: ('string' | 'number')[]): (string | number)[] | undefined {
  if (cursor === undefined) return undefined
  let value: unknown
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
  } catch {
    value = undefined
  }
  if (!Array.isArray(value) || value.length !== shape.length || !value.every((v, i) => typeof v === shape[i] && String(v).length <= 200)) {
    throw badRequest('/cursor', 'The cursor is malformed; use nextCursor from a previous page.', 'querystring')
  }
  return value as (string | number)[]
}

/** Takes limit+1 rows, returns the page and the cursor of its last row when more exist. */
export function toPage<T>(rows: T[], limit: number, keyOf: (row: T) => (string | number)[]) {
  const items = rows.slice(0, limit)
  const last = items[items.length - 1]
  return { items, nextCursor: rows.length > limit && last !== undefined ? encodeCursor(keyOf(last)) : null }
}
