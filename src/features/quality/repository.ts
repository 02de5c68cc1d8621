/** Queries shared by complaints, deviations and Lex Sarah reports: case numbers and who may see an item. */
import { sql, type Kysely, type RawBuilder } from 'kysely'
import type { Actor } from '../../auth/actor.js'
import { seesProtectedIdentities } from '../../auth/access.js'
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

type QualityTable = 'complaints' | 'deviations' | 'lex_sarah_reports'

/**
 * The item belongs to the caller's unit, and a linked person must be visible to the caller
 * (a protected identity needs the permission) — otherwise the item answers 404 like any
 * other record of that person.
 */
export function qualityItemVisibleTo(table: QualityTable, actor: Actor): RawBuilder<boolean> {
  const personId = sql.ref(`${table}.person_id`)
  const protectedClause = seesProtectedIdentities(actor) ? sql`` : sql` AND NOT p.protected_identity`
  return sql<boolean>`(${sql.ref(`${table}.unit_id`)} = ${actor.unitId} AND (${personId} IS NULL OR EXISTS (
    SELECT 1 FROM persons p WHERE p.id = ${personId} AND p.unit_id = ${actor.unitId}${protectedClause})))`
}
