/**
 * Deviations (avvikelser, DOMAIN §3) the unit sends to providers and health care:
 * sent → responded → closed. A deviation is registered when it is sent; it can be closed
 * without a response (a provider that never answers does not keep it open for ever).
 */
export const DEVIATION_STATUSES = ['sent', 'responded', 'closed'] as const
export type DeviationStatus = (typeof DEVIATION_STATUSES)[number]

export const DEVIATION_TARGETS = ['provider', 'primary_care', 'hospital_care', 'transport', 'other'] as const
export type DeviationTarget = (typeof DEVIATION_TARGETS)[number]

export type DeviationAction = 'record_response' | 'close'

const ALLOWED_IN: Record<DeviationAction, readonly DeviationStatus[]> = {
  record_response: ['sent'],
  close: ['sent', 'responded']
}

export function deviationAllowedIn(action: DeviationAction): readonly DeviationStatus[] {
  return ALLOWED_IN[action]
}

export function isDeviationActionAllowed(action: DeviationAction, status: DeviationStatus): boolean {
  return ALLOWED_IN[action].includes(status)
}
