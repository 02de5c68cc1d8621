/**
 * The embedded database's files are opened by one process at a time: PGlite has no locking of
 * its own, and a second process on the same directory (a `npm run migrate` beside `npm start`)
 * risks corrupting it or crashes inside WASM. The lock is a file beside the database holding
 * the owner's pid; a lock whose process is gone (killed, crashed, rebooted) is taken over.
 */
import fs from 'node:fs'
import path from 'node:path'
import { EXIT_CODES, shownPath, StartupFailure } from '../startup/failures.js'

/** Whether `pid` is a running Node process (a reused pid of another program does not count). */
function isRunningNode(pid: number): boolean {
  try {
    process.kill(pid, 0)
  } catch (error) {
    // EPERM: it exists but belongs to another user — still alive.
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false
  }
  try {
    return /node|tsx/.test(fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8'))
  } catch {
    return true // no /proc (macOS): trust kill(0)
  }
}

/**
 * Takes the lock `<databaseDir>.lock` for this process, or throws a StartupFailure naming the
 * process that holds it. Returns the release function (also run at process exit).
 */
export function lockDatabaseDir(databaseDir: string): () => void {
  const lockFile = `${path.resolve(databaseDir)}.lock`
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(lockFile, `${process.pid}\n`, { flag: 'wx' })
      let held = true
      const release = () => {
        if (!held) return
        held = false
        process.off('exit', release)
        try { fs.unlinkSync(lockFile) } catch { /* already gone */ }
      }
      process.on('exit', release)
      return release
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
    const owner = Number.parseInt(fs.readFileSync(lockFile, 'utf8'), 10)
    if (Number.isInteger(owner) && owner > 0 && isRunningNode(owner)) {
      const dataDir = shownPath(path.dirname(path.resolve(databaseDir)))
      throw new StartupFailure(
        `${dataDir} is in use by process ${owner} — stop \`npm start\` first, or point DATA_DIR elsewhere`,
        EXIT_CODES.dataDirInUse)
    }
    // Stale: its process is gone. Remove it and try again.
    try { fs.unlinkSync(lockFile) } catch { /* another process took it over first */ }
  }
  throw new StartupFailure(`could not take the lock ${lockFile}`, EXIT_CODES.dataDirInUse)
}
