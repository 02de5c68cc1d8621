/**
 * The Prometheus metrics of one app, with prom-client: its default process metrics (memory,
 * CPU, event-loop lag, GC, handles) plus requests per route and status, the connection pool
 * and the access log's group commits. One registry per app (tests build many apps in one process).
 */
import client from 'prom-client'
import type { GroupCommitBatch } from '../db/group-commit.js'

export interface PoolCounts { readonly totalCount: number; readonly idleCount: number; readonly waitingCount: number }

export interface Metrics {
  registry: client.Registry
  observeRequest(method: string, route: string, status: number, seconds: number): void
  observeGroupCommit(batch: GroupCommitBatch): void
}

export function createMetrics(pool?: PoolCounts): Metrics {
  const registry = new client.Registry()
  client.collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 20 })

  const labelNames = ['method', 'route', 'status_code'] as const
  const requests = new client.Counter({
    name: 'http_requests_total', help: 'HTTP requests answered, by method, route template and status code.',
    labelNames, registers: [registry]
  })
  const duration = new client.Histogram({
    name: 'http_request_duration_seconds', help: 'Time from request received to response sent, by method, route template and status code.',
    labelNames, buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10], registers: [registry]
  })
  if (pool) {
    new client.Gauge({
      name: 'db_pool_connections', help: 'PostgreSQL pool connections by state (in_use, idle).', labelNames: ['state'], registers: [registry],
      collect() {
        this.set({ state: 'in_use' }, pool.totalCount - pool.idleCount)
        this.set({ state: 'idle' }, pool.idleCount)
      }
    })
    new client.Gauge({
      name: 'db_pool_waiting_requests', help: 'Queries waiting for a free pool connection.', registers: [registry],
      collect() { this.set(pool.waitingCount) }
    })
  }
  const batchRows = new client.Histogram({
    name: 'access_log_group_commit_rows', help: 'Access-log rows written by one group-commit INSERT.',
    buckets: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 5000], registers: [registry]
  })
  const batchCallers = new client.Histogram({
    name: 'access_log_group_commit_requests', help: 'Requests whose access-log rows went into one group-commit INSERT.',
    buckets: [1, 2, 5, 10, 20, 50, 100, 200, 500], registers: [registry]
  })
  const batchWait = new client.Histogram({
    name: 'access_log_group_commit_wait_seconds', help: 'Time a request waited for the group-commit INSERT holding its rows to start.',
    buckets: [0, 0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1], registers: [registry]
  })

  return {
    registry,
    observeRequest(method, route, status, seconds) {
      const labels = { method, route, status_code: String(status) }
      requests.inc(labels)
      duration.observe(labels, seconds)
    },
    observeGroupCommit(batch) {
      batchRows.observe(batch.rows)
      batchCallers.observe(batch.callers)
      for (const ms of batch.waitsMs) batchWait.observe(ms / 1000)
    }
  }
}
