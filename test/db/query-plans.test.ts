/**
 * Query plans: every statement of every main list, worklist, report and formula (the walk in
 * test/support/endpoint-walk.ts) is explained with its own parameters after
 * `SET enable_seqscan = off`. The planner then still scans a table sequentially only when no
 * index can serve the query, so a Seq Scan of a large table fails the test, naming the endpoint
 * and the query. And no N+1: a page of 1 and a page of 50 run the same number of statements.
 * On scaled data, `npm run explain` runs the same walk with real statistics and timings.
 */
import t from 'tap'
import { buildTestApp, type TestContext } from '../helper.js'
import { runWalk, walkSteps, type WalkRole } from '../support/endpoint-walk.js'
import { explain, isRead, QueryRecorder, seqScansOfLargeTables, shortSql } from '../support/query-plans.js'
import { CASE_WORKER, makeWalkFixture, ROWS } from './walk-fixture.js'

t.test('query plans of the list, worklist and report endpoints', async (t) => {
  const recorder = new QueryRecorder()
  const ctx: TestContext = await buildTestApp(t, {}, { onQuery: recorder.onQuery })
  const fixture = await makeWalkFixture(ctx)
  const unitId = await ctx.unitId('hagersten-alvsjo')
  const tokens: Record<WalkRole, string> = {
    case_worker: await ctx.token('case_worker', { subject: CASE_WORKER }),
    unit_manager: await ctx.token('unit_manager', { subject: 'plan.manager', permissions: ['ivo_reporting'] }),
    administrator: await ctx.token('administrator', { subject: 'plan.admin' }),
    quality_officer: await ctx.token('quality_officer', { subject: 'plan.quality' })
  }

  t.test('the check sees a sequential scan where no index can serve', async (t) => {
    const plan = await explain(ctx.database, { sql: 'SELECT id FROM decisions WHERE reason = $1', parameters: ['Inget behov.'] }, { seqscanOff: true })
    t.same(seqScansOfLargeTables(plan.scans).map((s) => s.relation), ['decisions'])
  })

  t.test('no sequential scan of a large table, with seqscans disabled', async (t) => {
    const walked = await runWalk(walkSteps(fixture, unitId), recorder, (step, url) =>
      ctx.call(step.method, url, { token: tokens[step.role], ...(step.body === undefined ? {} : { body: step.body }) }), ctx.database.db)
    const failures: string[] = []
    let explained = 0
    for (const { step, statements } of walked) {
      const reads = statements.filter(isRead)
      t.ok(reads.length > 0, `${step.name} reads something`)
      for (const statement of reads) {
        const plan = await explain(ctx.database, statement, { seqscanOff: true })
        explained++
        for (const scan of seqScansOfLargeTables(plan.scans)) {
          failures.push(`${step.name}: Seq Scan on ${scan.relation}${scan.filter ? ` (filter ${scan.filter})` : ''} in ${shortSql(statement.sql)}`)
        }
      }
    }
    t.same(failures, [], 'every query of a large table is served by an index')
    t.comment(`query plans: ${walked.length} endpoints and formulas, ${explained} statements explained, ${failures.length} sequential scans of large tables`)
  })

  t.test('no N+1: a page of 1 and a page of 50 run the same number of statements', async (t) => {
    const lists: [string, WalkRole][] = [
      ['/v1/applications', 'case_worker'],
      [`/v1/applications?caseWorker=${CASE_WORKER}`, 'case_worker'],
      ['/v1/decisions', 'case_worker'],
      ['/v1/follow-ups', 'case_worker'],
      ['/v1/complaints', 'case_worker'],
      ['/v1/deviations', 'case_worker'],
      ['/v1/lex-sarah-reports', 'unit_manager'],
      ['/v1/lex-sarah-reports', 'case_worker'],
      ['/v1/audit-events', 'administrator'],
      ['/v1/goals?year=2026', 'case_worker'],
      ['/v1/indicators', 'case_worker'],
      ['/v1/indicators?year=2026', 'case_worker']
    ]
    for (const [path, role] of lists) {
      const page = async (limit: number) => {
        const url = `${path}${path.includes('?') ? '&' : '?'}limit=${limit}`
        const { result, statements } = await recorder.during(() => ctx.call('GET', url, { token: tokens[role] }))
        t.equal(result.status, 200, `${url} as ${role}`)
        t.equal(result.body.items.length, limit, `${url}: ${limit} rows`)
        return statements.length
      }
      const one = await page(1)
      const fifty = await page(ROWS)
      t.equal(fifty, one, `${path} as ${role}: ${one} statements for 1 row, ${fifty} for ${ROWS}`)
    }
  })
})
