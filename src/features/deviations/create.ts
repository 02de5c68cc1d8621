/**
 * Registering a deviation, directly or escalated from a complaint: the same checks either way
 * (a known active category, a provider only when the target is one, links within the unit).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { Static } from 'typebox'
import type { Kysely } from 'kysely'
import { todayInStockholm } from '../../domain/calendar.js'
import type { DB } from '../../db/schema.js'
import { badRequest } from '../../http/problem.js'
import { nextCaseNumber } from '../quality/case-number.js'
import { assertFactDate } from '../../http/fact-dates.js'
import { resolveProvider, type CaseLink } from '../quality/links.js'
import { unknownCategories } from '../quality-categories/repository.js'
import { insertDeviation } from './repository.js'
import type { DeviationEscalation } from './schemas.js'

export async function createDeviation(
  app: FastifyInstance, request: FastifyRequest, trx: Kysely<DB>,
  body: Static<typeof DeviationEscalation>, link: CaseLink, complaint: { id: string; receivedDate: string } | null
) {
  assertFactDate('/sentDate', body.sentDate, complaint?.receivedDate ?? null, 'when the complaint was received')
  if ((await unknownCategories(trx, 'deviation', [body.category])).length > 0) {
    throw badRequest('/category', `Unknown or inactive deviation category '${body.category}'.`)
  }
  const provider = await resolveProvider(trx, body, body.target === 'provider', 'target')
  const deviation = await insertDeviation(trx, {
    case_number: await nextCaseNumber(trx, 'AVV', todayInStockholm().slice(0, 4)),
    unit_id: request.actor.unitId,
    target: body.target,
    ...provider,
    category: body.category,
    description: body.description,
    sent_date: body.sentDate,
    ...link,
    complaint_id: complaint?.id ?? null,
    registered_by: request.actor.subject
  })
  await app.audit(request, [{ action: 'create', resourceType: 'deviation', resourceId: deviation.id, personId: deviation.person_id }], trx)
  return deviation
}
