/**
 * Builds the Fastify application: contract plumbing first (errors, security, OpenAPI), then
 * the public health routes, then everything under /v1 behind authentication.
 */
import { randomUUID } from 'node:crypto'
import Fastify, { type FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { Kysely } from 'kysely'
import type { DestinationStream } from 'pino'
import type { Config } from './config.js'
import type { DB } from './db/schema.js'
import { componentSchemas } from './http/schemas.js'
import { serializerCompiler } from './http/serialization.js'
import { validatorCompiler } from './http/validation.js'
import { loggerOptions, mayHoldIdentityNumber } from './logger.js'
import auditPlugin from './plugins/audit.js'
import authPlugin from './plugins/auth.js'
import databasePlugin from './plugins/database.js'
import drainPlugin from './plugins/drain.js'
import errorsPlugin, { frameworkErrors } from './plugins/errors.js'
import idempotencyPlugin from './plugins/idempotency.js'
import jsonBodyPlugin from './plugins/json-body.js'
import securityPlugin from './plugins/security.js'
import swaggerPlugin from './plugins/swagger.js'
import applicationRoutes from './features/applications/routes.js'
import auditEventRoutes from './features/audit-events/routes.js'
import decisionRoutes from './features/decisions/routes.js'
import executionRoutes from './features/executions/routes.js'
import followUpRoutes from './features/follow-ups/routes.js'
import goalRoutes from './features/goals/routes.js'
import healthRoutes from './features/health/routes.js'
import indicatorReportRoutes from './features/indicator-reports/routes.js'
import indicatorRoutes from './features/indicators/routes.js'
import personRoutes from './features/persons/routes.js'
import providerRoutes from './features/providers/routes.js'
import reportRoutes from './features/reports/routes.js'
import serviceTypeRoutes from './features/service-types/routes.js'
import unitRoutes from './features/units/routes.js'
import complaintRoutes from './features/complaints/routes.js'
import deviationRoutes from './features/deviations/routes.js'
import lexSarahRoutes from './features/lex-sarah-reports/routes.js'
import orderRoutes from './features/orders/routes.js'
import deliveredTimeRoutes from './features/delivered-time/routes.js'
import qualityCategoryRoutes from './features/quality-categories/routes.js'
import qualitySummaryRoutes from './features/quality-summary/routes.js'
import worklistRoutes from './features/worklists/routes.js'

export interface AppOptions {
  config: Config
  db: Kysely<DB>
  /** Where logs go (tests capture them); stdout when absent. */
  logStream?: DestinationStream
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/

export async function buildApp({ config, db, logStream }: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: loggerOptions(config.logLevel, logStream),
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    requestIdHeader: false,
    genReqId: (req) => {
      const given = req.headers['x-request-id']
      // The id is logged and kept in the access log: never one that could be a personnummer.
      return typeof given === 'string' && REQUEST_ID.test(given) && !mayHoldIdentityNumber(given) ? given : randomUUID()
    },
    routerOptions: { maxParamLength: 200 },
    return503OnClosing: true,
    frameworkErrors
  }).withTypeProvider<TypeBoxTypeProvider>()

  app.setValidatorCompiler(validatorCompiler(componentSchemas))
  app.setSerializerCompiler(serializerCompiler(componentSchemas))
  // The API speaks JSON only: any other request body type answers 415.
  app.removeContentTypeParser('text/plain')
  await app.register(jsonBodyPlugin)
  await app.register(drainPlugin)

  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id)
  })

  await app.register(databasePlugin, { db })
  await app.register(errorsPlugin)
  await app.register(securityPlugin, { rateLimit: config.rateLimit, maxEventLoopDelayMs: config.maxEventLoopDelayMs })
  await app.register(swaggerPlugin)
  await app.register(authPlugin, { config })
  await app.register(auditPlugin)

  await app.register(healthRoutes)
  await app.register(async (v1) => {
    v1.addHook('onRequest', v1.authenticate)
    await v1.register(idempotencyPlugin, { ttlHours: config.idempotencyTtlHours })
    v1.decorate('legalBasisDefault', config.defaultLegalBasis)
    v1.decorate('implementationPlanDueDays', config.implementationPlanDueDays)
    await v1.register(unitRoutes)
    await v1.register(serviceTypeRoutes)
    await v1.register(providerRoutes)
    await v1.register(personRoutes)
    await v1.register(applicationRoutes)
    await v1.register(decisionRoutes)
    await v1.register(executionRoutes)
    await v1.register(orderRoutes)
    await v1.register(deliveredTimeRoutes, { tolerance: config.deliveredTime })
    await v1.register(reportRoutes)
    await v1.register(followUpRoutes)
    await v1.register(worklistRoutes, { deliveredTime: config.deliveredTime })
    await v1.register(auditEventRoutes)
    await v1.register(goalRoutes)
    await v1.register(indicatorRoutes)
    await v1.register(indicatorReportRoutes)
    await v1.register(qualityCategoryRoutes)
    await v1.register(complaintRoutes, { answerDays: config.complaintAnswerDays })
    await v1.register(deviationRoutes)
    await v1.register(lexSarahRoutes, { ivoNotificationDays: config.lexSarahIvoNotificationDays })
    await v1.register(qualitySummaryRoutes)
  }, { prefix: '/v1' })

  return app
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The legal basis written on decisions that name none (DEFAULT_LEGAL_BASIS). */
    legalBasisDefault: string
    implementationPlanDueDays: number
  }
}
