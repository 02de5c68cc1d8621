/**
 * Satisfaction and safety shares from the KIN follow-ups (kvalitetsuppföljning på
 * individnivå, seed 004): of the answers to one standard question in the KIN follow-ups
 * performed in the period, the percentage that are favourable on the question's scale
 * (`kin_answer_options.favourable`: "Mycket/Ganska nöjd", "Mycket/Ganska tryggt"). "Did not
 * answer" (null) is left out; the basis is the number of answers. Each formula is one
 * question: see the files that call `kinShareFormula`.
 */
import type { Kysely } from 'kysely'
import type { DB } from '../db/schema.js'
import { defineFormula, type Sex } from './formula.js'
import { shareBySex } from './split.js'

export interface KinAnswerFact {
  sex: Sex
  performedDate: string
  /** null: the person did not answer. */
  answerCode: string | null
  /** Whether the answer counts as satisfied (safe); null when not answered. */
  favourable: boolean | null
}

/** An answer with the question it answers: for formulas that weigh several questions together. */
export interface KinQuestionAnswerFact extends KinAnswerFact {
  questionCode: string
}

/** The answers to the given KIN questions in the unit's KIN follow-ups performed in the period. */
export function loadKinAnswers(db: Kysely<DB>, scope: { unitId: string; start: string; end: string }, questionCodes: readonly string[]): Promise<KinQuestionAnswerFact[]> {
  return db.selectFrom('kin_answers as a')
    .innerJoin('follow_ups as f', 'f.id', 'a.follow_up_id')
    .innerJoin('persons as p', 'p.id', 'f.person_id')
    .innerJoin('kin_questions as q', 'q.code', 'a.question_code')
    .leftJoin('kin_answer_options as o', (join) => join.onRef('o.scale', '=', 'q.answer_scale').onRef('o.code', '=', 'a.answer_code'))
    .select(['p.sex', 'f.performed_date as performedDate', 'a.answer_code as answerCode', 'o.favourable', 'a.question_code as questionCode'])
    .where('f.unit_id', '=', scope.unitId)
    .where('p.unit_id', '=', scope.unitId)
    .where('f.kind', '=', 'kin')
    .where('f.status', '=', 'performed')
    .where('f.performed_date', '>=', scope.start)
    .where('f.performed_date', '<=', scope.end)
    .where('a.question_code', 'in', [...questionCodes])
    .orderBy('f.id').orderBy('a.question_code')
    .execute() as Promise<KinQuestionAnswerFact[]>
}

export const isAnswered = (f: KinAnswerFact): boolean => f.answerCode !== null
export const isFavourable = (f: KinAnswerFact): boolean => f.favourable === true

/** The share of favourable answers among the answers given in the period. */
export function kinShare(facts: readonly KinAnswerFact[], scope: { start: string; end: string }) {
  return shareBySex(facts.filter((f) => isAnswered(f) && f.performedDate >= scope.start && f.performedDate <= scope.end), isFavourable)
}

export function kinShareFormula(options: { code: string; title: string; questionCode: string; questionText: string }) {
  return defineFormula<KinAnswerFact>({
    code: options.code,
    version: 1,
    title: options.title,
    description: `Of the answers to the KIN question "${options.questionText}" (${options.questionCode}) in the KIN follow-ups performed in the period, the percentage of favourable answers on its scale. "Did not answer" is left out; the basis is the number of answers.`,
    unit: 'percent',
    direction: 'higher_is_better',
    params: [],
    load: (db, scope) => loadKinAnswers(db, scope, [options.questionCode]),
    compute: kinShare
  })
}
