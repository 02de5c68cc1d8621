import type { PersonRow } from './repository.js'

export const toPerson = (p: PersonRow) => ({
  id: p.id,
  unitId: p.unit_id,
  personalIdentityNumber: p.personal_identity_number,
  identityKind: p.identity_kind,
  birthDate: p.birth_date,
  firstName: p.first_name,
  lastName: p.last_name,
  sex: p.sex,
  district: p.district,
  language: p.language,
  interpreterNeeded: p.interpreter_needed,
  interpreterLanguage: p.interpreter_language,
  representatives: p.representatives,
  childrenInHousehold: p.children_in_household,
  violenceAsked: p.violence_asked,
  violenceSuspected: p.violence_suspected,
  protectedIdentity: p.protected_identity,
  version: p.version,
  createdAt: p.created_at,
  updatedAt: p.updated_at
})
