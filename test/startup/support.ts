/** Runs the real entry points as child processes and checks their one-line failures (failures*.test.ts). */
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Test } from 'tap'

export const ROOT = fileURLToPath(new URL('../../', import.meta.url))

export interface Outcome { code: number | null; stdout: string; stderr: string }

/** Runs a TypeScript entry point with a clean environment plus `env`. */
export function run(entry: string, env: Record<string, string>): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', entry], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? os.tmpdir(), LOG_LEVEL: 'warn', METRICS_PORT: '0', PORT: '0', ...env },
      stdio: ['ignore', 'pipe', 'pipe']
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => { stdout += chunk })
    child.stderr.on('data', (chunk) => { stderr += chunk })
    const timer = setTimeout(() => child.kill('SIGKILL'), 90_000)
    child.on('error', reject)
    child.on('close', (code) => { clearTimeout(timer); resolve({ code, stdout, stderr }) })
  })
}

export function oneLine(t: Test, outcome: Outcome, code: number, message: RegExp, name: string) {
  t.equal(outcome.code, code, `${name}: exit code ${code}`)
  const lines = outcome.stderr.trim().split('\n')
  t.equal(lines.length, 1, `${name}: one line on stderr`)
  t.match(lines[0], message, `${name}: ${lines[0]}`)
  t.notMatch(outcome.stderr, /\n\s+at /, `${name}: no stack trace`)
}

export const tmp = (t: Test) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bea-startup-'))
  t.teardown(() => fs.rmSync(dir, { recursive: true, force: true }))
  return dir
}

