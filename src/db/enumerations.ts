/**
 * The text columns whose CHECK constraint lists the values of a domain enumeration. The
 * codegen (`npm run db:types`) types each column with its enumeration's type, and
 * test/db/enumerations.test.ts checks each CHECK list against the values, both ways: a column
 * with a CHECK list not named here, or a list that differs from its enumeration, fails.
 */
import { COURT_OUTCOMES, LATE_ACCEPTANCE_REASONS, NOTIFICATION_METHODS, RECONSIDERATION_OUTCOMES } from '../domain/appeal.js'
import { COMMUNICATION_POLICIES } from '../domain/communication-policy.js'
import { DECIDED_AS, LAWS } from '../domain/service-scope.js'
import { APPLICATION_STATUSES, CHANNELS, DECISION_OUTCOMES, INVESTIGATION_METHODS } from '../domain/application-process.js'
import { AUDIT_ACTIONS } from '../domain/audit.js'
import { EVENT_SUBJECT_TYPES, EVENT_TYPES } from '../domain/change-events.js'
import {
  ANSWER_METHODS, COMPLAINT_CHANNELS, COMPLAINT_KINDS, COMPLAINT_STATUSES, COMPLAINT_TARGETS, SUBMITTERS
} from '../domain/complaint-process.js'
import { DEVIATION_STATUSES, DEVIATION_TARGETS } from '../domain/deviation-process.js'
import { END_REASONS, INTERRUPTION_REASONS, OFFER_RESPONSES } from '../domain/execution.js'
import {
  FOLLOW_UP_CANCELLERS, FOLLOW_UP_KINDS, FOLLOW_UP_METHODS, FOLLOW_UP_ORIGINS, FOLLOW_UP_OUTCOMES, FOLLOW_UP_STATUSES,
  KIN_SERVICE_CONTEXTS
} from '../domain/follow-up.js'
import { FULFILMENTS, GOAL_LEVELS } from '../domain/indicators/goal-tree.js'
import { INDICATOR_LEVELS, INDICATOR_SOURCES, VALUE_SOURCES } from '../domain/indicators/indicator.js'
import { PERIODICITIES, PERIODS } from '../domain/indicators/period.js'
import { COMPARATORS, DIRECTIONS, MEASURE_UNITS, TRAFFIC_LIGHTS } from '../domain/indicators/targets.js'
import { LEX_SARAH_ASSESSMENTS, LEX_SARAH_PLACES, LEX_SARAH_STATUSES } from '../domain/lex-sarah-process.js'
import { IDENTITY_KINDS, SEXES } from '../domain/person.js'
import { ORDER_STATES } from '../domain/order.js'
import { PROVIDER_REGIMES } from '../domain/provider.js'
import { QUALITY_DOMAINS } from '../domain/quality-domain.js'
import { WEBHOOK_STATUSES } from '../domain/webhooks.js'

export interface ColumnEnumeration {
  /** The exported type, in the generated file's words: `import type { <type> } from '<module>'`. */
  type: string
  /** The module that declares it, relative to src/db/. */
  module: string
  values: readonly string[]
  /** `table.column` */
  columns: readonly string[]
}

const enumeration = <const T extends ColumnEnumeration>(e: T) => e

export const COLUMN_ENUMERATIONS = [
  // persons, applications, decisions, audit (0001)
  enumeration({ type: 'IdentityKind', module: '../domain/person.js', values: IDENTITY_KINDS, columns: ['persons.identity_kind'] }),
  enumeration({ type: 'Sex', module: '../domain/person.js', values: SEXES, columns: ['persons.sex'] }),
  enumeration({ type: 'Channel', module: '../domain/application-process.js', values: CHANNELS, columns: ['applications.channel'] }),
  enumeration({ type: 'ApplicationStatus', module: '../domain/application-process.js', values: APPLICATION_STATUSES, columns: ['applications.status'] }),
  enumeration({ type: 'InvestigationMethod', module: '../domain/application-process.js', values: INVESTIGATION_METHODS, columns: ['applications.investigation_method'] }),
  enumeration({ type: 'DecisionOutcome', module: '../domain/application-process.js', values: DECISION_OUTCOMES, columns: ['decisions.outcome', 'decisions.original_outcome'] }),
  enumeration({ type: 'ReconsiderationOutcome', module: '../domain/appeal.js', values: RECONSIDERATION_OUTCOMES, columns: ['decisions.appeal_reconsideration_outcome'] }),
  enumeration({ type: 'CourtOutcome', module: '../domain/appeal.js', values: COURT_OUTCOMES, columns: ['decisions.appeal_court_outcome'] }),
  // the law in force, scope by law, appeals to the end (0011)
  enumeration({ type: 'NotificationMethod', module: '../domain/appeal.js', values: NOTIFICATION_METHODS, columns: ['decisions.notification_method'] }),
  enumeration({ type: 'LateAcceptanceReason', module: '../domain/appeal.js', values: LATE_ACCEPTANCE_REASONS, columns: ['decisions.appeal_late_accepted_reason'] }),
  enumeration({ type: 'Law', module: '../domain/service-scope.js', values: LAWS, columns: ['service_types.decided_under'] }),
  enumeration({ type: 'DecidedAs', module: '../domain/service-scope.js', values: DECIDED_AS, columns: ['service_types.decided_as'] }),
  enumeration({ type: 'CommunicationPolicy', module: '../domain/communication-policy.js', values: COMMUNICATION_POLICIES, columns: ['units.communication_policy'] }),
  enumeration({ type: 'AuditAction', module: '../domain/audit.js', values: AUDIT_ACTIONS, columns: ['access_log.action'] }),
  // providers and execution (0002)
  enumeration({
    type: 'ProviderRegime', module: '../domain/provider.js', values: PROVIDER_REGIMES,
    columns: ['providers.regime', 'complaints.provider_regime', 'deviations.provider_regime', 'lex_sarah_reports.provider_regime']
  }),
  enumeration({ type: 'EndReason', module: '../domain/execution.js', values: END_REASONS, columns: ['executions.end_reason'] }),
  enumeration({ type: 'InterruptionReason', module: '../domain/execution.js', values: INTERRUPTION_REASONS, columns: ['execution_interruptions.reason'] }),
  enumeration({ type: 'OfferResponse', module: '../domain/execution.js', values: OFFER_RESPONSES, columns: ['execution_offers.response'] }),
  // orders (0013)
  enumeration({ type: 'OrderState', module: '../domain/order.js', values: ORDER_STATES, columns: ['orders.state'] }),
  // follow-ups (0003)
  enumeration({ type: 'KinServiceContext', module: '../domain/follow-up.js', values: KIN_SERVICE_CONTEXTS, columns: ['kin_questions.service_context', 'follow_ups.service_context'] }),
  enumeration({ type: 'FollowUpKind', module: '../domain/follow-up.js', values: FOLLOW_UP_KINDS, columns: ['follow_ups.kind'] }),
  enumeration({ type: 'FollowUpOrigin', module: '../domain/follow-up.js', values: FOLLOW_UP_ORIGINS, columns: ['follow_ups.origin'] }),
  enumeration({ type: 'FollowUpStatus', module: '../domain/follow-up.js', values: FOLLOW_UP_STATUSES, columns: ['follow_ups.status'] }),
  enumeration({ type: 'FollowUpMethod', module: '../domain/follow-up.js', values: FOLLOW_UP_METHODS, columns: ['follow_ups.method'] }),
  enumeration({ type: 'FollowUpOutcome', module: '../domain/follow-up.js', values: FOLLOW_UP_OUTCOMES, columns: ['follow_ups.outcome'] }),
  enumeration({ type: 'FollowUpCanceller', module: '../domain/follow-up.js', values: FOLLOW_UP_CANCELLERS, columns: ['follow_ups.cancelled_by'] }),
  // quality (0004)
  enumeration({ type: 'QualityDomain', module: '../domain/quality-domain.js', values: QUALITY_DOMAINS, columns: ['quality_categories.domain'] }),
  enumeration({ type: 'ComplaintChannel', module: '../domain/complaint-process.js', values: COMPLAINT_CHANNELS, columns: ['complaints.channel'] }),
  enumeration({ type: 'Submitter', module: '../domain/complaint-process.js', values: SUBMITTERS, columns: ['complaints.submitted_by'] }),
  enumeration({ type: 'ComplaintKind', module: '../domain/complaint-process.js', values: COMPLAINT_KINDS, columns: ['complaints.kind'] }),
  enumeration({ type: 'ComplaintTarget', module: '../domain/complaint-process.js', values: COMPLAINT_TARGETS, columns: ['complaints.target'] }),
  enumeration({ type: 'ComplaintStatus', module: '../domain/complaint-process.js', values: COMPLAINT_STATUSES, columns: ['complaints.status'] }),
  enumeration({ type: 'AnswerMethod', module: '../domain/complaint-process.js', values: ANSWER_METHODS, columns: ['complaints.answer_method'] }),
  enumeration({ type: 'DeviationTarget', module: '../domain/deviation-process.js', values: DEVIATION_TARGETS, columns: ['deviations.target'] }),
  enumeration({ type: 'DeviationStatus', module: '../domain/deviation-process.js', values: DEVIATION_STATUSES, columns: ['deviations.status'] }),
  enumeration({ type: 'LexSarahPlace', module: '../domain/lex-sarah-process.js', values: LEX_SARAH_PLACES, columns: ['lex_sarah_reports.place'] }),
  enumeration({ type: 'LexSarahStatus', module: '../domain/lex-sarah-process.js', values: LEX_SARAH_STATUSES, columns: ['lex_sarah_reports.status'] }),
  enumeration({ type: 'LexSarahAssessment', module: '../domain/lex-sarah-process.js', values: LEX_SARAH_ASSESSMENTS, columns: ['lex_sarah_reports.assessment'] }),
  // goals and indicators (0005)
  enumeration({ type: 'GoalLevel', module: '../domain/indicators/goal-tree.js', values: GOAL_LEVELS, columns: ['goals.level'] }),
  enumeration({ type: 'Fulfilment', module: '../domain/indicators/goal-tree.js', values: FULFILMENTS, columns: ['goal_assessments.fulfilment'] }),
  enumeration({ type: 'Period', module: '../domain/indicators/period.js', values: PERIODS, columns: ['goal_assessments.period', 'indicator_values.period'] }),
  enumeration({ type: 'MeasureUnit', module: '../domain/indicators/targets.js', values: MEASURE_UNITS, columns: ['indicators.measure_unit'] }),
  enumeration({ type: 'Direction', module: '../domain/indicators/targets.js', values: DIRECTIONS, columns: ['indicators.direction'] }),
  enumeration({ type: 'Periodicity', module: '../domain/indicators/period.js', values: PERIODICITIES, columns: ['indicators.periodicity'] }),
  enumeration({ type: 'IndicatorSource', module: '../domain/indicators/indicator.js', values: INDICATOR_SOURCES, columns: ['indicators.source'] }),
  enumeration({ type: 'IndicatorLevel', module: '../domain/indicators/indicator.js', values: INDICATOR_LEVELS, columns: ['indicators.level'] }),
  enumeration({ type: 'Comparator', module: '../domain/indicators/targets.js', values: COMPARATORS, columns: ['indicator_targets.target_comparator', 'indicator_targets.kf_target_comparator'] }),
  enumeration({ type: 'TrafficLight', module: '../domain/indicators/targets.js', values: TRAFFIC_LIGHTS, columns: ['indicator_values.status_override'] }),
  enumeration({ type: 'ValueSource', module: '../domain/indicators/indicator.js', values: VALUE_SOURCES, columns: ['indicator_values.source'] }),
  // change events and webhooks (0009)
  enumeration({ type: 'EventType', module: '../domain/change-events.js', values: EVENT_TYPES, columns: ['change_events.type'] }),
  enumeration({ type: 'EventSubjectType', module: '../domain/change-events.js', values: EVENT_SUBJECT_TYPES, columns: ['change_events.subject_type'] }),
  enumeration({ type: 'WebhookStatus', module: '../domain/webhooks.js', values: WEBHOOK_STATUSES, columns: ['webhook_subscriptions.status'] })
] as const
