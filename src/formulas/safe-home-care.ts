/** "Andel trygga omsorgstagare i hemtjänsten" (seed 004), from the KIN follow-ups. */
import { kinShareFormula } from './kin-share.js'

export const safeHomeCare = kinShareFormula({
  code: 'safe_home_care',
  title: 'Andel trygga omsorgstagare i hemtjänsten',
  questionCode: 'home_care_safety',
  questionText: 'Hur tryggt eller otryggt känns det att bo hemma med stöd från hemtjänsten?'
})
