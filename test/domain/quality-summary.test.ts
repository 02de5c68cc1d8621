import t from 'tap'
import { qualitySummary, type YearPair } from '../../src/domain/quality-summary.js'
import { compareCounts, share } from '../../src/domain/shares.js'

t.test('shares read as in the annual report', async (t) => {
  t.same(share(10, 30), { count: 10, of: 30, percent: 33, text: '33 % (10/30)' }, 'seed 004')
  t.equal(share(2, 3).text, '67 % (2/3)')
  t.equal(share(1, 8).percent, 13, '12.5 rounds half up')
  t.equal(share(1, 200).percent, 1, '0.5 rounds half up')
  t.equal(share(1, 201).percent, 0, 'just under half rounds down')
  t.equal(share(30, 30).text, '100 % (30/30)')
  t.same(share(0, 0), { count: 0, of: 0, percent: null, text: '– (0/0)' }, 'no share of nothing')
})

t.test('comparisons list the given keys first, then any other key seen in either year', async (t) => {
  const rows = compareCounts(new Map([['b', 1], ['z', 2]]), 3, new Map([['y', 4]]), 4, ['a', 'b'])
  t.same(rows.map((r) => r.key), ['a', 'b', 'y', 'z'])
  t.equal(rows[0]?.current.text, '0 % (0/3)')
  t.equal(rows[2]?.previous.text, '100 % (4/4)')
  t.equal(rows[2]?.current.text, '0 % (0/3)', 'a key seen only last year shows zero this year')
})

const pair = (current: [string, number][], previous: [string, number][] = []): YearPair => ({ current: new Map(current), previous: new Map(previous) })
const none = pair([])

t.test('the summary: seed 004, elderly care 2021 beside 2020', async (t) => {
  const summary = qualitySummary({
    complaints: {
      total: pair([['total', 30]], [['total', 45]]),
      kind: pair([['complaint', 30]], [['complaint', 45]]),
      category: pair([['service_quality', 12], ['treatment', 9]]),
      target: pair([['provider', 27], ['other', 3]], [['provider', 40]]),
      providerRegime: pair([['private', 10], ['municipal', 17]], [['private', 14]])
    },
    deviations: { total: pair([['total', 29]], [['total', 17]]), target: pair([['provider', 20], ['hospital_care', 9]]), category: none },
    lexSarah: {
      total: pair([['total', 13]], [['total', 1]]),
      category: pair([['execution_shortcomings', 7], ['treatment', 4], ['legal_certainty', 2]]),
      assessment: pair([['no_wrongdoing', 1], ['wrongdoing', 8], ['risk_of_wrongdoing', 4]], [['not_assessed', 1]]),
      serious: pair([['serious', 4]]),
      notified: pair([['notified', 4]]),
      forInformation: pair([['for_information', 2]])
    }
  })
  t.same(summary.complaints.total, { current: 30, previous: 45 })
  const privateProviders = summary.complaints.byProviderRegime.find((r) => r.key === 'private')
  t.equal(privateProviders?.current.text, '33 % (10/30)', '"33 % (10/30) concerned private providers"')
  t.equal(privateProviders?.previous.text, '31 % (14/45)', 'the previous year beside it')
  t.same(summary.complaints.byProviderRegime.map((r) => r.key), ['municipal', 'private', 'unknown'])
  t.same(summary.complaints.byKind.map((r) => r.key), ['complaint', 'feedback', 'idea', 'praise', 'question'], 'every kind, zeros included')
  t.equal(summary.complaints.byKind[1]?.current.text, '0 % (0/30)')
  t.equal(summary.complaints.byTarget.find((r) => r.key === 'other')?.current.text, '10 % (3/30)')
  t.equal(summary.deviations.byTarget.find((r) => r.key === 'hospital_care')?.current.text, '31 % (9/29)')
  t.equal(summary.lexSarah.serious.current.text, '31 % (4/13)')
  t.equal(summary.lexSarah.notifiedToIvo.current.count, 4)
  t.equal(summary.lexSarah.forInformation.current.text, '15 % (2/13)')
  t.equal(summary.lexSarah.byAssessment.find((r) => r.key === 'not_assessed')?.previous.text, '100 % (1/1)')
  t.equal(summary.lexSarah.serious.previous.text, '0 % (0/1)')
})

t.test('an empty year gives zeros and no shares', async (t) => {
  const empty = { total: none, kind: none, category: none, target: none, providerRegime: none }
  const summary = qualitySummary({
    complaints: empty,
    deviations: { total: none, target: none, category: none },
    lexSarah: { total: none, category: none, assessment: none, serious: none, notified: none, forInformation: none }
  })
  t.same(summary.complaints.total, { current: 0, previous: 0 })
  t.equal(summary.complaints.byKind[0]?.current.percent, null)
  t.same(summary.complaints.byCategory, [])
})
