/**
 * Checks made before the slow part of start-up (opening and migrating the database), so that a
 * busy port or a bad HOST or DATA_DIR fails in a second with one line instead of after it.
 */
import fs from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import { ConfigError } from '../config.js'
import { dataDirFailure, listenFailure, shownPath } from './failures.js'

/** Listens on host:port and closes again at once; throws the StartupFailure a real listen would meet. */
export async function checkCanListen(host: string, port: number, names?: { host: string; port: string }): Promise<void> {
  // Dotted numbers that are not an IPv4 address (300.1.1.1) are no host name either: say so
  // at once, without a DNS lookup that may take its time to fail.
  if (/^[\d.]+$/.test(host) && net.isIPv4(host) === false) {
    throw listenFailure(Object.assign(new Error('not an IPv4 address'), { code: 'EINVAL' }), host, port, names)
  }
  if (port === 0) return
  await new Promise<void>((resolve, reject) => {
    const server = net.createServer()
    server.once('error', (error) => reject(listenFailure(error, host, port, names) ?? error))
    server.listen({ host, port, exclusive: true }, () => server.close(() => resolve()))
  })
}

/** Creates DATA_DIR if need be and proves it writable. */
export function checkDataDir(dataDir: string): void {
  try {
    fs.mkdirSync(dataDir, { recursive: true })
    const probe = path.join(dataDir, `.write-test-${process.pid}`)
    fs.writeFileSync(probe, '')
    fs.unlinkSync(probe)
  } catch (error) {
    throw dataDirFailure(error, dataDir) ?? error
  }
}

/**
 * The mount point holding `dir` (Linux, from /proc/self/mountinfo), or undefined where that
 * cannot be read. In a container, `/` is the container's own writable layer.
 */
function mountPointOf(dir: string): string | undefined {
  let mounts: string[]
  try {
    mounts = fs.readFileSync('/proc/self/mountinfo', 'utf8').split('\n')
      .map((line) => line.split(' ')[4]).filter((m): m is string => m !== undefined)
      .map((m) => m.replace(/\\040/g, ' '))
  } catch {
    return undefined
  }
  const real = fs.realpathSync(dir)
  return mounts.filter((m) => real === m || real.startsWith(m.endsWith('/') ? m : `${m}/`))
    .sort((a, b) => b.length - a.length)[0]
}

/** In production on the embedded database, DATA_DIR must be a mounted volume, not the container's own layer. */
export function checkDataDirIsVolume(dataDir: string): void {
  const mount = mountPointOf(dataDir)
  if (mount === '/') {
    throw new ConfigError('DATA_DIR', `(${shownPath(dataDir)}) is not on a mounted volume, so the embedded database would be lost with the container — mount a volume there, or set DATABASE_URL`)
  }
}
