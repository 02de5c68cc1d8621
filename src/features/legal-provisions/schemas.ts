import { Type } from 'typebox'
import { component, LegalDate, Nullable } from '../../http/schemas.js'

export const LegalProvision = component('LegalProvision', Type.Object({
  purpose: Type.String({ description: 'What the service cites the provision for (assistance, not_executed_reporting, lex_sarah, appeal_deadline …).' }),
  law: Type.String({ examples: ['Socialtjänstlag'] }),
  sfs: Type.String({ examples: ['2001:453'] }),
  chapter: Nullable(Type.String()),
  sections: Type.String({ examples: ['1 §'] }),
  citation: Type.String({ description: 'As written on a decision or in a report.', examples: ['SoL (2001:453) 4 kap. 1 §'] }),
  title: Type.String(),
  inForceFrom: LegalDate,
  inForceTo: Nullable(LegalDate),
  verified: Type.Boolean({ description: 'False while the numbering has not been checked against the act\'s text (see the README, "Legal basis").' }),
  source: Type.String({ description: 'Where the numbering was taken from.' })
}, {
  examples: [{
    purpose: 'assistance', law: 'Socialtjänstlag', sfs: '2001:453', chapter: '4', sections: '1 §', citation: 'SoL (2001:453) 4 kap. 1 §',
    title: 'Rätten till bistånd', inForceFrom: '2002-01-01', inForceTo: '2025-06-30', verified: true, source: 'SFS 2016:654'
  }]
}))

export const LegalProvisionQuery = Type.Object({
  inForceOn: Type.Optional(Type.String({ format: 'date', maxLength: 10, description: 'Only the provisions in force on this date.', examples: ['2025-07-01'] })),
  purpose: Type.Optional(Type.String({ pattern: '^[a-z][a-z0-9_]{1,62}$', maxLength: 63 }))
}, { additionalProperties: false })
