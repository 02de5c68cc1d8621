/**
 * Complaints and feedback (synpunkter och klagomål, DOMAIN §3): registered → investigating →
 * answered → closed. Each action names the states it is allowed in; anything else is refused
 * with the current state (409 at the HTTP edge).
 */
export const COMPLAINT_STATUSES = ['registered', 'investigating', 'answered', 'closed'] as const
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number]

export const COMPLAINT_CHANNELS = ['written', 'oral', 'phone', 'e_service'] as const
export type ComplaintChannel = (typeof COMPLAINT_CHANNELS)[number]
export const SUBMITTERS = ['person', 'relative', 'representative', 'other', 'anonymous'] as const
export type Submitter = (typeof SUBMITTERS)[number]
export const COMPLAINT_KINDS = ['complaint', 'feedback', 'idea', 'praise', 'question'] as const
export type ComplaintKind = (typeof COMPLAINT_KINDS)[number]
export const COMPLAINT_TARGETS = ['unit', 'provider', 'primary_care', 'hospital_care', 'transport', 'other'] as const
export type ComplaintTarget = (typeof COMPLAINT_TARGETS)[number]
export const ANSWER_METHODS = ['letter', 'email', 'phone', 'meeting', 'e_service'] as const
export type AnswerMethod = (typeof ANSWER_METHODS)[number]

export type ComplaintAction = 'investigate' | 'answer' | 'close' | 'escalate'

const OPEN: readonly ComplaintStatus[] = ['registered', 'investigating', 'answered']

const ALLOWED_IN: Record<ComplaintAction, readonly ComplaintStatus[]> = {
  investigate: ['registered'],
  answer: ['registered', 'investigating'],
  close: ['answered'],
  // Closing records whether it led to a deviation or a Lex Sarah report, so escalate first.
  escalate: OPEN
}

/**
 * An anonymous submitter cannot be answered, so such an item may be closed without an answer.
 * Everyone else is contacted (by a manager) before the item is closed.
 */
export function complaintAllowedIn(action: ComplaintAction, submitter: Submitter): readonly ComplaintStatus[] {
  if (action === 'close' && submitter === 'anonymous') return OPEN
  return ALLOWED_IN[action]
}

export function isComplaintActionAllowed(action: ComplaintAction, status: ComplaintStatus, submitter: Submitter): boolean {
  return complaintAllowedIn(action, submitter).includes(status)
}

/** Still waiting for its answer: the answer deadline applies. */
export function awaitsAnswer(status: ComplaintStatus): boolean {
  return status === 'registered' || status === 'investigating'
}
