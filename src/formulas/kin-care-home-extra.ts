/**
 * The care-home KIN indicators of the annual report that have one question each (seed 004):
 * meals, outdoor time, and "påverka" in the care home — each the share of favourable answers
 * to its question, as `kin-share.ts` computes it.
 */
import { kinShareFormula } from './kin-share.js'

export const satisfiedMealsCareHome = kinShareFormula({
  code: 'satisfied_meals_care_home',
  title: 'Andel boende på vård- och omsorgsboende som upplever att måltiden är en trevlig stund på dagen',
  questionCode: 'care_home_meals',
  questionText: 'Är du nöjd med måltidssituationen?'
})

export const outdoorsCareHome = kinShareFormula({
  code: 'outdoors_care_home',
  title: 'Andel boende på vård- och omsorgsboende som upplever att möjligheten att komma utomhus är bra',
  questionCode: 'care_home_outdoors',
  questionText: 'Får du komma ut i den utsträckning som du önskar?'
})

export const influenceCareHome = kinShareFormula({
  code: 'influence_care_home',
  title: 'Andel omsorgstagare som upplever att de kan påverka hur hjälpen utförs på vård- och omsorgsboende',
  questionCode: 'care_home_influence',
  questionText: 'Har du möjlighet att påverka hur hjälpen genomförs?'
})
