-- Delivered time by unit and month (issue 14): the monthly report and the worklist's check of
-- delivered against ordered time read one unit's month, which without the unit on the row meant
-- reading every delivered month of the city's orders for that month, or every order of the unit.
-- The unit is the order's (an order never changes unit), copied when the month is reported.
ALTER TABLE delivered_time ADD COLUMN unit_id uuid REFERENCES units (id);
UPDATE delivered_time dt SET unit_id = o.unit_id FROM orders o WHERE o.id = dt.order_id;
ALTER TABLE delivered_time ALTER COLUMN unit_id SET NOT NULL;
CREATE INDEX delivered_time_unit_month_idx ON delivered_time (unit_id, month) INCLUDE (hours);
