import type { Insertable, Kysely, Selectable, Updateable } from 'kysely'
import type { DB, FollowUpTable } from '../../db/schema.js'
import { versionBump } from '../../db/version.js'
import type { KinQuestion } from '../../domain/follow-up.js'
import type { Actor } from '../../auth/actor.js'
import { personVisibleTo } from '../../auth/access.js'
import { keysetPage } from '../../db/keyset.js'

export type FollowUpRow = Selectable<FollowUpTable>
export type FollowUpChanges = Omit<Updateable<FollowUpTable>, 'id' | 'version'>
export interface StoredKinAnswer { question_code: string; answer_code: string | null; favourable: boolean | null }

export function findVisibleFollowUp(db: Kysely<DB>, actor: Actor, id: string, options: { forUpdate?: boolean } = {}) {
  let query = db.selectFrom('follow_ups')
    .innerJoin('persons', 'persons.id', 'follow_ups.person_id')
    .selectAll('follow_ups')
    .where('follow_ups.id', '=', id)
    .where('follow_ups.unit_id', '=', actor.unitId)
    .where(personVisibleTo(actor))
  if (options.forUpdate) query = query.forUpdate('follow_ups')
  return query.executeTakeFirst()
}

export function insertFollowUp(db: Kysely<DB>, row: Insertable<FollowUpTable>) {
  return db.insertInto('follow_ups').values(row).returningAll().executeTakeFirstOrThrow()
}

export function updateFollowUp(db: Kysely<DB>, id: string, changes: FollowUpChanges) {
  return db.updateTable('follow_ups')
    .set({ ...changes, ...versionBump() })
    .where('id', '=', id).returningAll().executeTakeFirstOrThrow()
}

/** The recorded KIN answers of many follow-ups at once, in question order. */
export async function kinAnswersOf(db: Kysely<DB>, followUpIds: string[]): Promise<Map<string, StoredKinAnswer[]>> {
  const byFollowUp = new Map<string, StoredKinAnswer[]>()
  if (followUpIds.length === 0) return byFollowUp
  const rows = await db.selectFrom('kin_answers as a')
    .innerJoin('kin_questions as q', 'q.code', 'a.question_code')
    .leftJoin('kin_answer_options as o', (join) => join.onRef('o.scale', '=', 'q.answer_scale').onRef('o.code', '=', 'a.answer_code'))
    .select(['a.follow_up_id', 'a.question_code', 'a.answer_code', 'o.favourable'])
    .where('a.follow_up_id', 'in', followUpIds)
    .orderBy('a.follow_up_id').orderBy('q.position')
    .execute()
  for (const row of rows) {
    const list = byFollowUp.get(row.follow_up_id) ?? []
    list.push({ question_code: row.question_code, answer_code: row.answer_code, favourable: row.favourable })
    byFollowUp.set(row.follow_up_id, list)
  }
  return byFollowUp
}

export function insertKinAnswers(db: Kysely<DB>, followUpId: string, answers: { questionCode: string; answer: string | null }[]) {
  return db.insertInto('kin_answers').values(answers.map((a) => ({ follow_up_id: followUpId, question_code: a.questionCode, answer_code: a.answer }))).execute()
}

export async function listKinQuestions(db: Kysely<DB>, options: { activeOnly?: boolean } = {}) {
  let query = db.selectFrom('kin_questions as q')
    .innerJoin('kin_answer_options as o', 'o.scale', 'q.answer_scale')
    .select(['q.code', 'q.text_sv', 'q.service_context', 'q.answer_scale', 'q.active', 'o.code as option_code', 'o.label_sv', 'o.favourable'])
    .orderBy('q.position').orderBy('o.position')
  if (options.activeOnly) query = query.where('q.active', '=', true)
  const rows = await query.execute()
  const questions: (KinQuestion & { textSv: string; answerScale: string; active: boolean; labelled: { code: string; labelSv: string; favourable: boolean }[] })[] = []
  for (const r of rows) {
    let q = questions[questions.length - 1]
    if (!q || q.code !== r.code) {
      q = { code: r.code, textSv: r.text_sv, serviceContext: r.service_context, answerScale: r.answer_scale, active: r.active, options: [], labelled: [] }
      questions.push(q)
    }
    ;(q.options as string[]).push(r.option_code)
    q.labelled.push({ code: r.option_code, labelSv: r.label_sv, favourable: r.favourable })
  }
  return questions
}

export interface FollowUpFilter {
  caseWorker?: string | undefined
  kind?: FollowUpRow['kind'] | undefined
  status?: FollowUpRow['status'] | undefined
  overdue?: boolean | undefined
  dueBefore?: string | undefined
  dueAfter?: string | undefined
  personId?: string | undefined
  decisionId?: string | undefined
  applicationId?: string | undefined
}

/** Earliest due first; keyset on (due_date, id). */
export function listVisibleFollowUps(db: Kysely<DB>, actor: Actor, f: FollowUpFilter, today: string, after: [string, string] | undefined, limit: number) {
  let query = db.selectFrom('follow_ups')
    .innerJoin('persons', 'persons.id', 'follow_ups.person_id')
    .selectAll('follow_ups')
    .where('follow_ups.unit_id', '=', actor.unitId)
    .where(personVisibleTo(actor))
  if (f.caseWorker) query = query.where('follow_ups.assigned_case_worker', '=', f.caseWorker)
  if (f.kind) query = query.where('follow_ups.kind', '=', f.kind)
  if (f.status) query = query.where('follow_ups.status', '=', f.status)
  if (f.overdue === true) query = query.where('follow_ups.status', '=', 'planned').where('follow_ups.due_date', '<', today)
  if (f.overdue === false) query = query.where((eb) => eb.or([eb('follow_ups.status', '!=', 'planned'), eb('follow_ups.due_date', '>=', today)]))
  if (f.dueBefore) query = query.where('follow_ups.due_date', '<', f.dueBefore)
  if (f.dueAfter) query = query.where('follow_ups.due_date', '>', f.dueAfter)
  if (f.personId) query = query.where('follow_ups.person_id', '=', f.personId)
  if (f.decisionId) query = query.where('follow_ups.decision_id', '=', f.decisionId)
  if (f.applicationId) query = query.where('follow_ups.application_id', '=', f.applicationId)
  return keysetPage(query, ['follow_ups.due_date', 'follow_ups.id'], after, 'asc', limit)
}
