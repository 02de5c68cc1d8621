/** Who is calling: the verified token's subject, roles, unit and permissions. */
import type { Permission, Role } from '../domain/roles.js'

export interface Actor {
  subject: string
  roles: Role[]
  unitId: string
  unitCode: string
  permissions: Permission[]
}
