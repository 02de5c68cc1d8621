/**
 * "Andel omsorgstagare som upplever att de kan påverka hur hjälpen utförs i hemtjänsten"
 * (seed 004): "Indikatorns resultat baseras på kvalitetsuppföljning på individnivå där två
 * frågor sammanvägas" — "Får du hjälpen så som ni kommit överens om?" and "Har du deltagit i
 * planeringen om hur den beviljade hjälpen ska utföras". The report gives each question's
 * share (95,3 % and 79,8 % in 2021) and the indicator weighs them together. The rule here:
 * each question's share of favourable answers is computed as for any KIN question, and the
 * indicator is their unweighted mean — the two questions weigh the same, however many answered
 * each. A question with no answers in a group (all, women, men) is left out of that group's
 * mean; with neither answered the group has no value. The basis counts the answers to both.
 */
import { defineFormula } from './formula.js'
import { isAnswered, kinShare, loadKinAnswers, type KinQuestionAnswerFact } from './kin-share.js'
import type { FormulaResult } from './formula.js'
import { NO_RECORDS, round4 } from './split.js'

export const INFLUENCE_QUESTIONS = [
  { code: 'home_care_help_as_agreed', text: 'Får du hjälpen så som ni kommit överens om?' },
  { code: 'home_care_planning_participation', text: 'Har du deltagit i planeringen om hur den beviljade hjälpen ska utföras' }
] as const

export type InfluenceFact = KinQuestionAnswerFact

const meanOf = (values: (number | null)[]) => {
  const present = values.filter((v): v is number => v !== null)
  return present.length === 0 ? null : round4(present.reduce((a, b) => a + b, 0) / present.length)
}

/** The unweighted mean of the two questions' shares, per group. */
export function combinedShare(facts: readonly InfluenceFact[], scope: { start: string; end: string }): FormulaResult {
  const shares = INFLUENCE_QUESTIONS.map((q) => kinShare(facts.filter((f) => f.questionCode === q.code), scope))
  const answered = facts.filter((f) => isAnswered(f) && f.performedDate >= scope.start && f.performedDate <= scope.end)
  const basis = { total: answered.length, women: answered.filter((f) => f.sex === 'female').length, men: answered.filter((f) => f.sex === 'male').length }
  return {
    total: meanOf(shares.map((s) => s.total)),
    women: meanOf(shares.map((s) => s.women)),
    men: meanOf(shares.map((s) => s.men)),
    basis,
    missingReason: basis.total === 0 ? NO_RECORDS : null
  }
}

export const influenceHomeCare = defineFormula<InfluenceFact>({
  code: 'influence_home_care',
  version: 1,
  title: 'Andel omsorgstagare som upplever att de kan påverka hur hjälpen utförs i hemtjänsten',
  description: `Two KIN questions weighed together, as the city's KIN method does ("två frågor sammanvägas", seed 004): "${INFLUENCE_QUESTIONS[0].text}" (${INFLUENCE_QUESTIONS[0].code}) and "${INFLUENCE_QUESTIONS[1].text}" (${INFLUENCE_QUESTIONS[1].code}). For each question, the percentage of favourable answers in the KIN follow-ups performed in the period ("did not answer" left out); the indicator is the unweighted mean of the two percentages, so each question weighs the same whatever the number of answers. A question without answers in a group (all, women, men) is left out of that group's mean. The basis is the number of answers to the two questions.`,
  unit: 'percent',
  direction: 'higher_is_better',
  params: [],
  load: (db, scope) => loadKinAnswers(db, scope, INFLUENCE_QUESTIONS.map((q) => q.code)),
  compute: combinedShare
})
