import { Type } from 'typebox'
import { DECIDING_ROLES } from '../../domain/roles.js'
import { component, Nullable, ref, Uuid, Count } from '../../http/schemas.js'

// Units are reference data written only by migrations (0001): the code's CHECK allows 63
// characters; districts and names are Stockholm's (the longest is 20 characters).
export const UnitCode = Type.String({ maxLength: 63, description: 'Stable unit code, used in the token\'s `unit` claim.', examples: ['hagersten-alvsjo'] })
export const District = Type.String({ maxLength: 100, description: 'District council (stadsdelsnämnd).', examples: ['Hägersten-Älvsjö'] })

/** The unit a report is about. */
export const UnitRef = Type.Object({ id: Uuid, code: UnitCode, district: District })

export const Unit = component('Unit', Type.Object({
  id: Uuid,
  code: UnitCode,
  district: District,
  name: Type.String({ maxLength: 200, examples: ['Beställarenheten äldre'] })
}))

const DecidingRole = Type.Enum([...DECIDING_ROLES], { description: 'A role that may decide (from the token\'s `roles` claim).' })

export const DelegationRule = component('DelegationRule', Type.Object({
  code: Type.String({ pattern: '^[a-z0-9_]{1,64}$', maxLength: 64, examples: ['home_care_over_99_hours'] }),
  description: Type.String({ minLength: 1, maxLength: 2000 }),
  serviceTypeCodes: Type.Array(Type.String({ maxLength: 64 }), { maxItems: 100, description: 'The rule applies to these service types; empty means all.' }),
  housingOnly: Type.Boolean({ description: 'The rule applies only to housing service types.' }),
  hoursPerMonthAbove: Nullable(Type.Number({ minimum: 0, maximum: 744, description: 'The rule applies when the decided hours per month are strictly above this.' })),
  allowedRoles: Type.Array(DecidingRole, { minItems: 1, maxItems: 4, uniqueItems: true, description: 'Roles that may decide matters the rule applies to.' })
}, { additionalProperties: false }))

export const DelegationOrder = component('DelegationOrder', Type.Object({
  unitId: Uuid,
  version: Count(),
  rules: Type.Array(ref(DelegationRule), { maxItems: 100 })
}, {
  examples: [{
    unitId: '3f1c2b9a-5d7e-4c1a-9b2f-8e6d4a2c1b0f',
    version: 1,
    rules: [
      { code: 'housing', description: 'Beslut om boende fattas av enhetschef eller biträdande enhetschef.', serviceTypeCodes: [], housingOnly: true, hoursPerMonthAbove: null, allowedRoles: ['unit_manager', 'deputy_unit_manager'] },
      { code: 'home_care_over_99_hours', description: 'Hemtjänst över 99 timmar per månad.', serviceTypeCodes: ['home_care'], housingOnly: false, hoursPerMonthAbove: 99, allowedRoles: ['unit_manager', 'deputy_unit_manager', 'case_worker_special_delegation'] }
    ]
  }]
}))
