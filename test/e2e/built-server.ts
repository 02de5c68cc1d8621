/**
 * The service as an integrator meets it: dist/ built from a checkout (as `npm start` builds it),
 * started in its own process on a free port with a development signing key in a throw-away
 * DATA_DIR, and stopped again. On DATABASE_URL when set (CI), else on an embedded database in
 * that DATA_DIR. Used by the typed client example and the Swagger UI check (not tests: they
 * need a real listening server, and the Swagger UI check a browser).
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { freePort, startServer, type ServerProcess } from '../bench/process.js'

export interface BuiltServer {
  url: string
  /** A development token from the checkout's own `npm run token`, valid for this server. */
  token(...args: string[]): string
  stop(): Promise<void>
}

export async function startBuiltServer(root: string, name: string): Promise<BuiltServer> {
  // What `npm start`'s prestart does: transpile what changed, no type check.
  execFileSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-b', 'tsconfig.build.json', '--noCheck'], { cwd: root, stdio: 'inherit' })
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `${name}-`))
  const env: Record<string, string> = {
    NODE_ENV: 'development', LOG_LEVEL: 'warn', DATA_DIR: dataDir,
    // No metrics listener: it would take port 9464 from another server on this machine.
    METRICS_PORT: '0'
  }
  const logFile = path.join(dataDir, 'server.log')
  let server: ServerProcess
  try {
    server = await startServer({ name, args: [path.join(root, 'dist/server.js')], env, port: await freePort(), readyPath: '/health/ready', logFile })
  } catch (error) {
    process.stderr.write(fs.readFileSync(logFile, 'utf8').slice(-4000))
    fs.rmSync(dataDir, { recursive: true, force: true })
    throw error
  }
  let stopped: Promise<void> | undefined
  const stop = () => {
    stopped ??= server.stop().finally(() => fs.rmSync(dataDir, { recursive: true, force: true }))
    return stopped
  }
  // Ctrl-C or CI's own SIGTERM: stop the server first, so that no process is left behind.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => { void stop().finally(() => process.exit(130)) })
  }
  return {
    url: server.url,
    token: (...args) => execFileSync('npm', ['run', '-s', 'token', '--', ...args], {
      cwd: root, env: { ...process.env, DATA_DIR: dataDir }, encoding: 'utf8'
    }).trim(),
    stop
  }
}
