/** Which months of the access log the retention lets go: whole months, never early. */
import t from 'tap'
import { monthsPastRetention } from '../../src/domain/audit.js'

t.test('a month goes when it ended the retention period ago', async (t) => {
  const months = ['2020-12', '2021-10', '2021-11', '2021-12', '2022-01', '2026-11']
  // Five years on 2026-11-29: November 2021 ended 2021-12-01, 59 whole months before November 2026.
  t.same(monthsPastRetention(months, '2026-11-29', 60), ['2020-12', '2021-10'])
  t.same(monthsPastRetention(months, '2026-12-01', 60), ['2020-12', '2021-10', '2021-11'], 'the next month lets the next one go')
  t.same(monthsPastRetention(['2026-10'], '2026-11-30', 1), [], 'one month: October 31st is kept until December')
  t.same(monthsPastRetention(['2026-10'], '2026-12-01', 1), ['2026-10'], 'and goes then')
  t.same(monthsPastRetention(['2026-11'], '2026-11-30', 0), [], 'never the current month')
  t.same(monthsPastRetention(['2021-02', '2020-01'], '2026-11-29', 60), ['2020-01', '2021-02'], 'oldest first')
})
