import { Type } from 'typebox'
import { component } from '../../http/schemas.js'

export const ServiceTypeCode = Type.String({ pattern: '^[a-z][a-z0-9_]{1,62}$', description: 'Service type code (see GET /v1/service-types).', examples: ['home_care'] })

const fields = {
  labelSv: Type.String({ minLength: 1, maxLength: 200, examples: ['Hemtjänst'] }),
  labelEn: Type.String({ minLength: 1, maxLength: 200, examples: ['Home care'] }),
  housing: Type.Boolean({ description: 'A housing service: decided under the housing delegation rule and needs a joint case review.' }),
  hoursBased: Type.Boolean({ description: 'Granted as a monthly time frame (ramtid): decisions carry hours per month.' })
}

export const ServiceType = component('ServiceType', Type.Object({
  code: ServiceTypeCode,
  ...fields,
  active: Type.Boolean({ description: 'Inactive types cannot be requested in new applications.' })
}, { examples: [{ code: 'home_care', labelSv: 'Hemtjänst', labelEn: 'Home care', housing: false, hoursBased: true, active: true }] }))

export const ServiceTypeCreate = Type.Object({ code: ServiceTypeCode, ...fields }, { additionalProperties: false })

export const ServiceTypeUpdate = Type.Object({
  labelSv: Type.Optional(fields.labelSv),
  labelEn: Type.Optional(fields.labelEn),
  housing: Type.Optional(fields.housing),
  hoursBased: Type.Optional(fields.hoursBased),
  active: Type.Optional(Type.Boolean())
}, { additionalProperties: false, minProperties: 1 })
