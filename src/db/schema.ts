/**
 * The one typed view of the database for Kysely. It mirrors `migrations/`; legal dates are
 * `YYYY-MM-DD` strings, instants are ISO strings, numerics are numbers (see `database.ts`).
 */
import type { ColumnType, Generated } from 'kysely'
import type { ApplicationStatus, Channel, InvestigationMethod } from '../domain/application-process.js'
import type { ComplaintStatus } from '../domain/complaint-process.js'
import type { DeviationStatus } from '../domain/deviation-process.js'
import type { LexSarahAssessment, LexSarahStatus } from '../domain/lex-sarah-process.js'
import type { FOLLOW_UP_METHODS, FollowUpKind, FollowUpOutcome, FollowUpStatus, KinServiceContext } from '../domain/follow-up.js'

type Instant = ColumnType<string, string | undefined, string>
type Json<T> = ColumnType<T, string, string>

export interface Representative {
  kind: 'god_man' | 'forvaltare' | 'fullmakt' | 'relative'
  name: string
  phone?: string | undefined
}

export interface UnitTable {
  id: Generated<string>
  code: string
  district: string
  name: string
  delegation_version: Generated<number>
  created_at: Generated<string>
}

export interface ServiceTypeTable {
  code: string
  label_sv: string
  label_en: string
  housing: Generated<boolean>
  hours_based: Generated<boolean>
  active: Generated<boolean>
  version: Generated<number>
}

export interface DelegationRuleTable {
  id: Generated<string>
  unit_id: string
  code: string
  description: string
  service_type_codes: string[]
  housing_only: boolean
  hours_per_month_above: number | null
  allowed_roles: string[]
  position: number
}

export interface PersonTable {
  id: Generated<string>
  unit_id: string
  personal_identity_number: string
  identity_kind: 'personnummer' | 'samordningsnummer'
  birth_date: string
  first_name: string
  last_name: string
  sex: 'female' | 'male'
  district: string | null
  language: string | null
  interpreter_needed: boolean
  interpreter_language: string | null
  representatives: Json<Representative[]>
  children_in_household: boolean | null
  violence_asked: boolean
  violence_suspected: boolean
  protected_identity: boolean
  version: Generated<number>
  created_at: Generated<string>
  updated_at: Instant
}

export interface ApplicationTable {
  id: Generated<string>
  case_number: string
  unit_id: string
  person_id: string
  received_date: string
  channel: Channel
  urgent: boolean
  status: Generated<ApplicationStatus>
  assigned_case_worker: string | null
  investigation_method: InvestigationMethod | null
  needs_description: string | null
  assessment: string | null
  investigation_recorded_at: string | null
  joint_review_date: string | null
  joint_review_participants: Generated<string[]>
  joint_review_notes: string | null
  withdrawn_date: string | null
  withdrawal_reason: string | null
  decided_at: string | null
  version: Generated<number>
  created_at: Generated<string>
  updated_at: Instant
}

export interface ApplicationServiceTable {
  application_id: string
  service_type_code: string
  requested_hours_per_month: number | null
}

export interface CommunicationTable {
  id: Generated<string>
  application_id: string
  communicated_date: string
  recipient: string
  communicated_by: string
  investigation_method: InvestigationMethod
  needs_description: string
  requested_services: Json<{ serviceTypeCode: string; requestedHoursPerMonth: number | null }[]>
  created_at: Generated<string>
}

export interface DecisionTable {
  id: Generated<string>
  application_id: string
  person_id: string
  unit_id: string
  service_type_code: string
  outcome: 'granted' | 'partially_granted' | 'rejected'
  reason: string
  legal_basis: string
  hours_per_month: number | null
  decision_date: string
  valid_from: string | null
  valid_to: string | null
  decided_by: string
  decided_by_role: string
  delegation_rule_code: string | null
  appeal_received_date: string | null
  appeal_reconsidered_date: string | null
  appeal_reconsideration_outcome: 'unchanged' | 'partially_changed' | 'changed_as_requested' | null
  appeal_forwarded_to_court_date: string | null
  appeal_court_outcome: string | null
  appeal_court_outcome_date: string | null
  version: Generated<number>
  created_at: Generated<string>
  updated_at: Instant
}

export interface AuditEventTable {
  id: Generated<number>
  occurred_at: Generated<string>
  actor: string
  actor_roles: string[]
  unit_id: string | null
  action: 'read' | 'create' | 'update' | 'search'
  resource_type: string
  resource_id: string | null
  person_id: string | null
  request_id: string | null
}

export interface IdempotencyKeyTable {
  principal: string
  key: string
  request_hash: string
  status_code: number | null
  response_headers: Json<Record<string, string>> | null
  response_body: string | null
  person_ids: Generated<string[]>
  created_at: Generated<string>
}

// --- Providers and execution (migrations/0002_providers_execution.sql) ---

export type ProviderRegime = 'municipal' | 'private'
export type ExecutionEndReason = 'deceased' | 'moved' | 'no_longer_needed' | 'replaced_by_new_decision' | 'declined_by_person'
export type InterruptionReason = 'hospital_stay' | 'person_request' | 'provider_capacity' | 'other'
export type OfferResponse = 'pending' | 'accepted' | 'declined'

export interface ProviderTable {
  id: Generated<string>
  name: string
  regime: ProviderRegime
  organisation_number: string | null
  active: Generated<boolean>
  version: Generated<number>
  created_at: Generated<string>
  updated_at: Generated<string>
}

export interface ProviderServiceTypeTable {
  provider_id: string
  service_type_code: string
}

export interface ExecutionTable {
  decision_id: string
  provider_id: string | null
  ordered_date: string | null
  ordered_hours_per_month: number | null
  implementation_plan_due_date: string | null
  implementation_plan_received_date: string | null
  started_date: string | null
  ended_date: string | null
  end_reason: ExecutionEndReason | null
  delay_reason: string | null
  delay_consequences: string | null
  interim_services: string | null
  version: Generated<number>
  created_at: Generated<string>
  updated_at: Generated<string>
}

export interface ExecutionHoursTable {
  decision_id: string
  effective_date: string
  hours_per_month: number
  created_at: Generated<string>
}

export interface ExecutionInterruptionTable {
  id: Generated<string>
  decision_id: string
  start_date: string
  end_date: string | null
  reason: InterruptionReason
  note: string | null
  created_at: Generated<string>
}

export interface ExecutionOfferTable {
  id: Generated<string>
  decision_id: string
  offered_date: string
  description: string
  provider_id: string | null
  response: Generated<OfferResponse>
  response_date: string | null
  created_at: Generated<string>
}

// --- Follow-ups, KIN and planning rules (migrations/0003_follow_ups.sql) ---

type FollowUpMethod = (typeof FOLLOW_UP_METHODS)[number]

export interface FollowUpRulesTable {
  unit_id: string
  time_limited_review_enabled: boolean
  time_limited_review_days_before: number
  hospital_discharge_enabled: boolean
  hospital_discharge_months: number
  continuous_enabled: boolean
  continuous_interval_months: number
  version: Generated<number>
  updated_at: Generated<string>
}

export interface KinAnswerScaleTable {
  code: string
  description: string
}

export interface KinAnswerOptionTable {
  scale: string
  code: string
  label_sv: string
  favourable: boolean
  position: number
}

export interface KinQuestionTable {
  code: string
  text_sv: string
  service_context: KinServiceContext
  answer_scale: string
  position: number
  active: Generated<boolean>
}

export interface FollowUpTable {
  id: Generated<string>
  unit_id: string
  person_id: string
  decision_id: string | null
  application_id: string | null
  kind: FollowUpKind
  origin: 'automatic' | 'manual'
  basis_date: string | null
  service_context: KinServiceContext | null
  status: Generated<FollowUpStatus>
  due_date: string
  planned_date: string | null
  assigned_case_worker: string | null
  performed_date: string | null
  performed_by: string | null
  method: FollowUpMethod | null
  findings: string | null
  ordered_hours_per_month: number | null
  delivered_hours_per_month: number | null
  outcome: FollowUpOutcome | null
  new_application_id: string | null
  cancelled_date: string | null
  cancellation_reason: string | null
  cancelled_by: 'by_user' | 'replanned' | null
  version: Generated<number>
  created_at: Generated<string>
  updated_at: Generated<string>
}

export interface KinAnswerTable {
  follow_up_id: string
  question_code: string
  answer_code: string | null
}

// --- Quality: complaints, deviations, Lex Sarah (migrations/0004_quality.sql) ---

export type QualityDomain = 'complaint' | 'deviation' | 'lex_sarah'

export interface QualityCategoryTable {
  domain: QualityDomain
  code: string
  label_sv: string
  label_en: string
  active: Generated<boolean>
  version: Generated<number>
}

/** Where a complaint, deviation or Lex Sarah report points: a provider record or a free-text name. */
interface ProviderReference {
  provider_id: string | null
  provider_name: string | null
  provider_regime: ProviderRegime | null
}

export interface ComplaintTable extends ProviderReference {
  id: Generated<string>
  case_number: string
  unit_id: string
  received_date: string
  channel: 'written' | 'oral' | 'phone' | 'e_service'
  external_reference: string | null
  submitted_by: 'person' | 'relative' | 'representative' | 'other' | 'anonymous'
  submitter_name: string | null
  submitter_contact: string | null
  kind: 'complaint' | 'feedback' | 'idea' | 'praise' | 'question'
  target: 'unit' | 'provider' | 'primary_care' | 'hospital_care' | 'transport' | 'other'
  categories: string[]
  description: string
  person_id: string | null
  decision_id: string | null
  status: Generated<ComplaintStatus>
  answer_due_date: string
  investigation_started_date: string | null
  investigator: string | null
  answered_date: string | null
  answered_by: string | null
  answer_method: 'letter' | 'email' | 'phone' | 'meeting' | 'e_service' | null
  answer: string | null
  closed_date: string | null
  measures: string | null
  registered_by: string
  version: Generated<number>
  created_at: Generated<string>
  updated_at: Generated<string>
}

export interface DeviationTable extends ProviderReference {
  id: Generated<string>
  case_number: string
  unit_id: string
  target: 'provider' | 'primary_care' | 'hospital_care' | 'transport' | 'other'
  category: string
  domain: Generated<'deviation'>
  description: string
  sent_date: string
  person_id: string | null
  decision_id: string | null
  complaint_id: string | null
  status: Generated<DeviationStatus>
  response_date: string | null
  response: string | null
  closed_date: string | null
  closing_note: string | null
  registered_by: string
  version: Generated<number>
  created_at: Generated<string>
  updated_at: Generated<string>
}

export interface LexSarahReportTable extends ProviderReference {
  id: Generated<string>
  case_number: string
  unit_id: string
  reported_date: string
  reporter_role: string
  event_date: string | null
  place: 'unit' | 'provider'
  for_information: Generated<boolean>
  category: string
  domain: Generated<'lex_sarah'>
  description: string
  immediate_actions: string | null
  person_id: string | null
  decision_id: string | null
  complaint_id: string | null
  status: Generated<LexSarahStatus>
  investigation_started_date: string | null
  investigator: string | null
  assessed_date: string | null
  assessment: LexSarahAssessment | null
  serious: boolean | null
  assessment_summary: string | null
  ivo_notification_due_date: string | null
  ivo_notified_date: string | null
  ivo_reference: string | null
  ivo_response_date: string | null
  ivo_response: string | null
  closed_date: string | null
  measures: string | null
  learning: string | null
  registered_by: string
  version: Generated<number>
  created_at: Generated<string>
  updated_at: Generated<string>
}
// --- end of quality ---

export interface DB extends GoalsIndicatorsTables {
  units: UnitTable
  service_types: ServiceTypeTable
  delegation_rules: DelegationRuleTable
  persons: PersonTable
  applications: ApplicationTable
  application_services: ApplicationServiceTable
  communications: CommunicationTable
  decisions: DecisionTable
  audit_events: AuditEventTable
  idempotency_keys: IdempotencyKeyTable
  providers: ProviderTable
  provider_service_types: ProviderServiceTypeTable
  executions: ExecutionTable
  execution_hours: ExecutionHoursTable
  execution_interruptions: ExecutionInterruptionTable
  execution_offers: ExecutionOfferTable
  // follow-ups (0003)
  follow_up_rules: FollowUpRulesTable
  kin_answer_scales: KinAnswerScaleTable
  kin_answer_options: KinAnswerOptionTable
  kin_questions: KinQuestionTable
  follow_ups: FollowUpTable
  kin_answers: KinAnswerTable
  // quality (0004)
  quality_categories: QualityCategoryTable
  complaints: ComplaintTable
  deviations: DeviationTable
  lex_sarah_reports: LexSarahReportTable
}

// --- Goals and indicators (migrations/0005_goals_indicators.sql) ---

export type GoalLevel = 'kf_direction' | 'kf_area' | 'council' | 'unit'
export type ReportingPeriodCode = 'T1' | 'T2' | 'year'
export type Fulfilment = 'fully' | 'partly' | 'not'
export type MeasureUnit = 'percent' | 'index' | 'count' | 'days' | 'persons' | 'hours'
export type IndicatorDirection = 'higher_is_better' | 'lower_is_better'
export type IndicatorPeriodicity = 'tertial' | 'year'
export type IndicatorSource = 'manual' | 'survey' | 'computed'
export type IndicatorLevel = 'kf' | 'council'
export type TargetComparator = 'at_least' | 'at_most'
export type TrafficLight = 'green' | 'yellow' | 'red'

export interface GoalTable {
  id: Generated<string>
  unit_id: string
  plan_year: number
  level: GoalLevel
  parent_id: string | null
  code: string
  number: string | null
  title: string
  description: string | null
  expected_result: string | null
  way_of_working: string | null
  resource_use: string | null
  follow_up: string | null
  development: string | null
  position: Generated<number>
  version: Generated<number>
  created_at: Generated<string>
  updated_at: Generated<string>
}

export interface GoalAssessmentTable {
  goal_id: string
  period: ReportingPeriodCode
  fulfilment: Fulfilment
  analysis: string | null
  assessed_by: string
  version: Generated<number>
  assessed_at: Generated<string>
}

export interface GoalActivityTable {
  id: Generated<string>
  goal_id: string
  text: string
  start_date: string | null
  end_date: string | null
  deviation: string | null
  analysis: string | null
  position: Generated<number>
  version: Generated<number>
  created_at: Generated<string>
  updated_at: Generated<string>
}

export interface IndicatorTable {
  id: Generated<string>
  unit_id: string | null
  code: string
  name: string
  description: string | null
  measure_unit: MeasureUnit
  direction: IndicatorDirection
  periodicity: IndicatorPeriodicity
  source: IndicatorSource
  level: IndicatorLevel
  formula_code: string | null
  formula_params: Json<Record<string, string>>
  kolada_kpi: string | null
  yellow_margin: number | null
  version: Generated<number>
  created_at: Generated<string>
  updated_at: Generated<string>
}

export interface IndicatorTargetTable {
  indicator_id: string
  unit_id: string
  year: number
  goal_id: string
  position: Generated<number>
  target_value: number | null
  target_comparator: TargetComparator | null
  target_text: string | null
  kf_target_value: number | null
  kf_target_comparator: TargetComparator | null
  kf_target_text: string | null
  version: Generated<number>
  updated_at: Generated<string>
}

export interface IndicatorValueTable {
  id: Generated<string>
  indicator_id: string
  unit_id: string
  year: number
  period: ReportingPeriodCode
  total: number | null
  women: number | null
  men: number | null
  total_basis: number | null
  women_basis: number | null
  men_basis: number | null
  missing_reason: string | null
  analysis: string | null
  status_override: TrafficLight | null
  status_override_reason: string | null
  source: 'manual' | 'computed'
  formula_code: string | null
  formula_version: number | null
  computed_at: string | null
  recorded_by: string
  recorded_at: Generated<string>
  current: Generated<boolean>
}

export interface GoalsIndicatorsTables {
  goals: GoalTable
  goal_assessments: GoalAssessmentTable
  goal_activities: GoalActivityTable
  indicators: IndicatorTable
  indicator_targets: IndicatorTargetTable
  indicator_values: IndicatorValueTable
}
