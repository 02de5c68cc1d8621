/**
 * The Kysely table types (src/db/generated.ts), read from a migrated database with
 * kysely-codegen. Types follow the value parsers of database.ts: `date` is a 'YYYY-MM-DD'
 * string, `timestamptz` an ISO string, `numeric` and `int8` numbers. Text columns with a CHECK
 * list get their domain enumeration's type (enumerations.ts), jsonb columns their shape
 * (json-columns.ts). Used by `npm run db:types`; a development tool, never loaded by the app.
 */
import type { Kysely } from 'kysely'
import { PostgresDialect, serializeFromMetadata, type DatabaseMetadata } from 'kysely-codegen'
import { COLUMN_ENUMERATIONS } from './enumerations.js'
import { JSON_COLUMN_IMPORTS, JSON_COLUMNS } from './json-columns.js'

const HEADER = '// Generated from the migrations by `npm run db:types`; CI fails when it is out of date.\n'

const TYPE_MAPPING = { date: 'string', timestamp: 'string', timestamptz: 'string', numeric: 'number', int8: 'number' }

/**
 * Arrays whose elements may be NULL (the catalogue cannot say so): the access log's resources
 * and persons, where a search that found no one logs a NULL person.
 */
const NULLABLE_ELEMENT_ARRAYS: Readonly<Record<string, string>> = {
  'access_log.resource_ids': '(string | null)[]',
  'access_log.person_ids': '(string | null)[]'
}

/** `table.column` → its value's type, and where the generated file imports the names from. */
function columnTypes() {
  const types = new Map<string, string>([...Object.entries(JSON_COLUMNS), ...Object.entries(NULLABLE_ELEMENT_ARRAYS)])
  const imports: Record<string, string> = { ...JSON_COLUMN_IMPORTS }
  for (const e of COLUMN_ENUMERATIONS) {
    imports[e.type] = e.module
    for (const column of e.columns) types.set(column, e.type)
  }
  return { types, imports }
}

/** The overrides, written as the column's own type would be: nullable `| null`, defaulted `Generated<…>`. */
function overridesFor(metadata: DatabaseMetadata, types: ReadonlyMap<string, string>): Record<string, string> {
  const overrides: Record<string, string> = {}
  for (const table of metadata.tables) {
    for (const column of table.columns) {
      const key = `${table.name}.${column.name}`
      const type = types.get(key)
      if (type === undefined) continue
      const value = column.isNullable ? `${type} | null` : type
      overrides[key] = column.hasDefaultValue ? `Generated<${value}>` : value
    }
  }
  const unknown = [...types.keys()].filter((key) => !(key in overrides))
  if (unknown.length > 0) throw new Error(`No such column in the migrated database: ${unknown.join(', ')}`)
  return overrides
}

/** The source text of generated.ts for the database `db` is connected to. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the introspector reads the catalogue, whatever the tables
export async function generateTableTypes(db: Kysely<any>): Promise<string> {
  const dialect = new PostgresDialect({ dateParser: 'string', numericParser: 'number' })
  const metadata = await dialect.introspector.introspect({ db })
  const { types, imports } = columnTypes()
  const source = serializeFromMetadata({
    dialect,
    metadata,
    defaultSchemas: ['public'],
    typeMapping: TYPE_MAPPING,
    customImports: imports,
    overrides: { columns: overridesFor(metadata, types) }
  })
  return HEADER + source
}
