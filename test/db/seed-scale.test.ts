/**
 * Smoke test of `npm run seed:scale` at a tiny size on the PostgreSQL server in DATABASE_URL
 * (the generator refuses PGlite): the loaded city keeps its proportions and the service's
 * rules, the case-number sequences continue after it, and the API answers on it.
 */
import t from 'tap'
import pg from 'pg'
import { todayInStockholm } from '../../src/domain/calendar.js'
import { quarterOf } from '../../src/domain/not-executed.js'
import { loadCity } from '../../src/scale/load.js'
import { buildTestApp, freshServerDatabase } from '../helper.js'

const adminUrl = process.env.DATABASE_URL

t.test('seed:scale loads a consistent small city the API works on', { skip: adminUrl ? false : 'needs DATABASE_URL: the city generator loads into a PostgreSQL server, not PGlite' }, async (t) => {
  const url = await freshServerDatabase(t, adminUrl as string)
  // The city first, then its year of reads as `--access-log-only` adds them to a loaded city
  // (a fresh load runs the same step after the city: see load.ts).
  const options = { persons: 150, years: 3, seed: 7, reset: false, accessLogYears: 1, accessLogOnly: false }
  const result = await loadCity({ ...options, accessLogYears: 0 }, url, () => {})
  const reads = await loadCity({ ...options, accessLogOnly: true }, url, () => {})
  const count = (table: string) => result.counts.find((c) => c.table === table)?.rows ?? 0
  const today = todayInStockholm()

  t.test('counts in the expected ratios', async (t) => {
    t.equal(count('persons'), 150)
    const perPerson = count('applications') / count('persons')
    // 600,000 applications for 35,000 persons over ten years: about 1.7 per person and year.
    t.ok(perPerson > 3.5 && perPerson < 7, `applications per person over 3 years: ${perPerson}`)
    const perApplication = count('decisions') / count('applications')
    t.ok(perApplication > 1.4 && perApplication < 1.9, `decisions per application: ${perApplication}`)
    t.ok(count('executions') > 0.7 * count('decisions'), 'most decisions are granted and executed')
    t.ok(count('follow_ups') > 0 && count('kin_answers') > 0 && count('execution_hours') > 0 && count('execution_interruptions') > 0)
    t.ok(count('complaints') > 0 && count('deviations') > 0 && count('lex_sarah_reports') > 0)
    t.ok(count('goals') >= 13 * 4 * 3 && count('indicator_values') > 0)
    t.ok(count('discharge_episodes') > 0 && count('discharge_episode_applications') === count('discharge_episodes'), 'a discharge episode behind each application through hospital discharge')
  })

  const client = new pg.Client({ connectionString: url })
  await client.connect()
  t.teardown(() => client.end())
  const one = async (sql: string) => (await client.query(sql)).rows[0]
  const zero = async (t: { equal(found: unknown, wanted: unknown, message: string): unknown }, what: string, sql: string) => t.equal(Number((await one(sql)).n), 0, what)

  t.test('persons: about two thirds women, mostly 75–100 years old, each case in the person\'s unit', async (t) => {
    const p = await one(`SELECT avg((sex = 'female')::int)::float AS women,
      avg((extract(year FROM age(current_date, birth_date)) BETWEEN 70 AND 104)::int)::float AS old FROM persons`)
    t.ok(p.women > 0.5 && p.women < 0.8, `women ${p.women}`)
    t.ok(p.old > 0.85, `share aged 70–104: ${p.old}`)
    await zero(t, 'applications in the person\'s unit', 'SELECT count(*) AS n FROM applications a JOIN persons p ON p.id = a.person_id WHERE a.unit_id <> p.unit_id')
    await zero(t, 'decisions in the application\'s unit and person', 'SELECT count(*) AS n FROM decisions d JOIN applications a ON a.id = d.application_id WHERE d.unit_id <> a.unit_id OR d.person_id <> a.person_id')
    await zero(t, 'discharge episodes in the person\'s unit, linked to the person\'s own application', 'SELECT count(*) AS n FROM discharge_episodes e JOIN persons p ON p.id = e.person_id JOIN discharge_episode_applications l ON l.episode_id = e.id JOIN applications a ON a.id = l.application_id WHERE e.unit_id <> p.unit_id OR a.person_id <> e.person_id')
  })

  t.test('the case process: dates in order, decided applications complete, delegation followed', async (t) => {
    await zero(t, 'every execution belongs to a granted decision', `SELECT count(*) AS n FROM executions e JOIN decisions d ON d.id = e.decision_id WHERE d.outcome = 'rejected'`)
    await zero(t, 'decisions between receipt and today, grants valid from the decision', `SELECT count(*) AS n FROM decisions d JOIN applications a ON a.id = d.application_id
      WHERE d.decision_date < a.received_date OR d.decision_date > '${today}' OR (d.outcome <> 'rejected' AND (d.valid_from IS NULL OR d.valid_from < d.decision_date))
         OR (d.outcome = 'rejected' AND (d.valid_from IS NOT NULL OR d.hours_per_month IS NOT NULL))`)
    await zero(t, 'decided applications have their investigation and decided_at, and a decision per requested service', `SELECT count(*) AS n FROM applications a
      WHERE a.status = 'decided' AND (a.investigation_recorded_at IS NULL OR a.decided_at IS NULL
        OR (SELECT count(*) FROM application_services s WHERE s.application_id = a.id) <> (SELECT count(*) FROM decisions d WHERE d.application_id = a.id))`)
    await zero(t, 'only decided applications have decisions', `SELECT count(*) AS n FROM decisions d JOIN applications a ON a.id = d.application_id WHERE a.status <> 'decided'`)
    await zero(t, 'housing needs a joint review and (unless urgent) a communication before the decision', `SELECT count(*) AS n FROM decisions d
      JOIN applications a ON a.id = d.application_id JOIN service_types st ON st.code = d.service_type_code
      WHERE st.housing AND (a.joint_review_date IS NULL OR a.joint_review_date > d.decision_date
        OR (NOT a.urgent AND NOT EXISTS (SELECT 1 FROM communications c WHERE c.application_id = a.id AND c.communicated_date <= d.decision_date)))`)
    await zero(t, 'adverse decisions were communicated unless urgent', `SELECT count(*) AS n FROM decisions d JOIN applications a ON a.id = d.application_id
      WHERE d.outcome <> 'granted' AND NOT a.urgent AND NOT EXISTS (SELECT 1 FROM communications c WHERE c.application_id = a.id AND c.communicated_date <= d.decision_date)`)
    await zero(t, 'housing decided by a manager or deputy under the housing rule', `SELECT count(*) AS n FROM decisions d JOIN service_types st ON st.code = d.service_type_code
      WHERE st.housing AND (d.decided_by_role NOT IN ('unit_manager', 'deputy_unit_manager') OR d.delegation_rule_code IS DISTINCT FROM 'housing')`)
    await zero(t, 'home care over 99 hours decided under its rule', `SELECT count(*) AS n FROM decisions d JOIN application_services s ON s.application_id = d.application_id AND s.service_type_code = d.service_type_code
      WHERE d.service_type_code = 'home_care' AND greatest(s.requested_hours_per_month, d.hours_per_month) > 99
        AND (d.decided_by_role NOT IN ('unit_manager', 'deputy_unit_manager', 'case_worker_special_delegation') OR d.delegation_rule_code IS DISTINCT FROM 'home_care_over_99_hours')`)
    await zero(t, 'execution dates: order ≥ decision, start ≥ order and decision, end ≥ start, all by today', `SELECT count(*) AS n FROM executions e JOIN decisions d ON d.id = e.decision_id
      WHERE e.ordered_date < d.decision_date OR e.started_date < d.decision_date OR e.started_date < e.ordered_date OR e.ended_date < e.started_date
         OR e.ended_date < e.ordered_date OR e.ended_date < d.decision_date OR greatest(e.ordered_date, e.started_date, e.ended_date, e.implementation_plan_received_date) > '${today}'`)
    await zero(t, 'interruptions and hours within the execution', `SELECT count(*) AS n FROM executions e
      WHERE EXISTS (SELECT 1 FROM execution_interruptions i WHERE i.decision_id = e.decision_id AND (i.start_date < e.started_date OR i.start_date > coalesce(e.ended_date, '${today}') OR i.end_date > '${today}'))
         OR EXISTS (SELECT 1 FROM execution_hours h JOIN decisions d ON d.id = h.decision_id WHERE h.decision_id = e.decision_id AND (h.effective_date < e.started_date OR h.hours_per_month > d.hours_per_month))`)
    await zero(t, 'follow-ups performed by today', `SELECT count(*) AS n FROM follow_ups WHERE performed_date > '${today}'`)
    await zero(t, 'KIN follow-ups answer every question of their context', `SELECT count(*) AS n FROM follow_ups f
      WHERE f.kind = 'kin' AND (SELECT count(*) FROM kin_answers k WHERE k.follow_up_id = f.id) <> (SELECT count(*) FROM kin_questions q WHERE q.service_context = f.service_context AND q.active)`)
    const late = await one(`SELECT count(*) FILTER (WHERE e.started_date > (d.decision_date + interval '3 months')::date)::float / count(*) AS share
      FROM executions e JOIN decisions d ON d.id = e.decision_id WHERE e.started_date IS NOT NULL`)
    t.ok(late.share > 0 && late.share < 0.05, `a few percent executed past three months: ${late.share}`)
  })

  t.test('the case-number sequences continue after the loaded numbers', async (t) => {
    for (const [table, sequence] of [['applications', 'application_case_number_seq'], ['complaints', 'complaint_case_number_seq'],
      ['deviations', 'deviation_case_number_seq'], ['lex_sarah_reports', 'lex_sarah_case_number_seq']]) {
      const r = await one(`SELECT (SELECT max(split_part(case_number, '-', 3)::int) FROM ${table}) AS loaded, last_value, is_called FROM ${sequence}`)
      t.ok(r.is_called && Number(r.last_value) >= Number(r.loaded), `${sequence} at ${r.last_value}, loaded up to ${r.loaded}`)
    }
  })

  t.test('a second load into the same database is refused', async (t) => {
    await t.rejects(loadCity(options, url, () => {}), /already holds 150 persons.*--reset/)
    await t.rejects(loadCity({ ...options, accessLogOnly: true }, url, () => {}), /already holds seeded reads/, 'and so are the reads')
  })

  t.test('a year of reads in the access log, each of the reader\'s own unit', async (t) => {
    t.equal(result.accessLog, undefined, 'none with --access-log-years 0')
    t.ok(reads.accessLog && reads.accessLog.rows > 0, 'rows added by --access-log-only')
    // ~29 million person-events a year in the full city (35,000 persons); 150 persons get their share.
    const events = reads.accessLog?.events ?? 0
    const full = events * 35_000 / 150
    t.ok(full > 20_000_000 && full < 36_000_000, `person-events: ${events} (${Math.round(full).toLocaleString('en')} at full size)`)
    t.equal(reads.counts.find((c) => c.table === 'access_log')?.rows, reads.accessLog?.rows, 'counted')
    await zero(t, 'staff read only persons of their own unit', `SELECT count(*) AS n FROM access_log l, unnest(l.person_ids) AS p(id)
      JOIN persons ON persons.id = p.id WHERE l.actor NOT LIKE 'provider.%' AND persons.unit_id <> l.unit_id`)
    await zero(t, 'a provider\'s reads are filed under the order\'s unit', `SELECT count(*) AS n FROM access_log l, unnest(l.person_ids) AS p(id)
      JOIN persons ON persons.id = p.id WHERE l.actor LIKE 'provider.%' AND persons.unit_id <> l.unit_id`)
    const lists = await one(`SELECT max(cardinality(person_ids)) AS n FROM access_log WHERE resource_type = 'decision'`)
    t.ok(Number(lists.n) > 1 && Number(lists.n) <= 50, `a list page is one row of up to 50 persons (${lists.n})`)
    await zero(t, 'no reads on weekends or in the future', `SELECT count(*) AS n FROM access_log WHERE extract(isodow FROM occurred_at AT TIME ZONE 'Europe/Stockholm') > 5 OR occurred_at > now()`)
  })


  t.test('the API answers on the city', async (t) => {
    const ctx = await buildTestApp(t, {}, { databaseUrl: url })
    const unit = await one(`SELECT u.code, u.id FROM units u JOIN persons p ON p.unit_id = u.id GROUP BY u.code, u.id ORDER BY count(*) DESC, u.code LIMIT 1`)
    const worker = await ctx.token('case_worker', { unit: unit.code, subject: `hk.${unit.code}.03` })
    const manager = await ctx.token('unit_manager', { unit: unit.code, subject: `ec.${unit.code}` })

    const decisions = await ctx.call('GET', '/v1/decisions?limit=50', { token: worker })
    t.equal(decisions.status, 200)
    t.ok(decisions.body.items.length > 0, 'the unit has decisions')
    const previousQuarter = quarterOf(new Date(Date.now() - 92 * 86_400_000).toISOString().slice(0, 10))
    const ivo = await ctx.token('case_worker', { unit: unit.code, subject: `hk.${unit.code}.ivo`, permissions: ['ivo_reporting'] })
    const report = await ctx.call('GET', `/v1/reports/not-executed-decisions?quarter=${previousQuarter}`, { token: ivo })
    t.equal(report.status, 200, report.status === 200 ? 'the IVO report of the previous quarter' : report.raw.slice(0, 300))
    const worklist = await ctx.call('GET', '/v1/worklists', { token: worker })
    t.equal(worklist.status, 200, worklist.status === 200 ? 'the worklist' : worklist.raw.slice(0, 300))
    const summary = await ctx.call('GET', `/v1/reports/quality-summary?year=${today.slice(0, 4)}`, { token: manager })
    t.equal(summary.status, 200, summary.status === 200 ? 'the quality summary' : summary.raw.slice(0, 300))

    const month = today.slice(0, 7)
    const volumes = await ctx.call('GET', `/v1/reports/monthly-volumes?month=${month}`, { token: manager })
    t.equal(volumes.status, 200, volumes.status === 200 ? 'the monthly volumes' : volumes.raw.slice(0, 300))
    t.ok(volumes.body.current.personsByServiceType.length > 0, 'persons with services this month')
    const caseload = await ctx.call('GET', '/v1/reports/caseload', { token: manager })
    t.equal(caseload.status, 200, caseload.status === 200 ? 'the caseload' : caseload.raw.slice(0, 300))
    const discharges = await ctx.call('GET', '/v1/discharge-episodes?limit=20', { token: worker })
    t.equal(discharges.status, 200, discharges.status === 200 ? 'the discharge episodes' : discharges.raw.slice(0, 300))
    t.ok(discharges.body.items.length > 0 && discharges.body.items.every((e: any) => e.applications.length === 1), 'each linked to its application')

    const person = await one(`SELECT id FROM persons WHERE unit_id = '${unit.id}' AND NOT protected_identity LIMIT 1`)
    const before = await one('SELECT last_value FROM application_case_number_seq')
    const created = await ctx.call('POST', '/v1/applications', {
      token: worker,
      body: { personId: person.id, receivedDate: today, channel: 'phone', requestedServices: [{ serviceTypeCode: 'home_care', requestedHoursPerMonth: 20 }] }
    })
    t.equal(created.status, 201, created.status === 201 ? 'a new application' : created.raw.slice(0, 300))
    t.equal(created.body.caseNumber, `ANS-${today.slice(0, 4)}-${String(Number(before.last_value) + 1).padStart(6, '0')}`, 'the next case number after the loaded ones')
  })
})
