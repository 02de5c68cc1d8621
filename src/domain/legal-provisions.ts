/**
 * The provisions the service cites, as dated data (table `legal_provisions`, migration 0011).
 * A new socialtjänstlag (SFS 2025:400) replaced SoL (2001:453) on 2025-07-01 (prop.
 * 2024/25:89): a decision cites the provision in force on its decision date, and a report or a
 * Lex Sarah text cites the provisions in force for its period. Which row is in force is decided
 * here, once; the rows themselves are data and can be corrected without code.
 */

/** What the service cites a provision for. */
export const PROVISION_PURPOSES = [
  'assistance', 'fee_decision', 'not_executed_reporting', 'lex_sarah', 'lex_sarah_ivo_notification', 'appeal_right',
  'reconsideration', 'appeal_deadline', 'appeal_late', 'appeal_forwarding', 'national_transport'
] as const
export type ProvisionPurpose = (typeof PROVISION_PURPOSES)[number]

/** The day the new social services act (2025:400) came into force. */
export const NEW_SOCIAL_SERVICES_ACT_FROM = '2025-07-01'

export interface LegalProvision {
  purpose: string
  law: string
  sfs: string
  chapter: string | null
  sections: string
  citation: string
  title: string
  inForceFrom: string
  inForceTo: string | null
  /** False while the numbering has not been checked against the act's text. */
  verified: boolean
  source: string
}

/** The provision for `purpose` in force on `date`, or undefined when the catalogue has none. */
export function provisionInForce(catalogue: readonly LegalProvision[], purpose: string, date: string): LegalProvision | undefined {
  return catalogue.find((p) => p.purpose === purpose && p.inForceFrom <= date && (p.inForceTo === null || p.inForceTo >= date))
}

/** The citation in force on `date`, or `fallback` when the catalogue has none for that day. */
export function citationOn(catalogue: readonly LegalProvision[], purpose: string, date: string, fallback: string): string {
  return provisionInForce(catalogue, purpose, date)?.citation ?? fallback
}

/**
 * The provisions for `purpose` in force at some time in a period (a report's quarter): usually
 * one, two when the period straddles a change of the law.
 */
export function provisionsDuring(catalogue: readonly LegalProvision[], purpose: string, start: string, end: string): LegalProvision[] {
  return catalogue.filter((p) => p.purpose === purpose && p.inForceFrom <= end && (p.inForceTo === null || p.inForceTo >= start))
    .sort((a, b) => a.inForceFrom.localeCompare(b.inForceFrom))
}
