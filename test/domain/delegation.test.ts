import t from 'tap'
import { checkDelegation, matterHours, ruleApplies } from '../../src/domain/delegation.js'
import type { DecisionMatter, DelegationRule } from '../../src/domain/delegation.js'

/** The two default rules every unit gets (migrations/0001_foundation.sql, seeds 000/001). */
const HOUSING: DelegationRule = {
  code: 'housing',
  description: 'Beslut om boende fattas av enhetschef eller biträdande enhetschef.',
  serviceTypeCodes: [],
  housingOnly: true,
  hoursPerMonthAbove: null,
  allowedRoles: ['unit_manager', 'deputy_unit_manager']
}
const HOME_CARE_OVER_99: DelegationRule = {
  code: 'home_care_over_99_hours',
  description: 'Hemtjänst över 99 timmar per månad.',
  serviceTypeCodes: ['home_care'],
  housingOnly: false,
  hoursPerMonthAbove: 99,
  allowedRoles: ['unit_manager', 'deputy_unit_manager', 'case_worker_special_delegation']
}
const DEFAULTS = [HOUSING, HOME_CARE_OVER_99]

const homeCare = (hoursPerMonth: number | null): DecisionMatter => ({ serviceTypeCode: 'home_care', housing: false, hoursPerMonth })
const careHome: DecisionMatter = { serviceTypeCode: 'care_home', housing: true, hoursPerMonth: null }
const serviceHousing: DecisionMatter = { serviceTypeCode: 'service_housing', housing: true, hoursPerMonth: null }
const shortTermCare: DecisionMatter = { serviceTypeCode: 'short_term_care', housing: true, hoursPerMonth: null }
const safetyAlarm: DecisionMatter = { serviceTypeCode: 'safety_alarm', housing: false, hoursPerMonth: null }

t.test('home care over 99 hours: the boundary is strictly above 99', async (t) => {
  t.same(checkDelegation(DEFAULTS, homeCare(99), ['case_worker']), { allowed: true, rule: null, role: 'case_worker' }, '99 h: a case worker may decide')
  t.same(checkDelegation(DEFAULTS, homeCare(98.99), ['case_worker']), { allowed: true, rule: null, role: 'case_worker' }, '98.99 h')
  t.same(checkDelegation(DEFAULTS, homeCare(0), ['case_worker']), { allowed: true, rule: null, role: 'case_worker' }, '0 h')
  t.same(checkDelegation(DEFAULTS, homeCare(99.5), ['case_worker']), { allowed: false, rule: HOME_CARE_OVER_99 }, '99.5 h: refused')
  t.same(checkDelegation(DEFAULTS, homeCare(99.01), ['case_worker']), { allowed: false, rule: HOME_CARE_OVER_99 }, '99.01 h: refused')
  t.same(checkDelegation(DEFAULTS, homeCare(100), ['case_worker']), { allowed: false, rule: HOME_CARE_OVER_99 }, '100 h: refused')
  t.same(checkDelegation(DEFAULTS, homeCare(744), ['case_worker']), { allowed: false, rule: HOME_CARE_OVER_99 }, '744 h: refused')
  t.same(checkDelegation(DEFAULTS, homeCare(100), ['case_worker_special_delegation']),
    { allowed: true, rule: HOME_CARE_OVER_99, role: 'case_worker_special_delegation' }, '100 h: special delegation may')
  t.same(checkDelegation(DEFAULTS, homeCare(99), ['case_worker_special_delegation']),
    { allowed: true, rule: null, role: 'case_worker_special_delegation' }, '99 h: no rule applies, so none is recorded')
  for (const role of ['unit_manager', 'deputy_unit_manager'] as const) {
    t.same(checkDelegation(DEFAULTS, homeCare(150), [role]), { allowed: true, rule: HOME_CARE_OVER_99, role }, `150 h: ${role} may`)
  }
})

t.test('housing: only the unit manager or a deputy', async (t) => {
  for (const matter of [careHome, serviceHousing, shortTermCare]) {
    t.same(checkDelegation(DEFAULTS, matter, ['case_worker']), { allowed: false, rule: HOUSING }, `${matter.serviceTypeCode}: case_worker refused`)
    t.same(checkDelegation(DEFAULTS, matter, ['case_worker_special_delegation']), { allowed: false, rule: HOUSING },
      `${matter.serviceTypeCode}: special delegation is about hours, not housing`)
    t.same(checkDelegation(DEFAULTS, matter, ['deputy_unit_manager']), { allowed: true, rule: HOUSING, role: 'deputy_unit_manager' },
      `${matter.serviceTypeCode}: deputy allowed`)
    t.same(checkDelegation(DEFAULTS, matter, ['unit_manager']), { allowed: true, rule: HOUSING, role: 'unit_manager' },
      `${matter.serviceTypeCode}: unit manager allowed`)
  }
})

t.test('a service no rule covers is allowed for any decider, with rule null', async (t) => {
  t.same(checkDelegation(DEFAULTS, safetyAlarm, ['case_worker']), { allowed: true, rule: null, role: 'case_worker' })
  t.same(checkDelegation(DEFAULTS, { serviceTypeCode: 'housing_support', housing: false, hoursPerMonth: 120 }, ['case_worker']),
    { allowed: true, rule: null, role: 'case_worker' }, 'hours above 99 on another hours-based type are not covered by the home-care rule')
  t.same(checkDelegation([], homeCare(500), ['case_worker']), { allowed: true, rule: null, role: 'case_worker' }, 'a unit with no rules')
})

t.test('several roles in the token', async (t) => {
  t.same(checkDelegation(DEFAULTS, careHome, ['case_worker', 'deputy_unit_manager']),
    { allowed: true, rule: HOUSING, role: 'deputy_unit_manager' }, 'the role that holds the delegation is recorded, not the first one')
  t.same(checkDelegation(DEFAULTS, homeCare(120), ['case_worker', 'case_worker_special_delegation']),
    { allowed: true, rule: HOME_CARE_OVER_99, role: 'case_worker_special_delegation' })
  t.same(checkDelegation(DEFAULTS, homeCare(120), ['unit_manager', 'case_worker_special_delegation']),
    { allowed: true, rule: HOME_CARE_OVER_99, role: 'unit_manager' }, 'the first satisfying role in token order')
  t.same(checkDelegation(DEFAULTS, safetyAlarm, ['unit_manager', 'case_worker']),
    { allowed: true, rule: null, role: 'unit_manager' }, 'no rule applies: the first role')
  t.same(checkDelegation(DEFAULTS, careHome, ['case_worker', 'case_worker_special_delegation']),
    { allowed: false, rule: HOUSING }, 'two roles, neither delegated')
})

t.test('the refusing rule is reported', async (t) => {
  const stricter: DelegationRule = {
    code: 'care_home_manager_only', description: '', serviceTypeCodes: ['care_home'], housingOnly: false, hoursPerMonthAbove: null, allowedRoles: ['unit_manager']
  }
  const rules = [HOUSING, stricter]
  t.same(checkDelegation(rules, careHome, ['deputy_unit_manager']), { allowed: false, rule: stricter }, 'deputy passes housing but not the stricter rule')
  t.same(checkDelegation(rules, careHome, ['case_worker']), { allowed: false, rule: HOUSING }, 'both refuse: the first in order is reported')
  t.same(checkDelegation([stricter, HOUSING], careHome, ['case_worker']), { allowed: false, rule: stricter }, 'order of the rules decides')
  t.same(checkDelegation(rules, careHome, ['unit_manager']), { allowed: true, rule: HOUSING, role: 'unit_manager' }, 'all satisfied: first applying rule recorded')
  t.same(checkDelegation(rules, serviceHousing, ['deputy_unit_manager']), { allowed: true, rule: HOUSING, role: 'deputy_unit_manager' }, 'stricter rule does not apply')
})

t.test('when no single role satisfies every applying rule', async (t) => {
  // Two rules apply; each is satisfied by a different one of the decider's roles. The decision is
  // allowed ("every applying rule must be satisfied"), but no single role covers both.
  const a: DelegationRule = { code: 'a', description: '', serviceTypeCodes: [], housingOnly: true, hoursPerMonthAbove: null, allowedRoles: ['unit_manager'] }
  const b: DelegationRule = { code: 'b', description: '', serviceTypeCodes: ['care_home'], housingOnly: false, hoursPerMonthAbove: null, allowedRoles: ['deputy_unit_manager'] }
  const result = checkDelegation([a, b], careHome, ['case_worker', 'unit_manager', 'deputy_unit_manager'])
  t.equal(result.allowed, true)
  t.equal(result.rule, a)
  // No single role holds both rules; the recorded role must at least hold the recorded rule,
  // never the first token role (case_worker), which holds neither.
  t.ok(result.allowed && a.allowedRoles.includes(result.role), `recorded role (${result.allowed ? result.role : '-'}) holds the recorded rule's delegation`)
})

t.test('ruleApplies: service types, housing, hours', async (t) => {
  const allTypesHours: DelegationRule = {
    code: 'any_over_40', description: '', serviceTypeCodes: [], housingOnly: false, hoursPerMonthAbove: 40, allowedRoles: ['unit_manager']
  }
  t.equal(ruleApplies(allTypesHours, { serviceTypeCode: 'housing_support', housing: false, hoursPerMonth: 41 }), true, 'serviceTypeCodes [] applies to every type')
  t.equal(ruleApplies(allTypesHours, { serviceTypeCode: 'escort_service', housing: false, hoursPerMonth: 41 }), true)
  t.equal(ruleApplies(allTypesHours, homeCare(41)), true)
  t.equal(ruleApplies(allTypesHours, homeCare(40)), false, 'at the threshold: not above')
  t.equal(ruleApplies(allTypesHours, homeCare(null)), false, 'hoursPerMonth null with an hours rule does not apply')
  t.equal(ruleApplies(HOME_CARE_OVER_99, homeCare(null)), false)
  t.equal(ruleApplies(HOME_CARE_OVER_99, homeCare(0)), false)
  t.equal(ruleApplies(HOME_CARE_OVER_99, homeCare(99)), false)
  t.equal(ruleApplies(HOME_CARE_OVER_99, homeCare(99.5)), true)
  t.equal(ruleApplies(HOME_CARE_OVER_99, { serviceTypeCode: 'housing_support', housing: false, hoursPerMonth: 200 }), false, 'another type')
  t.equal(ruleApplies(HOUSING, careHome), true)
  t.equal(ruleApplies(HOUSING, { ...careHome, hoursPerMonth: 10 }), true, 'hours are irrelevant to a rule without a threshold')
  t.equal(ruleApplies(HOUSING, safetyAlarm), false)
  t.equal(ruleApplies(HOUSING, homeCare(500)), false)

  const zero: DelegationRule = { ...allTypesHours, hoursPerMonthAbove: 0 }
  t.equal(ruleApplies(zero, homeCare(0)), false, 'threshold 0: 0 hours is not above it')
  t.equal(ruleApplies(zero, homeCare(0.5)), true)

  const everything: DelegationRule = { code: 'all', description: '', serviceTypeCodes: [], housingOnly: false, hoursPerMonthAbove: null, allowedRoles: ['unit_manager'] }
  t.equal(ruleApplies(everything, safetyAlarm), true, 'a rule with no conditions applies to everything')
  t.same(checkDelegation([everything], safetyAlarm, ['case_worker']), { allowed: false, rule: everything })

  const housingHomeCare: DelegationRule = { ...HOUSING, code: 'combined', serviceTypeCodes: ['care_home', 'service_housing'] }
  t.equal(ruleApplies(housingHomeCare, careHome), true, 'all conditions match')
  t.equal(ruleApplies(housingHomeCare, shortTermCare), false, 'housing but not a listed type')
  t.equal(ruleApplies(housingHomeCare, { ...careHome, housing: false }), false, 'listed type but not housing')
})

t.test('matterHours: the larger of requested and decided hours', async (t) => {
  t.equal(matterHours(300, 99), 300, 'partly granting 99 of 300 is a matter over 99')
  t.equal(matterHours(300, null), 300, 'a rejection of 300 requested hours')
  t.equal(matterHours(null, 120), 120, 'nothing requested in hours: the decided hours')
  t.equal(matterHours(50, 80), 80)
  t.equal(matterHours(null, null), null)
})
