/**
 * The catalogue of computed-indicator formulas. Adding one: a file beside this one that
 * exports `defineFormula({...})`, and its line below.
 */
import { DECISION_OUTCOMES } from '../domain/application-process.js'
import { complaintsReceived } from './complaints-received.js'
import { decisionsInPeriod } from './decisions-in-period.js'
import { followUpsOnTime } from './follow-ups-on-time.js'
import type { Formula } from './formula.js'
import { grantedHomeCareHours } from './granted-home-care-hours.js'
import { influenceHomeCare } from './influence-home-care.js'
import { influenceCareHome, outdoorsCareHome, satisfiedMealsCareHome } from './kin-care-home-extra.js'
import { dischargeDaysMean, dischargeDaysMedian, dischargeWithinAgreement } from './discharge-days.js'
import { lexSarahReports } from './lex-sarah-reports.js'
import { lexSarahSerious } from './lex-sarah-serious.js'
import { medianDaysToDecision } from './median-days-to-decision.js'
import { notExecutedDecisions } from './not-executed-decisions.js'
import { peopleWithServices } from './people-with-services.js'
import { safeCareHome } from './safe-care-home.js'
import { safeHomeCare } from './safe-home-care.js'
import { satisfiedCareHome } from './satisfied-care-home.js'
import { satisfiedHomeCare } from './satisfied-home-care.js'
import { shareCurrentDecisions } from './share-current-decisions.js'

export const FORMULAS: readonly Formula[] = [
  peopleWithServices,
  grantedHomeCareHours,
  decisionsInPeriod,
  medianDaysToDecision,
  shareCurrentDecisions,
  notExecutedDecisions,
  followUpsOnTime,
  satisfiedHomeCare,
  satisfiedCareHome,
  safeHomeCare,
  safeCareHome,
  satisfiedMealsCareHome,
  outdoorsCareHome,
  influenceHomeCare,
  influenceCareHome,
  complaintsReceived,
  lexSarahReports,
  lexSarahSerious,
  dischargeDaysMedian,
  dischargeDaysMean,
  dischargeWithinAgreement
]

const byCode = new Map(FORMULAS.map((f) => [f.code, f]))

export function findFormula(code: string): Formula | undefined {
  return byCode.get(code)
}

const OUTCOMES: readonly string[] = DECISION_OUTCOMES

/**
 * What is wrong with an indicator's formula parameters, or an empty list: unknown or missing
 * parameters, unknown service types (`serviceTypes`: the known codes), unknown outcomes.
 */
export function formulaParamErrors(formula: Formula, params: Readonly<Record<string, string>>, serviceTypes: ReadonlySet<string>): { pointer: string; message: string }[] {
  const errors: { pointer: string; message: string }[] = []
  const known = new Set(formula.params.map((p) => p.name))
  for (const name of Object.keys(params)) {
    if (!known.has(name)) errors.push({ pointer: `/formulaParams/${name}`, message: `Formula '${formula.code}' has no parameter '${name}'.` })
  }
  for (const param of formula.params) {
    const value = params[param.name]
    if (value === undefined) {
      if (param.required) errors.push({ pointer: `/formulaParams/${param.name}`, message: `Formula '${formula.code}' needs '${param.name}'.` })
    } else if (param.kind === 'service_type_code' && !serviceTypes.has(value)) {
      errors.push({ pointer: `/formulaParams/${param.name}`, message: `Unknown service type '${value}'.` })
    } else if (param.kind === 'outcome' && !OUTCOMES.includes(value)) {
      errors.push({ pointer: `/formulaParams/${param.name}`, message: `Unknown outcome '${value}'; expected ${OUTCOMES.join(', ')}.` })
    }
  }
  return errors
}
