-- Foundation: reference data, persons, applications, decisions, audit and idempotency.
-- Legal dates are `date`; instants are `timestamptz`. Every row of an individual's data
-- carries `unit_id` so that unit scoping is a plain predicate.

CREATE TABLE units (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code               text NOT NULL UNIQUE CHECK (code ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
  district           text NOT NULL,
  name               text NOT NULL,
  -- Version of the unit's delegation order, for ETag/If-Match on PUT.
  delegation_version integer NOT NULL DEFAULT 1,
  created_at         timestamptz NOT NULL DEFAULT now()
);

INSERT INTO units (code, district, name) VALUES
  ('rinkeby-kista',          'Rinkeby-Kista',          'Beställarenheten äldre'),
  ('spanga-tensta',          'Spånga-Tensta',          'Beställarenheten äldre'),
  ('hasselby-vallingby',     'Hässelby-Vällingby',     'Beställarenheten äldre'),
  ('bromma',                 'Bromma',                 'Beställarenheten äldre'),
  ('kungsholmen',            'Kungsholmen',            'Beställarenheten äldre'),
  ('norrmalm',               'Norrmalm',               'Beställarenheten äldre'),
  ('ostermalm',              'Östermalm',              'Beställarenheten äldre'),
  ('sodermalm',              'Södermalm',              'Beställarenheten äldre'),
  ('enskede-arsta-vantor',   'Enskede-Årsta-Vantör',   'Beställarenheten äldre'),
  ('skarpnack',              'Skarpnäck',              'Beställarenheten äldre'),
  ('farsta',                 'Farsta',                 'Beställarenheten äldre'),
  ('hagersten-alvsjo',       'Hägersten-Älvsjö',       'Beställarenheten äldre'),
  ('skarholmen',             'Skärholmen',             'Beställarenheten äldre');

CREATE TABLE service_types (
  code        text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_]{1,62}$'),
  label_sv    text NOT NULL,
  label_en    text NOT NULL,
  -- Housing drives the delegation order and the joint case review requirement.
  housing     boolean NOT NULL DEFAULT false,
  -- Granted as a monthly time frame (ramtid): decisions carry hours per month.
  hours_based boolean NOT NULL DEFAULT false,
  active      boolean NOT NULL DEFAULT true,
  version     integer NOT NULL DEFAULT 1
);

INSERT INTO service_types (code, label_sv, label_en, housing, hours_based) VALUES
  ('home_care',               'Hemtjänst',                        'Home care',                         false, true),
  ('care_home',               'Vård- och omsorgsboende',          'Residential care home',             true,  false),
  ('service_housing',         'Servicehusboende',                 'Service housing',                   true,  false),
  ('short_term_care',         'Korttidsvård/korttidsboende',      'Short-term care',                   true,  false),
  ('respite_care',            'Avlastning/växelvård',             'Respite / alternating care',        false, false),
  ('relief_at_home',          'Avlösning i hemmet',               'Relief of carer at home',           false, true),
  ('day_activity',            'Dagverksamhet',                    'Day activity',                      false, false),
  ('housing_support',         'Boendestöd',                       'Housing support',                   false, true),
  ('escort_service',          'Ledsagarservice',                  'Escort service',                    false, true),
  ('safety_alarm',            'Trygghetslarm',                    'Personal safety alarm',             false, false),
  ('contact_person',          'Kontaktperson',                    'Contact person',                    false, false),
  ('home_care_allowance',     'Hemvårdsbidrag',                   'Home-care allowance',               false, false),
  ('meal_company',            'Sällskap vid måltider',            'Companionship at meals',            false, false),
  ('social_companionship',    'Social samvaro',                   'Social companionship',              false, false),
  ('fee_reduction',           'Nedsättning av avgift',            'Fee reduction',                     false, false),
  ('national_transport',      'Riksfärdtjänst',                   'National transport service',        false, false),
  ('transport_investigation', 'Färdtjänstutredning',              'Transport-service investigation',   false, false),
  ('dental_care_support',     'Tandvårdsstöd',                    'Dental-care support',               false, false);

-- The delegation order (delegationsordning) of a unit, as data. A rule applies to a
-- decision when its conditions match; the decider must then hold one of its roles.
CREATE TABLE delegation_rules (
  id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  unit_id               uuid NOT NULL REFERENCES units (id),
  code                  text NOT NULL,
  description           text NOT NULL,
  service_type_codes    text[] NOT NULL DEFAULT '{}',
  housing_only          boolean NOT NULL DEFAULT false,
  hours_per_month_above numeric(7,2),
  allowed_roles         text[] NOT NULL,
  position              integer NOT NULL,
  UNIQUE (unit_id, code)
);

-- Defaults from seeds 000/001: housing only by the unit manager or deputies; home care
-- over 99 hours/month only by a manager or a specially delegated case worker.
INSERT INTO delegation_rules (unit_id, code, description, housing_only, allowed_roles, position)
SELECT id, 'housing', 'Beslut om boende (vård- och omsorgsboende, servicehus, korttidsvård) fattas av enhetschef eller biträdande enhetschef.',
       true, ARRAY['unit_manager', 'deputy_unit_manager'], 1
FROM units;
INSERT INTO delegation_rules (unit_id, code, description, service_type_codes, hours_per_month_above, allowed_roles, position)
SELECT id, 'home_care_over_99_hours', 'Hemtjänst över 99 timmar per månad beslutas av enhetschef, biträdande enhetschef eller handläggare med särskild delegation.',
       ARRAY['home_care'], 99, ARRAY['unit_manager', 'deputy_unit_manager', 'case_worker_special_delegation'], 2
FROM units;

CREATE TABLE persons (
  id                       uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  unit_id                  uuid NOT NULL REFERENCES units (id),
  -- Normalised to 12 digits (YYYYMMDDNNNC). Never logged.
  personal_identity_number text NOT NULL CHECK (personal_identity_number ~ '^[0-9]{12}$'),
  identity_kind            text NOT NULL CHECK (identity_kind IN ('personnummer', 'samordningsnummer')),
  birth_date               date NOT NULL,
  first_name               text NOT NULL,
  last_name                text NOT NULL,
  sex                      text NOT NULL CHECK (sex IN ('female', 'male')),
  district                 text,
  language                 text,
  interpreter_needed       boolean NOT NULL DEFAULT false,
  interpreter_language     text,
  representatives          jsonb NOT NULL DEFAULT '[]',
  children_in_household    boolean,
  violence_asked           boolean NOT NULL DEFAULT false,
  violence_suspected       boolean NOT NULL DEFAULT false,
  protected_identity       boolean NOT NULL DEFAULT false,
  version                  integer NOT NULL DEFAULT 1,
  created_at               timestamptz NOT NULL DEFAULT now(),
  updated_at               timestamptz NOT NULL DEFAULT now(),
  UNIQUE (unit_id, personal_identity_number)
);
CREATE INDEX persons_unit_name_idx ON persons (unit_id, last_name, first_name, id);

CREATE SEQUENCE application_case_number_seq;

CREATE TABLE applications (
  id                        uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_number               text NOT NULL UNIQUE,
  unit_id                   uuid NOT NULL REFERENCES units (id),
  person_id                 uuid NOT NULL REFERENCES persons (id),
  received_date             date NOT NULL,
  channel                   text NOT NULL CHECK (channel IN ('phone', 'aldre_direkt', 'letter_or_e_service', 'hospital_discharge', 'outreach')),
  urgent                    boolean NOT NULL DEFAULT false,
  status                    text NOT NULL DEFAULT 'received'
                            CHECK (status IN ('received', 'investigating', 'communicated', 'decided', 'withdrawn')),
  assigned_case_worker      text,
  investigation_method      text CHECK (investigation_method IN ('home_visit', 'phone', 'video', 'office', 'hospital_or_sip_meeting')),
  needs_description         text,
  -- The assessment part (bedömningsdel) is never shared with the applicant before the decision.
  assessment                text,
  investigation_recorded_at timestamptz,
  joint_review_date         date,
  joint_review_participants text[] NOT NULL DEFAULT '{}',
  joint_review_notes        text,
  withdrawn_date            date,
  withdrawal_reason         text,
  decided_at                timestamptz,
  version                   integer NOT NULL DEFAULT 1,
  created_at                timestamptz NOT NULL DEFAULT now(),
  updated_at                timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX applications_unit_received_idx ON applications (unit_id, received_date DESC, id DESC);
CREATE INDEX applications_person_idx ON applications (person_id);
CREATE INDEX applications_unit_status_idx ON applications (unit_id, status);
CREATE INDEX applications_case_worker_idx ON applications (unit_id, assigned_case_worker);

CREATE TABLE application_services (
  application_id            uuid NOT NULL REFERENCES applications (id),
  service_type_code         text NOT NULL REFERENCES service_types (code),
  requested_hours_per_month numeric(7,2),
  PRIMARY KEY (application_id, service_type_code)
);
CREATE INDEX application_services_type_idx ON application_services (service_type_code, application_id);

-- Each sharing of the investigation (kommunicering) keeps exactly what was shared.
CREATE TABLE communications (
  id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  application_id       uuid NOT NULL REFERENCES applications (id),
  communicated_date    date NOT NULL,
  recipient            text NOT NULL,
  communicated_by      text NOT NULL,
  investigation_method text NOT NULL,
  needs_description    text NOT NULL,
  requested_services   jsonb NOT NULL,
  created_at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX communications_application_idx ON communications (application_id, created_at);

CREATE TABLE decisions (
  id                              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  application_id                  uuid NOT NULL REFERENCES applications (id),
  person_id                       uuid NOT NULL REFERENCES persons (id),
  unit_id                         uuid NOT NULL REFERENCES units (id),
  service_type_code               text NOT NULL REFERENCES service_types (code),
  outcome                         text NOT NULL CHECK (outcome IN ('granted', 'partially_granted', 'rejected')),
  reason                          text NOT NULL,
  legal_basis                     text NOT NULL,
  hours_per_month                 numeric(7,2),
  decision_date                   date NOT NULL,
  valid_from                      date,
  valid_to                        date,
  decided_by                      text NOT NULL,
  decided_by_role                 text NOT NULL,
  delegation_rule_code            text,
  appeal_received_date            date,
  appeal_reconsidered_date        date,
  appeal_reconsideration_outcome  text CHECK (appeal_reconsideration_outcome IN ('unchanged', 'partially_changed', 'changed_as_requested')),
  appeal_forwarded_to_court_date  date,
  appeal_court_outcome            text CHECK (appeal_court_outcome IN ('appeal_rejected', 'appeal_granted', 'appeal_partially_granted', 'returned_for_new_investigation')),
  appeal_court_outcome_date       date,
  version                         integer NOT NULL DEFAULT 1,
  created_at                      timestamptz NOT NULL DEFAULT now(),
  updated_at                      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (application_id, service_type_code),
  CHECK (valid_to IS NULL OR valid_from IS NOT NULL AND valid_to >= valid_from)
);
CREATE INDEX decisions_unit_date_idx ON decisions (unit_id, decision_date DESC, id DESC);
CREATE INDEX decisions_person_idx ON decisions (person_id);
CREATE INDEX decisions_unit_valid_to_idx ON decisions (unit_id, valid_to) WHERE valid_to IS NOT NULL;

-- Append-only access log. The trigger refuses UPDATE, DELETE and TRUNCATE whoever asks, in
-- PGlite and PostgreSQL alike. Only the table's owner could drop or disable the trigger: in
-- production the service runs as a role that does not own the schema (see the README).
CREATE TABLE audit_events (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  occurred_at   timestamptz NOT NULL DEFAULT now(),
  actor         text NOT NULL,
  actor_roles   text[] NOT NULL,
  unit_id       uuid,
  action        text NOT NULL CHECK (action IN ('read', 'create', 'update', 'search')),
  resource_type text NOT NULL,
  resource_id   text,
  person_id     uuid,
  request_id    text
);
CREATE INDEX audit_events_person_idx ON audit_events (person_id, id);
CREATE INDEX audit_events_actor_idx ON audit_events (actor, id);
CREATE INDEX audit_events_unit_idx ON audit_events (unit_id, id);

CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER audit_events_no_update_delete BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();
REVOKE UPDATE, DELETE, TRUNCATE ON audit_events FROM PUBLIC;

-- Idempotency-Key on POST: the first response is kept and replayed for retries.
-- `principal` is the caller's sub, unit, roles and permissions: a key is never replayed to a
-- token with other rights. `person_ids` are the individuals the response carried; a replay
-- shows them only while they are still visible, and is audited as a read.
CREATE TABLE idempotency_keys (
  principal        text NOT NULL,
  key              text NOT NULL,
  request_hash     text NOT NULL,
  status_code      integer,
  response_headers jsonb,
  response_body    text,
  person_ids       uuid[] NOT NULL DEFAULT '{}',
  created_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (principal, key)
);
CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at);
