/** The bench's one table, and the targets of issue 6 checked against it. */
import type { Measurement } from './measurement.js'

export interface Row extends Measurement {
  scenario: string
  peakRssMb: number
  /** Throughput as a share of the baseline it is compared with. */
  ratio?: number
  note?: string
}

const fmt = (n: number, digits = 0) => Number.isFinite(n) ? n.toFixed(digits) : '–'

export function table(rows: Row[]): string {
  const header = ['scenario', 'req/s', 'p50 ms', 'p99 ms', 'requests', 'errors', 'peak RSS MB', 'vs baseline', 'note']
  const body = rows.map((r) => [
    r.scenario, fmt(r.requestsPerSecond), fmt(r.p50Ms, 1), fmt(r.p99Ms, 1), String(r.requests), String(r.errors),
    fmt(r.peakRssMb), r.ratio === undefined ? '' : `${fmt(r.ratio * 100)} %`, r.note ?? ''
  ])
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] ?? '').length)))
  // Text columns (the first and the last) align left, numbers right.
  const left = (i: number) => i === 0 || i === header.length - 1
  const line = (cells: string[]) => '| ' + cells.map((c, i) => left(i) ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0)).join(' | ') + ' |'
  const rule = '|' + widths.map((w, i) => left(i) ? ':' + '-'.repeat(w + 1) : '-'.repeat(w + 1) + ':').join('|') + '|'
  return [line(header), rule, ...body.map(line)].join('\n')
}

export interface Target { what: string; met: boolean; measured: string }

export function verdicts(targets: Target[]): string {
  return targets.map((t) => `${t.met ? 'met   ' : 'MISSED'}  ${t.what}: ${t.measured}`).join('\n')
}
