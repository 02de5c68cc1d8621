/** The three quality registers; each keeps its own categories. */
export const QUALITY_DOMAINS = ['complaint', 'deviation', 'lex_sarah'] as const
export type QualityDomain = (typeof QUALITY_DOMAINS)[number]
