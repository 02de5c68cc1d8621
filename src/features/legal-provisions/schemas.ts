import { Type } from 'typebox'
import { component, LegalDate, Nullable } from '../../http/schemas.js'

// The catalogue is reference data written only by migrations (0011 and later); the bounds hold
// for every row they write (longest today: law 21, sections 10, citation 36, title 141, source 511).
/** A provision as cited on a decision or in a report. */
export const Citation = Type.String({ maxLength: 100 })

export const LegalProvision = component('LegalProvision', Type.Object({
  purpose: Type.String({ maxLength: 63, description: 'What the service cites the provision for (assistance, not_executed_reporting, lex_sarah, appeal_deadline …).' }),
  law: Type.String({ maxLength: 100, examples: ['Socialtjänstlag'] }),
  sfs: Type.String({ maxLength: 9, examples: ['2001:453'] }),
  chapter: Nullable(Type.String({ maxLength: 10 })),
  sections: Type.String({ maxLength: 50, examples: ['1 §'] }),
  citation: Type.String({ ...Citation, description: 'As written on a decision or in a report.', examples: ['SoL (2001:453) 4 kap. 1 §'] }),
  title: Type.String({ maxLength: 300 }),
  inForceFrom: LegalDate,
  inForceTo: Nullable(LegalDate),
  verified: Type.Boolean({ description: 'False while the numbering has not been checked against the act\'s text (see the README, "Legal basis").' }),
  source: Type.String({ maxLength: 2000, description: 'Where the numbering was taken from.' })
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
