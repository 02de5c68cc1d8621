/** Makes the Kysely instance available as `app.db`; the caller owns its lifecycle. */
import fp from 'fastify-plugin'
import type { Kysely } from 'kysely'
import type { DB } from '../db/schema.js'

declare module 'fastify' {
  interface FastifyInstance {
    db: Kysely<DB>
  }
}

export default fp(async (app, opts: { db: Kysely<DB> }) => {
  app.decorate('db', opts.db)
}, { name: 'database' })
