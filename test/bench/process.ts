/**
 * A server under test in its own process, so that its memory is its own: started with an
 * environment, awaited until it answers, sampled for peak RSS (VmHWM, kept by the kernel), and
 * stopped with SIGTERM.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'

export interface ServerProcess {
  url: string
  /** Answers 200 when the server can serve (and, for the service, its database answers). */
  readyPath: string
  pid: number
  /** Peak resident set size so far, in MB (Linux /proc; NaN elsewhere). */
  peakRssMb(): number
  stop(): Promise<void>
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo
      probe.close(() => resolve(port))
    })
  })
}

export async function startServer(options: {
  name: string
  args: string[]
  env: Record<string, string>
  port: number
  readyPath: string
  logFile: string
}): Promise<ServerProcess> {
  const log = fs.openSync(options.logFile, 'a')
  const child: ChildProcess = spawn(process.execPath, options.args, {
    env: { ...process.env, ...options.env, PORT: String(options.port), HOST: '127.0.0.1' },
    stdio: ['ignore', log, log]
  })
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  const url = `http://127.0.0.1:${options.port}`
  const deadline = Date.now() + 120_000
  for (;;) {
    const early = await Promise.race([exited, new Promise<'running'>((resolve) => setTimeout(() => resolve('running'), 250))])
    if (early !== 'running') throw new Error(`${options.name} exited with ${early} before answering; see ${options.logFile}`)
    try {
      const res = await fetch(url + options.readyPath)
      if (res.ok) break
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) throw new Error(`${options.name} did not answer within 2 minutes; see ${options.logFile}`)
  }
  const pid = child.pid ?? 0
  return {
    url,
    readyPath: options.readyPath,
    pid,
    peakRssMb() {
      try {
        const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8')
        const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1])
        return kb / 1024
      } catch {
        return Number.NaN
      }
    },
    async stop() {
      child.kill('SIGTERM')
      const timeout = setTimeout(() => child.kill('SIGKILL'), 15_000)
      await exited
      clearTimeout(timeout)
      fs.closeSync(log)
    }
  }
}
