/**
 * Issue 15's smaller gaps in quality work: the Lex Sarah texts cite the provisions in force on
 * the reported date; the investigation deadlines ("utan dröjsmål", configurable) with overdue
 * flags and filter; `asOf` on the complaint and Lex Sarah overdue filters.
 */
import t from 'tap'
import { buildTestApp } from '../helper.js'

const reportBody = (reportedDate: string) => ({
  reportedDate, reporterRole: 'biståndshandläggare', eventDate: null, place: 'unit',
  category: 'documentation_to_wrong_person', description: 'Ett beslut skickades till fel mottagare.', immediateActions: null
})

t.test('Lex Sarah deadlines, legal basis and asOf', async (t) => {
  const ctx = await buildTestApp(t, { LEX_SARAH_INVESTIGATION_START_DAYS: '3', LEX_SARAH_INVESTIGATION_DAYS: '30' })
  const quality = await ctx.token('quality_officer')
  const worker = await ctx.token('case_worker')

  const old = await ctx.call('POST', '/v1/lex-sarah-reports', { token: quality, body: reportBody('2025-06-30') })
  t.equal(old.status, 201)
  t.same(old.body.legalBasis, { report: 'SoL (2001:453) 14 kap. 3–7 §§', ivoNotification: 'SoL (2001:453) 14 kap. 7 §' }, 'reported on 2025-06-30: the old act')
  const current = await ctx.call('POST', '/v1/lex-sarah-reports', { token: quality, body: reportBody('2025-07-01') })
  t.same(current.body.legalBasis, { report: 'SoL (2025:400) 27 kap. 2–6 §§', ivoNotification: 'SoL (2025:400) 27 kap. 6 §' }, 'reported on 2025-07-01: the new act')
  t.equal((await ctx.call('POST', '/v1/lex-sarah-reports', { token: worker, body: reportBody('2025-07-01') })).body.legalBasis.report, current.body.legalBasis.report,
    'every reader sees the legal basis, details or not')

  const r = await ctx.call('POST', '/v1/lex-sarah-reports', { token: quality, body: reportBody('2026-03-02') })
  t.match(r.body.details.investigationDeadlines, { startDueDate: '2026-03-05', finishDueDate: '2026-04-01' }, 'the configured days')
  const list = async (query: string) => {
    const res = await ctx.call('GET', `/v1/lex-sarah-reports?reportedFrom=2026-03-02&reportedTo=2026-03-02&${query}`, { token: quality })
    t.equal(res.status, 200, query)
    return res.body.items as any[]
  }
  t.same((await list('investigationOverdue=true&asOf=2026-03-05')).map((x) => x.id), [], 'on the last day to start: not overdue')
  const overdue = await list('investigationOverdue=true&asOf=2026-03-06')
  t.same(overdue.map((x) => x.id), [r.body.id], 'a day past: overdue')
  t.match(overdue[0].details.investigationDeadlines, { startOverdue: true, finishOverdue: false }, 'the flags are judged on asOf too')
  t.equal((await list('investigationOverdue=false&asOf=2026-03-06')).length, 0)
  await ctx.call('POST', `/v1/lex-sarah-reports/${r.body.id}/investigate`, { token: quality, body: { date: '2026-03-06' } })
  t.same(await list('investigationOverdue=true&asOf=2026-03-07'), [], 'started (late): no longer overdue to start')
  t.same((await list('investigationOverdue=true&asOf=2026-04-02')).map((x) => x.id), [r.body.id], 'not assessed a day past the finishing deadline')
  await ctx.call('POST', `/v1/lex-sarah-reports/${r.body.id}/assessment`, { token: quality, body: { date: '2026-03-20', assessment: 'no_wrongdoing', serious: false } })
  t.same(await list('investigationOverdue=true&asOf=2026-04-02'), [], 'assessed in time')
  t.equal((await ctx.call('GET', '/v1/lex-sarah-reports?investigationOverdue=true', { token: worker })).status, 403, 'a detail filter')

  const serious = await ctx.call('POST', '/v1/lex-sarah-reports', { token: quality, body: reportBody('2026-04-01') })
  await ctx.call('POST', `/v1/lex-sarah-reports/${serious.body.id}/investigate`, { token: quality, body: { date: '2026-04-01' } })
  await ctx.call('POST', `/v1/lex-sarah-reports/${serious.body.id}/assessment`, { token: quality, body: { date: '2026-04-02', assessment: 'wrongdoing', serious: true } })
  const ivoList = async (asOf: string) => (await ctx.call('GET', `/v1/lex-sarah-reports?ivoNotificationOverdue=true&asOf=${asOf}&reportedFrom=2026-04-01`, { token: quality })).body.items as any[]
  t.same(await ivoList('2026-04-16'), [], 'the IVO deadline (14 days from the assessment) not passed on 2026-04-16')
  const late = await ivoList('2026-04-17')
  t.same(late.map((x) => x.id), [serious.body.id], 'passed on 2026-04-17')
  t.equal(late[0].details.ivoNotification.overdue, true)

  const complaint = await ctx.call('POST', '/v1/complaints', { token: worker, body: {
    receivedDate: '2026-03-02', channel: 'phone', submittedBy: 'relative', kind: 'complaint', target: 'unit', categories: ['treatment'], description: 'Ingen återkoppling.'
  } })
  t.equal(complaint.status, 201)
  const complaints = async (asOf: string) => (await ctx.call('GET', `/v1/complaints?overdue=true&asOf=${asOf}&receivedFrom=2026-03-02&receivedTo=2026-03-02`, { token: worker })).body.items as any[]
  t.same(await complaints('2026-03-16'), [], 'the answer is due on day 14')
  const overdueComplaints = await complaints('2026-03-17')
  t.same(overdueComplaints.map((c) => c.id), [complaint.body.id])
  t.equal(overdueComplaints[0].overdue, true)
})
