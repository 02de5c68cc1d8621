/**
 * The one typed view of the database for Kysely: `DB` is generated from the migrations
 * (generated.ts, `npm run db:types`), never written by hand. Legal dates are `YYYY-MM-DD`
 * strings, instants ISO strings, numerics numbers (see `database.ts`); CHECK-listed text
 * columns carry their domain enumeration (`enumerations.ts`). The table names below are the
 * ones repositories use with `Selectable`, `Insertable` and `Updateable`.
 */
import type { DB } from './generated.js'

export type { DB }

export type UnitTable = DB['units']
export type ServiceTypeTable = DB['service_types']
export type DelegationRuleTable = DB['delegation_rules']
export type PersonTable = DB['persons']
export type ApplicationTable = DB['applications']
export type ApplicationServiceTable = DB['application_services']
export type CommunicationTable = DB['communications']
export type DecisionTable = DB['decisions']
export type AuditEventTable = DB['audit_events']
export type AccessLogTable = DB['access_log']
export type IdempotencyKeyTable = DB['idempotency_keys']
export type ProviderTable = DB['providers']
export type ProviderServiceTypeTable = DB['provider_service_types']
export type ExecutionTable = DB['executions']
export type ExecutionHoursTable = DB['execution_hours']
export type ExecutionInterruptionTable = DB['execution_interruptions']
export type ExecutionOfferTable = DB['execution_offers']
export type FollowUpRulesTable = DB['follow_up_rules']
export type KinAnswerScaleTable = DB['kin_answer_scales']
export type KinAnswerOptionTable = DB['kin_answer_options']
export type KinQuestionTable = DB['kin_questions']
export type FollowUpTable = DB['follow_ups']
export type KinAnswerTable = DB['kin_answers']
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

// The enumerations the hand-written schema used to declare, under its names, for code that
// imports them from here. They are declared once, in src/domain/; import them from there.
export type { Representative } from '../domain/person.js'
export type { ProviderRegime } from '../domain/provider.js'
export type { EndReason as ExecutionEndReason, InterruptionReason, OfferResponse } from '../domain/execution.js'
export type { QualityDomain } from '../domain/quality-domain.js'
export type { GoalLevel, Fulfilment } from '../domain/indicators/goal-tree.js'
export type { Period as ReportingPeriodCode, Periodicity as IndicatorPeriodicity } from '../domain/indicators/period.js'
export type { MeasureUnit, Direction as IndicatorDirection, Comparator as TargetComparator, TrafficLight } from '../domain/indicators/targets.js'
export type { IndicatorSource, IndicatorLevel } from '../domain/indicators/indicator.js'
export type DischargeEpisodeTable = DB['discharge_episodes']
export type DischargeEpisodeApplicationTable = DB['discharge_episode_applications']
