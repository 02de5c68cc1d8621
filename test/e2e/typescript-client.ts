/**
 * `npm run example:client` (and a CI step): the typed client example in examples/typescript-client
 * against the current contract and a started server — install its dependencies (npm ci), generate
 * its types from openapi/openapi.json, type-check it strictly, start the built server, run the
 * whole case with a case worker's and an administrator's development token, stop the server.
 * Exits non-zero when any of it fails. `--no-install` skips npm ci (its node_modules kept).
 */
import { execFileSync, spawnSync } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { startBuiltServer } from './built-server.js'

const root = fileURLToPath(new URL('../..', import.meta.url))
const example = path.join(root, 'examples/typescript-client')
const step = (what: string, command: string, args: string[]) => {
  console.log(`\n— ${what}: ${command} ${args.join(' ')}`)
  execFileSync(command, args, { cwd: example, stdio: 'inherit' })
}

if (!process.argv.includes('--no-install')) step('install', 'npm', ['ci', '--no-audit', '--no-fund'])
step('types from ../../openapi/openapi.json', 'npm', ['run', '-s', 'generate'])
step('strict type-check (no casts: ESLint forbids them)', 'npm', ['run', '-s', 'typecheck'])

console.log('\n— the built server, then the whole case')
const server = await startBuiltServer(root, 'typescript-client-example')
let status: number | null
try {
  const env = {
    ...process.env,
    BASE_URL: server.url,
    TOKEN: server.token('--role', 'case_worker', '--sub', 'example.case-worker', '--expires', '15m'),
    ADMIN_TOKEN: server.token('--role', 'administrator', '--sub', 'example.administrator', '--expires', '15m')
  }
  status = spawnSync(process.execPath, ['src/main.ts'], { cwd: example, env, stdio: 'inherit', timeout: 120_000 }).status
} finally {
  await server.stop()
}
process.exitCode = status === 0 ? 0 : 1
