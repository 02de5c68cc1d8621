-- Indexes for a whole city's ten-year history (issue 6), each for a query that runs: the
-- keyset ORDER BY of a list filter, a worklist, a report or a formula. Found with
-- `npm run explain` on the scaled data; test/db/query-plans.test.ts keeps them in use. Not
-- added, because the planner did not use them: audit events by (unit, time) — the list walks
-- the primary key newest first, which is as fast while ids follow time — and interruptions by
-- start date (the IVO prefilter hashes the few open or recent ones instead).

-- GET /v1/decisions?serviceType=… and ?outcome=…: the filter and the keyset order
-- (decision_date DESC, id DESC) in one index, so a rare service type or outcome does not walk
-- the unit's whole history to fill a page.
CREATE INDEX decisions_unit_type_date_idx ON decisions (unit_id, service_type_code, decision_date DESC, id DESC);
CREATE INDEX decisions_unit_outcome_date_idx ON decisions (unit_id, outcome, decision_date DESC, id DESC);

-- Granted decisions of a unit by decision date, with what the IVO prefilter and the worklist
-- test on the decision itself: answered from the index alone, without reading the rows of
-- decisions that the execution facts then rule out. Replaces the narrower index of 0002.
CREATE INDEX decisions_unit_granted_cover_idx ON decisions (unit_id, decision_date, id) INCLUDE (valid_to, hours_per_month)
  WHERE outcome IN ('granted', 'partially_granted');
DROP INDEX decisions_unit_granted_idx;

-- share_current_decisions: the next decision of the same person and service type.
CREATE INDEX decisions_person_type_date_idx ON decisions (person_id, service_type_code, decision_date);

-- GET /v1/applications?caseWorker=… (and the case worker's worklist): filter and keyset order.
-- Replaces the index of 0001 that had the filter without the order.
CREATE INDEX applications_case_worker_received_idx ON applications (unit_id, assigned_case_worker, received_date DESC, id DESC);
DROP INDEX applications_case_worker_idx;

-- GET /v1/applications?urgent=true: few are urgent; without it a page walks the unit's history.
CREATE INDEX applications_urgent_received_idx ON applications (unit_id, received_date DESC, id DESC) WHERE urgent;

-- Planned follow-ups of a unit in due order: the unit's worklist, ?overdue=true, ?status=planned.
CREATE INDEX follow_ups_planned_due_idx ON follow_ups (unit_id, due_date, id) WHERE status = 'planned';

-- The KIN satisfaction and safety formulas: the unit's performed KIN follow-ups in a period.
CREATE INDEX follow_ups_kin_performed_idx ON follow_ups (unit_id, performed_date)
  WHERE kind = 'kin' AND status = 'performed';
