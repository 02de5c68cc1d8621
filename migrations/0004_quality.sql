-- Quality work (DOMAIN §3): complaints and feedback, deviations sent to providers and health
-- care, and Lex Sarah reports. What the unit shows the council in the annual report and the
-- inspectorate (IVO) when it asks. Deadlines are stored when they start, so a later change of
-- the configured number of days does not move a deadline that already runs.

-- Categories are reference data per domain (seeded from the seeds' vocabulary, extendable).
CREATE TABLE quality_categories (
  domain   text NOT NULL CHECK (domain IN ('complaint', 'deviation', 'lex_sarah')),
  code     text NOT NULL CHECK (code ~ '^[a-z][a-z0-9_]{1,62}$'),
  label_sv text NOT NULL,
  label_en text NOT NULL,
  active   boolean NOT NULL DEFAULT true,
  version  integer NOT NULL DEFAULT 1,
  PRIMARY KEY (domain, code)
);

INSERT INTO quality_categories (domain, code, label_sv, label_en) VALUES
  ('complaint', 'treatment',                     'Bemötande',                              'Treatment'),
  ('complaint', 'accessibility',                 'Tillgänglighet',                         'Accessibility'),
  ('complaint', 'communication',                 'Kommunikation',                          'Communication'),
  ('complaint', 'information',                   'Information',                            'Information'),
  ('complaint', 'case_handling',                 'Handläggning',                           'Case handling'),
  ('complaint', 'service_quality',               'Utförande och kvalitet',                 'Quality and execution of services'),
  ('complaint', 'service_design',                'Insatsernas utformning',                 'Design of services'),
  ('deviation', 'missing_implementation_plan',   'Genomförandeplan saknas',                'Missing implementation plan'),
  ('deviation', 'discharge_process',             'Utskrivningsprocessen',                  'Hospital discharge process'),
  ('deviation', 'delivered_time',                'Utförd tid avviker från beställd tid',   'Delivered time differs from ordered time'),
  ('deviation', 'service_quality',               'Utförande och kvalitet',                 'Quality and execution of services'),
  ('deviation', 'other',                         'Övrigt',                                 'Other'),
  ('lex_sarah', 'documentation_to_wrong_person', 'Dokumentation skickad till fel person',  'Documentation sent to the wrong person'),
  ('lex_sarah', 'execution_shortcomings',        'Brister i utförande av insatser',        'Shortcomings in the execution of services'),
  ('lex_sarah', 'treatment',                     'Bemötande',                              'Treatment'),
  ('lex_sarah', 'legal_certainty',               'Rättssäkerhet',                          'Legal certainty'),
  ('lex_sarah', 'other',                         'Övrigt',                                 'Other');

CREATE SEQUENCE complaint_case_number_seq;
CREATE SEQUENCE deviation_case_number_seq;
CREATE SEQUENCE lex_sarah_case_number_seq;

CREATE TABLE complaints (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_number         text NOT NULL UNIQUE,
  unit_id             uuid NOT NULL REFERENCES units (id),
  received_date       date NOT NULL,
  channel             text NOT NULL CHECK (channel IN ('written', 'oral', 'phone', 'e_service')),
  -- Synpunktsportalen and other sources keep their own reference; one item per reference and unit.
  external_reference  text,
  submitted_by        text NOT NULL CHECK (submitted_by IN ('person', 'relative', 'representative', 'other', 'anonymous')),
  submitter_name      text,
  submitter_contact   text,
  kind                text NOT NULL CHECK (kind IN ('complaint', 'feedback', 'idea', 'praise', 'question')),
  target              text NOT NULL CHECK (target IN ('unit', 'provider', 'primary_care', 'hospital_care', 'transport', 'other')),
  provider_id         uuid REFERENCES providers (id),
  -- Free text when the provider has no record; its regime may then be given by hand.
  provider_name       text,
  provider_regime     text CHECK (provider_regime IN ('municipal', 'private')),
  categories          text[] NOT NULL DEFAULT '{}',
  description         text NOT NULL,
  person_id           uuid REFERENCES persons (id),
  decision_id         uuid REFERENCES decisions (id),
  status              text NOT NULL DEFAULT 'registered' CHECK (status IN ('registered', 'investigating', 'answered', 'closed')),
  answer_due_date     date NOT NULL,
  investigation_started_date date,
  investigator        text,
  answered_date       date,
  answered_by         text,
  answer_method       text CHECK (answer_method IN ('letter', 'email', 'phone', 'meeting', 'e_service')),
  answer              text,
  closed_date         date,
  measures            text,
  registered_by       text NOT NULL,
  version             integer NOT NULL DEFAULT 1,
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  CHECK (target = 'provider' OR (provider_id IS NULL AND provider_name IS NULL AND provider_regime IS NULL)),
  CHECK (provider_id IS NULL OR (provider_name IS NULL AND provider_regime IS NULL)),
  CHECK (submitted_by <> 'anonymous' OR (submitter_name IS NULL AND submitter_contact IS NULL)),
  CHECK ((answered_date IS NULL) = (answer IS NULL)),
  UNIQUE (unit_id, external_reference)
);
CREATE INDEX complaints_unit_received_idx ON complaints (unit_id, received_date DESC, id DESC);
CREATE INDEX complaints_open_due_idx ON complaints (unit_id, answer_due_date) WHERE status IN ('registered', 'investigating');
CREATE INDEX complaints_person_idx ON complaints (person_id) WHERE person_id IS NOT NULL;

CREATE TABLE deviations (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_number       text NOT NULL UNIQUE,
  unit_id           uuid NOT NULL REFERENCES units (id),
  target            text NOT NULL CHECK (target IN ('provider', 'primary_care', 'hospital_care', 'transport', 'other')),
  provider_id       uuid REFERENCES providers (id),
  provider_name     text,
  provider_regime   text CHECK (provider_regime IN ('municipal', 'private')),
  category          text NOT NULL,
  -- Constant, so that the category can reference quality_categories (domain, code).
  domain            text NOT NULL DEFAULT 'deviation' CHECK (domain = 'deviation'),
  description       text NOT NULL,
  sent_date         date NOT NULL,
  person_id         uuid REFERENCES persons (id),
  decision_id       uuid REFERENCES decisions (id),
  -- The complaint it was escalated from, if any.
  complaint_id      uuid REFERENCES complaints (id),
  status            text NOT NULL DEFAULT 'sent' CHECK (status IN ('sent', 'responded', 'closed')),
  response_date     date,
  response          text,
  closed_date       date,
  closing_note      text,
  registered_by     text NOT NULL,
  version           integer NOT NULL DEFAULT 1,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (domain, category) REFERENCES quality_categories (domain, code),
  CHECK (target = 'provider' OR (provider_id IS NULL AND provider_name IS NULL AND provider_regime IS NULL)),
  CHECK (provider_id IS NULL OR (provider_name IS NULL AND provider_regime IS NULL)),
  CHECK ((response_date IS NULL) = (response IS NULL))
);
CREATE INDEX deviations_unit_sent_idx ON deviations (unit_id, sent_date DESC, id DESC);
CREATE INDEX deviations_complaint_idx ON deviations (complaint_id) WHERE complaint_id IS NOT NULL;

CREATE TABLE lex_sarah_reports (
  id                         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_number                text NOT NULL UNIQUE,
  unit_id                    uuid NOT NULL REFERENCES units (id),
  reported_date              date NOT NULL,
  -- The reporter's staff role, not their name (readers need not know who reported).
  reporter_role              text NOT NULL,
  event_date                 date,
  place                      text NOT NULL CHECK (place IN ('unit', 'provider')),
  provider_id                uuid REFERENCES providers (id),
  provider_name              text,
  provider_regime            text CHECK (provider_regime IN ('municipal', 'private')),
  -- A private provider's own report sent to the unit for information (för kännedom).
  for_information            boolean NOT NULL DEFAULT false,
  category                   text NOT NULL,
  domain                     text NOT NULL DEFAULT 'lex_sarah' CHECK (domain = 'lex_sarah'),
  description                text NOT NULL,
  immediate_actions          text,
  person_id                  uuid REFERENCES persons (id),
  decision_id                uuid REFERENCES decisions (id),
  complaint_id               uuid REFERENCES complaints (id),
  status                     text NOT NULL DEFAULT 'reported' CHECK (status IN ('reported', 'investigating', 'assessed', 'notified_to_ivo', 'ivo_responded', 'closed')),
  investigation_started_date date,
  investigator               text,
  assessed_date              date,
  assessment                 text CHECK (assessment IN ('no_wrongdoing', 'wrongdoing', 'risk_of_wrongdoing')),
  serious                    boolean,
  assessment_summary         text,
  -- Set by a serious assessment: the date by which IVO must have been notified.
  ivo_notification_due_date  date,
  ivo_notified_date          date,
  ivo_reference              text,
  ivo_response_date          date,
  ivo_response               text,
  closed_date                date,
  measures                   text,
  learning                   text,
  registered_by              text NOT NULL,
  version                    integer NOT NULL DEFAULT 1,
  created_at                 timestamptz NOT NULL DEFAULT now(),
  updated_at                 timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (domain, category) REFERENCES quality_categories (domain, code),
  CHECK (place = 'provider' OR (provider_id IS NULL AND provider_name IS NULL AND provider_regime IS NULL AND NOT for_information)),
  CHECK (provider_id IS NULL OR (provider_name IS NULL AND provider_regime IS NULL)),
  CHECK ((assessment IS NULL) = (serious IS NULL)),
  CHECK (NOT (serious AND assessment = 'no_wrongdoing')),
  CHECK ((serious IS TRUE) = (ivo_notification_due_date IS NOT NULL))
);
CREATE INDEX lex_sarah_reports_unit_reported_idx ON lex_sarah_reports (unit_id, reported_date DESC, id DESC);
CREATE INDEX lex_sarah_reports_ivo_due_idx ON lex_sarah_reports (unit_id, ivo_notification_due_date)
  WHERE serious AND ivo_notified_date IS NULL;
CREATE INDEX lex_sarah_reports_complaint_idx ON lex_sarah_reports (complaint_id) WHERE complaint_id IS NOT NULL;
