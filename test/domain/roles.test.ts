import t from 'tap'
import { DECIDING_ROLES, PERMISSIONS, ROLES, hasCapability, isDecidingRole, isRole } from '../../src/domain/roles.js'
import type { Capability, Role } from '../../src/domain/roles.js'

t.test('the roles and permissions', async (t) => {
  t.same([...ROLES], [
    'case_worker',
    'case_worker_special_delegation',
    'deputy_unit_manager',
    'unit_manager',
    'administrator',
    'statistics_reader',
    'system_client',
    'quality_officer',
    'provider'
  ])
  t.same([...PERMISSIONS], ['protected_identity', 'ivo_reporting'])
})

t.test('isRole', async (t) => {
  for (const role of ROLES) t.equal(isRole(role), true, role)
  for (const value of ['', 'Case_Worker', 'case worker', 'admin', 'protected_identity', 'unit_manager ', 'toString', '__proto__']) {
    t.equal(isRole(value), false, `'${value}'`)
  }
})

// DOMAIN §6: managers and case workers decide; the administrator manages reference data and
// reads the audit log; statistics readers see aggregates only, never an individual; quality
// staff and managers handle complaints and Lex Sarah reports and read their details.
const EXPECTED: Record<Capability, Role[]> = {
  read_individual_data: ['case_worker', 'case_worker_special_delegation', 'deputy_unit_manager', 'unit_manager', 'administrator', 'system_client'],
  write_individual_data: ['case_worker', 'case_worker_special_delegation', 'deputy_unit_manager', 'unit_manager', 'administrator', 'system_client'],
  decide: ['case_worker', 'case_worker_special_delegation', 'deputy_unit_manager', 'unit_manager'],
  manage_reference_data: ['administrator'],
  read_audit_log: ['administrator'],
  manage_goals_and_indicators: ['deputy_unit_manager', 'unit_manager', 'administrator'],
  read_statistics: ['deputy_unit_manager', 'unit_manager', 'administrator', 'statistics_reader', 'system_client'],
  read_quality_reports: ['case_worker', 'case_worker_special_delegation', 'deputy_unit_manager', 'unit_manager', 'administrator', 'system_client', 'quality_officer'],
  register_quality_reports: ['case_worker', 'case_worker_special_delegation', 'deputy_unit_manager', 'unit_manager', 'administrator', 'system_client', 'quality_officer'],
  handle_quality_reports: ['quality_officer', 'deputy_unit_manager', 'unit_manager'],
  read_lex_sarah_details: ['quality_officer', 'deputy_unit_manager', 'unit_manager'],
  manage_webhooks: ['administrator', 'system_client'],
  read_orders: ['case_worker', 'case_worker_special_delegation', 'deputy_unit_manager', 'unit_manager', 'administrator', 'system_client', 'provider'],
  act_as_provider: ['provider'],
  lock_delivered_time: ['deputy_unit_manager', 'unit_manager', 'administrator']
}
const CAPABILITIES = Object.keys(EXPECTED) as Capability[]

t.test('every role against every capability', async (t) => {
  for (const capability of CAPABILITIES) {
    for (const role of ROLES) {
      const expected = EXPECTED[capability].includes(role)
      t.equal(hasCapability([role], capability), expected, `${role} ${expected ? 'has' : 'lacks'} ${capability}`)
    }
  }
})

t.test('hasCapability with several roles or none', async (t) => {
  t.equal(hasCapability([], 'read_individual_data'), false, 'no roles: nothing')
  t.equal(hasCapability(['statistics_reader', 'case_worker'], 'read_individual_data'), true, 'any role that has it is enough')
  t.equal(hasCapability(['statistics_reader', 'system_client'], 'decide'), false)
  t.equal(hasCapability(['case_worker', 'administrator'], 'read_audit_log'), true)
  t.equal(hasCapability(['statistics_reader'], 'read_individual_data'), false, 'statistics never see an individual')
  t.equal(hasCapability(['statistics_reader'], 'write_individual_data'), false)
})

t.test('the deciding roles are exactly those with the decide capability', async (t) => {
  t.same([...DECIDING_ROLES].sort(), [...EXPECTED.decide].sort())
  for (const role of ROLES) t.equal(isDecidingRole(role), EXPECTED.decide.includes(role), role)
})
