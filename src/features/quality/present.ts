import type { ProviderRegime } from '../../domain/provider.js'

interface ProviderColumns {
  provider_id: string | null
  provider_name: string | null
  provider_regime: ProviderRegime | null
  provider_record_name: string | null
  provider_record_regime: ProviderRegime | null
}

/** A provider record's own name and regime, or the free-text name with the regime given by hand. */
export function providerView(row: ProviderColumns) {
  if (row.provider_id !== null) return { id: row.provider_id, name: row.provider_record_name ?? '', regime: row.provider_record_regime }
  if (row.provider_name !== null) return { id: null, name: row.provider_name, regime: row.provider_regime }
  return null
}
