import t from 'tap'
import { buildTestApp, createApplication, createPerson, personnummer, readyForDecision } from '../helper.js'

interface Scenario { decisionDate: string; serviceTypeCode?: string; hours?: number; outcome?: string; personId?: string; token?: string }

t.test('reports', async (t) => {
  const ctx = await buildTestApp(t)
  const worker = await ctx.token('case_worker')
  // The individual report identifies each person to IVO: it needs the ivo_reporting permission (issue 15).
  const ivo = await ctx.token('case_worker', { permissions: ['ivo_reporting'] })

  async function decide(s: Scenario) {
    const token = s.token ?? worker
    const serviceTypeCode = s.serviceTypeCode ?? 'home_care'
    const hours = serviceTypeCode === 'home_care' ? (s.hours ?? 40) : undefined
    const application = await createApplication(ctx, token, {
      receivedDate: '2026-01-15',
      ...(s.personId ? { personId: s.personId } : {}),
      requestedServices: [{ serviceTypeCode, ...(hours !== undefined ? { requestedHoursPerMonth: hours } : {}) }]
    })
    await readyForDecision(ctx, token, application.id)
    const decided = await ctx.call('POST', `/v1/applications/${application.id}/decisions`, {
      token,
      body: {
        serviceTypeCode, outcome: s.outcome ?? 'granted', reason: 'Behov.', decisionDate: s.decisionDate,
        ...(s.outcome === 'rejected' ? {} : { validFrom: s.decisionDate, ...(hours !== undefined ? { hoursPerMonth: hours } : {}) })
      }
    })
    if (decided.status !== 201) throw new Error(`decide: ${decided.status} ${decided.raw}`)
    return decided.body.id as string
  }
  async function act(decisionId: string, action: string, body: unknown, token = worker) {
    const res = await ctx.call('POST', `/v1/decisions/${decisionId}/execution/${action}`, { token, body })
    if (res.status !== 200) throw new Error(`${action}: ${res.status} ${res.raw}`)
    return res.body
  }
  async function report(quarter: string, token = ivo) {
    const res = await ctx.call('GET', `/v1/reports/not-executed-decisions?quarter=${quarter}`, { token })
    if (res.status !== 200) throw new Error(`report: ${res.status} ${res.raw}`)
    return res.body
  }
  const rowsFor = (r: any, decisionId: string) => r.items.filter((row: any) => row.decisionId === decisionId)

  t.test('executed on the last day of the three months: on time, never reported', async (t) => {
    const id = await decide({ decisionDate: '2026-03-31' })
    await act(id, 'start', { startedDate: '2026-06-30' })
    for (const q of ['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4']) t.same(rowsFor(await report(q), id), [], q)
  })

  t.test('unexecuted on the first day past: in Q3 (not Q2), every quarter until executed, then once more with the date', async (t) => {
    const id = await decide({ decisionDate: '2026-03-31' })
    t.same(rowsFor(await report('2026-Q2'), id), [], 'the three months have not passed in Q2')
    const [q3] = rowsFor(await report('2026-Q3'), id)
    t.match(q3, { kind: 'not_executed', status: 'waiting', lateFrom: '2026-07-01', daysWaited: 183, resolvedDate: null, firstReportedQuarter: '2026-Q3', reportedBefore: false })
    await act(id, 'start', { startedDate: '2026-10-05' })
    t.match(rowsFor(await report('2026-Q3'), id)[0], { status: 'waiting', daysWaited: 183 }, 'executed after Q3 ended: still waiting at Q3\'s end')
    const [q4] = rowsFor(await report('2026-Q4'), id)
    t.match(q4, { status: 'executed', resolvedDate: '2026-10-05', daysWaited: 188, reportedBefore: true })
    t.same(rowsFor(await report('2027-Q1'), id), [], 'resolved before 2027-Q1 began')
  })

  t.test('past three months and executed in the same quarter: reported once, as executed late', async (t) => {
    const id = await decide({ decisionDate: '2026-03-31' })
    await act(id, 'start', { startedDate: '2026-07-01' })
    t.same(rowsFor(await report('2026-Q2'), id), [])
    t.match(rowsFor(await report('2026-Q3'), id), [{ status: 'executed', resolvedDate: '2026-07-01', firstReportedQuarter: '2026-Q3', reportedBefore: false, daysWaited: 92 }])
    t.same(rowsFor(await report('2026-Q4'), id), [])
  })

  t.test('a wait across several quarters is reported in each', async (t) => {
    const id = await decide({ decisionDate: '2026-02-10' })
    t.match(rowsFor(await report('2026-Q2'), id), [{ status: 'waiting', lateFrom: '2026-05-11', reportedBefore: false }])
    t.match(rowsFor(await report('2026-Q3'), id), [{ status: 'waiting', reportedBefore: true, firstReportedQuarter: '2026-Q2' }])
    await act(id, 'start', { startedDate: '2026-10-01' })
    t.match(rowsFor(await report('2026-Q4'), id), [{ status: 'executed', resolvedDate: '2026-10-01' }], 'executed on the first day of Q4 counts in Q4')
    t.match(rowsFor(await report('2026-Q3'), id), [{ status: 'waiting' }])
  })

  t.test('interruptions: exactly three months is in time, a day more is reported', async (t) => {
    const inTime = await decide({ decisionDate: '2026-02-02' })
    await act(inTime, 'start', { startedDate: '2026-02-05' })
    await act(inTime, 'interruptions', { startDate: '2026-03-15', reason: 'hospital_stay' })
    await act(inTime, 'resume', { resumedDate: '2026-06-15' })
    t.same(rowsFor(await report('2026-Q2'), inTime), [])

    const late = await decide({ decisionDate: '2026-02-02' })
    await act(late, 'start', { startedDate: '2026-02-05' })
    await act(late, 'interruptions', { startDate: '2026-03-15', reason: 'provider_capacity' })
    const [open] = rowsFor(await report('2026-Q2'), late)
    t.match(open, { kind: 'interrupted', status: 'waiting', interruption: { startDate: '2026-03-15', reason: 'provider_capacity' }, lateFrom: '2026-06-16' })
    await act(late, 'resume', { resumedDate: '2026-06-16' })
    t.match(rowsFor(await report('2026-Q2'), late), [{ kind: 'interrupted', status: 'executed', resolvedDate: '2026-06-16', daysWaited: 93 }])
    t.same(rowsFor(await report('2026-Q3'), late), [])
  })

  t.test('partly executed: the missing part is reported until the granted hours are reached', async (t) => {
    const id = await decide({ decisionDate: '2026-03-02', hours: 40 })
    await act(id, 'start', { startedDate: '2026-03-10', executedHoursPerMonth: 30 })
    t.match(rowsFor(await report('2026-Q2'), id), [{ status: 'waiting', partlyExecuted: { grantedHours: 40, executedHours: 30, missingHours: 10 } }])
    await act(id, 'hours', { effectiveDate: '2026-07-15', executedHoursPerMonth: 40 })
    t.match(rowsFor(await report('2026-Q3'), id), [{ status: 'executed', resolvedDate: '2026-07-15', partlyExecuted: null }])
    t.same(rowsFor(await report('2026-Q4'), id), [])
  })

  t.test('ended without execution; a declined offer does not close the case', async (t) => {
    const id = await decide({ decisionDate: '2026-03-02', serviceTypeCode: 'day_activity' })
    await act(id, 'offers', { offeredDate: '2026-05-12', description: 'Plats på Solgårdens dagverksamhet', response: 'declined', responseDate: '2026-05-14' })
    await ctx.call('PUT', `/v1/decisions/${id}/execution/delay-account`, { token: worker, body: { reason: 'Ingen ledig plats på önskat boende.', consequences: 'Bor kvar hemma.', interimServices: 'Hemtjänst.' } })
    const [q2] = rowsFor(await report('2026-Q2'), id)
    t.match(q2, {
      status: 'waiting', serviceTypeCode: 'day_activity', delayReason: 'Ingen ledig plats på önskat boende.', consequences: 'Bor kvar hemma.', interimServices: 'Hemtjänst.',
      offers: [{ offeredDate: '2026-05-12', response: 'declined', responseDate: '2026-05-14' }]
    })
    await act(id, 'end', { endedDate: '2026-08-01', reason: 'deceased' })
    t.match(rowsFor(await report('2026-Q3'), id), [{ status: 'ended', resolvedDate: '2026-08-01', endReason: 'deceased' }])
    t.same(rowsFor(await report('2026-Q4'), id), [])

    const endedInTime = await decide({ decisionDate: '2026-03-02' })
    await act(endedInTime, 'end', { endedDate: '2026-06-02', reason: 'declined_by_person' })
    for (const q of ['2026-Q2', '2026-Q3']) t.same(rowsFor(await report(q), endedInTime), [], `ended in time: not in ${q}`)
  })

  // Adjusted for issue 15: IVO's individual report identifies the person by personnummer (or
  // IVO's T-number), not by a hash and a birth year — IVO follows the person quarter to quarter.
  t.test('rows identify the person as IVO does; no name; rejected decisions and other units are absent', async (t) => {
    const person = await createPerson(ctx, worker, { firstName: 'Greta', lastName: 'Rapportsson' })
    const id = await decide({ decisionDate: '2026-04-15', personId: person.id })
    const rejected = await decide({ decisionDate: '2026-04-15', outcome: 'rejected' })
    const res = await ctx.call('GET', '/v1/reports/not-executed-decisions?quarter=2026-Q3', { token: ivo })
    const [row] = rowsFor(res.body, id)
    const digits = String(person.personalIdentityNumber).replace(/\D/g, '')
    t.same(row.personalIdentity, { value: `${digits.slice(0, 8)}-${digits.slice(8)}`, format: 'personnummer' })
    t.equal(row.birthDate, person.birthDate)
    t.equal(row.sex, person.sex)
    t.equal(row.reference, undefined, 'no pseudonymous hash any more')
    t.notOk(res.raw.includes('Rapportsson'), 'no name')
    t.same(rowsFor(res.body, rejected), [])
    t.same((await report('2026-Q4')).items.find((r: any) => r.decisionId === id).personalIdentity, row.personalIdentity, 'the same identity every quarter')
    const summary = res.body.summary
    t.equal(summary.total, res.body.items.length)
    t.equal(summary.women + summary.men, summary.total)
    t.equal(summary.byServiceType.reduce((n: number, s: any) => n + s.total, 0), summary.total)
    const other = await report('2026-Q3', await ctx.token('unit_manager', { unit: 'bromma', permissions: ['ivo_reporting'] }))
    t.equal(other.unit.code, 'bromma')
    t.same(other.items, [], 'another unit sees its own (empty) report')
  })

  t.test('a protected identity is listed only for the permitted, and counted for everyone', async (t) => {
    const permitted = await ctx.token('case_worker', { permissions: ['protected_identity', 'ivo_reporting'] })
    const person = await createPerson(ctx, permitted, { protectedIdentity: true })
    const id = await decide({ decisionDate: '2026-04-20', personId: person.id, token: permitted })
    const withPermission = await report('2026-Q3', permitted)
    const plain = await report('2026-Q3')
    t.ok(withPermission.items.find((r: any) => r.decisionId === id), 'listed for the permitted')
    t.equal(withPermission.summary.withheld, 0)
    t.notOk(plain.items.find((r: any) => r.decisionId === id), 'not listed for others')
    t.equal(plain.summary.withheld, 1, 'but counted as withheld')
    t.equal(plain.summary.total, withPermission.summary.total, 'the council sees the same totals')
    t.equal(plain.items.length, withPermission.items.length - 1)
  })

  t.test('CSV for a spreadsheet, input errors and access', async (t) => {
    const csv = await ctx.call('GET', '/v1/reports/not-executed-decisions?quarter=2026-Q3', { token: ivo, headers: { accept: 'text/csv' } })
    t.equal(csv.status, 200)
    t.match(csv.headers['content-type'], /^text\/csv; charset=utf-8/)
    t.match(csv.headers['content-disposition'], /ej-verkstallda-beslut-hagersten-alvsjo-2026-Q3\.csv/)
    t.ok(csv.raw.startsWith('\uFEFFPersonnummer;Kön;Insats'))
    const json = await report('2026-Q3')
    t.equal(csv.raw.trimEnd().split('\r\n').length, json.items.length + 1, 'one line per row plus the header')
    for (const bad of ['2026-Q5', '2026-Q0', '2026Q3', 'Q3-2026', '']) {
      const res = await ctx.call('GET', `/v1/reports/not-executed-decisions?quarter=${bad}`, { token: ivo })
      t.equal(res.status, 400, `quarter '${bad}'`)
    }
    t.equal((await ctx.call('GET', '/v1/reports/not-executed-decisions?quarter=2026-Q3', { token: await ctx.token('statistics_reader') })).status, 403, 'individual rows are not for statistics readers')
    const plainWorker = await ctx.call('GET', '/v1/reports/not-executed-decisions?quarter=2026-Q3', { token: worker })
    t.equal(plainWorker.status, 403, 'nor for a case worker without the ivo_reporting permission')
    t.match(plainWorker.body.detail, /ivo_reporting/)
    const before = await ctx.database.db.selectFrom('audit_events').select((eb) => eb.fn.countAll<number>().as('n')).where('resource_type', '=', 'not_executed_report').executeTakeFirstOrThrow()
    await report('2026-Q3')
    const after = await ctx.database.db.selectFrom('audit_events').select((eb) => eb.fn.countAll<number>().as('n')).where('resource_type', '=', 'not_executed_report').executeTakeFirstOrThrow()
    t.equal(Number(after.n) - Number(before.n), json.items.length, 'each row is in the access log')
  })
})

t.test('decisions per month', async (t) => {
  const ctx = await buildTestApp(t)
  const worker = await ctx.token('case_worker')
  const woman = await createPerson(ctx, worker, { personalIdentityNumber: personnummer('19400612', '238') })
  const man = await createPerson(ctx, worker, { personalIdentityNumber: personnummer('19400612', '239') })
  t.equal(woman.sex, 'female')
  t.equal(man.sex, 'male')
  async function decide(personId: string, decisionDate: string, outcome: string) {
    const application = await createApplication(ctx, worker, { personId, receivedDate: '2025-12-01', requestedServices: [{ serviceTypeCode: 'safety_alarm' }] })
    await readyForDecision(ctx, worker, application.id, { communicate: '2025-12-02' })
    const res = await ctx.call('POST', `/v1/applications/${application.id}/decisions`, { token: worker, body: { serviceTypeCode: 'safety_alarm', outcome, reason: 'r', decisionDate, ...(outcome === 'rejected' ? {} : { validFrom: decisionDate }) } })
    if (res.status !== 201) throw new Error(`decide: ${res.status} ${res.raw}`)
  }
  await decide(woman.id, '2025-12-31', 'granted')
  await decide(woman.id, '2026-01-01', 'granted')
  await decide(woman.id, '2026-01-31', 'granted')
  await decide(man.id, '2026-02-28', 'rejected')
  await decide(man.id, '2026-11-23', 'granted')

  const stats = await ctx.token('statistics_reader')
  const res = await ctx.call('GET', '/v1/reports/decisions-per-month?year=2026', { token: stats })
  t.equal(res.status, 200, 'aggregates are for every role')
  t.same(res.body.items, [
    { serviceTypeCode: 'safety_alarm', outcome: 'granted', sex: 'female', months: [2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], total: 2 },
    { serviceTypeCode: 'safety_alarm', outcome: 'granted', sex: 'male', months: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0], total: 1 },
    { serviceTypeCode: 'safety_alarm', outcome: 'rejected', sex: 'male', months: [0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], total: 1 }
  ], '2025-12-31 belongs to 2025; month ends fall in their month')
  t.same(res.body.monthTotals, [2, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0])
  t.equal(res.body.total, 4)
  t.equal((await ctx.call('GET', '/v1/reports/decisions-per-month?year=2025', { token: stats })).body.total, 1)
  const other = await ctx.call('GET', '/v1/reports/decisions-per-month?year=2026', { token: await ctx.token('statistics_reader', { unit: 'bromma' }) })
  t.equal(other.body.total, 0, 'another unit counts its own decisions')
  const csv = await ctx.call('GET', '/v1/reports/decisions-per-month?year=2026', { token: stats, headers: { accept: 'text/csv' } })
  t.equal(csv.raw, '\uFEFFInsats;Utfall;Kön;jan;feb;mar;apr;maj;jun;jul;aug;sep;okt;nov;dec;Totalt\r\n' +
    'safety_alarm;Bifall;Kvinna;2;0;0;0;0;0;0;0;0;0;0;0;2\r\n' +
    'safety_alarm;Bifall;Man;0;0;0;0;0;0;0;0;0;0;1;0;1\r\n' +
    'safety_alarm;Avslag;Man;0;1;0;0;0;0;0;0;0;0;0;0;1\r\n')
  t.equal((await ctx.call('GET', '/v1/reports/decisions-per-month?year=1999', { token: stats })).status, 400)
})
