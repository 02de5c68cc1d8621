import t from 'tap'
import { buildTestApp, createApplication, personnummer, readyForDecision, type TestContext } from '../helper.js'

/**
 * The formulas over executions, follow-ups, KIN answers, complaints and Lex Sarah reports,
 * computed through `POST /v1/indicators/{id}/compute` on a small fixture for T1 2025
 * (1 January – 30 April): decisions through the API, the rest written to the tables directly.
 */
async function decide(ctx: TestContext, token: string, personId: string, decisionDate: string) {
  const application = await createApplication(ctx, token, { personId, receivedDate: '2024-11-01', requestedServices: [{ serviceTypeCode: 'home_care', requestedHoursPerMonth: 20 }] })
  await readyForDecision(ctx, token, application.id, { communicate: '2024-11-01' })
  const res = await ctx.call('POST', `/v1/applications/${application.id}/decisions`, {
    token, body: { serviceTypeCode: 'home_care', outcome: 'granted', reason: 'Behov av stöd.', hoursPerMonth: 20, decisionDate, validFrom: decisionDate }
  })
  if (res.status !== 201) throw new Error(`decide: ${res.status} ${res.raw}`)
  return res.body.id as string
}

t.test('the quality formulas on a small fixture, computed twice', async (t) => {
  const ctx = await buildTestApp(t)
  const db = ctx.database.db
  const manager = await ctx.token('unit_manager')
  const worker = await ctx.token('case_worker')
  const unitId = await ctx.unitId('hagersten-alvsjo')
  const person = async (sex: 'female' | 'male', serial: string) => {
    const res = await ctx.call('POST', '/v1/persons', { token: worker, body: { personalIdentityNumber: personnummer('19380301', serial), firstName: 'Test', lastName: 'Testsson' } })
    if (res.status !== 201) throw new Error(res.raw)
    t.equal(res.body.sex, sex)
    return res.body.id as string
  }
  const woman = await person('female', '224') // the serial's last digit: even → female, odd → male
  const man = await person('male', '233')

  // Not executed: late from 30 April (the last day), late from 1 May, executed on 30 April.
  const late = await decide(ctx, worker, woman, '2025-01-29')
  await decide(ctx, worker, man, '2025-01-30')
  const executed = await decide(ctx, worker, man, '2024-12-01')
  await db.insertInto('executions').values({ decision_id: executed, started_date: '2025-04-30' }).execute()
  await db.insertInto('execution_hours').values({ decision_id: executed, effective_date: '2025-04-30', hours_per_month: 20 }).execute()
  const planned = await db.selectFrom('follow_ups').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
  t.equal(Number(planned.n), 0, 'the decisions planned no follow-ups: only those below count')

  // Follow-ups due in T1: three on time, one late, one still planned; a cancelled one and one due in T2 do not count.
  const followUp = async (values: { person: string; kind: 'kin' | 'continuous'; context?: 'home_care' | 'care_home'; due: string; performed?: string | null; cancelled?: boolean }) => {
    const row = await db.insertInto('follow_ups').values({
      unit_id: unitId, person_id: values.person, decision_id: values.kind === 'continuous' ? late : null, kind: values.kind, origin: 'manual',
      service_context: values.context ?? null, due_date: values.due,
      status: values.cancelled ? 'cancelled' : values.performed ? 'performed' : 'planned',
      performed_date: values.performed ?? null, outcome: values.performed ? 'unchanged' : null,
      cancelled_by: values.cancelled ? 'by_user' : null
    }).returning('id').executeTakeFirstOrThrow()
    return row.id
  }
  const answer = (followUpId: string, questionCode: string, answerCode: string | null) =>
    db.insertInto('kin_answers').values({ follow_up_id: followUpId, question_code: questionCode, answer_code: answerCode }).execute()
  const kinW = await followUp({ person: woman, kind: 'kin', context: 'home_care', due: '2025-01-01', performed: '2025-01-01' })
  await answer(kinW, 'home_care_overall_satisfaction', 'very_satisfied')
  await answer(kinW, 'home_care_safety', null)
  const kinM = await followUp({ person: man, kind: 'kin', context: 'home_care', due: '2025-04-30', performed: '2025-04-30' })
  await answer(kinM, 'home_care_overall_satisfaction', 'neither')
  await answer(kinM, 'home_care_safety', 'very_safe')
  const kinCareHome = await followUp({ person: woman, kind: 'kin', context: 'care_home', due: '2025-02-01', performed: '2025-02-01' })
  await answer(kinCareHome, 'care_home_overall_satisfaction', 'fairly_satisfied')
  await answer(kinCareHome, 'care_home_safety', 'fairly_unsafe')
  const kinT2 = await followUp({ person: man, kind: 'kin', context: 'home_care', due: '2025-05-01', performed: '2025-05-01' })
  await answer(kinT2, 'home_care_overall_satisfaction', 'very_dissatisfied')
  await followUp({ person: man, kind: 'continuous', due: '2025-04-30', performed: '2025-05-02' })
  await followUp({ person: woman, kind: 'continuous', due: '2025-03-01' })
  await followUp({ person: woman, kind: 'continuous', due: '2025-03-02', cancelled: true })

  // Complaints: one anonymous, one about the woman on the last day, one in T2.
  let n = 0
  const complaint = (receivedDate: string, personId: string | null) => db.insertInto('complaints').values({
    case_number: `TEST-K-${++n}`, unit_id: unitId, received_date: receivedDate, channel: 'written', submitted_by: personId ? 'person' : 'anonymous',
    kind: 'complaint', target: 'unit', categories: ['treatment'], description: 'Synpunkt.', person_id: personId, answer_due_date: receivedDate, registered_by: 'test'
  }).execute()
  await complaint('2025-01-01', null)
  await complaint('2025-04-30', woman)
  await complaint('2025-05-01', man)
  // Lex Sarah: serious about the woman, not serious without a person, not yet assessed about the man.
  const report = (reportedDate: string, personId: string | null, serious: boolean | null) => db.insertInto('lex_sarah_reports').values({
    case_number: `TEST-LS-${++n}`, unit_id: unitId, reported_date: reportedDate, reporter_role: 'undersköterska', place: 'unit', category: 'treatment',
    description: 'Händelse.', person_id: personId, registered_by: 'test',
    assessment: serious === null ? null : serious ? 'wrongdoing' : 'no_wrongdoing', serious, assessed_date: serious === null ? null : reportedDate,
    ivo_notification_due_date: serious === true ? '2025-02-15' : null, status: serious === null ? 'reported' : 'assessed'
  }).execute()
  await report('2025-02-01', woman, true)
  await report('2025-03-01', null, false)
  await report('2025-04-30', man, null)
  await report('2024-12-31', woman, true)

  const expected: Record<string, { unit: string; total: number | null; women: number | null; men: number | null; basis: { total: number; women: number; men: number } }> = {
    not_executed_decisions: { unit: 'count', total: 1, women: 1, men: 0, basis: { total: 1, women: 1, men: 0 } },
    follow_ups_on_time: { unit: 'percent', total: 60, women: 66.6667, men: 50, basis: { total: 5, women: 3, men: 2 } },
    satisfied_home_care: { unit: 'percent', total: 50, women: 100, men: 0, basis: { total: 2, women: 1, men: 1 } },
    safe_home_care: { unit: 'percent', total: 100, women: null, men: 100, basis: { total: 1, women: 0, men: 1 } },
    satisfied_care_home: { unit: 'percent', total: 100, women: 100, men: null, basis: { total: 1, women: 1, men: 0 } },
    safe_care_home: { unit: 'percent', total: 0, women: 0, men: null, basis: { total: 1, women: 1, men: 0 } },
    complaints_received: { unit: 'count', total: 2, women: 1, men: 0, basis: { total: 2, women: 1, men: 0 } },
    lex_sarah_reports: { unit: 'count', total: 3, women: 1, men: 1, basis: { total: 3, women: 1, men: 1 } },
    lex_sarah_serious: { unit: 'count', total: 1, women: 1, men: 0, basis: { total: 1, women: 1, men: 0 } }
  }

  const catalogue = (await ctx.call('GET', '/v1/indicator-formulas', { token: manager })).body.items as { code: string; title: string; description: string; unit: string }[]
  const questions = await db.selectFrom('kin_questions').select(['code', 'text_sv']).execute()
  for (const [code, q] of [['satisfied_home_care', 'home_care_overall_satisfaction'], ['safe_home_care', 'home_care_safety'], ['satisfied_care_home', 'care_home_overall_satisfaction'], ['safe_care_home', 'care_home_safety']] as const) {
    const text = questions.find((row) => row.code === q)!.text_sv
    t.ok(catalogue.find((f) => f.code === code)!.description.includes(`"${text}"`), `${code} names its question verbatim`)
  }

  for (const [code, want] of Object.entries(expected)) {
    const formula = catalogue.find((f) => f.code === code)
    t.ok(formula, `${code} is in the catalogue`)
    const created = await ctx.call('POST', '/v1/indicators', { token: manager, body: { code: `test-${code}`, name: formula!.title, unit: want.unit, direction: 'higher_is_better', periodicity: 'tertial', source: 'computed', level: 'council', formulaCode: code } })
    t.equal(created.status, 201, created.raw)
    const compute = () => ctx.call('POST', `/v1/indicators/${created.body.id}/compute`, { token: manager, body: { year: 2025, period: 'T1' } })
    const first = await compute()
    t.equal(first.status, 201, first.raw)
    const numbers = (v: any) => ({ total: v.total, women: v.women, men: v.men, basis: v.basis })
    t.same(numbers(first.body), { total: want.total, women: want.women, men: want.men, basis: want.basis }, `${code}: the numbers`)
    t.match(first.body.formula, { code, version: 1 })
    const second = await compute()
    t.same(numbers(second.body), numbers(first.body), `${code}: computing twice gives the same numbers`)
    const stored = await ctx.call('GET', `/v1/indicators/${created.body.id}/values?year=2025&period=T1`, { token: manager })
    t.same(stored.body.items.map(numbers), [numbers(first.body)], `${code}: what is stored`)
  }

  // The second not-executed decision is late from 1 May: by the end of T2 both wait.
  const notExecuted = (await ctx.call('GET', '/v1/indicators?source=computed', { token: manager })).body.items.find((i: any) => i.code === 'test-not_executed_decisions')
  const t2 = await ctx.call('POST', `/v1/indicators/${notExecuted.id}/compute`, { token: manager, body: { year: 2025, period: 'T2' } })
  t.same([t2.body.total, t2.body.women, t2.body.men], [2, 1, 1])
})
