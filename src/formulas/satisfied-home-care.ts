/** "Andelen nöjda omsorgstagare i hemtjänst" (seed 004), from the KIN follow-ups. */
import { kinShareFormula } from './kin-share.js'

export const satisfiedHomeCare = kinShareFormula({
  code: 'satisfied_home_care',
  title: 'Andelen nöjda omsorgstagare i hemtjänst',
  questionCode: 'home_care_overall_satisfaction',
  questionText: 'Hur nöjd eller missnöjd är du sammantaget med den hemtjänst du har?'
})
