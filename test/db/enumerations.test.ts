/**
 * The domain enumerations and the migrations agree: every text column whose CHECK constraint
 * is a list of values is typed by a domain enumeration (src/db/enumerations.ts) with exactly
 * those values, and the committed table types are what the migrations give.
 */
import fs from 'node:fs'
import { fileURLToPath } from 'node:url'
import t from 'tap'
import { generateTableTypes } from '../../src/db/codegen.js'
import { createDatabase } from '../../src/db/database.js'
import { COLUMN_ENUMERATIONS } from '../../src/db/enumerations.js'
import { migrate } from '../../src/db/migrate.js'
import { freshServerDatabase } from '../helper.js'

const GENERATED = fileURLToPath(new URL('../../src/db/generated.ts', import.meta.url))

/** `CHECK ((sex = ANY (ARRAY['female'::text, 'male'::text])))`, as pg_get_constraintdef prints `sex IN ('female', 'male')`. */
const IN_LIST = /^CHECK \(\((\w+) = ANY \(ARRAY\[(.*)\]\)\)\)$/
const LITERAL = /'((?:[^']|'')*)'::text/g

/** `table.column` → the values its CHECK constraint lists, for every such constraint in the schema. */
async function checkLists(query: <R>(text: string) => Promise<R[]>): Promise<Map<string, string[]>> {
  const rows = await query<{ table_name: string; definition: string }>(`
    SELECT c.conrelid::regclass::text AS table_name, pg_get_constraintdef(c.oid) AS definition
    FROM pg_constraint c
    WHERE c.contype = 'c' AND c.connamespace = 'public'::regnamespace
      -- a partition's copies of its table's constraints (the access log's months) are not lists of their own
      AND c.conislocal`)
  const lists = new Map<string, string[]>()
  for (const row of rows) {
    const match = IN_LIST.exec(row.definition)
    if (!match) continue
    const [, column, list] = match
    lists.set(`${row.table_name}.${column}`, [...list!.matchAll(LITERAL)].map((m) => m[1]!.replaceAll("''", "'")))
  }
  return lists
}

t.test('each CHECK list is a domain enumeration, and the committed table types match the migrations', async (t) => {
  const adminUrl = process.env.DATABASE_URL
  const databaseUrl = adminUrl ? await freshServerDatabase(t, adminUrl) : undefined
  const database = await createDatabase({ databaseUrl, pgliteDataDir: 'memory://', poolMax: 1 })
  t.teardown(() => database.close())
  await migrate(database)

  const lists = await database.withSession((session) => checkLists((text) => session.query(text)))
  t.ok(lists.size > 40, `the schema's CHECK lists are found (${lists.size})`)

  const typed = new Map<string, { type: string; values: readonly string[] }>()
  for (const e of COLUMN_ENUMERATIONS) for (const column of e.columns) typed.set(column, e)

  t.same([...lists].filter(([column]) => !typed.has(column)).map(([column, values]) => `${column}: ${values.join(', ')}`), [],
    'every CHECK list is typed by a domain enumeration in src/db/enumerations.ts')
  t.same([...typed.keys()].filter((column) => !lists.has(column)), [], 'every column typed by an enumeration has a CHECK list')
  const differences = [...typed].flatMap(([column, e]) => {
    const checked = lists.get(column) ?? []
    const notInDomain = checked.filter((v) => !e.values.includes(v))
    const notInCheck = e.values.filter((v) => !checked.includes(v))
    return lists.has(column) && notInDomain.length + notInCheck.length > 0 ? [{ column, type: e.type, notInDomain, notInCheck }] : []
  })
  t.same(differences, [], 'each CHECK list allows exactly the values of its domain enumeration')

  t.equal(await generateTableTypes(database.db), fs.readFileSync(GENERATED, 'utf8'),
    'src/db/generated.ts is what the migrations give (else: npm run db:types)')
})
