/**
 * When the unit shares the investigation with the applicant before deciding (kommunicering,
 * FL 25 §), per unit. Seeds 000/001: every non-urgent investigation is communicated (the
 * default); seed 002's narrower practice — housing, and decisions that go against the
 * applicant — is the other policy.
 */
export const COMMUNICATION_POLICIES = ['every_non_urgent', 'housing_and_adverse'] as const
export type CommunicationPolicy = (typeof COMMUNICATION_POLICIES)[number]
export const DEFAULT_COMMUNICATION_POLICY: CommunicationPolicy = 'every_non_urgent'
