/**
 * The annual report's indicator table and a Kolada-shaped export of a unit's values. Both are
 * aggregates: statistics readers may ask for any unit, other roles for their own.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import { buildIndicatorTable, tableColumns, type TableEntry } from '../../domain/indicators/indicator-table.js'
import { deriveStatus } from '../../domain/indicators/targets.js'
import { jsonOrCsv, sendCsv, toCsv, wantsCsv, type CsvColumn } from '../../http/csv.js'
import { notFound } from '../../http/problem.js'
import { problems, ref } from '../../http/schemas.js'
import { findReportUnit } from '../units/service.js'
import { goalsOf, tableEntriesOf, valuesForExport } from './repository.js'
import { ExportQuery, IndicatorTable, KoladaExport, TableQuery } from './schemas.js'


const target = (value: number | null, comparator: 'at_least' | 'at_most' | null, text: string | null) =>
  value === null && text === null ? null : { value, comparator, text }

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const read = { preValidation: app.requireCapability('read_statistics') }

  /** The caller's unit, or another one for a statistics reader; otherwise 404 as for any unit not visible. */
  async function reportUnit(request: FastifyRequest, unitId: string | undefined) {
    const { actor } = request
    const id = unitId ?? actor.unitId
    if (id !== actor.unitId && !actor.roles.includes('statistics_reader')) throw notFound('Unit')
    const unit = await findReportUnit(app.db, id)
    if (!unit) throw notFound('Unit')
    return unit
  }

  app.get('/reports/indicator-table', {
    ...read,
    schema: {
      tags: ['Reports'], operationId: 'getIndicatorTable', summary: 'The annual report\'s indicator table',
      description: [
        'The unit\'s indicators for a year and period in the layout of the annual report (VB) and the tertial reports:',
        'Indikator | Periodens utfall | Utfall män/pojkar | Utfall kvinnor/flickor | Periodens utfall (same period last year) | Årsmål | KF:s årsmål | Period.',
        'Rows follow the goal hierarchy (KF direction goal → KF goal for the area → council goal → unit goal), each goal\'s indicators after it.',
        'T1 and T2 show tertial indicators only. `Accept: text/csv` gives exactly those eight columns as CSV with decimal comma.'
      ].join(' '),
      querystring: TableQuery,
      response: { 200: jsonOrCsv(ref(IndicatorTable), 'The table.'), ...problems(400, 403, 404) }
    }
  }, async (request, reply) => {
    const { year, period } = request.query
    const unit = await reportUnit(request, request.query.unitId)
    const [goals, { targets, values, previous }] = await Promise.all([goalsOf(app.db, unit.id, year), tableEntriesOf(app.db, unit.id, year, period)])
    const valueOf = new Map(values.map((v) => [v.indicator_id, v]))
    const previousOf = new Map(previous.map((v) => [v.indicator_id, v.total]))
    const entries: TableEntry[] = targets.map((t) => {
      const v = valueOf.get(t.id)
      const annualTarget = target(t.target_value, t.target_comparator, t.target_text)
      return {
        indicator: { id: t.id, code: t.code, name: t.name, unit: t.measure_unit, direction: t.direction, periodicity: t.periodicity },
        goalId: t.goal_id,
        position: t.position,
        annualTarget,
        kfAnnualTarget: target(t.kf_target_value, t.kf_target_comparator, t.kf_target_text),
        value: v ? {
          total: v.total, women: v.women, men: v.men, missingReason: v.missing_reason, analysis: v.analysis,
          status: v.status_override ?? deriveStatus(v.total, annualTarget, t.direction, t.yellow_margin)
        } : null,
        previousTotal: previousOf.get(t.id) ?? null
      }
    })
    const table = buildIndicatorTable(
      goals.map((g) => ({ id: g.id, parentId: g.parent_id, position: g.position, number: g.number, level: g.level, title: g.title })),
      entries, year, period
    )
    const columns = tableColumns(year, period)
    if (wantsCsv(request)) {
      const keys = ['indicator', 'outcome', 'outcomeMen', 'outcomeWomen', 'previousOutcome', 'annualTarget', 'kfAnnualTarget', 'period'] as const
      const csvColumns: CsvColumn<(typeof table)[number]>[] = keys.map((key, i) => ({ header: columns[i] ?? key, value: (row) => row.cells[key] }))
      return sendCsv(reply, `indikatorer-${unit.code}-${year}-${period}.csv`, toCsv(csvColumns, table))
    }
    const goalRef = (g: (typeof table)[number]['goal']) => ({ id: g.id, level: g.level, number: g.number, title: g.title })
    return {
      unit, year, period, columns,
      rows: table.map(({ goal, goalPath, entry, cells }) => ({
        goal: goalRef(goal), goalPath: goalPath.map(goalRef), indicatorId: entry.indicator.id, code: entry.indicator.code, cells,
        values: { total: entry.value?.total ?? null, men: entry.value?.men ?? null, women: entry.value?.women ?? null, previousTotal: entry.previousTotal },
        status: entry.value?.status ?? null, missingReason: entry.value?.missingReason ?? null, analysis: entry.value?.analysis ?? null
      }))
    }
  })

  app.get('/reports/kolada-export', {
    ...read,
    schema: {
      tags: ['Reports'], operationId: 'getKoladaExport', summary: 'The unit\'s indicator values in Kolada\'s shape',
      description: 'Current values of a year (or one period), one row per KPI, unit, period and gender (T total, K women, M men), so the unit can compare itself with Kolada\'s national data. `Accept: text/csv` gives the rows as CSV.',
      querystring: ExportQuery,
      response: { 200: jsonOrCsv(ref(KoladaExport), 'The rows.'), ...problems(400, 403, 404) }
    }
  }, async (request, reply) => {
    const unit = await reportUnit(request, request.query.unitId)
    const rows = await valuesForExport(app.db, unit.id, request.query.year, request.query.period)
    const items = rows.flatMap((r) => {
      const base = { kpi: r.kolada_kpi ?? r.code, ou: unit.code, period: r.period === 'year' ? String(r.year) : `${r.year}${r.period}` }
      return ([['T', r.total], ['K', r.women], ['M', r.men]] as const)
        .filter((pair): pair is readonly ['T' | 'K' | 'M', number] => pair[1] !== null)
        .map(([gender, value]) => ({ ...base, gender, value }))
    })
    if (wantsCsv(request)) {
      const columns: CsvColumn<(typeof items)[number]>[] = [
        { header: 'kpi', value: (r) => r.kpi }, { header: 'ou', value: (r) => r.ou }, { header: 'period', value: (r) => r.period },
        { header: 'gender', value: (r) => r.gender }, { header: 'value', value: (r) => r.value }
      ]
      return sendCsv(reply, `kolada-${unit.code}-${request.query.year}.csv`, toCsv(columns, items))
    }
    return { unit, items }
  })
}

export default routes
