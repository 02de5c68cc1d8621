/** What one scenario of the bench measured. */
export interface Measurement {
  requestsPerSecond: number
  p50Ms: number
  p99Ms: number
  requests: number
  /** Connection errors, timeouts and responses outside 2xx. */
  errors: number
}

/** The q-quantile (0..1) of sorted values, nearest rank. */
export function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))
  return sorted[rank] ?? Number.NaN
}
