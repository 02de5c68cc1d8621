/**
 * Roles come from the token's `roles` claim (DOMAIN §6). What each role may do is decided
 * here, once, so that routes ask for a capability rather than list roles.
 */
export const ROLES = [
  'case_worker',
  'case_worker_special_delegation',
  'deputy_unit_manager',
  'unit_manager',
  'administrator',
  'statistics_reader',
  'system_client',
  'quality_officer',
  // A provider's staff or system (utförare): sees and answers only the orders addressed to it.
  'provider'
] as const
export type Role = (typeof ROLES)[number]

/**
 * Explicit permissions beside the role: `protected_identity` to see persons with protected
 * identity; `ivo_reporting` to read the individual report to IVO, which identifies each person.
 */
export const PERMISSIONS = ['protected_identity', 'ivo_reporting'] as const
export type Permission = (typeof PERMISSIONS)[number]

export type Capability =
  | 'read_individual_data'
  | 'write_individual_data'
  | 'decide'
  | 'manage_reference_data'
  | 'read_audit_log'
  | 'manage_goals_and_indicators'
  | 'read_statistics'
  | 'read_quality_reports'
  | 'register_quality_reports'
  | 'handle_quality_reports'
  | 'read_lex_sarah_details'
  | 'manage_webhooks'
  | 'read_orders'
  | 'act_as_provider'
  | 'lock_delivered_time'

export const DECIDING_ROLES = ['case_worker', 'case_worker_special_delegation', 'deputy_unit_manager', 'unit_manager'] as const satisfies readonly Role[]
export type DecidingRole = (typeof DECIDING_ROLES)[number]
const DECIDERS: readonly Role[] = DECIDING_ROLES

const CAPABILITIES: Record<Capability, readonly Role[]> = {
  // Statistics readers see aggregates only, never an individual.
  read_individual_data: [...DECIDERS, 'administrator', 'system_client'],
  write_individual_data: [...DECIDERS, 'administrator', 'system_client'],
  decide: DECIDERS,
  manage_reference_data: ['administrator'],
  read_audit_log: ['administrator'],
  // Goals, indicators, targets and values of the unit's management system (ILS).
  manage_goals_and_indicators: ['unit_manager', 'deputy_unit_manager', 'administrator'],
  // Aggregates only: indicator values and the report tables built from them.
  read_statistics: ['statistics_reader', 'unit_manager', 'deputy_unit_manager', 'administrator', 'system_client'],
  // Quality work (DOMAIN §3, §6): any staff member registers a complaint or reports a Lex
  // Sarah matter (and system clients feed Synpunktsportalen); quality staff and managers
  // handle them, and only they read what a Lex Sarah report says and whom it concerns.
  read_quality_reports: [...DECIDERS, 'administrator', 'system_client', 'quality_officer'],
  register_quality_reports: [...DECIDERS, 'administrator', 'system_client', 'quality_officer'],
  handle_quality_reports: ['quality_officer', 'deputy_unit_manager', 'unit_manager'],
  read_lex_sarah_details: ['quality_officer', 'deputy_unit_manager', 'unit_manager'],
  // Other city systems subscribe to the unit's change events (issue 13).
  manage_webhooks: ['administrator', 'system_client'],
  // Orders (beställningar): the unit's staff read their unit's, a provider reads those addressed to it.
  read_orders: [...DECIDERS, 'administrator', 'system_client', 'provider'],
  // Answering orders, reporting on their execution and the hours delivered: the provider only.
  act_as_provider: ['provider'],
  // Closing a month of delivered time once the unit has checked it.
  lock_delivered_time: ['unit_manager', 'deputy_unit_manager', 'administrator']
}

/** The roles that hold a capability: what the routes enforce, and what the contract lists as `x-roles`. */
export function rolesWith(capability: Capability): readonly Role[] {
  return CAPABILITIES[capability]
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value)
}

export function isDecidingRole(role: Role): role is DecidingRole {
  return (DECIDING_ROLES as readonly Role[]).includes(role)
}

export function hasCapability(roles: readonly Role[], capability: Capability): boolean {
  return roles.some((role) => CAPABILITIES[capability].includes(role))
}
