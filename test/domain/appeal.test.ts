import t from 'tap'
import { appealRefusal, appealStage } from '../../src/domain/appeal.js'
import type { AppealAction, AppealStage, AppealState } from '../../src/domain/appeal.js'

const none: AppealState = {
  outcome: 'rejected',
  receivedDate: null,
  reconsideredDate: null,
  reconsiderationOutcome: null,
  forwardedToCourtDate: null,
  courtOutcome: null
}
const received: AppealState = { ...none, receivedDate: '2026-04-10' }
const reconsidered: AppealState = { ...received, reconsideredDate: '2026-04-20', reconsiderationOutcome: 'unchanged' }
const forwarded: AppealState = { ...reconsidered, forwardedToCourtDate: '2026-04-24' }
const courtDecided: AppealState = { ...forwarded, courtOutcome: 'Överklagandet avslås.' }

const SEQUENCE: [AppealStage, AppealState, AppealAction | null][] = [
  ['none', none, 'receive'],
  ['received', received, 'reconsider'],
  ['reconsidered', reconsidered, 'forward_to_court'],
  ['forwarded_to_court', forwarded, 'record_court_outcome'],
  ['court_decided', courtDecided, null]
]
const ACTIONS: AppealAction[] = ['receive', 'reconsider', 'forward_to_court', 'record_court_outcome']

t.test('the stage sequence', async (t) => {
  for (const [stage, state] of SEQUENCE) {
    t.equal(appealStage(state), stage, stage)
  }
})

t.test('each action is allowed at exactly one stage; elsewhere refused naming the current stage', async (t) => {
  for (const [stage, state, next] of SEQUENCE) {
    for (const action of ACTIONS) {
      const refusal = appealRefusal(action, state)
      if (action === next) {
        t.equal(refusal, undefined, `${action} at ${stage}: allowed`)
      } else {
        t.equal(refusal?.currentStage, stage, `${action} at ${stage}: refused, currentStage ${stage}`)
      }
    }
  }
})

t.test('a wrong-stage refusal says what is allowed', async (t) => {
  const refusal = appealRefusal('forward_to_court', received)
  t.same(refusal?.currentStage, 'received')
  t.match(refusal?.detail, /'received'/)
  t.match(refusal?.detail, /reconsidered/, 'names the stage it would be allowed at')
  t.equal(appealRefusal('receive', received)?.currentStage, 'received', 'an appeal cannot be received twice')
  t.equal(appealRefusal('record_court_outcome', courtDecided)?.currentStage, 'court_decided', 'nor the court outcome recorded twice')
  t.equal(appealRefusal('reconsider', none)?.currentStage, 'none', 'nothing to reconsider before an appeal')
})

t.test('a decision granted in full cannot be appealed', async (t) => {
  const refusal = appealRefusal('receive', { ...none, outcome: 'granted' })
  t.equal(refusal?.currentStage, 'none')
  t.match(refusal?.detail, /grants the application in full/)
  t.equal(appealRefusal('receive', { ...none, outcome: 'partially_granted' }), undefined, 'partially granted can be appealed')
  t.equal(appealRefusal('receive', { ...none, outcome: 'rejected' }), undefined, 'rejected can be appealed')
})

t.test('reconsideration outcome and forwarding to court', async (t) => {
  const changedAsRequested = { ...reconsidered, reconsiderationOutcome: 'changed_as_requested' as const }
  const refusal = appealRefusal('forward_to_court', changedAsRequested)
  t.equal(refusal?.currentStage, 'reconsidered', 'changed as requested: the appeal lapses')
  t.match(refusal?.detail, /changed as requested/)
  t.equal(appealRefusal('forward_to_court', { ...reconsidered, reconsiderationOutcome: 'partially_changed' }), undefined,
    'partially changed: still forwarded')
  t.equal(appealRefusal('forward_to_court', { ...reconsidered, reconsiderationOutcome: 'unchanged' }), undefined, 'unchanged: forwarded')
  t.equal(appealRefusal('forward_to_court', { ...reconsidered, outcome: 'partially_granted', reconsiderationOutcome: 'partially_changed' }), undefined,
    'a partly rejected decision, partly changed')
  t.equal(appealRefusal('record_court_outcome', changedAsRequested)?.currentStage, 'reconsidered', 'no court outcome without forwarding')
})

t.test('the stage follows the latest recorded step', async (t) => {
  // Stage is derived from the most advanced recorded date, so the check cannot be bypassed by
  // leaving an earlier field empty.
  t.equal(appealStage({ ...none, forwardedToCourtDate: '2026-04-24' }), 'forwarded_to_court')
  t.equal(appealStage({ ...none, courtOutcome: 'x' }), 'court_decided')
  t.equal(appealStage({ ...none, reconsiderationOutcome: 'unchanged' }), 'none', 'an outcome without a date is not a reconsideration')
})
