-- Hospital discharge episodes (utskrivningsärenden), lag (2017:612) om samverkan vid
-- utskrivning från sluten hälso- och sjukvård. The region's system (LifeCare SP) notifies the
-- unit of an admission and of the ready-for-discharge date; the unit plans the discharge
-- (SIP meeting, applications) and the municipality pays from a configured number of days
-- after the ready date. The number in force when the ready date was recorded is kept on the
-- episode, so that a changed agreement never rewrites history.
CREATE TABLE discharge_episodes (
  id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  unit_id               uuid NOT NULL REFERENCES units (id),
  person_id             uuid NOT NULL REFERENCES persons (id),
  -- Where the notice came from and its id there: a correction names the same episode.
  source                text NOT NULL CHECK (source ~ '^[a-z][a-z0-9_]{1,30}$'),
  external_reference    text NOT NULL CHECK (length(external_reference) BETWEEN 1 AND 100),
  hospital              text CHECK (length(hospital) <= 200),
  admitted_date         date NOT NULL,
  ready_date            date,
  agreement_days        integer NOT NULL CHECK (agreement_days BETWEEN 0 AND 60),
  left_hospital_date    date,
  sip_meeting_date      date,
  -- Participants by role, never by name.
  sip_participant_roles text[] NOT NULL DEFAULT '{}' CHECK (sip_participant_roles <@ ARRAY[
    'person', 'relative', 'representative', 'case_worker', 'primary_care', 'hospital_care',
    'municipal_health_care', 'provider', 'interpreter', 'other']::text[]),
  services_applied_for  text[] NOT NULL DEFAULT '{}',
  corrections           integer NOT NULL DEFAULT 0,
  version               integer NOT NULL DEFAULT 1,
  created_at            timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now(),
  UNIQUE (unit_id, source, external_reference),
  CHECK (ready_date IS NULL OR ready_date >= admitted_date),
  CHECK (left_hospital_date IS NULL OR left_hospital_date >= admitted_date),
  CHECK (left_hospital_date IS NULL OR ready_date IS NULL OR left_hospital_date >= ready_date)
);
CREATE INDEX discharge_episodes_unit_admitted_idx ON discharge_episodes (unit_id, admitted_date DESC, id DESC);
CREATE INDEX discharge_episodes_unit_ready_idx ON discharge_episodes (unit_id, ready_date) WHERE ready_date IS NOT NULL;
CREATE INDEX discharge_episodes_open_idx ON discharge_episodes (unit_id, ready_date) WHERE left_hospital_date IS NULL AND ready_date IS NOT NULL;
CREATE INDEX discharge_episodes_person_idx ON discharge_episodes (person_id);

-- The applications an episode led to (their one-month follow-up is the discharge follow-up).
CREATE TABLE discharge_episode_applications (
  episode_id     uuid NOT NULL REFERENCES discharge_episodes (id),
  application_id uuid NOT NULL REFERENCES applications (id),
  PRIMARY KEY (episode_id, application_id)
);
CREATE INDEX discharge_episode_applications_application_idx ON discharge_episode_applications (application_id);
