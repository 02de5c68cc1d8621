/**
 * Lex Sarah (SoL 14 kap. 3–7 §§, SOSFS 2011:5; DOMAIN §3): reported → investigating →
 * assessed → notified to IVO (when serious) → IVO's response → closed with measures and
 * learning. A serious report cannot be closed until IVO has been notified.
 */
export const LEX_SARAH_STATUSES = ['reported', 'investigating', 'assessed', 'notified_to_ivo', 'ivo_responded', 'closed'] as const
export type LexSarahStatus = (typeof LEX_SARAH_STATUSES)[number]

export const LEX_SARAH_ASSESSMENTS = ['no_wrongdoing', 'wrongdoing', 'risk_of_wrongdoing'] as const
export type LexSarahAssessment = (typeof LEX_SARAH_ASSESSMENTS)[number]

export const LEX_SARAH_PLACES = ['unit', 'provider'] as const
export type LexSarahPlace = (typeof LEX_SARAH_PLACES)[number]

export type LexSarahAction = 'investigate' | 'assess' | 'notify_ivo' | 'record_ivo_response' | 'close'

const ALLOWED_IN: Record<LexSarahAction, readonly LexSarahStatus[]> = {
  investigate: ['reported'],
  // The assessment can be revised until IVO has been notified of it.
  assess: ['investigating', 'assessed'],
  notify_ivo: ['assessed'],
  record_ivo_response: ['notified_to_ivo'],
  close: ['assessed', 'notified_to_ivo', 'ivo_responded']
}

export interface LexSarahFacts {
  status: LexSarahStatus
  serious: boolean | null
  /** A provider's own report sent to the unit for information: recorded, not investigated here. */
  forInformation: boolean
}

export function lexSarahAllowedIn(action: LexSarahAction, forInformation: boolean): readonly LexSarahStatus[] {
  if (action === 'close' && forInformation) return ['reported', ...ALLOWED_IN.close]
  return ALLOWED_IN[action]
}

export type LexSarahRefusal =
  | { kind: 'state'; allowed: readonly LexSarahStatus[] }
  | { kind: 'rule'; rule: 'ivo_notification_required' | 'not_serious'; detail: string }

/** Why the action is refused in this report's present state, or undefined when it may go ahead. */
export function lexSarahRefusal(action: LexSarahAction, facts: LexSarahFacts): LexSarahRefusal | undefined {
  const allowed = lexSarahAllowedIn(action, facts.forInformation)
  if (!allowed.includes(facts.status)) return { kind: 'state', allowed }
  if (action === 'close' && facts.status === 'assessed' && facts.serious === true) {
    return { kind: 'rule', rule: 'ivo_notification_required', detail: 'A serious report must be notified to IVO before it is closed.' }
  }
  if (action === 'notify_ivo' && facts.serious !== true) {
    return { kind: 'rule', rule: 'not_serious', detail: 'Only a report assessed as serious is notified to IVO.' }
  }
  return undefined
}

/** Only wrongdoing or a clear risk of it can be serious (allvarligt missförhållande). */
export function assessmentError(assessment: LexSarahAssessment, serious: boolean): string | undefined {
  return serious && assessment === 'no_wrongdoing' ? 'A report assessed as no wrongdoing cannot be serious.' : undefined
}
