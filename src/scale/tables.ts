/**
 * One COPY buffer per generated table, in foreign-key order: a flush sends them in this
 * order, so every row's parents are in the database before it arrives.
 */
import { CopyBuffer } from './copy-writer.js'

export function createTables() {
  return {
    providers: new CopyBuffer('providers', ['id', 'name', 'regime', 'organisation_number', 'active']),
    provider_service_types: new CopyBuffer('provider_service_types', ['provider_id', 'service_type_code']),
    persons: new CopyBuffer('persons', [
      'id', 'unit_id', 'personal_identity_number', 'identity_kind', 'birth_date', 'first_name', 'last_name', 'sex', 'district', 'language',
      'interpreter_needed', 'interpreter_language', 'representatives', 'children_in_household', 'violence_asked', 'violence_suspected',
      'protected_identity', 'created_at', 'updated_at'
    ]),
    applications: new CopyBuffer('applications', [
      'id', 'case_number', 'unit_id', 'person_id', 'received_date', 'channel', 'urgent', 'status', 'assigned_case_worker',
      'investigation_method', 'needs_description', 'assessment', 'investigation_recorded_at', 'joint_review_date',
      'joint_review_participants', 'joint_review_notes', 'withdrawn_date', 'withdrawal_reason', 'decided_at', 'version', 'created_at', 'updated_at'
    ]),
    application_services: new CopyBuffer('application_services', ['application_id', 'service_type_code', 'requested_hours_per_month']),
    communications: new CopyBuffer('communications', [
      'id', 'application_id', 'communicated_date', 'recipient', 'communicated_by', 'investigation_method', 'needs_description', 'requested_services', 'created_at'
    ]),
    decisions: new CopyBuffer('decisions', [
      'id', 'application_id', 'person_id', 'unit_id', 'service_type_code', 'outcome', 'reason', 'legal_basis', 'hours_per_month',
      'decision_date', 'valid_from', 'valid_to', 'decided_by', 'decided_by_role', 'delegation_rule_code', 'appeal_received_date',
      'appeal_reconsidered_date', 'appeal_reconsideration_outcome', 'appeal_forwarded_to_court_date', 'appeal_court_outcome',
      'appeal_court_outcome_date', 'version', 'created_at', 'updated_at'
    ]),
    executions: new CopyBuffer('executions', [
      'decision_id', 'provider_id', 'ordered_date', 'ordered_hours_per_month', 'implementation_plan_due_date', 'implementation_plan_received_date',
      'started_date', 'ended_date', 'end_reason', 'delay_reason', 'delay_consequences', 'interim_services', 'version', 'created_at', 'updated_at'
    ]),
    orders: new CopyBuffer('orders', [
      'id', 'decision_id', 'person_id', 'unit_id', 'provider_id', 'service_type_code', 'ordered_date', 'hours_per_month', 'state', 'answered_date', 'created_at', 'updated_at'
    ]),
    delivered_time: new CopyBuffer('delivered_time', ['order_id', 'unit_id', 'ordered_hours', 'month', 'hours', 'reported_by', 'created_at', 'updated_at']),
    execution_hours: new CopyBuffer('execution_hours', ['decision_id', 'effective_date', 'hours_per_month', 'created_at']),
    execution_interruptions: new CopyBuffer('execution_interruptions', ['id', 'decision_id', 'start_date', 'end_date', 'reason', 'note', 'created_at']),
    execution_offers: new CopyBuffer('execution_offers', ['id', 'decision_id', 'offered_date', 'description', 'provider_id', 'response', 'response_date', 'created_at']),
    follow_ups: new CopyBuffer('follow_ups', [
      'id', 'unit_id', 'person_id', 'decision_id', 'application_id', 'kind', 'origin', 'basis_date', 'service_context', 'status', 'due_date',
      'assigned_case_worker', 'performed_date', 'performed_by', 'method', 'findings', 'ordered_hours_per_month', 'delivered_hours_per_month',
      'outcome', 'new_application_id', 'version', 'created_at', 'updated_at'
    ]),
    kin_answers: new CopyBuffer('kin_answers', ['follow_up_id', 'question_code', 'answer_code']),
    complaints: new CopyBuffer('complaints', [
      'id', 'case_number', 'unit_id', 'received_date', 'channel', 'external_reference', 'submitted_by', 'submitter_name', 'submitter_contact', 'kind',
      'target', 'provider_id', 'categories', 'description', 'person_id', 'status', 'answer_due_date', 'investigation_started_date', 'investigator',
      'answered_date', 'answered_by', 'answer_method', 'answer', 'closed_date', 'measures', 'registered_by', 'version', 'created_at', 'updated_at'
    ]),
    deviations: new CopyBuffer('deviations', [
      'id', 'case_number', 'unit_id', 'target', 'provider_id', 'provider_name', 'provider_regime', 'category', 'description', 'sent_date', 'person_id',
      'complaint_id', 'status', 'response_date', 'response', 'closed_date', 'closing_note', 'registered_by', 'version', 'created_at', 'updated_at'
    ]),
    lex_sarah_reports: new CopyBuffer('lex_sarah_reports', [
      'id', 'case_number', 'unit_id', 'reported_date', 'reporter_role', 'event_date', 'place', 'provider_id', 'for_information', 'category',
      'description', 'immediate_actions', 'person_id', 'status', 'investigation_started_date', 'investigator', 'assessed_date', 'assessment',
      'serious', 'assessment_summary', 'ivo_notification_due_date', 'ivo_notified_date', 'ivo_reference', 'ivo_response_date', 'ivo_response',
      'closed_date', 'measures', 'learning', 'registered_by', 'version', 'created_at', 'updated_at'
    ]),
    goals: new CopyBuffer('goals', ['id', 'unit_id', 'plan_year', 'level', 'parent_id', 'code', 'number', 'title', 'expected_result', 'position']),
    goal_assessments: new CopyBuffer('goal_assessments', ['goal_id', 'period', 'fulfilment', 'analysis', 'assessed_by', 'assessed_at']),
    indicators: new CopyBuffer('indicators', [
      'id', 'unit_id', 'code', 'name', 'measure_unit', 'direction', 'periodicity', 'source', 'level', 'formula_code', 'formula_params'
    ]),
    indicator_targets: new CopyBuffer('indicator_targets', [
      'indicator_id', 'unit_id', 'year', 'goal_id', 'position', 'target_value', 'target_comparator', 'target_text', 'kf_target_value',
      'kf_target_comparator', 'kf_target_text'
    ]),
    indicator_values: new CopyBuffer('indicator_values', [
      'indicator_id', 'unit_id', 'year', 'period', 'total', 'women', 'men', 'missing_reason', 'analysis', 'source', 'recorded_by', 'recorded_at', 'current'
    ]),
    discharge_episodes: new CopyBuffer('discharge_episodes', [
      'id', 'unit_id', 'person_id', 'source', 'external_reference', 'hospital', 'admitted_date', 'ready_date', 'agreement_days', 'left_hospital_date',
      'sip_meeting_date', 'sip_participant_roles', 'services_applied_for', 'corrections', 'version', 'created_at', 'updated_at'
    ]),
    discharge_episode_applications: new CopyBuffer('discharge_episode_applications', ['episode_id', 'application_id'])
  }
}

export type Tables = ReturnType<typeof createTables>
export type TableKey = keyof Tables
