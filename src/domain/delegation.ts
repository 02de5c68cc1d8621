/**
 * The delegation order (delegationsordning): which roles may decide which matters. Rules are
 * data per unit; a rule applies when all its conditions match the decision, and the decider
 * must then hold one of the rule's roles. Every applying rule must be satisfied.
 */
import type { DecidingRole } from './roles.js'

export interface DelegationRule {
  code: string
  description: string
  /** Empty: any service type. */
  serviceTypeCodes: string[]
  housingOnly: boolean
  /** Applies when the decided hours per month are strictly above this number. */
  hoursPerMonthAbove: number | null
  allowedRoles: DecidingRole[]
}

export interface DecisionMatter {
  serviceTypeCode: string
  housing: boolean
  /** The hours the matter is about: see `matterHours`. */
  hoursPerMonth: number | null
}

/**
 * A matter of 300 requested hours is a matter over 99 hours whether it is granted, partly
 * granted at 99 or rejected: the hours of the matter are the larger of requested and decided.
 */
export function matterHours(requested: number | null, decided: number | null): number | null {
  if (requested === null) return decided
  if (decided === null) return requested
  return Math.max(requested, decided)
}

export function ruleApplies(rule: DelegationRule, matter: DecisionMatter): boolean {
  if (rule.serviceTypeCodes.length > 0 && !rule.serviceTypeCodes.includes(matter.serviceTypeCode)) return false
  if (rule.housingOnly && !matter.housing) return false
  if (rule.hoursPerMonthAbove !== null) {
    if (matter.hoursPerMonth === null || matter.hoursPerMonth <= rule.hoursPerMonthAbove) return false
  }
  return true
}

export type DelegationCheck =
  | { allowed: true; rule: DelegationRule | null; role: DecidingRole }
  | { allowed: false; rule: DelegationRule }

/**
 * Checks a decider's deciding roles against the unit's order and names the role the decision
 * is taken under.
 */
export function checkDelegation(rules: DelegationRule[], matter: DecisionMatter, deciderRoles: DecidingRole[]): DelegationCheck {
  const applying = rules.filter((rule) => ruleApplies(rule, matter))
  const refusing = applying.find((rule) => !rule.allowedRoles.some((role) => deciderRoles.includes(role)))
  if (refusing) return { allowed: false, rule: refusing }
  const rule = applying[0] ?? null
  // Record a role that holds every applying rule, else one that holds the recorded rule.
  const role = deciderRoles.find((r) => applying.every((a) => a.allowedRoles.includes(r)))
    ?? deciderRoles.find((r) => rule === null || rule.allowedRoles.includes(r))
  if (role === undefined) throw new Error('checkDelegation needs at least one deciding role')
  return { allowed: true, rule, role }
}
