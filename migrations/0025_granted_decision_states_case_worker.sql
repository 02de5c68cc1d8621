-- A case worker's worklist (issue 17): the execution state of migration 0022 carries the
-- decision's application's case worker, kept by the database when the decision is taken or moved
-- to another application and when the application is reassigned, so that each kind of execution
-- item of a case worker is one range of an index (unit, case worker, date) instead of the unit's
-- whole range filtered to the case worker afterwards (hundreds to thousands of rows read for a
-- handful kept). The worklist's queries still join the application and test its case worker: the
-- column only narrows, and test/db/granted-decision-states.test.ts holds it to the facts.

-- The facts' writers wait (reads go on) while the state is rebuilt with the column: no
-- reassignment nor execution step can slip between the copy and the triggers. The state's readers
-- wait too (the table is replaced under ACCESS EXCLUSIVE).
LOCK TABLE applications, decisions, executions, execution_hours, execution_interruptions IN SHARE ROW EXCLUSIVE MODE;

-- Rebuilt rather than updated in place: an UPDATE of every row (906,414 in the city) rewrote each
-- into five indexes and took 53 s under these locks; a copy and fresh indexes take a fraction.
SET LOCAL work_mem = '64MB';
SET LOCAL maintenance_work_mem = '256MB';
CREATE TABLE granted_decision_states_rebuilt AS
  SELECT s.*, a.assigned_case_worker AS case_worker
  FROM granted_decision_states s
  JOIN decisions d ON d.id = s.decision_id
  JOIN applications a ON a.id = d.application_id;
DROP TABLE granted_decision_states;
ALTER TABLE granted_decision_states_rebuilt RENAME TO granted_decision_states;
ALTER TABLE granted_decision_states
  ALTER COLUMN unit_id SET NOT NULL, ALTER COLUMN person_id SET NOT NULL, ALTER COLUMN service_type_code SET NOT NULL,
  ALTER COLUMN decision_date SET NOT NULL, ALTER COLUMN in_force_from SET NOT NULL,
  ADD PRIMARY KEY (decision_id);
-- 0022's indexes, as they were.
CREATE INDEX granted_decision_states_waits_idx ON granted_decision_states (unit_id, waits_settled_on, decision_date);
CREATE INDEX granted_decision_states_running_idx ON granted_decision_states (unit_id, (coalesce(ended_date, 'infinity'::date)))
  INCLUDE (started_date, service_ends_on, in_force_from, person_id, service_type_code, hours_per_month);
CREATE INDEX granted_decision_states_plan_due_idx ON granted_decision_states (unit_id, plan_due_date) WHERE plan_due_date IS NOT NULL;
CREATE INDEX granted_decision_states_not_started_idx ON granted_decision_states (unit_id) WHERE started_date IS NULL AND ended_date IS NULL;

-- The one definition again (0022's), with the application's case worker as its last column so
-- that `INSERT … SELECT *` (the refresh, the scale seed) stays column for column.
CREATE OR REPLACE VIEW granted_decision_states_from_facts AS
WITH facts AS (
  SELECT d.id, d.unit_id, d.person_id, d.service_type_code, d.hours_per_month, d.decision_date, d.valid_from, d.valid_to,
         e.started_date, e.ended_date,
         CASE WHEN e.implementation_plan_received_date IS NULL AND e.ended_date IS NULL THEN e.implementation_plan_due_date END AS plan_due_date,
         CASE WHEN e.started_date IS NULL THEN NULL
              WHEN d.hours_per_month IS NULL THEN e.started_date
              ELSE h.reached END AS full_date,
         h.last_level, h.last_hours, i.open_interruptions, i.last_resumed,
         a.assigned_case_worker
  FROM decisions d
  JOIN applications a ON a.id = d.application_id
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
       CASE WHEN full_date IS NULL OR coalesce(open_interruptions, 0) > 0 OR last_hours < hours_per_month
            THEN least(ended_date, valid_to)
            ELSE least(ended_date, valid_to, greatest(full_date, last_resumed, last_level)) END AS waits_settled_on,
       assigned_case_worker AS case_worker
FROM facts;

CREATE OR REPLACE FUNCTION refresh_granted_decision_state(p_decision uuid) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO granted_decision_states AS s
  SELECT * FROM granted_decision_states_from_facts WHERE decision_id = p_decision
  ON CONFLICT (decision_id) DO UPDATE SET
    unit_id = excluded.unit_id, person_id = excluded.person_id, service_type_code = excluded.service_type_code,
    hours_per_month = excluded.hours_per_month, decision_date = excluded.decision_date, in_force_from = excluded.in_force_from,
    started_date = excluded.started_date, ended_date = excluded.ended_date, plan_due_date = excluded.plan_due_date, service_ends_on = excluded.service_ends_on,
    waits_settled_on = excluded.waits_settled_on, case_worker = excluded.case_worker
  -- A step that changes none of it (an offer, a delay account) writes nothing.
  WHERE (s.unit_id, s.person_id, s.service_type_code, s.hours_per_month, s.decision_date, s.in_force_from, s.started_date, s.ended_date, s.plan_due_date, s.service_ends_on, s.waits_settled_on, s.case_worker)
    IS DISTINCT FROM (excluded.unit_id, excluded.person_id, excluded.service_type_code, excluded.hours_per_month, excluded.decision_date,
      excluded.in_force_from, excluded.started_date, excluded.ended_date, excluded.plan_due_date, excluded.service_ends_on, excluded.waits_settled_on, excluded.case_worker);
  IF NOT EXISTS (SELECT 1 FROM decisions WHERE id = p_decision AND outcome IN ('granted', 'partially_granted')) THEN
    DELETE FROM granted_decision_states WHERE decision_id = p_decision;
  END IF;
END
$$;

-- A decision moved to another application takes that application's case worker.
DROP TRIGGER granted_decision_state ON decisions;
CREATE TRIGGER granted_decision_state AFTER INSERT OR UPDATE OF outcome, unit_id, person_id, service_type_code, hours_per_month, decision_date, valid_from, valid_to, application_id OR DELETE
  ON decisions FOR EACH ROW EXECUTE FUNCTION granted_decision_state_of_decision();

-- A reassigned application's decisions move to the new case worker's worklist in the same
-- transaction, however it is reassigned (the API, an administrator's UPDATE).
CREATE FUNCTION granted_decision_state_of_application() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM refresh_granted_decision_state(d.id) FROM decisions d WHERE d.application_id = NEW.id AND d.outcome IN ('granted', 'partially_granted');
  RETURN NULL;
END
$$;
CREATE TRIGGER granted_decision_state AFTER UPDATE OF assigned_case_worker ON applications
  FOR EACH ROW WHEN (OLD.assigned_case_worker IS DISTINCT FROM NEW.assigned_case_worker) EXECUTE FUNCTION granted_decision_state_of_application();

-- One range per kind of a case worker's execution items: waits not settled before a day, decided
-- on or before another (IVO); the running decisions by their last valid day (expiring); plans past
-- due; executions neither started nor ended (their order's start not reported).
CREATE INDEX granted_decision_states_case_worker_waits_idx ON granted_decision_states (unit_id, case_worker, waits_settled_on, decision_date);
CREATE INDEX granted_decision_states_case_worker_ends_idx ON granted_decision_states (unit_id, case_worker, service_ends_on) WHERE ended_date IS NULL;
CREATE INDEX granted_decision_states_case_worker_plan_due_idx ON granted_decision_states (unit_id, case_worker, plan_due_date) WHERE plan_due_date IS NOT NULL;
CREATE INDEX granted_decision_states_case_worker_not_started_idx ON granted_decision_states (unit_id, case_worker) WHERE started_date IS NULL AND ended_date IS NULL;
ANALYZE granted_decision_states;
