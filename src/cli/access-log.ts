/**
 * `npm run access-log -- partitions` creates the access log's monthly partitions up to 24
 * months ahead (migration 0020 created them up to two years after it ran; run this monthly).
 *
 * `npm run access-log -- archive --dir DIR [--dry-run]` archives every month past the
 * retention (ACCESS_LOG_RETENTION_MONTHS, default 60): detaches the month's partition, dumps it
 * with pg_dump (custom format, DIR/access_log_yYYYYmMM.dump), checks the dump with pg_restore
 * --list, and only then drops the table. A failed dump leaves the detached table in place.
 *
 * Both run as the schema's owner (the service's role may not create, detach or drop tables),
 * against DATABASE_URL; pg_dump and pg_restore must be on the PATH.
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import pg from 'pg'
import { loadAccessLogConfig } from '../config.js'
import { todayInStockholm } from '../domain/calendar.js'
import { monthsPastRetention } from '../domain/audit.js'

const MONTHS_AHEAD = 24

const { values, positionals } = parseArgs({ allowPositionals: true, options: { dir: { type: 'string' }, 'dry-run': { type: 'boolean', default: false } } })
const command = positionals[0]
const databaseUrl = process.env.DATABASE_URL
if (!databaseUrl?.startsWith('postgres')) {
  console.error('access-log: set DATABASE_URL to the PostgreSQL database (as its owner role).')
  process.exit(2)
}
if (command !== 'partitions' && command !== 'archive') {
  console.error('usage: npm run access-log -- partitions | archive --dir DIR [--dry-run]')
  process.exit(2)
}

const client = new pg.Client({ connectionString: databaseUrl, application_name: 'access-log' })
await client.connect()
try {
  if (command === 'partitions') {
    const r = await client.query<{ name: string }>(`SELECT access_log_create_partition(m::date) AS name
      FROM generate_series(date_trunc('month', now() AT TIME ZONE 'UTC'), date_trunc('month', now() AT TIME ZONE 'UTC') + $1 * interval '1 month', interval '1 month') AS m`, [MONTHS_AHEAD])
    console.log(`access_log partitions up to ${r.rows.at(-1)?.name}`)
  } else {
    const { retentionMonths } = loadAccessLogConfig()
    const dir = values.dir
    if (!dir) throw new Error('archive needs --dir DIR: where the dumps of the archived months go')
    const attached = await client.query<{ name: string }>(`SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
      WHERE i.inhparent = 'access_log'::regclass AND c.relname ~ '^access_log_y[0-9]{4}m[0-9]{2}$' ORDER BY 1`)
    const monthOf = (name: string) => `${name.slice(12, 16)}-${name.slice(17, 19)}`
    const due = monthsPastRetention(attached.rows.map((r) => monthOf(r.name)), todayInStockholm(), retentionMonths)
    console.log(`retention ${retentionMonths} months: ${due.length} month(s) to archive${due.length ? ` (${due[0]} … ${due.at(-1)})` : ''}`)
    if (!values['dry-run']) fs.mkdirSync(dir, { recursive: true })
    for (const month of due) {
      const table = `access_log_y${month.slice(0, 4)}m${month.slice(5, 7)}`
      const file = path.join(dir, `${table}.dump`)
      if (values['dry-run']) {
        console.log(`would archive ${table} to ${file}`)
        continue
      }
      await client.query(`ALTER TABLE access_log DETACH PARTITION ${table}`)
      execFileSync('pg_dump', ['--format=custom', `--table=public.${table}`, `--file=${file}`, databaseUrl], { stdio: 'inherit' })
      execFileSync('pg_restore', ['--list', file], { stdio: 'ignore' })
      await client.query(`DROP TABLE ${table}`)
      console.log(`archived ${table} to ${file} (${(fs.statSync(file).size / 1e6).toFixed(1)} MB) and dropped it`)
    }
  }
} finally {
  await client.end()
}
