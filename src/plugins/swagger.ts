/** OpenAPI 3.1 generated from the route schemas; Swagger UI at /docs, the spec at /openapi.json. */
import fp from 'fastify-plugin'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import { componentSchemas } from '../http/schemas.js'

export const API_VERSION = '1.0.0'

export default fp(async (app) => {
  for (const schema of componentSchemas) app.addSchema(schema)

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Beställarenhet äldre — needs-assessment unit API',
        version: API_VERSION,
        description: [
          'System of record of an elderly-care needs-assessment unit (beställarenhet äldre) in a Stockholm district council:',
          'persons, applications, investigations, decisions under the unit\'s delegation order, appeals, and the access log.',
          '',
          'Authenticate with a bearer JWT carrying `sub`, `roles`, `unit` (unit code) and optionally `permissions`.',
          'Errors are RFC 9457 problem details. Lists use cursor pagination. Updates and actions honour `If-Match`;',
          'POST honours `Idempotency-Key`. Legal dates are `YYYY-MM-DD`.'
        ].join('\n'),
        license: { name: 'Proprietary — City of Stockholm', identifier: 'LicenseRef-Stockholm' }
      },
      servers: [{ url: '/', description: 'This server' }],
      tags: [
        { name: 'Persons', description: 'The individuals (den enskilde) the unit serves.' },
        { name: 'Applications', description: 'Applications, investigation, communication, joint case review, withdrawal.' },
        { name: 'Decisions', description: 'Decisions per requested service, delegation, appeals.' },
        { name: 'Quality', description: 'Complaints and feedback, deviations sent to providers and health care, Lex Sarah reports.' },
        { name: 'Reference data', description: 'Units, service types and delegation orders.' },
        { name: 'Audit', description: 'The append-only access log.' },
        { name: 'Goals', description: 'The unit\'s goals per plan year (ILS): KF goals, council goals, unit goals, their fulfilment and activities.' },
        { name: 'Indicators', description: 'Indicators, annual targets, values per period, and values computed from the service\'s own data.' },
        { name: 'Hospital discharge', description: 'Discharge episodes under lag (2017:612): notices from the region, planning, payment responsibility.' },
        { name: 'Health', description: 'Liveness and readiness.' }
      ],
      components: {
        securitySchemes: {
          bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'JWT from the city\'s identity provider, or `npm run token` in development.' }
        }
      },
      security: [{ bearerAuth: [] }]
    },
    refResolver: {
      buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`)
    }
  })

  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true })
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger())
}, { name: 'swagger' })
