import t from 'tap'
import { GroupCommit } from '../../src/db/group-commit.js'

/** A write that stays open until released, recording what each write carried. */
function controlledWrite() {
  const writes: number[][] = []
  const releases: ((error?: Error) => void)[] = []
  const write = (rows: number[]) => new Promise<void>((resolve, reject) => {
    writes.push(rows)
    releases.push((error) => (error ? reject(error) : resolve()))
  })
  const release = async (error?: Error) => {
    releases.shift()?.(error)
    await new Promise((r) => setImmediate(r))
  }
  return { writes, write, release }
}

t.test('a lone caller is written at once; callers arriving meanwhile share the next write', async (t) => {
  const { writes, write, release } = controlledWrite()
  const group = new GroupCommit(write, 100)
  const first = group.append([1])
  t.same(writes, [[1]], 'the first write starts without waiting for company')
  const second = group.append([2, 3])
  const third = group.append([4])
  t.equal(writes.length, 1, 'nothing else is written while a write is in flight')
  await release()
  await first
  t.same(writes, [[1], [2, 3, 4]], 'the waiting callers go together')
  let settled = false
  void second.then(() => { settled = true })
  await new Promise((r) => setImmediate(r))
  t.notOk(settled, 'a caller is answered only when its own write has committed')
  await release()
  await Promise.all([second, third])
})

t.test('a write never exceeds maxRows, except a single caller larger than it', async (t) => {
  const { writes, write, release } = controlledWrite()
  const group = new GroupCommit(write, 3)
  const all = [group.append([1]), group.append([2, 3]), group.append([4, 5]), group.append([6]), group.append([7, 8, 9, 10])]
  for (let i = 0; i < 4; i++) await release()
  await Promise.all(all)
  t.same(writes, [[1], [2, 3], [4, 5, 6], [7, 8, 9, 10]])
})

t.test('a failed write fails the callers it carried, and later writes go on', async (t) => {
  const { writes, write, release } = controlledWrite()
  const group = new GroupCommit(write, 100)
  const first = group.append([1])
  const second = group.append([2])
  await release()
  await first
  const third = group.append([3])
  const refused = t.rejects(second, /connection lost/)
  await release(new Error('connection lost'))
  await refused
  t.same(writes, [[1], [2], [3]], 'the caller that arrived during the failing write waits for its own')
  await release()
  await third
})
