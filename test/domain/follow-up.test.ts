import t from 'tap'
import { followUpActionAllowed, isOverdue, kinAnswerErrors, type KinQuestion } from '../../src/domain/follow-up.js'

const questions: KinQuestion[] = [
  { code: 'home_a', serviceContext: 'home_care', options: ['yes', 'no'] },
  { code: 'home_b', serviceContext: 'home_care', options: ['always', 'never'] },
  { code: 'care_a', serviceContext: 'care_home', options: ['yes', 'no'] }
]

t.test('KIN answers: every question of the context once, from its scale or null', async (t) => {
  t.same(kinAnswerErrors('home_care', questions, [{ questionCode: 'home_a', answer: 'yes' }, { questionCode: 'home_b', answer: null }]), [], 'null is "did not answer"')
  const missing = kinAnswerErrors('home_care', questions, [{ questionCode: 'home_a', answer: 'yes' }])
  t.equal(missing.length, 1)
  t.match(missing[0]?.message, /missing: home_b/)
  const offScale = kinAnswerErrors('home_care', questions, [{ questionCode: 'home_a', answer: 'always' }, { questionCode: 'home_b', answer: 'always' }])
  t.same(offScale.map((e) => e.pointer), ['/kinAnswers/0/answer'])
  const otherContext = kinAnswerErrors('home_care', questions, [{ questionCode: 'home_a', answer: 'no' }, { questionCode: 'home_b', answer: 'never' }, { questionCode: 'care_a', answer: 'yes' }])
  t.same(otherContext.map((e) => e.pointer), ['/kinAnswers/2/questionCode'])
  t.match(otherContext[0]?.message, /not asked in home_care/)
  const twice = kinAnswerErrors('home_care', questions, [{ questionCode: 'home_a', answer: 'no' }, { questionCode: 'home_a', answer: 'yes' }, { questionCode: 'home_b', answer: 'never' }])
  t.match(twice[0]?.message, /twice/)
  t.match(kinAnswerErrors('care_home', questions, [{ questionCode: 'nope', answer: null }])[0]?.message, /Unknown question/)
})

t.test('only a planned follow-up can be planned, performed or cancelled; overdue after the due day', async (t) => {
  for (const action of ['plan', 'perform', 'cancel'] as const) {
    t.ok(followUpActionAllowed(action, 'planned'))
    t.notOk(followUpActionAllowed(action, 'performed'))
    t.notOk(followUpActionAllowed(action, 'cancelled'))
  }
  t.notOk(isOverdue('planned', '2026-05-31', '2026-05-31'), 'due today is not overdue')
  t.ok(isOverdue('planned', '2026-05-31', '2026-06-01'))
  t.notOk(isOverdue('performed', '2026-05-31', '2026-06-01'))
})
