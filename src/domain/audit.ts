/** What an access-log entry records that someone did with an individual's data. */
export const AUDIT_ACTIONS = ['read', 'create', 'update', 'search'] as const
export type AuditAction = (typeof AUDIT_ACTIONS)[number]

/** The default of ACCESS_LOG_RETENTION_MONTHS: five years (README, Access log: retention). */
export const DEFAULT_ACCESS_LOG_RETENTION_MONTHS = 60

/**
 * The months (`YYYY-MM`) of the access log that the retention no longer keeps in the database:
 * those that ended at least `retentionMonths` whole months before the month of `today`. A
 * month is archived whole, never in part, so an event is kept at least the retention period.
 */
export function monthsPastRetention(months: readonly string[], today: string, retentionMonths: number): string[] {
  const index = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1
  const current = index(today.slice(0, 7))
  return months.filter((m) => current - (index(m) + 1) >= retentionMonths).sort()
}
