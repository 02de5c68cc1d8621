/** Requests sent one at a time and timed each: for reports, which are asked for now and then. */
import { quantile, type Measurement } from './measurement.js'

export async function timeSingle(options: {
  url: string
  path: string
  headers: Record<string, string>
  times: number
  method?: string
  body?: string
}): Promise<Measurement> {
  const ms: number[] = []
  let errors = 0
  for (let i = 0; i < options.times; i++) {
    const started = performance.now()
    const res = await fetch(options.url + options.path, { method: options.method ?? 'GET', headers: options.headers, body: options.body })
    await res.arrayBuffer()
    ms.push(performance.now() - started)
    if (!res.ok) {
      errors++
      console.error(`${options.method ?? 'GET'} ${options.path}: ${res.status}`)
    }
  }
  ms.sort((a, b) => a - b)
  return { requestsPerSecond: Number.NaN, p50Ms: quantile(ms, 0.5), p99Ms: ms.at(-1) ?? Number.NaN, requests: ms.length, errors }
}
