/**
 * The one typed view of the database for Kysely: `DB` is generated from the migrations
 * (generated.ts, `npm run db:types`), never written by hand. Legal dates are `YYYY-MM-DD`
 * strings, instants ISO strings, numerics numbers (see `database.ts`); CHECK-listed text
 * columns carry their domain enumeration (`enumerations.ts`). The table names below are the
 * ones repositories use with `Selectable`, `Insertable` and `Updateable`.
 */
import type { DB } from './generated.js'

export type { DB }

// Domain enumerations some code imports from here; they are declared in src/domain/.
export type { Period as ReportingPeriodCode } from '../domain/indicators/period.js'
export type { ProviderRegime } from '../domain/provider.js'
export type { QualityDomain } from '../domain/quality-domain.js'

export type UnitTable = DB['units']
export type ServiceTypeTable = DB['service_types']
export type PersonTable = DB['persons']
export type ApplicationTable = DB['applications']
export type CommunicationTable = DB['communications']
export type DecisionTable = DB['decisions']
export type AuditEventTable = DB['audit_events']
export type ProviderTable = DB['providers']
export type ExecutionTable = DB['executions']
export type FollowUpTable = DB['follow_ups']
export type QualityCategoryTable = DB['quality_categories']
export type ComplaintTable = DB['complaints']
export type DeviationTable = DB['deviations']
export type LexSarahReportTable = DB['lex_sarah_reports']
export type GoalTable = DB['goals']
export type GoalAssessmentTable = DB['goal_assessments']
export type GoalActivityTable = DB['goal_activities']
export type IndicatorTable = DB['indicators']
export type IndicatorTargetTable = DB['indicator_targets']
export type IndicatorValueTable = DB['indicator_values']
