/**
 * Start-up failures about DATA_DIR and the embedded database (see failures.test.ts for the
 * network ones): one line and a distinct exit code, from the real entry points run as child
 * processes. Two files so that each stays well inside tap's per-file timeout on a busy machine.
 */
import fs from 'node:fs'
import path from 'node:path'
import t from 'tap'
import { EXIT_CODES } from '../../src/startup/failures.js'
import { oneLine, run, tmp } from './support.js'

t.test('a DATA_DIR that is a file, exit 82, for the server and a command', async (t) => {
  const file = path.join(tmp(t), 'not-a-directory')
  fs.writeFileSync(file, '')
  oneLine(t, await run('src/server.ts', { DATA_DIR: file }), EXIT_CODES.dataDir, /^DATA_DIR=\S*not-a-directory exists and is not a directory/, 'server')
  oneLine(t, await run('src/cli/migrate.ts', { DATA_DIR: file }), EXIT_CODES.dataDir, /^DATA_DIR=\S*not-a-directory exists and is not a directory/, 'migrate')
})

t.test('an embedded database in use by another process, exit 83, for the server and every command', async (t) => {
  const dataDir = tmp(t)
  // This test process holds the lock, as a running `npm start` would.
  fs.writeFileSync(path.join(dataDir, 'pglite.lock'), `${process.pid}\n`)
  const message = new RegExp(`^${dataDir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is in use by process ${process.pid} — stop \`npm start\` first, or point DATA_DIR elsewhere$`)
  for (const entry of ['src/server.ts', 'src/cli/migrate.ts', 'src/cli/seed-demo.ts']) {
    const outcome = await run(entry, { DATA_DIR: dataDir })
    t.equal(outcome.code, EXIT_CODES.dataDirInUse, `${entry}: exit 83`)
    t.match(outcome.stderr.trim(), message, `${entry}: ${outcome.stderr.trim()}`)
    t.notMatch(outcome.stderr, /RuntimeError|Aborted|\n\s+at /, `${entry}: no PGlite crash, no stack`)
  }
  t.equal(fs.readFileSync(path.join(dataDir, 'pglite.lock'), 'utf8').trim(), String(process.pid), 'the holder keeps its lock')
})

t.test('production refuses the embedded database unless told, exit 78', async (t) => {
  const production = { NODE_ENV: 'production', AUTH_JWKS_URL: 'https://idp.example/jwks.json', DATA_DIR: tmp(t) }
  oneLine(t, await run('src/server.ts', production), EXIT_CODES.config,
    /^Invalid configuration: DATABASE_URL is required when NODE_ENV=production: .*lose it with the container .*EMBEDDED_DATABASE_IN_PRODUCTION=true/, 'no DATABASE_URL')
  // Allowed explicitly, DATA_DIR must still be a mounted volume, not the container's own layer.
  const onRoot = fs.readFileSync('/proc/self/mountinfo', 'utf8').split('\n').map((l) => l.split(' ')[4])
    .filter((m): m is string => m !== undefined && m !== '/' && `${production.DATA_DIR}/`.startsWith(m.endsWith('/') ? m : `${m}/`)).length === 0
  if (onRoot) {
    oneLine(t, await run('src/server.ts', { ...production, EMBEDDED_DATABASE_IN_PRODUCTION: 'true' }), EXIT_CODES.config,
      /^Invalid configuration: DATA_DIR \(.*\) is not on a mounted volume/, 'allowed, but DATA_DIR on the root file system')
  }
})
