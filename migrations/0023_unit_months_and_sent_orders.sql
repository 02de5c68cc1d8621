-- Delivered time by unit and month (issue 14): the monthly report and the worklist's check of
-- delivered against ordered time read one unit's months, which without the unit on the row meant
-- reading every delivered month of the city for those months, or every order of the unit. The
-- unit and the ordered hours are the order's (an order never changes unit or hours: a change is
-- a new order), copied when the month is reported, so that the months below the ordered hours
-- are found from this index alone.
ALTER TABLE delivered_time
  ADD COLUMN unit_id uuid REFERENCES units (id),
  ADD COLUMN ordered_hours numeric(7,2);
UPDATE delivered_time dt SET unit_id = o.unit_id, ordered_hours = o.hours_per_month FROM orders o WHERE o.id = dt.order_id;
ALTER TABLE delivered_time ALTER COLUMN unit_id SET NOT NULL;
CREATE INDEX delivered_time_unit_month_idx ON delivered_time (unit_id, month) INCLUDE (order_id, hours, ordered_hours);

-- The worklist's orders still awaiting the provider's answer: few, found without reading the
-- unit's orders.
CREATE INDEX orders_sent_idx ON orders (unit_id, ordered_date) WHERE state = 'sent';

-- A case worker works in one unit: told so, the planner no longer takes a case worker's
-- applications for a hundredth of what they are (unit and case worker counted as independent)
-- and starts a case worker's worklist from the unit's few items instead of their whole history.
CREATE STATISTICS applications_unit_case_worker_stats (dependencies, ndistinct) ON unit_id, assigned_case_worker FROM applications;
ANALYZE applications;

-- The IVO bounds' "interrupted and not resumed before the window" is hashed from the
-- interruptions open or resumed since (few); without an index on the end it read them all.
CREATE INDEX execution_interruptions_end_idx ON execution_interruptions (end_date);
