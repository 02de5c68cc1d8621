/**
 * The baseline: the floor of this stack on this machine. A bare Fastify server that runs the
 * same primary-key SELECT and the same 50-row list SELECT on the same tables through `pg`
 * (same pool size as the service), with no authentication, unit scoping, validation of the
 * row, audit event or logging. Started by the bench in its own process.
 */
import Fastify from 'fastify'
import pg from 'pg'

const pool = new pg.Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.DATABASE_POOL_MAX ?? 10)
})
const app = Fastify({ logger: false })

app.get('/health', async () => ({ status: 'ok' }))

app.get<{ Params: { id: string } }>('/decisions/:id', async (request, reply) => {
  const { rows } = await pool.query('SELECT * FROM decisions WHERE id = $1', [request.params.id])
  if (rows.length === 0) return reply.code(404).send({ status: 404 })
  return rows[0]
})

app.get<{ Querystring: { unitId: string; serviceType: string } }>('/decisions', async (request) => {
  const { rows } = await pool.query(
    `SELECT * FROM decisions WHERE unit_id = $1 AND service_type_code = $2
     ORDER BY decision_date DESC, id DESC LIMIT 50`,
    [request.query.unitId, request.query.serviceType]
  )
  return { items: rows }
})

process.on('SIGTERM', () => {
  void app.close().then(() => pool.end()).then(() => process.exit(0))
})

await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT ?? 3999) })
