/**
 * Not-executed decisions past three months (ej verkställda beslut, SoL 16 kap. 6 f §): the
 * granted decisions of the unit that, on the period's last day, wait past the IVO limit —
 * not executed three months after the decision date, or interrupted for three months — and
 * were not resolved (executed, ended or lapsed) by that day. The rules are those of the
 * quarterly IVO report (`domain/not-executed.ts`), loaded the same way, for the single day.
 */
import { waitsPastLimitOn, type ExecutionFacts } from '../domain/not-executed.js'
import { loadNotExecutedCandidates } from '../queries/not-executed.js'
import { defineFormula, type Sex } from './formula.js'
import { countBySex } from './split.js'

export { waitsPastLimitOn }

export interface NotExecutedFact {
  sex: Sex
  facts: ExecutionFacts
}

export const notExecutedDecisions = defineFormula<NotExecutedFact>({
  code: 'not_executed_decisions',
  version: 1,
  title: 'Antal ej verkställda beslut efter tre månader',
  description: 'Granted (or partly granted) decisions that on the period\'s last day have waited more than three months — since the decision date without (full) execution, or since an interruption — and were not executed, ended or lapsed by that day; each decision counted once. The same rules as the quarterly IVO report.',
  unit: 'count',
  direction: 'lower_is_better',
  params: [],
  async load(db, scope) {
    const loaded = await loadNotExecutedCandidates(db, scope.unitId, { start: scope.end, end: scope.end })
    return loaded.map(({ decision, facts }) => ({ sex: decision.sex, facts }))
  },
  compute: (facts, scope) => countBySex(facts.filter((f) => waitsPastLimitOn(f.facts, scope.end)))
})
