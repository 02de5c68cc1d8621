import type { ProviderRow } from './repository.js'

export const toProvider = (p: ProviderRow) => ({
  id: p.id, name: p.name, regime: p.regime, organisationNumber: p.organisation_number, serviceTypeCodes: p.service_type_codes, active: p.active
})
