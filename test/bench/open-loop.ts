/**
 * Latency at a steady rate, without coordinated omission: request i is due at t0 + i/rate
 * whatever happened to the earlier ones, and its latency is counted from that due moment, so
 * a stall of the server shows as the queue of requests it delayed. (autocannon's
 * `overallRate` sends each second's requests in one burst and corrects with a wrong interval.)
 */
import http from 'node:http'
import { quantile, type Measurement } from './measurement.js'

export async function openLoop(options: {
  url: string
  path: () => string
  headers?: Record<string, string>
  rate: number
  seconds: number
  /** Connections the sender may open (more requests than this wait in the sender). */
  maxSockets?: number
}): Promise<Measurement & { shed: number; served: number }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.maxSockets ?? 256 })
  const total = Math.round(options.rate * options.seconds)
  const latencies: number[] = []
  let errors = 0
  // 503s (load shed by the service) are counted apart: in an overload run they are the design.
  let shed = 0
  let sent = 0
  const base = new URL(options.url)

  const send = (due: number) => new Promise<void>((resolve) => {
    const request = http.request({
      agent, host: base.hostname, port: base.port, path: options.path(), method: 'GET', headers: options.headers
    }, (response) => {
      response.resume()
      response.on('end', () => {
        latencies.push(performance.now() - due)
        if (response.statusCode === 503) shed++
        else if ((response.statusCode ?? 0) >= 300) errors++
        resolve()
      })
    })
    request.setTimeout(10_000, () => request.destroy(new Error('timeout')))
    request.on('error', () => { errors++; resolve() })
    request.end()
  })

  const inFlight: Promise<void>[] = []
  const t0 = performance.now()
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now()
      // Send every request whose moment has come, each timed from its own moment.
      while (sent < total && t0 + (sent * 1000) / options.rate <= now) {
        inFlight.push(send(t0 + (sent * 1000) / options.rate))
        sent++
      }
      // Sleep until the next moment rather than spin: the sender shares the cores with the server.
      if (sent < total) setTimeout(tick, Math.max(0, t0 + (sent * 1000) / options.rate - performance.now()))
      else resolve()
    }
    tick()
  })
  await Promise.all(inFlight)
  const elapsed = (performance.now() - t0) / 1000
  agent.destroy()
  latencies.sort((a, b) => a - b)
  return {
    requestsPerSecond: latencies.length / elapsed,
    p50Ms: quantile(latencies, 0.5),
    p99Ms: quantile(latencies, 0.99),
    requests: total,
    errors,
    shed,
    served: latencies.length - shed
  }
}
