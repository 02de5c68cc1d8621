-- Indexable execution state (issue 17): one row per granted decision, kept by the database
-- from the facts of migration 0002 (the decision, its execution, executed hours and
-- interruptions) in the same transaction as every change of them, so that the worklist, the IVO
-- report, the computed indicator and the monthly volumes find the few decisions that can matter
-- through an index instead of reading every granted decision of the unit.
--
-- The rules stay those of src/domain/not-executed.ts: these columns only narrow the decisions to
-- a superset of those the rules can pick (test/db/granted-decision-states.test.ts holds the
-- maintained rows to the domain's own reading of the facts).

CREATE TABLE granted_decision_states (
  -- No foreign key: the row is derived from the decision by the trigger below, never written
  -- otherwise (and a key checked row by row would double the backfill's time under lock).
  decision_id       uuid PRIMARY KEY,
  unit_id           uuid NOT NULL,
  person_id         uuid NOT NULL,
  service_type_code text NOT NULL,
  hours_per_month   numeric(7,2),
  decision_date     date NOT NULL,
  -- The first day in force: valid_from, else the decision date.
  in_force_from     date NOT NULL,
  started_date      date,
  -- The execution's end (ended_date of executions).
  ended_date        date,
  -- The implementation plan's due date while it has not arrived and the service has not ended.
  plan_due_date     date,
  -- The day the service stopped: the execution's end or the decision's last valid day,
  -- whichever came first; null while it runs on.
  service_ends_on   date,
  -- The day the last of the decision's waits (from the decision date, an interruption, a cut in
  -- the executed hours) was resolved — never earlier than the domain's own resolution — or null
  -- while one is open. Resolutions are dated facts, not today: a decision settled on a day stays
  -- settled until a new fact (an interruption, a reduction, a change on appeal) reopens it.
  waits_settled_on  date
);

-- The state as the facts give it, for every granted decision: the one definition, read by the
-- backfill below, the trigger, the scale seed (after its COPY) and the consistency test.
CREATE VIEW granted_decision_states_from_facts AS
WITH facts AS (
  SELECT d.id, d.unit_id, d.person_id, d.service_type_code, d.hours_per_month, d.decision_date, d.valid_from, d.valid_to,
         e.started_date, e.ended_date,
         CASE WHEN e.implementation_plan_received_date IS NULL AND e.ended_date IS NULL THEN e.implementation_plan_due_date END AS plan_due_date,
         -- The whole granted service given: the start, or for hours the first level that reached the granted.
         CASE WHEN e.started_date IS NULL THEN NULL
              WHEN d.hours_per_month IS NULL THEN e.started_date
              ELSE h.reached END AS full_date,
         h.last_level, h.last_hours, i.open_interruptions, i.last_resumed
  FROM decisions d
  LEFT JOIN executions e ON e.decision_id = d.id
  LEFT JOIN (
    SELECT hh.decision_id,
           min(hh.effective_date) FILTER (WHERE hh.hours_per_month >= hd.hours_per_month) AS reached,
           max(hh.effective_date) AS last_level,
           (array_agg(hh.hours_per_month ORDER BY hh.effective_date DESC))[1] AS last_hours
    FROM execution_hours hh JOIN decisions hd ON hd.id = hh.decision_id
    GROUP BY hh.decision_id
  ) h ON h.decision_id = d.id
  LEFT JOIN (
    SELECT ii.decision_id, count(*) FILTER (WHERE ii.end_date IS NULL) AS open_interruptions, max(ii.end_date) AS last_resumed
    FROM execution_interruptions ii
    GROUP BY ii.decision_id
  ) i ON i.decision_id = d.id
  WHERE d.outcome IN ('granted', 'partially_granted')
)
SELECT id AS decision_id, unit_id, person_id, service_type_code, hours_per_month, decision_date,
       coalesce(valid_from, decision_date) AS in_force_from,
       started_date,
       ended_date,
       plan_due_date,
       least(ended_date, valid_to) AS service_ends_on,
       -- Every wait ends at the latest when the service ends or the decision lapses. Before
       -- that: open while not fully executed, interrupted, or cut below the granted hours (the
       -- last level after the full one is below the granted); else settled on the last of the
       -- full execution, the resumptions and the changes of hours.
       CASE WHEN full_date IS NULL OR coalesce(open_interruptions, 0) > 0 OR last_hours < hours_per_month
            THEN least(ended_date, valid_to)
            ELSE least(ended_date, valid_to, greatest(full_date, last_resumed, last_level)) END AS waits_settled_on
FROM facts;

CREATE FUNCTION refresh_granted_decision_state(p_decision uuid) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO granted_decision_states AS s
  SELECT * FROM granted_decision_states_from_facts WHERE decision_id = p_decision
  ON CONFLICT (decision_id) DO UPDATE SET
    unit_id = excluded.unit_id, person_id = excluded.person_id, service_type_code = excluded.service_type_code,
    hours_per_month = excluded.hours_per_month, decision_date = excluded.decision_date, in_force_from = excluded.in_force_from,
    started_date = excluded.started_date, ended_date = excluded.ended_date, plan_due_date = excluded.plan_due_date, service_ends_on = excluded.service_ends_on, waits_settled_on = excluded.waits_settled_on
  -- A step that changes none of it (an offer, a delay account) writes nothing.
  WHERE (s.unit_id, s.person_id, s.service_type_code, s.hours_per_month, s.decision_date, s.in_force_from, s.started_date, s.ended_date, s.plan_due_date, s.service_ends_on, s.waits_settled_on)
    IS DISTINCT FROM (excluded.unit_id, excluded.person_id, excluded.service_type_code, excluded.hours_per_month, excluded.decision_date,
      excluded.in_force_from, excluded.started_date, excluded.ended_date, excluded.plan_due_date, excluded.service_ends_on, excluded.waits_settled_on);
  IF NOT EXISTS (SELECT 1 FROM decisions WHERE id = p_decision AND outcome IN ('granted', 'partially_granted')) THEN
    DELETE FROM granted_decision_states WHERE decision_id = p_decision;
  END IF;
END
$$;

CREATE FUNCTION granted_decision_state_of_decision() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM refresh_granted_decision_state(CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END);
  RETURN NULL;
END
$$;

CREATE FUNCTION granted_decision_state_of_fact() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN PERFORM refresh_granted_decision_state(OLD.decision_id); END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND (TG_OP = 'INSERT' OR NEW.decision_id IS DISTINCT FROM OLD.decision_id) THEN
    PERFORM refresh_granted_decision_state(NEW.decision_id);
  END IF;
  RETURN NULL;
END
$$;

-- Writes wait while the state is filled (reads do not): no change of the facts can slip between
-- the backfill and the triggers.
LOCK TABLE decisions, executions, execution_hours, execution_interruptions IN SHARE ROW EXCLUSIVE MODE;

CREATE TRIGGER granted_decision_state AFTER INSERT OR UPDATE OF outcome, unit_id, person_id, service_type_code, hours_per_month, decision_date, valid_from, valid_to OR DELETE
  ON decisions FOR EACH ROW EXECUTE FUNCTION granted_decision_state_of_decision();
CREATE TRIGGER granted_decision_state AFTER INSERT OR UPDATE OF decision_id, started_date, ended_date, implementation_plan_due_date, implementation_plan_received_date OR DELETE
  ON executions FOR EACH ROW EXECUTE FUNCTION granted_decision_state_of_fact();
CREATE TRIGGER granted_decision_state AFTER INSERT OR UPDATE OF decision_id, effective_date, hours_per_month OR DELETE
  ON execution_hours FOR EACH ROW EXECUTE FUNCTION granted_decision_state_of_fact();
CREATE TRIGGER granted_decision_state AFTER INSERT OR UPDATE OF decision_id, start_date, end_date OR DELETE
  ON execution_interruptions FOR EACH ROW EXECUTE FUNCTION granted_decision_state_of_fact();

-- A million decisions are joined with their facts in one pass: hash joins in memory.
SET LOCAL work_mem = '64MB';
INSERT INTO granted_decision_states SELECT * FROM granted_decision_states_from_facts;

-- What can matter on or after a day: the waits not settled before it. Nulls (open waits) first
-- in the same index.
CREATE INDEX granted_decision_states_waits_idx ON granted_decision_states (unit_id, waits_settled_on, decision_date);
-- The executions not ended before a day, with what the monthly volumes count (read from the index
-- alone) and what the delivered-time report narrows its orders with. An execution not ended
-- sorts after every day, so that one range of the index holds exactly those not ended before it.
CREATE INDEX granted_decision_states_running_idx ON granted_decision_states (unit_id, (coalesce(ended_date, 'infinity'::date)))
  INCLUDE (started_date, service_ends_on, in_force_from, person_id, service_type_code, hours_per_month);
-- The worklist's checks of an execution's steps: plans past due and not received, and executions
-- neither started nor ended (whose order's start is not reported) — few, found without reading
-- the unit's decisions.
CREATE INDEX granted_decision_states_plan_due_idx ON granted_decision_states (unit_id, plan_due_date) WHERE plan_due_date IS NOT NULL;
CREATE INDEX granted_decision_states_not_started_idx ON granted_decision_states (unit_id) WHERE started_date IS NULL AND ended_date IS NULL;
