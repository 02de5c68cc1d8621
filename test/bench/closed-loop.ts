/**
 * Throughput at saturation: autocannon keeps `connections` requests in flight for `seconds`
 * (closed loop: each connection sends its next request when the previous one answered).
 * Every request picks its own path, so the database is not asked for one hot row only.
 */
import autocannon from 'autocannon'
import type { Measurement } from './measurement.js'

export async function closedLoop(options: {
  url: string
  path: () => string
  headers?: Record<string, string>
  connections: number
  seconds: number
}): Promise<Measurement> {
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.seconds,
    headers: options.headers,
    // An answer slower than this counts as an error (a timeout), not as a latency.
    timeout: 5,
    requests: [{
      setupRequest: (request) => ({ ...request, path: options.path() })
    }]
  })
  return {
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    errors: result.errors + result.timeouts + result.non2xx
  }
}
