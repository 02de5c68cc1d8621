import { sql, type Kysely } from 'kysely'
import type { DB } from '../../db/schema.js'

const SEQUENCES = {
  SYN: 'complaint_case_number_seq',
  AVV: 'deviation_case_number_seq',
  LXS: 'lex_sarah_case_number_seq'
} as const

/** Human case numbers like SYN-2026-000042 (synpunkt), AVV- (avvikelse), LXS- (lex Sarah). */
export async function nextCaseNumber(db: Kysely<DB>, prefix: keyof typeof SEQUENCES, year: string): Promise<string> {
  const { rows } = await sql<{ n: string }>`SELECT nextval(${SEQUENCES[prefix]}::regclass) AS n`.execute(db)
  return `${prefix}-${year}-${String(rows[0]?.n).padStart(6, '0')}`
}

