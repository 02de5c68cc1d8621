/**
 * Query capture and plan reading, shared by `test/db/query-plans.test.ts` (small data, seqscans
 * disabled: a Seq Scan then means no index can serve the query) and `npm run explain` (the
 * scaled database, real statistics, EXPLAIN ANALYZE). Works on PGlite and PostgreSQL alike.
 */
import type { Database, Session } from '../../src/db/database.js'

/**
 * Tables that grow with the city's history: a sequential scan of one of them is a bug. Small
 * reference tables (units, service types, providers, rules, categories, KIN questions,
 * indicators, goals…) may be scanned.
 */
export const LARGE_TABLES: ReadonlySet<string> = new Set([
  'persons', 'applications', 'application_services', 'decisions', 'executions', 'execution_hours',
  'execution_interruptions', 'execution_offers', 'follow_ups', 'kin_answers', 'complaints',
  'deviations', 'lex_sarah_reports', 'audit_events', 'indicator_values', 'communications',
  'idempotency_keys', 'granted_decision_states', 'orders', 'delivered_time'
])

export interface Statement {
  sql: string
  parameters: readonly unknown[]
}

/**
 * Collects the statements Kysely runs while a piece of work is recorded; pass `onQuery` to
 * createDatabase. Statements outside `during` (fixtures, setup) are ignored.
 */
export class QueryRecorder {
  private current: Statement[] | null = null

  readonly onQuery = (sql: string, parameters: readonly unknown[]): void => {
    this.current?.push({ sql, parameters })
  }

  async during<T>(work: () => Promise<T>): Promise<{ result: T; statements: Statement[] }> {
    if (this.current !== null) throw new Error('QueryRecorder: recordings do not nest')
    const statements: Statement[] = []
    this.current = statements
    try {
      return { result: await work(), statements }
    } finally {
      this.current = null
    }
  }
}

/** Reads only: EXPLAIN ANALYZE must not write, and writes are not what the plans are about. */
export const isRead = (s: Statement): boolean => /^\s*(select|with)\b/i.test(s.sql)

/** One node of a plan that reads a table or an index. */
export interface ScanNode {
  nodeType: string
  relation: string | null
  index: string | null
  /** The index condition (or bitmap recheck condition); null for a full scan. */
  condition: string | null
  filter: string | null
  /** Rows the planner expected, and with ANALYZE the rows returned (over all loops). */
  planRows: number
  actualRows: number | null
}

export interface PlanResult {
  scans: ScanNode[]
  /** With ANALYZE: the statement's execution time (ms). */
  executionMs: number | null
  planningMs: number | null
  text: unknown
}

type PlanNode = Record<string, unknown> & { Plans?: PlanNode[] }

function walk(node: PlanNode, out: ScanNode[]): void {
  const nodeType = String(node['Node Type'])
  if (/Scan$/.test(nodeType) && (node['Relation Name'] !== undefined || node['Index Name'] !== undefined)) {
    const loops = typeof node['Actual Loops'] === 'number' ? node['Actual Loops'] : 1
    out.push({
      nodeType,
      relation: (node['Relation Name'] as string | undefined) ?? null,
      index: (node['Index Name'] as string | undefined) ?? null,
      condition: (node['Index Cond'] as string | undefined) ?? (node['Recheck Cond'] as string | undefined) ?? null,
      filter: (node.Filter as string | undefined) ?? null,
      planRows: Number(node['Plan Rows'] ?? 0),
      actualRows: typeof node['Actual Rows'] === 'number' ? node['Actual Rows'] * loops : null
    })
  }
  for (const child of node.Plans ?? []) walk(child, out)
}

/** The scan nodes of an `EXPLAIN (FORMAT JSON)` result, depth first. */
export function scanNodes(explained: unknown): ScanNode[] {
  const top = (typeof explained === 'string' ? JSON.parse(explained) : explained) as { Plan: PlanNode }[]
  const out: ScanNode[] = []
  for (const entry of top) walk(entry.Plan, out)
  return out
}

/**
 * Bitmap index scans name no table; the heap scan above them does. Index names carry their
 * table (e.g. `decisions_unit_date_idx`), so a bitmap index scan is attributed by its heap scan.
 */
export const seqScansOfLargeTables = (scans: readonly ScanNode[]): ScanNode[] =>
  scans.filter((s) => s.nodeType === 'Seq Scan' && s.relation !== null && LARGE_TABLES.has(s.relation))

export interface ExplainOptions {
  /** Run the statement (EXPLAIN ANALYZE, BUFFERS) inside a rolled-back transaction. */
  analyze?: boolean
  /** SET LOCAL enable_seqscan = off: the planner then scans sequentially only when no index can serve. */
  seqscanOff?: boolean
}

/** EXPLAIN of one captured statement with its own parameters, in a transaction that is rolled back. */
export async function explain(database: Database, statement: Statement, options: ExplainOptions = {}): Promise<PlanResult> {
  const what = options.analyze ? 'ANALYZE, BUFFERS, FORMAT JSON' : 'FORMAT JSON'
  return database.withSession(async (session: Session) => {
    await session.query('BEGIN')
    try {
      if (options.seqscanOff) await session.query('SET LOCAL enable_seqscan = off')
      const rows = await session.query<Record<string, unknown>>(`EXPLAIN (${what}) ${statement.sql}`, [...statement.parameters])
      const raw = rows[0]?.['QUERY PLAN']
      const parsed = (typeof raw === 'string' ? JSON.parse(raw) : raw) as Record<string, unknown>[]
      const first = parsed[0] ?? {}
      return {
        scans: scanNodes(parsed),
        executionMs: typeof first['Execution Time'] === 'number' ? first['Execution Time'] : null,
        planningMs: typeof first['Planning Time'] === 'number' ? first['Planning Time'] : null,
        text: parsed
      }
    } finally {
      await session.query('ROLLBACK')
    }
  })
}

/** A statement shortened to one line for a message: enough to recognise the query. */
export function shortSql(sql: string, max = 240): string {
  const line = sql.replace(/\s+/g, ' ').trim()
  return line.length > max ? `${line.slice(0, max)}…` : line
}

/** `Index Scan using x on t`, the way EXPLAIN prints it, with the condition. */
export function describeScan(s: ScanNode): string {
  const on = s.relation ? ` on ${s.relation}` : ''
  const using = s.index ? ` using ${s.index}` : ''
  const cond = s.condition ? ` (${s.condition})` : s.nodeType === 'Seq Scan' ? '' : ' (no index condition)'
  const rows = s.actualRows !== null ? ` rows=${s.actualRows}` : ''
  return `${s.nodeType}${using}${on}${cond}${rows}`
}
