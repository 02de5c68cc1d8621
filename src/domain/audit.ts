/** What an access-log entry records that someone did with an individual's data. */
export const AUDIT_ACTIONS = ['read', 'create', 'update', 'search'] as const
export type AuditAction = (typeof AUDIT_ACTIONS)[number]
