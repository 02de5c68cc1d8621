/**
 * The write path as a case worker walks it: register an application, record the
 * investigation, communicate it to the applicant (the unit's default policy since issue 15:
 * every non-urgent investigation), decide (the POSTs that create with an Idempotency-Key, as
 * integrators are told to).
 * `workers` flows run side by side for `seconds`; each request's latency counts.
 */
import { randomUUID } from 'node:crypto'
import { quantile, type Measurement } from './measurement.js'

export async function writePath(options: {
  url: string
  token: string
  personIds: string[]
  today: string
  workers: number
  seconds: number
}): Promise<Measurement & { flowsPerSecond: number }> {
  const latencies: number[] = []
  let errors = 0
  let flows = 0
  const headers = { authorization: `Bearer ${options.token}`, 'content-type': 'application/json' }

  const call = async (method: string, path: string, body: unknown, idempotent: boolean) => {
    const started = performance.now()
    const res = await fetch(options.url + path, {
      method,
      headers: idempotent ? { ...headers, 'idempotency-key': randomUUID() } : headers,
      body: JSON.stringify(body)
    })
    const json = await res.json() as { id?: string }
    latencies.push(performance.now() - started)
    if (!res.ok) {
      errors++
      throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`)
    }
    return json
  }

  let firstError: unknown
  const deadline = performance.now() + options.seconds * 1000
  const worker = async (n: number) => {
    for (let i = n; performance.now() < deadline; i += options.workers) {
      try {
        const application = await call('POST', '/v1/applications', {
          personId: options.personIds[i % options.personIds.length], receivedDate: options.today, channel: 'phone',
          requestedServices: [{ serviceTypeCode: 'home_care', requestedHoursPerMonth: 30 }]
        }, true)
        await call('PUT', `/v1/applications/${application.id}/investigation`, {
          method: 'home_visit', needsDescription: 'Behöver hjälp med personlig omvårdnad.', assessment: 'Behovet bedöms föreligga.'
        }, false)
        await call('POST', `/v1/applications/${application.id}/communicate`, { date: options.today, recipient: 'Sökanden' }, false)
        await call('POST', `/v1/applications/${application.id}/decisions`, {
          serviceTypeCode: 'home_care', outcome: 'granted', reason: 'Behov av stöd i hemmet.', hoursPerMonth: 30,
          decisionDate: options.today, validFrom: options.today
        }, true)
        flows++
      } catch (error) {
        firstError ??= error
      }
    }
  }
  const started = performance.now()
  await Promise.all(Array.from({ length: options.workers }, (_, n) => worker(n)))
  const elapsed = (performance.now() - started) / 1000
  if (firstError !== undefined) console.error('write path, first error:', firstError)
  latencies.sort((a, b) => a - b)
  return {
    requestsPerSecond: latencies.length / elapsed,
    flowsPerSecond: flows / elapsed,
    p50Ms: quantile(latencies, 0.5),
    p99Ms: quantile(latencies, 0.99),
    requests: latencies.length,
    errors
  }
}
