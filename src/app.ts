/**
 * Builds the Fastify application: contract plumbing first (errors, security, OpenAPI), then
 * the public health routes, then everything under /v1 behind authentication.
 */
import { randomUUID } from 'node:crypto'
import Fastify, { type FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { Kysely } from 'kysely'
import type { DestinationStream } from 'pino'
import type { Config } from './config.js'
import type { Database } from './db/database.js'
import type { DB } from './db/schema.js'
import { clientErrorHandler, hasDuplicateHost } from './http/client-errors.js'
import { ProblemError } from './http/problem.js'
import type { PoolCounts } from './telemetry/metrics.js'
import { componentSchemas } from './http/schemas.js'
import { serializerCompiler } from './http/serialization.js'
import { validatorCompiler } from './http/validation.js'
import { loggerOptions, mayHoldIdentityNumber } from './logger.js'
import admissionPlugin from './plugins/admission.js'
import auditPlugin from './plugins/audit.js'
import authPlugin from './plugins/auth.js'
import databasePlugin, { probeThrough } from './plugins/database.js'
import drainPlugin from './plugins/drain.js'
import errorsPlugin, { frameworkErrors } from './plugins/errors.js'
import idempotencyPlugin from './plugins/idempotency.js'
import jsonBodyPlugin from './plugins/json-body.js'
import metricsPlugin from './plugins/metrics.js'
import securityPlugin from './plugins/security.js'
import swaggerPlugin from './plugins/swagger.js'
import applicationRoutes from './features/applications/routes.js'
import auditEventRoutes from './features/audit-events/routes.js'
import changeEventRoutes from './features/change-events/routes.js'
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
import legalProvisionRoutes from './features/legal-provisions/routes.js'
import unitRoutes from './features/units/routes.js'
import complaintRoutes from './features/complaints/routes.js'
import deviationRoutes from './features/deviations/routes.js'
import dischargeEpisodeRoutes from './features/discharge-episodes/routes.js'
import monthlyStatisticsRoutes from './features/monthly-statistics/routes.js'
import lexSarahRoutes from './features/lex-sarah-reports/routes.js'
import orderRoutes from './features/orders/routes.js'
import deliveredTimeRoutes from './features/delivered-time/routes.js'
import qualityCategoryRoutes from './features/quality-categories/routes.js'
import qualitySummaryRoutes from './features/quality-summary/routes.js'
import worklistRoutes from './features/worklists/routes.js'
import webhookRoutes from './features/webhooks/routes.js'
import webhookDispatch from './features/webhooks/plugin.js'

export interface AppOptions {
  config: Config
  db: Kysely<DB>
  /** Reports' own pool with the longer statement timeout (`db` when absent). */
  reportsDb?: Kysely<DB>
  /** A streaming replica for heavy reads (DATABASE_READ_URL); none when absent. */
  readReplica?: Kysely<DB> | undefined
  /** Readiness' question to the database (a plain query through `db` when absent). */
  probe?: Database['probe']
  /** The PostgreSQL pool, whose connections the metrics report (none for the embedded database). */
  pool?: PoolCounts | undefined
  /** Where logs go (tests capture them); stdout when absent. */
  logStream?: DestinationStream
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/

export async function buildApp({ config, db, reportsDb = db, readReplica, probe, pool, logStream }: AppOptions): Promise<FastifyInstance> {
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
    // The request deadline: past it the request answers 503 (FST_ERR_HANDLER_TIMEOUT, see errors.ts).
    handlerTimeout: config.requestTimeoutMs,
    frameworkErrors,
    clientErrorHandler
  }).withTypeProvider<TypeBoxTypeProvider>()

  app.setValidatorCompiler(validatorCompiler(componentSchemas))
  app.setSerializerCompiler(serializerCompiler(componentSchemas))
  // The API speaks JSON only: any other request body type answers 415.
  app.removeContentTypeParser('text/plain')
  await app.register(jsonBodyPlugin)
  await app.register(drainPlugin)
  await app.register(metricsPlugin, { pool })

  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id)
    if (hasDuplicateHost(request.raw.rawHeaders)) {
      reply.header('connection', 'close')
      throw new ProblemError(400, 'A request may carry one Host header only.')
    }
  })

  await app.register(databasePlugin, { db, reportsDb, readReplica, catchUpMs: config.databaseReadCatchUpMs, probe: probe ?? probeThrough(db) })
  await app.register(errorsPlugin)
  await app.register(admissionPlugin, { maxInFlight: config.maxInFlightRequests })
  await app.register(securityPlugin, { rateLimit: config.rateLimit, maxEventLoopDelayMs: config.maxEventLoopDelayMs })
  await app.register(swaggerPlugin)
  await app.register(authPlugin, { config })
  await app.register(auditPlugin)

  await app.register(healthRoutes)
  await app.register(async (v1) => {
    // Everything under /v1 may carry an individual's data: never kept by a cache on the way.
    v1.addHook('onRequest', async (_request, reply) => {
      reply.header('cache-control', 'no-store')
    })
    v1.addHook('onRequest', v1.authenticate)
    await v1.register(idempotencyPlugin, { ttlHours: config.idempotencyTtlHours, faultPause: config.faultPause && { ...config.faultPause, announce: (at) => app.log.info({ faultPause: at }, 'fault pause') } })
    v1.decorate('legalBasisDefault', config.defaultLegalBasis)
    v1.decorate('implementationPlanDueDays', config.implementationPlanDueDays)
    await v1.register(unitRoutes)
    await v1.register(serviceTypeRoutes)
    await v1.register(legalProvisionRoutes)
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
    await v1.register(complaintRoutes, {
      answerDays: config.complaintAnswerDays,
      lexSarahInvestigationDays: { start: config.lexSarahInvestigationStartDays, finish: config.lexSarahInvestigationDays }
    })
    await v1.register(deviationRoutes)
    await v1.register(lexSarahRoutes, {
      ivoNotificationDays: config.lexSarahIvoNotificationDays,
      investigationDays: { start: config.lexSarahInvestigationStartDays, finish: config.lexSarahInvestigationDays }
    })
    await v1.register(qualitySummaryRoutes)
    await v1.register(changeEventRoutes)
    await v1.register(webhookRoutes, { webhooks: config.webhooks })
    await v1.register(dischargeEpisodeRoutes, { agreementDays: config.dischargeAgreementDays })
    await v1.register(monthlyStatisticsRoutes)
  }, { prefix: '/v1' })
  await app.register(fp(webhookDispatch), { webhooks: config.webhooks })

  return app
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The legal basis written on decisions that name none (DEFAULT_LEGAL_BASIS). */
    legalBasisDefault: string
    implementationPlanDueDays: number
  }
}
