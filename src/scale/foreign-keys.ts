/**
 * The city is loaded with foreign-key triggers off (session_replication_role = replica, as
 * pg_restore --disable-triggers does): checking each of millions of rows one by one costs a
 * third of the load. Instead every foreign key of the schema is checked afterwards, read from
 * the catalog so that a new migration's keys are checked too, each with one anti-join.
 */
import type pg from 'pg'

interface ForeignKey { name: string; child: string; parent: string; childColumns: string[]; parentColumns: string[] }

export async function foreignKeys(client: pg.ClientBase): Promise<ForeignKey[]> {
  const { rows } = await client.query<ForeignKey>(`
    SELECT c.conname AS name, c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent,
           array(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY k(n, i) JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.i) AS "childColumns",
           array(SELECT a.attname::text FROM unnest(c.confkey) WITH ORDINALITY k(n, i) JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n ORDER BY k.i) AS "parentColumns"
    FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
    WHERE c.contype = 'f' AND n.nspname = current_schema()
    ORDER BY 2, 1`)
  return rows
}

/** Rows whose key (all columns set) has no parent row, per foreign key that has any. */
export async function danglingReferences(client: pg.ClientBase): Promise<{ name: string; rows: number }[]> {
  const found: { name: string; rows: number }[] = []
  for (const fk of await foreignKeys(client)) {
    const q = (s: string) => `"${s.replace(/"/g, '""')}"`
    const set = fk.childColumns.map((c) => `c.${q(c)} IS NOT NULL`).join(' AND ')
    const match = fk.childColumns.map((c, i) => `p.${q(fk.parentColumns[i] as string)} = c.${q(c)}`).join(' AND ')
    const { rows } = await client.query<{ n: string }>(
      `SELECT count(*) AS n FROM ${fk.child} c WHERE ${set} AND NOT EXISTS (SELECT 1 FROM ${fk.parent} p WHERE ${match})`)
    const n = Number(rows[0]?.n)
    if (n > 0) found.push({ name: `${fk.child}.${fk.name}`, rows: n })
  }
  return found
}
