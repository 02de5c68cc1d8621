/**
 * `npm run start:measure`: how long `npm start` takes to answer /health/ready on a fresh clone,
 * first and second time, and what it prints meanwhile. It clones the current commit (HEAD, so
 * commit first) into a temp dir, gives it dependencies, and runs `npm start` there twice with
 * nothing changed in between; the embedded database is used, as a new user would.
 *
 *   npm run start:measure                 # node_modules linked from this checkout (install not timed)
 *   npm run start:measure -- --install    # a real `npm ci` in the clone first (timed separately)
 *   npm run start:measure -- --keep       # keep the clone for a look
 *
 * The README's numbers come from this script.
 */
import { execFileSync, spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { fileURLToPath } from 'node:url'
import { freePort } from './process.js'

const { values } = parseArgs({ options: { install: { type: 'boolean', default: false }, keep: { type: 'boolean', default: false } } })
const repo = fileURLToPath(new URL('../../', import.meta.url))
const clone = fs.mkdtempSync(path.join(os.tmpdir(), 'bea-fresh-clone-'))

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`
}

execFileSync('git', ['clone', '--quiet', '--no-hardlinks', repo, clone])
console.log(`Fresh clone of ${execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: clone, encoding: 'utf8' }).trim()} in ${clone}`)
if (values.install) {
  const started = Date.now()
  execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: clone, stdio: 'inherit' })
  console.log(`npm ci: ${seconds(Date.now() - started)}`)
} else {
  fs.symlinkSync(path.join(repo, 'node_modules'), path.join(clone, 'node_modules'))
}

/** One `npm start` until /health/ready answers 200; returns the time and every line printed meanwhile. */
async function start(label: string): Promise<number> {
  const port = await freePort()
  const metricsPort = await freePort()
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), METRICS_PORT: String(metricsPort), NODE_ENV: 'development' }
  delete env.DATABASE_URL
  delete env.DATA_DIR
  const started = Date.now()
  const child = spawn('npm', ['start'], { cwd: clone, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true })
  const lines: string[] = []
  const keep = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) {
      if (line.trim() === '' || line.startsWith('{')) continue // pino's request log lines
      lines.push(`  +${seconds(Date.now() - started).padStart(7)}  ${line}`)
    }
  }
  child.stdout.on('data', keep)
  child.stderr.on('data', keep)
  let exited = false
  child.on('exit', () => { exited = true })
  let elapsed = NaN
  while (!exited && Date.now() - started < 600_000) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/health/ready`)
      if (response.ok) { elapsed = Date.now() - started; break }
    } catch { /* not listening yet */ }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  // npm start → sh → node: stop the whole group, and wait for the database lock to go.
  try { process.kill(-(child.pid ?? 0), 'SIGTERM') } catch { /* gone */ }
  while (!exited) await new Promise((resolve) => setTimeout(resolve, 100))
  console.log(`\n${label}: ${Number.isNaN(elapsed) ? 'never ready' : `ready after ${seconds(elapsed)}`}`)
  console.log(lines.join('\n'))
  return elapsed
}

try {
  const first = await start('First start (builds dist/, creates and migrates the embedded database)')
  const second = await start('Second start (nothing changed)')
  console.log(`\nfirst start ${seconds(first)}, second start ${seconds(second)} (load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}, ${os.cpus().length} CPUs)`)
  process.exitCode = Number.isNaN(first) || Number.isNaN(second) ? 1 : 0
} finally {
  if (values.keep) console.log(`kept ${clone}`)
  else fs.rmSync(clone, { recursive: true, force: true })
}
