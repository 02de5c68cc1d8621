-- Follow-ups (uppföljning) of decisions and applications, the city's individual quality
-- follow-up questions (KIN) with the answers given, and each unit's rules for planning
-- follow-ups automatically. Automatic follow-ups are derived from the decision's dates and
-- execution; a re-plan moves or cancels those not yet performed.

-- Each unit's planning rules (one row per unit); defaults from DOMAIN §2 and seed 003.
CREATE TABLE follow_up_rules (
  unit_id                         uuid PRIMARY KEY REFERENCES units (id),
  -- Review of a time-limited decision, due this many days before it ends.
  time_limited_review_enabled     boolean NOT NULL DEFAULT true,
  time_limited_review_days_before integer NOT NULL DEFAULT 30 CHECK (time_limited_review_days_before BETWEEN 0 AND 365),
  -- Follow-up of the decisions on a hospital-discharge application, within this many months.
  hospital_discharge_enabled      boolean NOT NULL DEFAULT true,
  hospital_discharge_months       integer NOT NULL DEFAULT 1 CHECK (hospital_discharge_months BETWEEN 1 AND 12),
  -- Continuous follow-up of an executing decision at least this often.
  continuous_enabled              boolean NOT NULL DEFAULT true,
  continuous_interval_months      integer NOT NULL DEFAULT 12 CHECK (continuous_interval_months BETWEEN 1 AND 36),
  version                         integer NOT NULL DEFAULT 1,
  updated_at                      timestamptz NOT NULL DEFAULT now()
);
INSERT INTO follow_up_rules (unit_id) SELECT id FROM units;

-- KIN answer scales: `favourable` answers are the ones a satisfaction share counts.
CREATE TABLE kin_answer_scales (
  code        text PRIMARY KEY,
  description text NOT NULL
);
INSERT INTO kin_answer_scales (code, description) VALUES
  ('satisfaction', 'Mycket nöjd – mycket missnöjd'),
  ('safety',       'Mycket tryggt – mycket otryggt'),
  ('frequency',    'Alltid – aldrig'),
  ('yes_no',       'Ja – nej');

CREATE TABLE kin_answer_options (
  scale      text NOT NULL REFERENCES kin_answer_scales (code),
  code       text NOT NULL,
  label_sv   text NOT NULL,
  favourable boolean NOT NULL,
  position   integer NOT NULL,
  PRIMARY KEY (scale, code)
);
INSERT INTO kin_answer_options (scale, code, label_sv, favourable, position) VALUES
  ('satisfaction', 'very_satisfied',      'Mycket nöjd',                 true,  1),
  ('satisfaction', 'fairly_satisfied',    'Ganska nöjd',                 true,  2),
  ('satisfaction', 'neither',             'Varken nöjd eller missnöjd',  false, 3),
  ('satisfaction', 'fairly_dissatisfied', 'Ganska missnöjd',             false, 4),
  ('satisfaction', 'very_dissatisfied',   'Mycket missnöjd',             false, 5),
  ('safety',       'very_safe',           'Mycket tryggt',               true,  1),
  ('safety',       'fairly_safe',         'Ganska tryggt',               true,  2),
  ('safety',       'neither',             'Varken tryggt eller otryggt', false, 3),
  ('safety',       'fairly_unsafe',       'Ganska otryggt',              false, 4),
  ('safety',       'very_unsafe',         'Mycket otryggt',              false, 5),
  ('frequency',    'always',              'Alltid',                      true,  1),
  ('frequency',    'mostly',              'Oftast',                      true,  2),
  ('frequency',    'sometimes',           'Ibland',                      false, 3),
  ('frequency',    'rarely',              'Sällan',                      false, 4),
  ('frequency',    'never',               'Aldrig',                      false, 5),
  ('yes_no',       'yes',                 'Ja',                          true,  1),
  ('yes_no',       'no',                  'Nej',                         false, 2);

-- The city's standard KIN questions, verbatim from seed 004 (DOMAIN §2).
CREATE TABLE kin_questions (
  code            text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_]{1,62}$'),
  text_sv         text NOT NULL UNIQUE,
  service_context text NOT NULL CHECK (service_context IN ('home_care', 'care_home')),
  answer_scale    text NOT NULL REFERENCES kin_answer_scales (code),
  position        integer NOT NULL,
  active          boolean NOT NULL DEFAULT true
);
INSERT INTO kin_questions (code, text_sv, service_context, answer_scale, position) VALUES
  ('home_care_overall_satisfaction',  'Hur nöjd eller missnöjd är du sammantaget med den hemtjänst du har?',               'home_care', 'satisfaction', 1),
  ('home_care_safety',                'Hur tryggt eller otryggt känns det att bo hemma med stöd från hemtjänsten?',        'home_care', 'safety',       2),
  ('home_care_help_as_agreed',        'Får du hjälpen så som ni kommit överens om?',                                       'home_care', 'frequency',    3),
  ('home_care_planning_participation', 'Har du deltagit i planeringen om hur den beviljade hjälpen ska utföras',           'home_care', 'yes_no',       4),
  ('care_home_meals',                 'Är du nöjd med måltidssituationen?',                                                'care_home', 'yes_no',       5),
  ('care_home_outdoors',              'Får du komma ut i den utsträckning som du önskar?',                                 'care_home', 'yes_no',       6),
  ('care_home_influence',             'Har du möjlighet att påverka hur hjälpen genomförs?',                               'care_home', 'frequency',    7),
  ('care_home_safety',                'Hur tryggt eller otryggt känns det att bo på ditt äldreboende?',                    'care_home', 'safety',       8),
  ('care_home_overall_satisfaction',  'Hur nöjd eller missnöjd är du sammantaget med ditt äldreboende?',                   'care_home', 'satisfaction', 9);

CREATE TABLE follow_ups (
  id                       uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  unit_id                  uuid NOT NULL REFERENCES units (id),
  person_id                uuid NOT NULL REFERENCES persons (id),
  decision_id              uuid REFERENCES decisions (id),
  application_id           uuid REFERENCES applications (id),
  kind                     text NOT NULL CHECK (kind IN ('continuous', 'kin', 'hospital_discharge', 'time_limited_review')),
  -- Planned by a rule of the unit (re-planned with the decision) or by a person.
  origin                   text NOT NULL CHECK (origin IN ('automatic', 'manual')),
  -- The date a rule computed the due date from (execution start or last follow-up, the end
  -- of a time-limited decision, the start of the services after discharge). A re-plan
  -- recognises a follow-up already done or cancelled for the same basis by it.
  basis_date               date,
  -- KIN follow-ups are of home care or of a care home: it decides the questions asked.
  service_context          text CHECK (service_context IN ('home_care', 'care_home')),
  status                   text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'performed', 'cancelled')),
  due_date                 date NOT NULL,
  planned_date             date,
  assigned_case_worker     text,
  performed_date           date,
  performed_by             text,
  method                   text CHECK (method IN ('home_visit', 'phone', 'video', 'office', 'hospital_or_sip_meeting', 'provider_contact')),
  findings                 text,
  -- Ordered vs delivered time (avvikelsekundlista): does what was granted reach the person?
  ordered_hours_per_month   numeric(7,2) CHECK (ordered_hours_per_month >= 0),
  delivered_hours_per_month numeric(7,2) CHECK (delivered_hours_per_month >= 0),
  outcome                  text CHECK (outcome IN ('unchanged', 'changed', 'ended')),
  new_application_id       uuid REFERENCES applications (id),
  cancelled_date           date,
  cancellation_reason      text,
  -- 'replanned' when a re-plan cancelled it (the rule no longer asks for it), else 'by_user'.
  cancelled_by             text CHECK (cancelled_by IN ('by_user', 'replanned')),
  version                  integer NOT NULL DEFAULT 1,
  created_at               timestamptz NOT NULL DEFAULT now(),
  updated_at               timestamptz NOT NULL DEFAULT now(),
  CHECK ((kind = 'kin') = (service_context IS NOT NULL)),
  CHECK (kind NOT IN ('continuous', 'time_limited_review') OR decision_id IS NOT NULL),
  CHECK (kind <> 'hospital_discharge' OR application_id IS NOT NULL),
  CHECK ((status = 'performed') = (performed_date IS NOT NULL AND outcome IS NOT NULL)),
  CHECK ((status = 'cancelled') = (cancelled_by IS NOT NULL)),
  CHECK ((outcome = 'changed') = (new_application_id IS NOT NULL))
);
CREATE INDEX follow_ups_unit_due_idx ON follow_ups (unit_id, due_date, id);
CREATE INDEX follow_ups_open_idx ON follow_ups (unit_id, assigned_case_worker, due_date) WHERE status = 'planned';
CREATE INDEX follow_ups_person_idx ON follow_ups (person_id);
CREATE INDEX follow_ups_decision_idx ON follow_ups (decision_id, kind) WHERE decision_id IS NOT NULL;
CREATE INDEX follow_ups_application_idx ON follow_ups (application_id, kind) WHERE application_id IS NOT NULL;
-- At most one open automatic follow-up per rule: per decision, and per application for discharges.
CREATE UNIQUE INDEX follow_ups_one_open_automatic_idx ON follow_ups (decision_id, kind)
  WHERE origin = 'automatic' AND status = 'planned' AND kind IN ('continuous', 'time_limited_review');
CREATE UNIQUE INDEX follow_ups_one_open_discharge_idx ON follow_ups (application_id)
  WHERE origin = 'automatic' AND status = 'planned' AND kind = 'hospital_discharge';

-- One answer per question of a KIN follow-up; a null answer means the person did not answer.
CREATE TABLE kin_answers (
  follow_up_id  uuid NOT NULL REFERENCES follow_ups (id),
  question_code text NOT NULL REFERENCES kin_questions (code),
  answer_code   text,
  PRIMARY KEY (follow_up_id, question_code)
);

-- The worklist looks for applications waiting for a decision, per unit and case worker.
CREATE INDEX applications_open_received_idx ON applications (unit_id, received_date)
  WHERE status IN ('received', 'investigating', 'communicated');
