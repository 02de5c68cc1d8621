import { Type } from 'typebox'
import { QUALITY_DOMAINS } from '../../domain/quality-domain.js'
import { component } from '../../http/schemas.js'
import { CategoryCode } from '../quality/schemas.js'

export const QualityDomain = Type.Enum([...QUALITY_DOMAINS], {
  description: 'What the category classifies: complaints and feedback, deviations, or Lex Sarah reports.'
})

const labels = {
  labelSv: Type.String({ minLength: 1, maxLength: 200, examples: ['Bemötande'] }),
  labelEn: Type.String({ minLength: 1, maxLength: 200, examples: ['Treatment'] })
}

export const QualityCategory = component('QualityCategory', Type.Object({
  domain: QualityDomain,
  code: CategoryCode,
  ...labels,
  active: Type.Boolean({ description: 'Inactive categories cannot be given to new items; existing items keep them.' })
}, {
  description: 'A category of complaints, deviations or Lex Sarah reports (reference data, seeded from the annual reports, extendable).',
  examples: [{ domain: 'complaint', code: 'treatment', labelSv: 'Bemötande', labelEn: 'Treatment', active: true }]
}))

export const QualityCategoryCreate = Type.Object({ domain: QualityDomain, code: CategoryCode, ...labels }, {
  additionalProperties: false,
  examples: [{ domain: 'complaint', code: 'meals', labelSv: 'Måltider', labelEn: 'Meals' }]
})

export const QualityCategoryUpdate = Type.Object({
  labelSv: Type.Optional(labels.labelSv),
  labelEn: Type.Optional(labels.labelEn),
  active: Type.Optional(Type.Boolean())
}, { additionalProperties: false, minProperties: 1, examples: [{ active: false }] })

export const QualityCategoryParams = Type.Object({ domain: QualityDomain, code: CategoryCode }, { additionalProperties: false })

export const QualityCategoryListQuery = Type.Object({
  domain: Type.Optional(QualityDomain),
  active: Type.Optional(Type.Boolean({ description: 'Only active (true) or inactive (false) categories.' }))
}, { additionalProperties: false })
