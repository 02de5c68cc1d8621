/** Who is calling: the verified token's subject, roles, unit and permissions. */
import type { Permission, Role } from '../domain/roles.js'

export interface Actor {
  subject: string
  roles: Role[]
  unitId: string
  unitCode: string
  permissions: Permission[]
  /**
   * Set for the `provider` role only: the provider (utförare) the token speaks for. A provider
   * belongs to no unit: its `unitId` is NO_UNIT, which matches no unit's rows, so a unit-scoped
   * query finds nothing for it even if a route forgot its capability check.
   */
  providerId?: string
}

/** The nil UUID: the unit of an actor that belongs to none (a provider). */
export const NO_UNIT = '00000000-0000-0000-0000-000000000000'
