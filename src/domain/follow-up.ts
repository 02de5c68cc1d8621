/**
 * A follow-up (uppföljning, DOMAIN §2) is planned, then performed or cancelled. What it must
 * be linked to depends on its kind, and a KIN follow-up records one answer per standard
 * question of its service context, so that satisfaction shares can be computed from them.
 */
export const FOLLOW_UP_KINDS = ['continuous', 'kin', 'hospital_discharge', 'time_limited_review'] as const
export type FollowUpKind = (typeof FOLLOW_UP_KINDS)[number]

export const FOLLOW_UP_STATUSES = ['planned', 'performed', 'cancelled'] as const
export type FollowUpStatus = (typeof FOLLOW_UP_STATUSES)[number]

/** `automatic`: planned by the unit's rules (and re-planned by them until performed); `manual`: by a person. */
export const FOLLOW_UP_ORIGINS = ['automatic', 'manual'] as const
export type FollowUpOrigin = (typeof FOLLOW_UP_ORIGINS)[number]

/** Who cancelled a follow-up: a user, or the rules when they no longer ask for it. */
export const FOLLOW_UP_CANCELLERS = ['by_user', 'replanned'] as const
export type FollowUpCanceller = (typeof FOLLOW_UP_CANCELLERS)[number]

export const FOLLOW_UP_METHODS = ['home_visit', 'phone', 'video', 'office', 'hospital_or_sip_meeting', 'provider_contact'] as const
export type FollowUpMethod = (typeof FOLLOW_UP_METHODS)[number]

export const FOLLOW_UP_OUTCOMES = ['unchanged', 'changed', 'ended'] as const
export type FollowUpOutcome = (typeof FOLLOW_UP_OUTCOMES)[number]

export const KIN_SERVICE_CONTEXTS = ['home_care', 'care_home'] as const
export type KinServiceContext = (typeof KIN_SERVICE_CONTEXTS)[number]

export type FollowUpAction = 'plan' | 'perform' | 'cancel'

/** Only a planned follow-up can be re-planned, performed or cancelled; the others are history. */
export const followUpActionAllowed = (_action: FollowUpAction, status: FollowUpStatus): boolean => status === 'planned'
export const FOLLOW_UP_ACTION_STATES: readonly FollowUpStatus[] = ['planned']

/** Overdue: still planned after its due date. Due today is not yet overdue. */
export const isOverdue = (status: FollowUpStatus, dueDate: string, today: string): boolean => status === 'planned' && dueDate < today

export interface KinQuestion {
  code: string
  serviceContext: KinServiceContext
  options: readonly string[]
}

export interface KinAnswer {
  questionCode: string
  /** null: the person did not answer. */
  answer: string | null
}

export interface FieldProblem {
  pointer: string
  message: string
}

/**
 * Every active question of the context answered exactly once (an answer from its scale, or
 * null for "did not answer"), and nothing else: each follow-up then counts in the
 * denominator of every question it was asked, whatever the person answered.
 */
export function kinAnswerErrors(context: KinServiceContext, questions: readonly KinQuestion[], answers: readonly KinAnswer[], at = '/kinAnswers'): FieldProblem[] {
  const errors: FieldProblem[] = []
  const asked = questions.filter((q) => q.serviceContext === context)
  const seen = new Set<string>()
  answers.forEach((a, i) => {
    const question = asked.find((q) => q.code === a.questionCode)
    if (!question) {
      const other = questions.some((q) => q.code === a.questionCode)
      errors.push({ pointer: `${at}/${i}/questionCode`, message: other ? `'${a.questionCode}' is not asked in ${context}.` : `Unknown question '${a.questionCode}'.` })
      return
    }
    if (seen.has(a.questionCode)) errors.push({ pointer: `${at}/${i}/questionCode`, message: `'${a.questionCode}' is answered twice.` })
    seen.add(a.questionCode)
    if (a.answer !== null && !question.options.includes(a.answer)) {
      errors.push({ pointer: `${at}/${i}/answer`, message: `'${a.answer}' is not on the question's scale (${question.options.join(', ')}); null records "did not answer".` })
    }
  })
  const missing = asked.filter((q) => !seen.has(q.code)).map((q) => q.code)
  if (missing.length > 0) errors.push({ pointer: at, message: `Every ${context} question needs an answer or null ("did not answer"); missing: ${missing.join(', ')}.` })
  return errors
}
