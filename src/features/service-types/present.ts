import type { ServiceTypeRow } from './repository.js'

export const toServiceType = (s: ServiceTypeRow) => ({
  code: s.code, labelSv: s.label_sv, labelEn: s.label_en, housing: s.housing, hoursBased: s.hours_based, active: s.active,
  decidedUnder: s.decided_under, decidedAs: s.decided_as, legalProvisionPurpose: s.legal_provision_purpose
})
