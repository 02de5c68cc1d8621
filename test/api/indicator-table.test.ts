import t from 'tap'
import { seedDemo } from '../../src/demo/seed.js'
import { buildTestApp } from '../helper.js'

// Seed 000 (Beställarenheten äldre, Hägersten-Älvsjö, VB 2021), under "KF:s mål för
// verksamhetsområdet: 3.2. Stockholm använder skattemedlen effektivt till största nytta för
// stockholmarna" — the table exactly as printed, cell by cell.
const SEED_000_COLUMNS = ['Indikator', 'Periodens utfall', 'Utfall män/pojkar', 'Utfall kvinnor/flickor', 'Periodens utfall VB 2020', 'Årsmål', 'KF:s årsmål', 'Period']
const SEED_000_ROWS = [
  ['Sjukfrånvaro', '6,2 %', '', '', '6,5 %', '10 %', 'Tas fram av nämnd/styrelse', 'VB 2021'],
  ['Sjukfrånvaro dag 1-14', '1 %', '', '', '1,5 %', '4 %', 'Tas fram av nämnd/styrelse', 'VB 2021']
]

// Seed 004 (the district council's VB 2021): two of the thirteen elderly-care rows under KF goal 1.5.
const SEED_004_ROWS = [
  ['Andelen nöjda omsorgstagare i dagverksamhet', '98 %', '96 %', '100 %', '91 %', '93 %', '93 %', '2021'],
  ['Antal personal en hemtjänsttagare med minst två besök om dagen möter under en 14-dagarsperiod', '12,9', '', '', '12,2', '10', 'Max 10 personer', '2021']
]

const cellsOf = (row: any) => [row.cells.indicator, row.cells.outcome, row.cells.outcomeMen, row.cells.outcomeWomen, row.cells.previousOutcome, row.cells.annualTarget, row.cells.kfAnnualTarget, row.cells.period]

t.test('the demo data rebuilds the annual report\'s indicator tables', async (t) => {
  const ctx = await buildTestApp(t)
  const first = await seedDemo(ctx.database.db)
  t.equal(first.loaded, true)
  const again = await seedDemo(ctx.database.db)
  t.equal(again.loaded, false, 'a second run changes nothing')
  t.equal(await ctx.database.db.selectFrom('goals').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow().then((r) => Number(r.n)), first.goals, 'no goal twice')

  const manager = await ctx.token('unit_manager')
  const table = await ctx.call('GET', '/v1/reports/indicator-table?year=2021&period=year', { token: manager })
  t.equal(table.status, 200, table.raw.slice(0, 300))
  t.same(table.body.columns, SEED_000_COLUMNS)

  t.test('seed 000: the sick-leave rows under KF goal 3.2, cell by cell', async (t) => {
    const rows = table.body.rows.filter((r: any) => r.goal.number === '3.2')
    t.equal(rows.length, SEED_000_ROWS.length)
    SEED_000_ROWS.forEach((expected, i) => {
      const actual = cellsOf(rows[i])
      expected.forEach((cell, j) => t.equal(actual[j], cell, `row ${i + 1}, ${SEED_000_COLUMNS[j]}`))
    })
    t.same(rows[0].goalPath.map((g: any) => g.number), ['3', '3.2'])
    t.equal(rows[0].status, 'green', '6.2 % against a maximum of 10 % (lower is better)')
  })

  t.test('seed 004: the elderly-care rows under KF goal 1.5', async (t) => {
    const rows = table.body.rows.filter((r: any) => r.goal.number === '1.5')
    t.equal(rows.length, 13, 'thirteen elderly-care indicators')
    for (const expected of SEED_004_ROWS) t.same(cellsOf(rows.find((r: any) => r.cells.indicator === expected[0])), expected)
    const continuity = rows.find((r: any) => r.code === 'personalkontinuitet-hemtjanst')
    t.equal(continuity.status, 'red', '12.9 staff against max 10')
    const purchases = rows.find((r: any) => r.code === 'digitala-inkop-hemtjanst')
    t.equal(purchases.cells.outcome, '')
    t.equal(purchases.missingReason, 'Mätmetod saknas i nuläget.')
    const satisfied = rows.find((r: any) => r.code === 'nojda-vard-och-omsorgsboende')
    t.equal(satisfied.status, 'yellow', 'the status the report gives, overridden with a reason')
  })

  t.test('rows follow the goal hierarchy: KF 1.5 before 3.2, computed unit indicators under their unit goal', async (t) => {
    const numbers = table.body.rows.map((r: any) => r.goalPath[1]?.number)
    t.ok(numbers.lastIndexOf('1.5') < numbers.indexOf('3.2'))
    const computed = table.body.rows.filter((r: any) => r.goal.level === 'unit')
    t.ok(computed.length >= 5)
    t.ok(computed.every((r: any) => r.goalPath.length === 4))
  })

  t.test('CSV: exactly the VB columns, Swedish decimal comma, semicolons, BOM', async (t) => {
    const csv = await ctx.call('GET', '/v1/reports/indicator-table?year=2021&period=year', { token: manager, headers: { accept: 'text/csv' } })
    t.equal(csv.status, 200)
    t.match(csv.headers['content-type'], /^text\/csv/)
    t.ok(csv.raw.startsWith('\uFEFF'))
    const lines = csv.raw.slice(1).trimEnd().split('\r\n')
    t.equal(lines[0], SEED_000_COLUMNS.join(';'))
    for (const row of SEED_000_ROWS) t.ok(lines.includes(row.join(';')), String(row[0]))
    t.equal(lines.length, table.body.rows.length + 1)
  })

  t.test('T1 shows tertial indicators only, against T1 of the year before', async (t) => {
    const t1 = await ctx.call('GET', '/v1/reports/indicator-table?year=2021&period=T1', { token: manager })
    t.equal(t1.status, 200)
    t.equal(t1.body.columns[4], 'Periodens utfall T1 2020')
    t.notOk(t1.body.rows.some((r: any) => r.goal.number === '1.5'), 'yearly indicators are left out')
    const sick = t1.body.rows.find((r: any) => r.code === 'sjukfranvaro')
    t.same(cellsOf(sick), ['Sjukfrånvaro', '', '', '', '', '10 %', 'Tas fram av nämnd/styrelse', 'T1 2021'], 'no T1 value recorded')
  })

  t.test('access: aggregates for statistics readers and managers; other units only for statistics readers', async (t) => {
    const worker = await ctx.token('case_worker')
    t.equal((await ctx.call('GET', '/v1/reports/indicator-table?year=2021&period=year', { token: worker })).status, 403)
    const stats = await ctx.token('statistics_reader', { unit: 'bromma' })
    const own = await ctx.call('GET', '/v1/reports/indicator-table?year=2021&period=year', { token: stats })
    t.equal(own.status, 200)
    t.same(own.body.rows, [], 'Bromma has no demo data')
    const other = await ctx.call('GET', `/v1/reports/indicator-table?year=2021&period=year&unitId=${first.unitId}`, { token: stats })
    t.equal(other.status, 200)
    t.equal(other.body.rows.length, table.body.rows.length)
    const brommaManager = await ctx.token('unit_manager', { unit: 'bromma' })
    t.equal((await ctx.call('GET', `/v1/reports/indicator-table?year=2021&period=year&unitId=${first.unitId}`, { token: brommaManager })).status, 404)
  })

  t.test('period and year are validated', async (t) => {
    for (const query of ['year=2021&period=T3', 'year=2021&period=VB', 'year=1999&period=year', 'year=2021', 'period=year']) {
      const res = await ctx.call('GET', `/v1/reports/indicator-table?${query}`, { token: manager })
      t.equal(res.status, 400, query)
    }
  })

  t.test('Kolada export: one row per KPI, period and gender', async (t) => {
    const res = await ctx.call('GET', '/v1/reports/kolada-export?year=2021&period=year', { token: manager })
    t.equal(res.status, 200)
    const day = res.body.items.filter((r: any) => r.kpi === 'nojda-dagverksamhet')
    t.same(day, [
      { kpi: 'nojda-dagverksamhet', ou: 'hagersten-alvsjo', period: '2021', gender: 'T', value: 98 },
      { kpi: 'nojda-dagverksamhet', ou: 'hagersten-alvsjo', period: '2021', gender: 'K', value: 100 },
      { kpi: 'nojda-dagverksamhet', ou: 'hagersten-alvsjo', period: '2021', gender: 'M', value: 96 }
    ])
    t.notOk(res.body.items.some((r: any) => r.kpi === 'digitala-inkop-hemtjanst'), 'a missing value has no row')
    const t1 = await ctx.call('GET', '/v1/reports/kolada-export?year=2021&period=T1', { token: manager })
    t.ok(t1.body.items.length > 0)
    t.ok(t1.body.items.every((r: any) => r.period === '2021T1'))
    const csv = await ctx.call('GET', '/v1/reports/kolada-export?year=2021', { token: manager, headers: { accept: 'text/csv' } })
    t.ok(csv.raw.includes('nojda-dagverksamhet;hagersten-alvsjo;2021;T;98\r\n'))
  })
})
