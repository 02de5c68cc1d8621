/** What one write of a group commit did: for the metrics. */
export interface GroupCommitBatch {
  rows: number
  callers: number
  /** Per caller, milliseconds from its append to the start of the write that holds its rows. */
  waitsMs: number[]
}

/**
 * Group commit for appends that many requests make at once (the access log of reads): rows
 * that arrive while a write is in flight wait and go together in the next one, so fifty
 * concurrent reads cost one INSERT and one commit instead of fifty. Each caller's promise
 * settles when the write holding its rows has committed (or failed), so a response is still
 * sent only after its rows are stored. A lone caller waits for nothing: its write starts at once.
 */
export class GroupCommit<Row> {
  private queue: { rows: Row[]; since: number; settle: (error?: unknown) => void }[] = []
  private writing = false

  /** `maxRows` bounds one write (PostgreSQL takes at most 65,535 parameters per statement). */
  constructor(
    private readonly write: (rows: Row[]) => Promise<void>,
    private readonly maxRows: number,
    private readonly onBatch?: (batch: GroupCommitBatch) => void
  ) {}

  append(rows: Row[]): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ rows, since: performance.now(), settle: (error) => (error === undefined ? resolve() : reject(error)) })
      if (!this.writing) void this.drain()
    })
  }

  private async drain(): Promise<void> {
    this.writing = true
    while (this.queue.length > 0) {
      const batch = this.take()
      const rows = batch.flatMap((b) => b.rows)
      const start = performance.now()
      this.onBatch?.({ rows: rows.length, callers: batch.length, waitsMs: batch.map((b) => start - b.since) })
      try {
        await this.write(rows)
        for (const b of batch) b.settle()
      } catch (error) {
        for (const b of batch) b.settle(error)
      }
    }
    this.writing = false
  }

  /** The waiting callers whose rows fit in one write (always at least one caller). */
  private take() {
    let rows = 0
    let n = 0
    while (n < this.queue.length && (n === 0 || rows + (this.queue[n]?.rows.length ?? 0) <= this.maxRows)) {
      rows += this.queue[n]?.rows.length ?? 0
      n++
    }
    return this.queue.splice(0, n)
  }
}
