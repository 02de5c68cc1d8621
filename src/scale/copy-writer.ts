/**
 * Rows for one table, encoded at once into PostgreSQL's COPY text format and sent with
 * `COPY … FROM STDIN` when flushed. Encoding on `add` keeps memory to the text itself (no row
 * objects pile up), and a flush streams it in pieces that respect the socket's backpressure.
 */
import { once } from 'node:events'
import type { Insertable } from 'kysely'
import type pg from 'pg'
import { from as copyFrom } from 'pg-copy-streams'
import type { DB } from '../db/schema.js'

export type TableName = keyof DB & string
export type Row<T extends TableName> = Insertable<DB[T]>

const NULL = '\\N'

/** Escapes a text value for the COPY text format: backslash, tab, newline and carriage return. */
export function copyText(value: string): string {
  return /[\\\t\n\r]/.test(value)
    ? value.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'))
    : value
}

/** A text[] literal; elements are quoted, so commas and braces inside them are safe. */
function arrayLiteral(items: readonly unknown[]): string {
  return `{${items.map((item) => (item === null ? 'NULL' : `"${String(item).replace(/["\\]/g, (c) => `\\${c}`)}"`)).join(',')}}`
}

export function copyValue(value: unknown): string {
  if (value === null || value === undefined) return NULL
  if (typeof value === 'string') return copyText(value)
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`cannot COPY the number ${value}`)
    return String(value)
  }
  if (typeof value === 'boolean') return value ? 't' : 'f'
  if (Array.isArray(value)) return copyText(arrayLiteral(value))
  throw new Error(`cannot COPY a value of type ${typeof value}`)
}

const PIECE = 1 << 20

export class CopyBuffer<T extends TableName> {
  /** Finished pieces of about PIECE characters (as bytes: a flat copy, the string ropes can go), and the one being filled. */
  private pieces: Buffer[] = []
  private piece = ''
  private pending = 0
  /** Rows sent to the database so far. */
  loaded = 0

  constructor(readonly table: T, readonly columns: readonly (keyof Row<T> & string)[]) {}

  add(row: Row<T>): void {
    const record = row as Record<string, unknown>
    let line = ''
    for (let i = 0; i < this.columns.length; i++) {
      if (i > 0) line += '\t'
      line += copyValue(record[this.columns[i] as string])
    }
    this.piece += line + '\n'
    if (this.piece.length >= PIECE) {
      this.pieces.push(Buffer.from(this.piece, 'utf8'))
      this.piece = ''
    }
    this.pending++
  }

  get size(): number {
    return this.pending
  }

  /** Sends the buffered rows with one COPY; returns how many were sent. */
  async flush(client: pg.ClientBase): Promise<number> {
    if (this.pending === 0) return 0
    const pieces = this.piece === '' ? this.pieces : [...this.pieces, Buffer.from(this.piece, 'utf8')]
    const count = this.pending
    this.pieces = []
    this.piece = ''
    this.pending = 0
    const stream = client.query(copyFrom(`COPY ${this.table} (${this.columns.join(', ')}) FROM STDIN`))
    const done = new Promise<void>((resolve, reject) => {
      stream.on('finish', resolve)
      stream.on('error', reject)
    })
    for (const piece of pieces) {
      if (!stream.write(piece)) await Promise.race([once(stream, 'drain'), done])
    }
    stream.end()
    await done
    this.loaded += count
    return count
  }
}
