import t from 'tap'
import { COMPLAINT_STATUSES, complaintAllowedIn, isComplaintActionAllowed, type ComplaintAction } from '../../src/domain/complaint-process.js'
import { DEVIATION_STATUSES, isDeviationActionAllowed } from '../../src/domain/deviation-process.js'
import { assessmentError, LEX_SARAH_STATUSES, lexSarahRefusal, type LexSarahAction } from '../../src/domain/lex-sarah-process.js'

t.test('complaints: each action in exactly its states', async (t) => {
  const expected: Record<ComplaintAction, string[]> = {
    investigate: ['registered'],
    answer: ['registered', 'investigating'],
    close: ['answered'],
    escalate: ['registered', 'investigating', 'answered']
  }
  for (const [action, states] of Object.entries(expected) as [ComplaintAction, string[]][]) {
    for (const status of COMPLAINT_STATUSES) {
      t.equal(isComplaintActionAllowed(action, status, 'relative'), states.includes(status), `${action} in ${status}`)
    }
  }
  for (const action of Object.keys(expected) as ComplaintAction[]) {
    t.equal(isComplaintActionAllowed(action, 'closed', 'anonymous'), false, `nothing happens to a closed item: ${action}`)
  }
})

t.test('complaints: an anonymous submitter cannot be answered, so the item can close without an answer', async (t) => {
  t.same([...complaintAllowedIn('close', 'anonymous')], ['registered', 'investigating', 'answered'])
  t.equal(isComplaintActionAllowed('close', 'registered', 'anonymous'), true)
  t.equal(isComplaintActionAllowed('close', 'registered', 'person'), false, 'anyone else is answered first')
  t.equal(isComplaintActionAllowed('close', 'investigating', 'representative'), false)
})

t.test('deviations: a response while sent; closing with or without one; nothing once closed', async (t) => {
  const table: [string, boolean, boolean][] = [['sent', true, true], ['responded', false, true], ['closed', false, false]]
  t.same(table.map(([s]) => s), [...DEVIATION_STATUSES])
  for (const [status, respond, close] of table) {
    t.equal(isDeviationActionAllowed('record_response', status as never), respond, `respond in ${status}`)
    t.equal(isDeviationActionAllowed('close', status as never), close, `close in ${status}`)
  }
})

t.test('Lex Sarah: the lifecycle in order', async (t) => {
  const base = { serious: null, forInformation: false }
  t.equal(lexSarahRefusal('investigate', { ...base, status: 'reported' }), undefined)
  t.equal(lexSarahRefusal('assess', { ...base, status: 'investigating' }), undefined)
  t.equal(lexSarahRefusal('assess', { status: 'assessed', serious: true, forInformation: false }), undefined, 'revised before notification')
  t.equal(lexSarahRefusal('notify_ivo', { status: 'assessed', serious: true, forInformation: false }), undefined)
  t.equal(lexSarahRefusal('record_ivo_response', { status: 'notified_to_ivo', serious: true, forInformation: false }), undefined)
  t.equal(lexSarahRefusal('close', { status: 'ivo_responded', serious: true, forInformation: false }), undefined)
  t.equal(lexSarahRefusal('close', { status: 'notified_to_ivo', serious: true, forInformation: false }), undefined, 'IVO may take months: the unit can close its part')
  t.equal(lexSarahRefusal('close', { status: 'assessed', serious: false, forInformation: false }), undefined, 'not serious: closed without IVO')
})

t.test('Lex Sarah: refusals', async (t) => {
  t.match(lexSarahRefusal('close', { status: 'assessed', serious: true, forInformation: false }), { kind: 'rule', rule: 'ivo_notification_required' },
    'a serious report cannot be closed without notifying IVO')
  t.match(lexSarahRefusal('notify_ivo', { status: 'assessed', serious: false, forInformation: false }), { kind: 'rule', rule: 'not_serious' })
  t.match(lexSarahRefusal('assess', { status: 'notified_to_ivo', serious: true, forInformation: false }), { kind: 'state' }, 'no new assessment once notified')
  t.match(lexSarahRefusal('close', { status: 'reported', serious: null, forInformation: false }), { kind: 'state', allowed: ['assessed', 'notified_to_ivo', 'ivo_responded'] })
  t.match(lexSarahRefusal('close', { status: 'investigating', serious: null, forInformation: false }), { kind: 'state' })
  t.equal(lexSarahRefusal('close', { status: 'reported', serious: null, forInformation: true }), undefined, 'a provider\'s report for information closes without an investigation')
  const actions: LexSarahAction[] = ['investigate', 'assess', 'notify_ivo', 'record_ivo_response', 'close']
  for (const action of actions) {
    t.match(lexSarahRefusal(action, { status: 'closed', serious: true, forInformation: true }), { kind: 'state' }, `nothing happens to a closed report: ${action}`)
  }
  t.equal(LEX_SARAH_STATUSES.length, 6)
})

t.test('Lex Sarah: only wrongdoing or a clear risk of it can be serious', async (t) => {
  t.type(assessmentError('no_wrongdoing', true), 'string')
  t.equal(assessmentError('no_wrongdoing', false), undefined)
  t.equal(assessmentError('wrongdoing', true), undefined)
  t.equal(assessmentError('risk_of_wrongdoing', true), undefined)
})
