/** The embedded database's lock: one holder, stale locks (their process gone) taken over, released on close. */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import t from 'tap'
import { lockDatabaseDir } from '../../src/db/data-dir-lock.js'
import { StartupFailure } from '../../src/startup/failures.js'

t.test('one holder at a time; a stale lock is taken over; release removes it', async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bea-lock-'))
  t.teardown(() => fs.rmSync(dir, { recursive: true, force: true }))
  const database = path.join(dir, 'pglite')
  const lockFile = `${database}.lock`

  const release = lockDatabaseDir(database)
  t.equal(fs.readFileSync(lockFile, 'utf8').trim(), String(process.pid), 'the lock holds our pid')
  t.throws(() => lockDatabaseDir(database), StartupFailure, 'a second open is refused, even in the same process')
  release()
  t.notOk(fs.existsSync(lockFile), 'released')

  // A process that has exited: its pid is free (or reused by something that is not node).
  const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' })
  fs.writeFileSync(lockFile, `${gone.stdout}\n`)
  const again = lockDatabaseDir(database)
  t.equal(fs.readFileSync(lockFile, 'utf8').trim(), String(process.pid), 'a stale lock is taken over')
  again()
  fs.writeFileSync(lockFile, 'garbage\n')
  lockDatabaseDir(database)()
  t.notOk(fs.existsSync(lockFile), 'an unreadable lock counts as stale')
})
