/**
 * `npm run seed:scale -- [--persons N] [--years N] [--seed N] [--reset] [--access-log-years N]
 * [--access-log-only]`: loads a whole city (13 units, 35,000 persons and ten years of cases by
 * default, and the last year of reads in the access log) into the PostgreSQL database in
 * DATABASE_URL, creating it if needed. `--access-log-only` adds just the reads to a city loaded
 * before. Progress goes to stderr, the summary to stdout.
 */
import { loadCity } from '../scale/load.js'
import { OptionError, parseScaleOptions } from '../scale/options.js'
import { staffOf } from '../scale/staff.js'

try {
  const options = parseScaleOptions(process.argv.slice(2))
  const result = await loadCity(options, process.env.DATABASE_URL, (line) => process.stderr.write(`seed:scale  ${line}\n`))
  const width = Math.max(...result.counts.map((c) => c.table.length))
  const lines = [
    options.accessLogOnly
      ? `Added reads to the access log of ${result.database}, seed ${options.seed}.`
      : `Loaded ${result.database}: ${options.persons} persons, ${options.years} years (${result.windowStart} – ${result.today}), seed ${options.seed}.`,
    ...(result.accessLog
      ? [`Access log: ${result.accessLog.rows.toLocaleString('en')} rows, ${result.accessLog.events.toLocaleString('en')} person-events (${result.accessLog.from} – ${result.accessLog.to}) in ${result.accessLog.seconds.toFixed(1)} s.`]
      : []),
    '',
    `${'table'.padEnd(width)}  ${'rows'.padStart(10)}`,
    ...result.counts.map((c) => `${c.table.padEnd(width)}  ${String(c.rows).padStart(10)}`),
    '',
    `Elapsed: ${result.seconds.toFixed(1)} s`,
    '',
    'Staff (for tokens): case workers hk.<unit>.01 … (25–46 per unit; 01 and 02 hold case_worker_special_delegation),',
    'unit manager ec.<unit>, deputies bec.<unit>.1 and .2, quality officer kval.<unit>. For example:',
    ...['rinkeby-kista', 'sodermalm'].map((u) => {
      const s = staffOf(u)
      return `  ${u}: ${s.caseWorkers[0]} … ${s.caseWorkers[s.caseWorkers.length - 1]}, ${s.managers.join(', ')}`
    })
  ]
  process.stdout.write(lines.join('\n') + '\n')
} catch (error) {
  if (error instanceof OptionError) {
    process.stderr.write(`seed:scale: ${error.message}\n`)
    process.exit(2)
  }
  throw error
}
