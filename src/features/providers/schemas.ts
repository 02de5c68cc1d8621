import { Type, type TLiteral } from 'typebox'
import { PROVIDER_REGIMES } from '../../domain/provider.js'
import { component, Uuid } from '../../http/schemas.js'
import { ServiceTypeCode } from '../service-types/schemas.js'

/** One `const` per value, in order: `anyOf: [{ const: 'municipal' }, …]`, as the contract has it. */
const literals = <const T extends readonly string[]>(values: T) => values.map((v) => Type.Literal(v)) as { -readonly [K in keyof T]: TLiteral<T[K]> }

/** A provider's name as registered (also copied onto orders, complaints, deviations and reports). */
export const ProviderName = Type.String({ minLength: 1, maxLength: 200, examples: ['Hemtjänst Hägersten-Älvsjö (egen regi)'] })
const OrganisationNumber = Type.String({ pattern: '^[0-9]{6}-[0-9]{4}$', maxLength: 11, examples: ['556677-8899'] })

export const ProviderRegime = Type.Union(literals(PROVIDER_REGIMES), {
  description: 'municipal: the city\'s own provider (egen regi); private: a contracted or LOV provider.'
})

const fields = {
  name: ProviderName,
  regime: ProviderRegime,
  organisationNumber: Type.Optional(Type.Union([OrganisationNumber, Type.Null()], { description: 'Swedish organisation number, NNNNNN-NNNN.' })),
  serviceTypeCodes: Type.Array(ServiceTypeCode, { minItems: 1, maxItems: 50, uniqueItems: true, description: 'The service types the provider offers.' })
}

export const Provider = component('Provider', Type.Object({
  id: Uuid,
  name: fields.name,
  regime: ProviderRegime,
  organisationNumber: Type.Union([OrganisationNumber, Type.Null()]),
  serviceTypeCodes: Type.Array(ServiceTypeCode, { maxItems: 50 }),
  active: Type.Boolean({ description: 'Inactive providers cannot receive new orders; past orders keep them.' })
}, {
  description: 'A provider (utförare) that executes granted decisions.',
  examples: [{ id: '0b6f2f7e-8a41-4c5e-9a39-2d0f1c9b7a11', name: 'Hemtjänst Hägersten-Älvsjö (egen regi)', regime: 'municipal', organisationNumber: null, serviceTypeCodes: ['home_care', 'safety_alarm'], active: true }]
}))

export const ProviderCreate = Type.Object(fields, { additionalProperties: false })

export const ProviderUpdate = Type.Object({
  name: Type.Optional(fields.name),
  regime: Type.Optional(ProviderRegime),
  organisationNumber: fields.organisationNumber,
  serviceTypeCodes: Type.Optional(fields.serviceTypeCodes),
  active: Type.Optional(Type.Boolean())
}, { additionalProperties: false, minProperties: 1 })

export const ProviderListQuery = Type.Object({
  active: Type.Optional(Type.Boolean({ description: 'Only active (true) or inactive (false) providers.' })),
  regime: Type.Optional(ProviderRegime),
  serviceTypeCode: Type.Optional(ServiceTypeCode)
}, { additionalProperties: false })
