/** A provider (utförare) is run by the municipality itself (egen regi) or privately (LOV, upphandlad). */
export const PROVIDER_REGIMES = ['municipal', 'private'] as const
export type ProviderRegime = (typeof PROVIDER_REGIMES)[number]
