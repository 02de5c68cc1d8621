/** Event types and who reads which events, without a database. */
import t from 'tap'
import { cloudEventType, EVENT_SUBJECT_TYPES, EVENT_TYPES, eventTypeOf, readableEvents, stateChange, subjectTypeOf } from '../../src/domain/change-events.js'

t.test('event types: prefixed for CloudEvents, each about a known subject type', async (t) => {
  t.equal(cloudEventType('decision.taken'), 'se.stockholm.bestallarenhet.decision.taken')
  t.equal(eventTypeOf('se.stockholm.bestallarenhet.decision.taken'), 'decision.taken')
  t.equal(eventTypeOf('decision.taken'), 'decision.taken')
  t.equal(eventTypeOf('se.stockholm.other.decision.taken'), undefined)
  t.equal(eventTypeOf('decision.eaten'), undefined)
  for (const type of EVENT_TYPES) t.ok((EVENT_SUBJECT_TYPES as readonly string[]).includes(subjectTypeOf(type)), type)
  t.same(stateChange('received', 'received'), {}, 'no state change when the state stayed')
  t.same(stateChange(null, 'received'), { state: { from: null, to: 'received' } })
})

t.test('readers: case staff everything, quality staff quality reports, statistics readers no person', async (t) => {
  t.same(readableEvents({ individualData: true, qualityReports: true, statistics: false }), { subjectTypes: EVENT_SUBJECT_TYPES, personLinked: true })
  t.same(readableEvents({ individualData: false, qualityReports: true, statistics: false }).subjectTypes, ['complaint', 'deviation', 'lex_sarah_report', 'indicator_value'])
  t.same(readableEvents({ individualData: false, qualityReports: false, statistics: true }), { subjectTypes: ['indicator_value'], personLinked: false })
  t.same(readableEvents({ individualData: false, qualityReports: false, statistics: false }).subjectTypes, [])
})
