/** A computed indicator month by month (`2026-10`), computed on demand. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { callerOf } from '../../http/caller.js'
import { component, IdParams, LegalDate, Nullable, problems, ref, Count } from '../../http/schemas.js'
import { MAX_MONTHS, monthlySeries } from './monthly-service.js'

const MonthPattern = '^[0-9]{4}-(0[1-9]|1[0-2])$'

const MonthRange = Type.Object({
  from: Type.String({ pattern: MonthPattern, maxLength: 7, description: 'The first month.', examples: ['2026-01'] }),
  to: Type.String({ pattern: MonthPattern, maxLength: 7, description: `The last month (at most ${MAX_MONTHS} months in all).`, examples: ['2026-10'] })
}, { additionalProperties: false })

const Figure = Nullable(Type.Number())

export const MonthlySeries = component('IndicatorMonthlySeries', Type.Object({
  indicatorId: Type.String({ format: 'uuid', maxLength: 36 }),
  name: Type.String({ maxLength: 1000 }),
  unit: Type.String({ maxLength: 64 }),
  formula: Type.Object({ code: Type.String({ maxLength: 100 }), version: Count() }),
  items: Type.Array(Type.Object({
    month: Type.String({ maxLength: 7, examples: ['2026-10'] }),
    periodStart: LegalDate,
    periodEnd: LegalDate,
    total: Figure,
    women: Figure,
    men: Figure,
    basis: Type.Object({ total: Count(), women: Count(), men: Count() }),
    missingReason: Nullable(Type.String({ maxLength: 2000 }))
  }), { maxItems: MAX_MONTHS, description: 'One per month of the range.' })
}, {
  description: 'A computed indicator per calendar month, computed now from the unit\'s data (not stored). Counts "on the period\'s last day" are on the month\'s last day; "in the period" means within the month.',
  examples: [{
    indicatorId: '6d5c4b3a-2918-4776-a5b4-c3d2e1f0a9b8', name: 'Antal personer med hemtjänst', unit: 'persons', formula: { code: 'people_with_services', version: 1 },
    items: [{ month: '2026-10', periodStart: '2026-10-01', periodEnd: '2026-10-31', total: 1525, women: 1010, men: 515, basis: { total: 1525, women: 1010, men: 515 }, missingReason: null }]
  }]
}))

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/indicators/:id/months', {
    preValidation: app.requireCapability('read_statistics'),
    schema: {
      tags: ['Indicators'], operationId: 'getIndicatorMonths', summary: 'A computed indicator month by month',
      description: `Runs the computed indicator's formula over the caller's unit's data for each month from \`from\` to \`to\` (at most ${MAX_MONTHS}), split by sex, without storing anything: stored values remain those of T1, T2 and the year. 409 when the indicator is not computed.`,
      params: IdParams, querystring: MonthRange,
      response: { 200: ref(MonthlySeries), ...problems(400, 403, 404, 409) }
    }
  }, async (request) => monthlySeries(app.db, callerOf(request), request.params.id, request.query.from, request.query.to))
}

export default routes
