import fs from 'node:fs'
import t from 'tap'

// The contract integrators read: goals, indicators, values, compute, the table (JSON and CSV) and the export.
t.test('the OpenAPI file documents goals, indicators and their reports', async (t) => {
  const spec = JSON.parse(fs.readFileSync(new URL('../../openapi/openapi.json', import.meta.url), 'utf8'))
  const expected: [string, string][] = [
    ['/v1/goals', 'post'], ['/v1/goals', 'get'], ['/v1/goals/{id}', 'patch'], ['/v1/goals/{id}/assessments/{period}', 'put'],
    ['/v1/goals/{id}/activities', 'post'], ['/v1/indicators', 'post'], ['/v1/indicators', 'get'], ['/v1/indicators/{id}/targets/{year}', 'put'],
    ['/v1/indicators/{id}/values', 'post'], ['/v1/indicators/{id}/values', 'get'], ['/v1/indicators/{id}/compute', 'post'],
    ['/v1/indicator-formulas', 'get'], ['/v1/reports/indicator-table', 'get'], ['/v1/reports/kolada-export', 'get']
  ]
  for (const [path, method] of expected) t.ok(spec.paths[path]?.[method], `${method.toUpperCase()} ${path}`)
  for (const path of ['/v1/reports/indicator-table', '/v1/reports/kolada-export']) {
    const content = spec.paths[path].get.responses['200'].content
    t.ok(content['application/json'], `${path} JSON`)
    t.ok(content['text/csv'], `${path} CSV`)
  }
  for (const name of ['Goal', 'Indicator', 'IndicatorValue', 'IndicatorTable', 'KoladaExport']) {
    t.ok(spec.components.schemas[name]?.examples?.length, `${name} has an example`)
  }
  const period = spec.paths['/v1/reports/indicator-table'].get.parameters.find((p: any) => p.name === 'period')
  // Every enumeration is one named component, referenced where it is used.
  t.equal(period.schema.$ref, '#/components/schemas/AssessmentPeriod')
  t.same(spec.components.schemas.AssessmentPeriod.enum, ['T1', 'T2', 'year'])
})
