import t from 'tap'
import { seedDemo } from '../../src/demo/seed.js'
import { buildTestApp, personnummer } from '../helper.js'

/**
 * The KIN formulas for meals, outdoor time and "påverka" (two questions weighed together), and
 * the discharge formulas, computed through `POST /v1/indicators/{id}/compute` for 2025; then
 * every KIN indicator of the demo's annual-report table is computable.
 */
t.test('KIN and discharge formulas through the compute endpoint', async (t) => {
  const ctx = await buildTestApp(t)
  const db = ctx.database.db
  const manager = await ctx.token('unit_manager')
  const worker = await ctx.token('case_worker')
  const unitId = await ctx.unitId('hagersten-alvsjo')
  const person = async (serial: string) => {
    const res = await ctx.call('POST', '/v1/persons', { token: worker, body: { personalIdentityNumber: personnummer('19380301', serial), firstName: 'Test', lastName: 'Testsson' } })
    if (res.status !== 201) throw new Error(res.raw)
    return res.body.id as string
  }
  const woman = await person('224')
  const man = await person('233')
  const kin = async (personId: string, context: 'home_care' | 'care_home', performed: string, answers: Record<string, string | null>) => {
    const f = await db.insertInto('follow_ups').values({
      unit_id: unitId, person_id: personId, kind: 'kin', origin: 'manual', service_context: context, due_date: performed, status: 'performed', performed_date: performed, outcome: 'unchanged'
    }).returning('id').executeTakeFirstOrThrow()
    for (const [question, answer] of Object.entries(answers)) {
      await db.insertInto('kin_answers').values({ follow_up_id: f.id, question_code: question, answer_code: answer }).execute()
    }
  }
  await kin(woman, 'care_home', '2025-03-01', { care_home_meals: 'yes', care_home_outdoors: 'no', care_home_influence: 'always' })
  await kin(man, 'care_home', '2025-06-01', { care_home_meals: 'no', care_home_outdoors: 'no', care_home_influence: 'never' })
  await kin(woman, 'care_home', '2024-12-31', { care_home_meals: 'no' }) // another year
  // Home care "påverka": help as agreed 2/2 favourable (100 %), planning 1/3 (33.3333 %) → (100 + 33.3333) / 2.
  await kin(woman, 'home_care', '2025-02-01', { home_care_help_as_agreed: 'always', home_care_planning_participation: 'yes' })
  await kin(man, 'home_care', '2025-02-02', { home_care_help_as_agreed: 'mostly', home_care_planning_participation: 'no' })
  await kin(woman, 'home_care', '2025-02-03', { home_care_planning_participation: 'no', home_care_help_as_agreed: null })

  // Discharge: a woman home on the ready date (0 days), a man 5 days after (agreement 3), one still in hospital, one that left in 2026.
  const episode = (personId: string, ref: string, ready: string, left: string | null) => db.insertInto('discharge_episodes').values({
    unit_id: unitId, person_id: personId, source: 'lifecare', external_reference: ref, admitted_date: '2025-01-01', ready_date: ready, left_hospital_date: left, agreement_days: 3
  }).execute()
  await episode(woman, 'A', '2025-03-10', '2025-03-10')
  await episode(man, 'B', '2025-12-29', '2026-01-03')
  await episode(man, 'C', '2025-05-01', '2025-05-04')
  await episode(woman, 'D', '2025-11-01', null)

  const expected: Record<string, { unit: string; total: number | null; women: number | null; men: number | null; basis: { total: number; women: number; men: number } }> = {
    satisfied_meals_care_home: { unit: 'percent', total: 50, women: 100, men: 0, basis: { total: 2, women: 1, men: 1 } },
    outdoors_care_home: { unit: 'percent', total: 0, women: 0, men: 0, basis: { total: 2, women: 1, men: 1 } },
    influence_care_home: { unit: 'percent', total: 50, women: 100, men: 0, basis: { total: 2, women: 1, men: 1 } },
    influence_home_care: { unit: 'percent', total: 66.6667, women: 75, men: 50, basis: { total: 5, women: 3, men: 2 } },
    discharge_days_ready_median: { unit: 'days', total: 1.5, women: 0, men: 3, basis: { total: 2, women: 1, men: 1 } },
    discharge_days_ready_mean: { unit: 'days', total: 1.5, women: 0, men: 3, basis: { total: 2, women: 1, men: 1 } },
    discharge_within_agreement: { unit: 'percent', total: 100, women: 100, men: 100, basis: { total: 2, women: 1, men: 1 } }
  }
  const catalogue = (await ctx.call('GET', '/v1/indicator-formulas', { token: manager })).body.items as { code: string; title: string; description: string }[]
  t.match(catalogue.find((f) => f.code === 'influence_home_care')!.description, /unweighted mean of the two percentages/, 'the rule is stated')
  for (const [code, want] of Object.entries(expected)) {
    const formula = catalogue.find((f) => f.code === code)
    t.ok(formula, `${code} is in the catalogue`)
    const created = await ctx.call('POST', '/v1/indicators', { token: manager, body: { code: `test-${code}`, name: formula!.title, unit: want.unit, direction: 'higher_is_better', periodicity: 'year', source: 'computed', level: 'council', formulaCode: code } })
    t.equal(created.status, 201, created.raw)
    const computed = await ctx.call('POST', `/v1/indicators/${created.body.id}/compute`, { token: manager, body: { year: 2025, period: 'year' } })
    t.equal(computed.status, 201, computed.raw)
    t.same({ total: computed.body.total, women: computed.body.women, men: computed.body.men, basis: computed.body.basis }, { total: want.total, women: want.women, men: want.men, basis: want.basis }, `${code}: the numbers`)
  }
})

t.test('every KIN indicator of the demo\'s annual-report table is computable', async (t) => {
  const ctx = await buildTestApp(t)
  await seedDemo(ctx.database.db)
  const manager = await ctx.token('unit_manager')
  const indicators = (await ctx.call('GET', '/v1/indicators?limit=200', { token: manager })).body.items as any[]
  const kinCodes = ['maltid-trevlig-stund-vard-och-omsorgsboende', 'utomhus-vard-och-omsorgsboende', 'paverka-hjalpen-hemtjanst', 'paverka-hjalpen-vard-och-omsorgsboende',
    'trygga-hemtjanst', 'trygga-vard-och-omsorgsboende', 'nojda-hemtjanst', 'nojda-vard-och-omsorgsboende']
  for (const code of kinCodes) {
    const indicator = indicators.find((i) => i.code === code)
    t.ok(indicator, code)
    t.equal(indicator.source, 'computed', `${code} is computed from the KIN follow-ups`)
    const computed = await ctx.call('POST', `/v1/indicators/${indicator.id}/compute`, { token: manager, body: { year: 2026, period: 'year' } })
    t.equal(computed.status, 201, `${code}: ${computed.raw.slice(0, 200)}`)
  }
})
