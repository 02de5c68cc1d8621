import { Type } from 'typebox'
import { IDENTITY_KINDS, REPRESENTATIVE_KINDS, SEXES } from '../../domain/person.js'
import { component, Count, Instant, LegalDate, Nullable, Uuid } from '../../http/schemas.js'

export const Name = Type.String({ minLength: 1, maxLength: 200 })
/** First and last name with a space between, as reports and worklists show them. */
export const FullName = Type.String({ maxLength: 401, description: 'First and last name of the person.', examples: ['Tolvan Tolvansson'] })
const ShortText = Type.String({ minLength: 1, maxLength: 200 })

export const Representative = Type.Object({
  kind: Type.Enum([...REPRESENTATIVE_KINDS], { description: 'god man, förvaltare, fullmakt (power of attorney) or a relative (anhörig).' }),
  name: Name,
  phone: Type.Optional(Type.String({ minLength: 1, maxLength: 40 }))
}, { additionalProperties: false })

export const PersonalIdentityNumber = Type.String({
  minLength: 10, maxLength: 13, pattern: '^(\\d{2})?\\d{6}[-+]?\\d{4}$',
  description: 'Personnummer or samordningsnummer: YYYYMMDD-NNNN, YYYYMMDDNNNN or YYMMDD-NNNN (+ for 100 years or older). Stored as 12 digits.',
  examples: ['19400612-1232']
})

const editable = {
  firstName: Name,
  lastName: Name,
  sex: Type.Enum([...SEXES], { description: 'Stored explicitly: statistics are split by women and men. Defaults to the legal sex of the identity number.' }),
  district: Nullable(ShortText),
  language: Nullable(Type.String({ minLength: 1, maxLength: 100, description: 'Preferred language.', examples: ['svenska', 'finska', 'teckenspråk'] })),
  interpreterNeeded: Type.Boolean(),
  interpreterLanguage: Nullable(Type.String({ minLength: 1, maxLength: 100, examples: ['teckenspråk'] })),
  representatives: Type.Array(Representative, { maxItems: 20 }),
  childrenInHousehold: Nullable(Type.Boolean({ description: 'Children under 18 in the household (barnperspektiv); null when not asked.' })),
  violenceAsked: Type.Boolean({ description: 'The FREDA questions on domestic violence were asked.' }),
  violenceSuspected: Type.Boolean(),
  protectedIdentity: Type.Boolean({ description: 'Skyddad identitet: only users with the protected_identity permission see the person.' })
}

export const PersonCreate = Type.Object({
  personalIdentityNumber: PersonalIdentityNumber,
  firstName: editable.firstName,
  lastName: editable.lastName,
  sex: Type.Optional(editable.sex),
  district: Type.Optional(editable.district),
  language: Type.Optional(editable.language),
  interpreterNeeded: Type.Optional(editable.interpreterNeeded),
  interpreterLanguage: Type.Optional(editable.interpreterLanguage),
  representatives: Type.Optional(editable.representatives),
  childrenInHousehold: Type.Optional(editable.childrenInHousehold),
  violenceAsked: Type.Optional(editable.violenceAsked),
  violenceSuspected: Type.Optional(editable.violenceSuspected),
  protectedIdentity: Type.Optional(editable.protectedIdentity)
}, {
  additionalProperties: false,
  examples: [{ personalIdentityNumber: '19400612-1232', firstName: 'Tolvan', lastName: 'Tolvansson', district: 'Hägersten-Älvsjö', language: 'svenska', interpreterNeeded: false }]
})

export const PersonUpdate = Type.Object({
  personalIdentityNumber: Type.Optional(PersonalIdentityNumber),
  firstName: Type.Optional(editable.firstName),
  lastName: Type.Optional(editable.lastName),
  sex: Type.Optional(editable.sex),
  district: Type.Optional(editable.district),
  language: Type.Optional(editable.language),
  interpreterNeeded: Type.Optional(editable.interpreterNeeded),
  interpreterLanguage: Type.Optional(editable.interpreterLanguage),
  representatives: Type.Optional(editable.representatives),
  childrenInHousehold: Type.Optional(editable.childrenInHousehold),
  violenceAsked: Type.Optional(editable.violenceAsked),
  violenceSuspected: Type.Optional(editable.violenceSuspected),
  protectedIdentity: Type.Optional(editable.protectedIdentity)
}, { additionalProperties: false, minProperties: 1, examples: [{ interpreterNeeded: true, interpreterLanguage: 'finska' }] })

export const Person = component('Person', Type.Object({
  id: Uuid,
  unitId: Uuid,
  personalIdentityNumber: Type.String({ pattern: '^\\d{12}$', maxLength: 12, description: '12 digits, normalised.' }),
  identityKind: Type.Enum([...IDENTITY_KINDS]),
  birthDate: LegalDate,
  ...editable,
  version: Count({ description: 'Row version; also sent as the ETag.' }),
  createdAt: Instant,
  updatedAt: Instant
}, {
  examples: [{
    id: '0b8f3c1e-2a4d-4e6f-8a1b-3c5d7e9f1a2b', unitId: '3f1c2b9a-5d7e-4c1a-9b2f-8e6d4a2c1b0f',
    personalIdentityNumber: '194006121232', identityKind: 'personnummer', birthDate: '1940-06-12',
    firstName: 'Tolvan', lastName: 'Tolvansson', sex: 'male', district: 'Hägersten-Älvsjö', language: 'svenska',
    interpreterNeeded: false, interpreterLanguage: null, representatives: [], childrenInHousehold: null,
    violenceAsked: true, violenceSuspected: false, protectedIdentity: false, version: 1,
    createdAt: '2026-03-02T08:30:00.000Z', updatedAt: '2026-03-02T08:30:00.000Z'
  }]
}))

export const PersonSearch = Type.Object({ personalIdentityNumber: PersonalIdentityNumber }, {
  additionalProperties: false,
  description: 'Exact match on personnummer/samordningsnummer, sent in the body so it never appears in a URL or access log line.'
})
