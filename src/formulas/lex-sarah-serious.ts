/**
 * Of the Lex Sarah reports received in the period, those the investigation assessed serious
 * (allvarliga; DOMAIN §3, seed 004: "45 reports … 2 serious"), as recorded when computed.
 */
import { defineFormula } from './formula.js'
import { BY_SEX, inPeriod, loadLexSarahFacts, type LexSarahFact } from './lex-sarah-reports.js'
import { countBySex } from './split.js'

export const lexSarahSerious = defineFormula<LexSarahFact>({
  code: 'lex_sarah_serious',
  version: 1,
  title: 'Antal lex Sarah-rapporter bedömda som allvarliga',
  description: `Of the Lex Sarah reports with a reported date in the period, those whose investigation assessed them serious (allvarligt missförhållande or risk of one), as recorded when computed: one not yet assessed is not counted. ${BY_SEX}`,
  unit: 'count',
  direction: 'lower_is_better',
  params: [],
  load: loadLexSarahFacts,
  compute: (facts, scope) => countBySex(facts.filter((f) => inPeriod(f, scope) && f.serious === true))
})
