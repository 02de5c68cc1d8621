/** "Andel trygga omsorgstagare i vård- och omsorgsboende" (seed 004), from the KIN follow-ups. */
import { kinShareFormula } from './kin-share.js'

export const safeCareHome = kinShareFormula({
  code: 'safe_care_home',
  title: 'Andel trygga omsorgstagare i vård- och omsorgsboende',
  questionCode: 'care_home_safety',
  questionText: 'Hur tryggt eller otryggt känns det att bo på ditt äldreboende?'
})
