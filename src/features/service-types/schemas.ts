import { Type } from 'typebox'
import { DECIDED_AS, LAWS } from '../../domain/service-scope.js'
import { component, Nullable } from '../../http/schemas.js'

export const ServiceTypeCode = Type.String({ pattern: '^[a-z][a-z0-9_]{1,62}$', maxLength: 63, description: 'Service type code (see GET /v1/service-types).', examples: ['home_care'] })
export const ServiceTypeLabel = Type.String({ minLength: 1, maxLength: 200 })

const fields = {
  labelSv: Type.String({ ...ServiceTypeLabel, examples: ['Hemtjänst'] }),
  labelEn: Type.String({ ...ServiceTypeLabel, examples: ['Home care'] }),
  housing: Type.Boolean({ description: 'A housing service: decided under the housing delegation rule and needs a joint case review.' }),
  hoursBased: Type.Boolean({ description: 'Granted as a monthly time frame (ramtid): decisions carry hours per month.' })
}

/** Under which law and as what the type is decided: only bistånd under the social services act is within the IVO report. */
const scope = {
  decidedUnder: Type.Enum([...LAWS], { description: 'The act the decision is taken under.' }),
  decidedAs: Type.Enum([...DECIDED_AS], { description: 'assistance (bistånd, within the IVO report when favourable and not executed), fee_decision, permit (e.g. riksfärdtjänst), investigation_only (made for another body: färdtjänst, tandvårdsstöd).' }),
  legalProvisionPurpose: Nullable(Type.String({ pattern: '^[a-z][a-z0-9_]{1,62}$', maxLength: 63, description: 'The catalogue purpose a decision of this type cites (GET /v1/legal-provisions); the provision in force on the decision date is cited.', examples: ['assistance'] }))
}

export const ServiceType = component('ServiceType', Type.Object({
  code: ServiceTypeCode,
  ...fields,
  active: Type.Boolean({ description: 'Inactive types cannot be requested in new applications.' }),
  ...scope
}, { examples: [{ code: 'home_care', labelSv: 'Hemtjänst', labelEn: 'Home care', housing: false, hoursBased: true, active: true, decidedUnder: 'social_services_act', decidedAs: 'assistance', legalProvisionPurpose: 'assistance' }] }))

export const ServiceTypeCreate = Type.Object({
  code: ServiceTypeCode, ...fields,
  decidedUnder: Type.Optional(scope.decidedUnder), decidedAs: Type.Optional(scope.decidedAs), legalProvisionPurpose: Type.Optional(scope.legalProvisionPurpose)
}, { additionalProperties: false, description: 'Without a scope the type is bistånd under the social services act, citing the `assistance` provision.' })

export const ServiceTypeUpdate = Type.Object({
  labelSv: Type.Optional(fields.labelSv),
  labelEn: Type.Optional(fields.labelEn),
  housing: Type.Optional(fields.housing),
  hoursBased: Type.Optional(fields.hoursBased),
  active: Type.Optional(Type.Boolean()),
  decidedUnder: Type.Optional(scope.decidedUnder),
  decidedAs: Type.Optional(scope.decidedAs),
  legalProvisionPurpose: Type.Optional(scope.legalProvisionPurpose)
}, { additionalProperties: false, minProperties: 1 })
