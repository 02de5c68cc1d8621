-- Orders (beställningar) as documents a provider answers, and the hours a provider delivered
-- each month against the hours ordered (seed 000: "beställd tid … och utförd tid … per kund").
-- The execution facts (start, plan, interruptions, end) stay in the execution tables of 0002:
-- a provider's report writes the same rows as the unit's own action, so the IVO report, the
-- worklist and the indicators read one set of facts.

CREATE TABLE orders (
  id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  decision_id          uuid NOT NULL REFERENCES executions (decision_id),
  -- Copied from the decision so a provider's list needs no join through the unit's tables.
  person_id            uuid NOT NULL REFERENCES persons (id),
  unit_id              uuid NOT NULL REFERENCES units (id),
  provider_id          uuid NOT NULL REFERENCES providers (id),
  service_type_code    text NOT NULL REFERENCES service_types (code),
  ordered_date         date NOT NULL,
  -- Home care is ordered as a monthly time frame; other services may be ordered as visits.
  hours_per_month      numeric(7,2) CHECK (hours_per_month > 0),
  visits_per_month     integer CHECK (visits_per_month > 0 AND visits_per_month <= 1000),
  start_wanted_date    date,
  special_instructions text,
  -- What the provider needs to reach the person, as sent with the order.
  address              text,
  contact              text,
  state                text NOT NULL DEFAULT 'sent' CHECK (state IN ('sent', 'accepted', 'declined')),
  answered_date        date,
  decline_reason       text,
  version              integer NOT NULL DEFAULT 1,
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now(),
  CHECK ((state = 'sent') = (answered_date IS NULL)),
  CHECK ((state = 'declined') = (decline_reason IS NOT NULL)),
  CHECK (answered_date IS NULL OR answered_date >= ordered_date)
);
-- One live order per decision: after a decline the unit orders elsewhere.
CREATE UNIQUE INDEX orders_one_live_idx ON orders (decision_id) WHERE state <> 'declined';
CREATE INDEX orders_provider_idx ON orders (provider_id, ordered_date DESC, id DESC);
CREATE INDEX orders_unit_idx ON orders (unit_id, ordered_date DESC, id DESC);
CREATE INDEX orders_decision_idx ON orders (decision_id, created_at);
-- The monthly report and the worklist read a unit's accepted orders in hours.
CREATE INDEX orders_unit_accepted_idx ON orders (unit_id) INCLUDE (decision_id, person_id, provider_id, hours_per_month)
  WHERE state = 'accepted' AND hours_per_month IS NOT NULL;

-- Executions ordered before orders were documents: their order, as accepted by the provider
-- that has been carrying it out.
INSERT INTO orders (decision_id, person_id, unit_id, provider_id, service_type_code, ordered_date, hours_per_month, state, answered_date)
SELECT e.decision_id, d.person_id, d.unit_id, e.provider_id, d.service_type_code, e.ordered_date, e.ordered_hours_per_month, 'accepted', e.ordered_date
FROM executions e JOIN decisions d ON d.id = e.decision_id
WHERE e.provider_id IS NOT NULL;

-- Hours a provider delivered on an order in a month (the month's first day), correctable until
-- the unit locks the month.
CREATE TABLE delivered_time (
  order_id    uuid NOT NULL REFERENCES orders (id),
  month       date NOT NULL CHECK (extract(day FROM month) = 1),
  hours       numeric(7,2) NOT NULL CHECK (hours >= 0 AND hours <= 744),
  reported_by text NOT NULL,
  version     integer NOT NULL DEFAULT 1,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (order_id, month)
);
-- Read by order and month (the primary key): a unit's month is its orders' rows for that month.

-- A unit's month, once checked, is locked: delivered time of that month no longer changes.
CREATE TABLE delivered_time_locks (
  unit_id   uuid NOT NULL REFERENCES units (id),
  month     date NOT NULL CHECK (extract(day FROM month) = 1),
  locked_by text NOT NULL,
  locked_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (unit_id, month)
);
