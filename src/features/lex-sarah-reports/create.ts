/**
 * Registering a Lex Sarah report, directly or escalated from a complaint: the same checks
 * either way (a known active category, a provider only when it happened at one, "for
 * information" only from a provider, links within the unit).
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
import { insertReport } from './repository.js'
import type { LexSarahEscalation } from './schemas.js'

export async function createLexSarahReport(
  app: FastifyInstance, request: FastifyRequest, trx: Kysely<DB>,
  body: Static<typeof LexSarahEscalation>, link: CaseLink, complaint: { id: string; receivedDate: string } | null
) {
  assertFactDate('/reportedDate', body.reportedDate, complaint?.receivedDate ?? null, 'when the complaint was received')
  if (body.eventDate != null && body.eventDate > body.reportedDate) throw badRequest('/eventDate', 'The event cannot be after it was reported.')
  if (body.forInformation === true && body.place !== 'provider') throw badRequest('/forInformation', 'Only a provider\'s report arrives for information.')
  if ((await unknownCategories(trx, 'lex_sarah', [body.category])).length > 0) {
    throw badRequest('/category', `Unknown or inactive Lex Sarah category '${body.category}'.`)
  }
  const provider = await resolveProvider(trx, body, body.place === 'provider', 'place')
  const report = await insertReport(trx, {
    case_number: await nextCaseNumber(trx, 'LXS', todayInStockholm().slice(0, 4)),
    unit_id: request.actor.unitId,
    reported_date: body.reportedDate,
    reporter_role: body.reporterRole,
    event_date: body.eventDate ?? null,
    place: body.place,
    ...provider,
    for_information: body.forInformation ?? false,
    category: body.category,
    description: body.description,
    immediate_actions: body.immediateActions ?? null,
    ...link,
    complaint_id: complaint?.id ?? null,
    registered_by: request.actor.subject
  })
  await app.audit(request, [{ action: 'create', resourceType: 'lex_sarah_report', resourceId: report.id, personId: report.person_id }], trx)
  return report
}
