/** "Andelen nöjda omsorgstagare i vård- och omsorgsboende" (seed 004), from the KIN follow-ups. */
import { kinShareFormula } from './kin-share.js'

export const satisfiedCareHome = kinShareFormula({
  code: 'satisfied_care_home',
  title: 'Andelen nöjda omsorgstagare i vård- och omsorgsboende',
  questionCode: 'care_home_overall_satisfaction',
  questionText: 'Hur nöjd eller missnöjd är du sammantaget med ditt äldreboende?'
})
