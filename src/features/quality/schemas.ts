/** Schema parts shared by complaints, deviations and Lex Sarah reports. */
import { Type } from 'typebox'
import { LegalDate, Nullable, Uuid } from '../../http/schemas.js'
import { ProviderRegime } from '../providers/schemas.js'

export const Text = (description: string, maxLength = 20_000) => Type.String({ minLength: 1, maxLength, description })
export const CategoryCode = Type.String({ pattern: '^[a-z][a-z0-9_]{1,62}$', maxLength: 63, description: 'Category code (see GET /v1/quality-categories).', examples: ['treatment'] })
export const Staff = Type.String({ minLength: 1, maxLength: 200, description: 'A member of staff (user id or name and title).', examples: ['Eva Ek, enhetschef'] })

/** How a request names a provider: a provider record, or a free-text name when it has none. */
export const ProviderFields = {
  providerId: Type.Optional(Nullable(Type.String({ format: 'uuid', maxLength: 36, description: 'The provider (see GET /v1/providers). Only with a provider as target or place.' }))),
  providerName: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 200, description: 'Free-text provider name, when the provider has no record. Not together with `providerId`.', examples: ['Omsorgsbolaget Solrosen AB'] }))),
  providerRegime: Type.Optional(Type.Union([ProviderRegime, Type.Null()], { description: 'The regime of a free-text provider, when known (a provider record has its own).' }))
}

/** The optional link to an individual and a decision of the caller's unit. */
export const CaseLinkFields = {
  personId: Type.Optional(Nullable(Type.String({ format: 'uuid', maxLength: 36, description: 'A person of the caller\'s unit the item concerns.' }))),
  decisionId: Type.Optional(Nullable(Type.String({ format: 'uuid', maxLength: 36, description: 'A decision of the caller\'s unit the item concerns; its person is linked too.' })))
}

export const ProviderView = Nullable(Type.Object({
  id: Nullable(Uuid),
  name: Type.String({ maxLength: 200, description: 'The provider record\'s name, or the free-text `providerName` (both at most 200).' }),
  regime: Nullable(ProviderRegime)
}, { description: 'The provider concerned: a provider record (`id` set) or a free-text name (`id` null, regime if given).' }))

export const DateBody = (description: string) => Type.Object({ date: Type.String({ format: 'date', maxLength: 10, description }) }, { additionalProperties: false })

export { LegalDate }
