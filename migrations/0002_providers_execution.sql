-- Providers (utförare) and the execution (verkställighet) of granted decisions. The IVO
-- report of not-executed decisions is derived from these facts, so every date that decides
-- whether a decision was late is a recorded event here, never a typed-in status.

CREATE TABLE providers (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name                text NOT NULL UNIQUE,
  -- Municipal (egen regi) or private (LOV/upphandlad); quality reports split by regime.
  regime              text NOT NULL CHECK (regime IN ('municipal', 'private')),
  organisation_number text CHECK (organisation_number ~ '^[0-9]{6}-[0-9]{4}$'),
  active              boolean NOT NULL DEFAULT true,
  version             integer NOT NULL DEFAULT 1,
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE provider_service_types (
  provider_id       uuid NOT NULL REFERENCES providers (id) ON DELETE CASCADE,
  service_type_code text NOT NULL REFERENCES service_types (code),
  PRIMARY KEY (provider_id, service_type_code)
);

-- One execution per granted decision, created by its first action.
CREATE TABLE executions (
  decision_id                       uuid PRIMARY KEY REFERENCES decisions (id),
  provider_id                       uuid REFERENCES providers (id),
  ordered_date                      date,
  ordered_hours_per_month           numeric(7,2) CHECK (ordered_hours_per_month > 0),
  -- Due a configurable number of days after the order (seed 003: 15 days).
  implementation_plan_due_date      date,
  implementation_plan_received_date date,
  started_date                      date,
  ended_date                        date,
  end_reason                        text CHECK (end_reason IN ('deceased', 'moved', 'no_longer_needed', 'replaced_by_new_decision', 'declined_by_person')),
  -- The case worker's account for the IVO individual report.
  delay_reason                      text,
  delay_consequences                text,
  interim_services                  text,
  version                           integer NOT NULL DEFAULT 1,
  created_at                        timestamptz NOT NULL DEFAULT now(),
  updated_at                        timestamptz NOT NULL DEFAULT now(),
  CHECK ((ended_date IS NULL) = (end_reason IS NULL)),
  CHECK (ordered_date IS NOT NULL OR provider_id IS NULL)
);
CREATE INDEX executions_open_idx ON executions (decision_id) WHERE ended_date IS NULL;
CREATE INDEX executions_plan_due_idx ON executions (implementation_plan_due_date)
  WHERE implementation_plan_received_date IS NULL AND ended_date IS NULL;

-- Executed hours per month from a date on (home care is granted as a monthly time frame):
-- below the granted hours the decision is only partly executed (IVO: report the missing part).
CREATE TABLE execution_hours (
  decision_id     uuid NOT NULL REFERENCES executions (decision_id),
  effective_date  date NOT NULL,
  hours_per_month numeric(7,2) NOT NULL CHECK (hours_per_month > 0),
  created_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (decision_id, effective_date)
);

CREATE TABLE execution_interruptions (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  decision_id uuid NOT NULL REFERENCES executions (decision_id),
  start_date  date NOT NULL,
  -- The date the service was given again; null while interrupted.
  end_date    date,
  reason      text NOT NULL CHECK (reason IN ('hospital_stay', 'person_request', 'provider_capacity', 'other')),
  note        text,
  created_at  timestamptz NOT NULL DEFAULT now(),
  CHECK (end_date IS NULL OR end_date >= start_date)
);
CREATE INDEX execution_interruptions_decision_idx ON execution_interruptions (decision_id, start_date);
CREATE UNIQUE INDEX execution_interruptions_one_open_idx ON execution_interruptions (decision_id) WHERE end_date IS NULL;

-- Offers made to the person; a declined offer is recorded but does not close the case.
CREATE TABLE execution_offers (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  decision_id   uuid NOT NULL REFERENCES executions (decision_id),
  offered_date  date NOT NULL,
  description   text NOT NULL,
  provider_id   uuid REFERENCES providers (id),
  response      text NOT NULL DEFAULT 'pending' CHECK (response IN ('pending', 'accepted', 'declined')),
  response_date date,
  created_at    timestamptz NOT NULL DEFAULT now(),
  CHECK ((response = 'pending') = (response_date IS NULL)),
  CHECK (response_date IS NULL OR response_date >= offered_date)
);
CREATE INDEX execution_offers_decision_idx ON execution_offers (decision_id, offered_date);

-- The report looks for granted decisions of a unit that are not yet resolved.
CREATE INDEX decisions_unit_granted_idx ON decisions (unit_id, decision_date)
  WHERE outcome IN ('granted', 'partially_granted');
