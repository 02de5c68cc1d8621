/** Liveness (the process answers) and readiness (the database answers too). */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { sql } from 'kysely'
import { Type } from 'typebox'

const Health = Type.Object({ status: Type.Union([Type.Literal('ok'), Type.Literal('unavailable')]), database: Type.Optional(Type.Boolean()) })
const READY_TIMEOUT_MS = 2000

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/health/live', {
    schema: { tags: ['Health'], operationId: 'live', summary: 'Liveness', security: [], response: { 200: Health } }
  }, async () => ({ status: 'ok' as const }))

  app.get('/health/ready', {
    schema: {
      tags: ['Health'], operationId: 'ready', summary: 'Readiness: the database answers', security: [],
      response: { 200: Health, 503: Health }
    }
  }, async (_request, reply) => {
    let timer: NodeJS.Timeout | undefined
    const ok = await Promise.race([
      sql`SELECT 1`.execute(app.db).then(() => true, () => false),
      new Promise<boolean>((resolve) => { timer = setTimeout(() => resolve(false), READY_TIMEOUT_MS) })
    ])
    clearTimeout(timer)
    return ok ? { status: 'ok' as const, database: true } : reply.code(503).send({ status: 'unavailable' as const, database: false })
  })
}

export default routes
