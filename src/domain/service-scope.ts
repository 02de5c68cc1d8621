/**
 * Under which law and as what a service type is decided (DOMAIN §5). The social services act
 * obliges the unit to report to IVO a favourable decision on bistånd not executed within three
 * months; a national-transport permit, an investigation the unit only makes for another body
 * (färdtjänst, dental-care support) and a fee decision are outside that duty.
 */
export const LAWS = ['social_services_act', 'national_transport_act', 'transport_services_act', 'dental_care_act'] as const
export type Law = (typeof LAWS)[number]

export const DECIDED_AS = ['assistance', 'fee_decision', 'permit', 'investigation_only'] as const
export type DecidedAs = (typeof DECIDED_AS)[number]

export interface ServiceScope {
  decidedUnder: Law
  decidedAs: DecidedAs
}

/** Bistånd under the social services act: the decisions the IVO report and the not-executed indicator cover. */
export const isSocialServicesAssistance = (s: ServiceScope): boolean =>
  s.decidedUnder === 'social_services_act' && s.decidedAs === 'assistance'
