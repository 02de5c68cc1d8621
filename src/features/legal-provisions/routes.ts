/** The provisions the service cites, dated (the law changed on 2025-07-01: SFS 2025:400 replaced SoL 2001:453). */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { problems, ref } from '../../http/schemas.js'
import { listLegalProvisions } from './service.js'
import { LegalProvision, LegalProvisionQuery } from './schemas.js'

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/legal-provisions', {
    schema: {
      tags: ['Reference data'], operationId: 'listLegalProvisions', summary: 'List the cited legal provisions',
      description: 'The catalogue of provisions the service cites, each with the period it is in force. A decision cites the provision in force on its decision date; a report or a Lex Sarah text cites the provisions in force for its period. Rows with `verified: false` carry numbering not yet checked against the act\'s text.',
      querystring: LegalProvisionQuery,
      response: { 200: Type.Object({ items: Type.Array(ref(LegalProvision), { maxItems: 200, description: 'Reference data written by migrations (17 provisions today).' }) }), ...problems(400) }
    }
  }, async (request) => ({ items: await listLegalProvisions(app.db, request.query) }))
}

export default routes
