import t from 'tap'
import { decisionDraftErrors } from '../../src/domain/decision-rules.js'
import type { DecisionDraft, DraftContext } from '../../src/domain/decision-rules.js'

const RECEIVED = '2026-03-02'
const TODAY = '2026-03-31'
const hoursBased: DraftContext = { hoursBased: true, receivedDate: RECEIVED, today: TODAY, notBefore: [] }
const notHoursBased: DraftContext = { hoursBased: false, receivedDate: RECEIVED, today: TODAY, notBefore: [] }

const grantedHomeCare: DecisionDraft = { outcome: 'granted', hoursPerMonth: 40, decisionDate: '2026-03-20', validFrom: '2026-04-01', validTo: '2026-09-30' }
const grantedAlarm: DecisionDraft = { outcome: 'granted', hoursPerMonth: null, decisionDate: '2026-03-20', validFrom: '2026-04-01', validTo: null }
const rejection: DecisionDraft = { outcome: 'rejected', hoursPerMonth: null, decisionDate: '2026-03-20', validFrom: null, validTo: null }

const pointers = (d: DecisionDraft, ctx: DraftContext) => decisionDraftErrors(d, ctx).map((e) => e.pointer)

t.test('well-formed drafts have no errors', async (t) => {
  t.same(decisionDraftErrors(grantedHomeCare, hoursBased), [])
  t.same(decisionDraftErrors({ ...grantedHomeCare, outcome: 'partially_granted' }, hoursBased), [])
  t.same(decisionDraftErrors(grantedAlarm, notHoursBased), [], 'open-ended grant')
  t.same(decisionDraftErrors(rejection, notHoursBased), [])
  t.same(decisionDraftErrors(rejection, hoursBased), [], 'rejecting an hours-based service carries no hours')
  t.same(decisionDraftErrors({ ...grantedHomeCare, hoursPerMonth: 0 }, hoursBased), [], '0 hours is a value, not a missing one')
})

t.test('decision date between the received date and today, both edges included', async (t) => {
  t.same(pointers({ ...grantedAlarm, decisionDate: RECEIVED }, notHoursBased), [], 'on the received date')
  t.same(pointers({ ...grantedAlarm, decisionDate: TODAY }, notHoursBased), [], 'today')
  const before = decisionDraftErrors({ ...grantedAlarm, decisionDate: '2026-03-01' }, notHoursBased)
  t.same(before.map((e) => e.pointer), ['/decisionDate'], 'the day before it was received')
  t.match(before[0]?.message, RECEIVED, 'the message names the received date')
  const future = decisionDraftErrors({ ...grantedAlarm, decisionDate: '2026-04-01' }, notHoursBased)
  t.same(future.map((e) => e.pointer), ['/decisionDate'], 'tomorrow')
  t.match(future[0]?.message, /future/)
  t.same(pointers({ ...rejection, decisionDate: '2026-03-01' }, notHoursBased), ['/decisionDate'], 'rejections too')
  t.same(pointers({ ...rejection, decisionDate: '2027-01-01' }, notHoursBased), ['/decisionDate'])
  t.same(pointers({ ...grantedAlarm, decisionDate: '2025-12-31' }, notHoursBased), ['/decisionDate'], 'across a year end')
  t.same(pointers({ ...grantedAlarm, decisionDate: TODAY }, { ...notHoursBased, receivedDate: TODAY }), [], 'received and decided today')
  t.same(pointers({ ...grantedAlarm, decisionDate: TODAY }, { ...notHoursBased, receivedDate: '2026-04-01' }), ['/decisionDate'],
    'a received date in the future makes every decision date wrong')
})

t.test('validity period of a grant', async (t) => {
  for (const outcome of ['granted', 'partially_granted'] as const) {
    const missing = decisionDraftErrors({ ...grantedAlarm, outcome, validFrom: null }, notHoursBased)
    t.same(missing.map((e) => e.pointer), ['/validFrom'], `${outcome} without validFrom`)
    t.match(missing[0]?.message, /required/)
    t.same(pointers({ ...grantedAlarm, outcome, validFrom: null, validTo: '2026-09-30' }, notHoursBased), ['/validFrom'],
      `${outcome} with only validTo: validFrom is the missing one`)
  }
  t.same(pointers({ ...grantedAlarm, validFrom: '2026-04-01', validTo: '2026-03-31' }, notHoursBased), ['/validTo'], 'validTo the day before validFrom')
  t.same(pointers({ ...grantedAlarm, validFrom: '2026-04-01', validTo: '2025-12-31' }, notHoursBased), ['/validTo'], 'across a year')
  t.same(pointers({ ...grantedAlarm, validFrom: '2026-04-01', validTo: '2026-04-01' }, notHoursBased), [], 'a one-day period (equal) is allowed')
  t.same(pointers({ ...grantedAlarm, validFrom: '2026-04-01', validTo: '2026-04-02' }, notHoursBased), [])
  t.same(pointers({ ...grantedAlarm, validFrom: '2026-03-15' }, notHoursBased), [], 'validFrom before the decision date (retroactive grant) is not a draft error')
})

t.test('hours per month', async (t) => {
  for (const outcome of ['granted', 'partially_granted'] as const) {
    const missing = decisionDraftErrors({ ...grantedHomeCare, outcome, hoursPerMonth: null }, hoursBased)
    t.same(missing.map((e) => e.pointer), ['/hoursPerMonth'], `${outcome} hours-based without hours`)
    t.match(missing[0]?.message, /required/)
    const extra = decisionDraftErrors({ ...grantedAlarm, outcome, hoursPerMonth: 10 }, notHoursBased)
    t.same(extra.map((e) => e.pointer), ['/hoursPerMonth'], `${outcome} non-hours-based with hours`)
    t.match(extra[0]?.message, /only to hours-based/)
  }
  t.same(pointers({ ...grantedAlarm, hoursPerMonth: 0 }, notHoursBased), ['/hoursPerMonth'], 'even 0 hours on a non-hours-based service')
})

t.test('a rejection carries neither hours nor validity', async (t) => {
  const withHours = decisionDraftErrors({ ...rejection, hoursPerMonth: 40 }, hoursBased)
  t.same(withHours.map((e) => e.pointer), ['/hoursPerMonth'], 'rejection with hours')
  t.match(withHours[0]?.message, /rejection/)
  t.same(pointers({ ...rejection, hoursPerMonth: 40 }, notHoursBased), ['/hoursPerMonth'], 'whatever the service type')
  t.same(pointers({ ...rejection, validFrom: '2026-04-01' }, notHoursBased), ['/validFrom'], 'rejection with validFrom')
  t.same(pointers({ ...rejection, validFrom: '2026-04-01', validTo: '2026-09-30' }, notHoursBased), ['/validFrom', '/validTo'], 'with a whole period: each field named')
  t.equal(pointers({ ...rejection, validTo: '2026-09-30' }, notHoursBased).length, 1, 'rejection with only validTo is an error')
  t.same(pointers({ ...rejection, validTo: '2026-09-30' }, notHoursBased), ['/validTo'], 'rejection with only validTo points at /validTo')
  t.same(pointers({ ...rejection, hoursPerMonth: 40, validFrom: '2026-04-01' }, hoursBased), ['/hoursPerMonth', '/validFrom'], 'both at once')
})

t.test('errors accumulate', async (t) => {
  const everything: DecisionDraft = { outcome: 'granted', hoursPerMonth: null, decisionDate: '2026-04-01', validFrom: null, validTo: '2026-01-01' }
  t.same(pointers(everything, hoursBased), ['/decisionDate', '/validFrom', '/hoursPerMonth'])
  t.same(pointers({ ...everything, validFrom: '2026-02-01' }, hoursBased), ['/decisionDate', '/validTo', '/hoursPerMonth'])
  t.same(pointers({ ...everything, decisionDate: '2026-01-01', validFrom: '2026-02-01' }, hoursBased),
    ['/decisionDate', '/validTo', '/hoursPerMonth'], 'before the received date')
  for (const e of decisionDraftErrors(everything, hoursBased)) {
    t.match(e, { pointer: /^\/[a-zA-Z]+$/, message: /\S/ }, `${e.pointer} is a JSON pointer with a message`)
  }
})

t.test('a decision cannot precede the steps it rests on', async (t) => {
  const ctx = { ...notHoursBased, notBefore: [{ date: '2026-03-10', step: 'communication' }, { date: '2026-03-05', step: 'joint case review' }] }
  const errors = decisionDraftErrors({ ...grantedAlarm, decisionDate: '2026-03-09' }, ctx)
  t.same(errors.map((e) => e.pointer), ['/decisionDate'])
  t.match(errors[0]?.message, /communication \(2026-03-10\)/)
  t.same(pointers({ ...grantedAlarm, decisionDate: '2026-03-10' }, ctx), [], 'the day of the communication itself is allowed')
  t.same(pointers({ ...grantedAlarm, decisionDate: '2026-03-04' }, ctx), ['/decisionDate', '/decisionDate'], 'before both: both named')
})
