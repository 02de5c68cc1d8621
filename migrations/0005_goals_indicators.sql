-- Goals and indicators of the city's integrated management system (ILS), per unit and plan
-- year, and the indicator values each unit reports per period (T1, T2, year). DOMAIN §4.

-- A unit's goal hierarchy for a plan year: KF direction goal → KF goal for the area →
-- council goal → unit goal. Numbers change meaning between years, so a goal carries a code
-- that is stable across years beside the number as printed. KF goals are kept per unit, as
-- each unit's report prints them above its own goals.
CREATE TABLE goals (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  unit_id         uuid NOT NULL REFERENCES units (id),
  plan_year       integer NOT NULL CHECK (plan_year BETWEEN 2000 AND 2100),
  level           text NOT NULL CHECK (level IN ('kf_direction', 'kf_area', 'council', 'unit')),
  parent_id       uuid REFERENCES goals (id),
  code            text NOT NULL CHECK (code ~ '^[a-z0-9][a-z0-9._-]{0,99}$'),
  number          text,
  title           text NOT NULL,
  description     text,
  expected_result text,
  way_of_working  text,
  resource_use    text,
  follow_up       text,
  development     text,
  position        integer NOT NULL DEFAULT 0,
  version         integer NOT NULL DEFAULT 1,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (unit_id, plan_year, code),
  CHECK ((level = 'kf_direction') = (parent_id IS NULL))
);
CREATE INDEX goals_unit_year_idx ON goals (unit_id, plan_year, position, id);
CREATE INDEX goals_parent_idx ON goals (parent_id);

-- Fulfilment per reporting period of the goal's plan year (uppfylls helt / delvis / inte).
CREATE TABLE goal_assessments (
  goal_id     uuid NOT NULL REFERENCES goals (id),
  period      text NOT NULL CHECK (period IN ('T1', 'T2', 'year')),
  fulfilment  text NOT NULL CHECK (fulfilment IN ('fully', 'partly', 'not')),
  analysis    text,
  assessed_by text NOT NULL,
  version     integer NOT NULL DEFAULT 1,
  assessed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (goal_id, period)
);

-- Activities may span several years; they attach to a goal of the year they are reported in.
CREATE TABLE goal_activities (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  goal_id    uuid NOT NULL REFERENCES goals (id),
  text       text NOT NULL,
  start_date date,
  end_date   date,
  deviation  text,
  analysis   text,
  position   integer NOT NULL DEFAULT 0,
  version    integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (end_date IS NULL OR start_date IS NULL OR end_date >= start_date)
);
CREATE INDEX goal_activities_goal_idx ON goal_activities (goal_id, position, id);

-- Indicator definitions. KF indicators are the city's (unit_id NULL, the same in every
-- district); the council's own indicators belong to one unit. A computed indicator names a
-- formula of the service's catalogue and its parameters.
CREATE TABLE indicators (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  unit_id        uuid REFERENCES units (id),
  code           text NOT NULL CHECK (code ~ '^[a-z0-9][a-z0-9._-]{0,99}$'),
  name           text NOT NULL,
  description    text,
  measure_unit   text NOT NULL CHECK (measure_unit IN ('percent', 'index', 'count', 'days', 'persons', 'hours')),
  direction      text NOT NULL CHECK (direction IN ('higher_is_better', 'lower_is_better')),
  periodicity    text NOT NULL CHECK (periodicity IN ('tertial', 'year')),
  source         text NOT NULL CHECK (source IN ('manual', 'survey', 'computed')),
  level          text NOT NULL CHECK (level IN ('kf', 'council')),
  formula_code   text,
  formula_params jsonb NOT NULL DEFAULT '{}',
  kolada_kpi     text,
  -- Below the target by at most this much (in the indicator's unit) is yellow; NULL: 10 % of the target.
  yellow_margin  numeric(12,4) CHECK (yellow_margin >= 0),
  version        integer NOT NULL DEFAULT 1,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  CHECK ((level = 'kf') = (unit_id IS NULL)),
  CHECK ((source = 'computed') = (formula_code IS NOT NULL))
);
CREATE UNIQUE INDEX indicators_kf_code_idx ON indicators (code) WHERE unit_id IS NULL;
CREATE UNIQUE INDEX indicators_unit_code_idx ON indicators (unit_id, code) WHERE unit_id IS NOT NULL;

-- Per unit and year: which goal the indicator is reported under, its place in the table,
-- the council's annual target (årsmål) and KF's annual target. A target is a number with an
-- optional comparator, and/or the text as printed ("Tas fram av nämnd/styrelse", "Max 10 personer").
CREATE TABLE indicator_targets (
  indicator_id         uuid NOT NULL REFERENCES indicators (id),
  unit_id              uuid NOT NULL REFERENCES units (id),
  year                 integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  goal_id              uuid NOT NULL REFERENCES goals (id),
  position             integer NOT NULL DEFAULT 0,
  target_value         numeric(14,4),
  target_comparator    text CHECK (target_comparator IN ('at_least', 'at_most')),
  target_text          text,
  kf_target_value      numeric(14,4),
  kf_target_comparator text CHECK (kf_target_comparator IN ('at_least', 'at_most')),
  kf_target_text       text,
  version              integer NOT NULL DEFAULT 1,
  updated_at           timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (indicator_id, unit_id, year),
  CHECK (target_comparator IS NULL OR target_value IS NOT NULL),
  CHECK (kf_target_comparator IS NULL OR kf_target_value IS NOT NULL)
);
CREATE INDEX indicator_targets_unit_year_idx ON indicator_targets (unit_id, year);

-- Values per unit and period. Recording again keeps the earlier rows: exactly one row per
-- (indicator, unit, year, period) is current. A computed value names the formula version and
-- when it was computed; `*_basis` is the number of answers or records behind a share.
CREATE TABLE indicator_values (
  id                     uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  indicator_id           uuid NOT NULL REFERENCES indicators (id),
  unit_id                uuid NOT NULL REFERENCES units (id),
  year                   integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  period                 text NOT NULL CHECK (period IN ('T1', 'T2', 'year')),
  total                  numeric(14,4),
  women                  numeric(14,4),
  men                    numeric(14,4),
  total_basis            integer CHECK (total_basis >= 0),
  women_basis            integer CHECK (women_basis >= 0),
  men_basis              integer CHECK (men_basis >= 0),
  missing_reason         text,
  analysis               text,
  status_override        text CHECK (status_override IN ('green', 'yellow', 'red')),
  status_override_reason text,
  source                 text NOT NULL CHECK (source IN ('manual', 'computed')),
  formula_code           text,
  formula_version        integer,
  computed_at            timestamptz,
  recorded_by            text NOT NULL,
  recorded_at            timestamptz NOT NULL DEFAULT now(),
  current                boolean NOT NULL DEFAULT true,
  CHECK ((status_override IS NULL) = (status_override_reason IS NULL)),
  CHECK ((source = 'computed') = (formula_code IS NOT NULL AND formula_version IS NOT NULL AND computed_at IS NOT NULL))
);
CREATE UNIQUE INDEX indicator_values_current_idx ON indicator_values (indicator_id, unit_id, year, period) WHERE current;
CREATE INDEX indicator_values_history_idx ON indicator_values (indicator_id, unit_id, year, period, recorded_at DESC);
CREATE INDEX indicator_values_unit_year_idx ON indicator_values (unit_id, year) WHERE current;
