-- The access log at a city's size (issue 17): one row per request and kind of access instead
-- of one row per person touched, in monthly partitions on time.
--
-- A row is what one request did with one kind of record (action + resource type, under one
-- unit): the resources and their persons as two parallel arrays, in the order the response
-- showed them. A 50-row list is one row (one heap tuple, one entry in each btree, fifty GIN
-- entries) instead of fifty rows with four btree entries each.
--
-- Indexes, each for one reader:
--   person_ids GIN       a person's log ("who has read my data", GDPR art. 15)
--   (unit_id, id)        the unit's log review, newest first
--   (unit_id, actor, id) one user's accesses (the unit's review of a user)
--   BRIN (occurred_at)   time windows inside a month's partition (a few pages of index)
-- No primary key: the ids come from one sequence, and a partitioned table's key would have to
-- hold the time as well.
--
-- Partitions are UTC calendar months, named access_log_yYYYYmMM; a DEFAULT partition takes
-- whatever no month's partition covers, so an access is never refused for want of a partition.
-- `npm run access-log -- maintain` creates months ahead and archives months past the retention
-- (README, Access log).
--
-- audit_events keeps its shape as a view over the rows, one row per person touched, with the
-- id `row id × 1000 + position` (a row holds at most 1000 entries): what the API has always
-- shown, and what the tests and ad-hoc queries read. Inserting into the view appends a row;
-- updating or deleting through it is refused like on the table.

-- The refusal names the table or view it guards (it served only audit_events so far).
CREATE OR REPLACE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE SEQUENCE access_log_id_seq;

CREATE TABLE access_log (
  id            bigint NOT NULL DEFAULT nextval('access_log_id_seq'),
  occurred_at   timestamptz NOT NULL DEFAULT now(),
  actor         text NOT NULL,
  actor_roles   text[] NOT NULL,
  unit_id       uuid,
  action        text NOT NULL CHECK (action IN ('read', 'create', 'update', 'search')),
  resource_type text NOT NULL,
  request_id    text,
  resource_ids  text[] NOT NULL,
  person_ids    uuid[] NOT NULL,
  CHECK (cardinality(resource_ids) = cardinality(person_ids) AND cardinality(person_ids) BETWEEN 1 AND 1000)
) PARTITION BY RANGE (occurred_at);
ALTER SEQUENCE access_log_id_seq OWNED BY access_log.id;

CREATE INDEX access_log_person_idx ON access_log USING gin (person_ids);
CREATE INDEX access_log_unit_idx ON access_log (unit_id, id);
CREATE INDEX access_log_unit_actor_idx ON access_log (unit_id, actor, id);
CREATE INDEX access_log_time_idx ON access_log USING brin (occurred_at);

-- The same refusal as before, now on the rows (cloned to every partition by PostgreSQL) and,
-- for TRUNCATE (a statement trigger, which partitions do not inherit), on each partition too.
CREATE TRIGGER access_log_no_update_delete BEFORE UPDATE OR DELETE ON access_log
  FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
CREATE TRIGGER access_log_no_truncate BEFORE TRUNCATE ON access_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();
REVOKE UPDATE, DELETE, TRUNCATE ON access_log FROM PUBLIC;

-- One month's partition (month: any day of it), with its TRUNCATE trigger; nothing if it exists.
CREATE FUNCTION access_log_create_partition(month date) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  first date := date_trunc('month', month)::date;
  name text := format('access_log_y%sm%s', to_char(first, 'YYYY'), to_char(first, 'MM'));
BEGIN
  IF to_regclass(name) IS NOT NULL THEN RETURN name; END IF;
  EXECUTE format('CREATE TABLE %I PARTITION OF access_log FOR VALUES FROM (%L) TO (%L)', name,
    (first::timestamp AT TIME ZONE 'UTC'), ((first + interval '1 month')::timestamp AT TIME ZONE 'UTC'));
  EXECUTE format('CREATE TRIGGER access_log_no_truncate BEFORE TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only()', name);
  EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON %I FROM PUBLIC', name);
  RETURN name;
END
$$;

CREATE TABLE access_log_default PARTITION OF access_log DEFAULT;
CREATE TRIGGER access_log_no_truncate BEFORE TRUNCATE ON access_log_default
  FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();
REVOKE UPDATE, DELETE, TRUNCATE ON access_log_default FROM PUBLIC;

-- Months from the oldest event kept so far to two years ahead.
SELECT access_log_create_partition(m::date)
FROM generate_series(
  date_trunc('month', least((SELECT min(occurred_at) FROM audit_events), now()) AT TIME ZONE 'UTC'),
  date_trunc('month', now() AT TIME ZONE 'UTC') + interval '24 months',
  interval '1 month') AS m;

-- The events so far, one row per request and kind: the events of one request share their
-- time (the transaction's), actor, roles, unit, action, type and request id. Their order is
-- kept: rows are numbered by their first event.
INSERT INTO access_log (id, occurred_at, actor, actor_roles, unit_id, action, resource_type, request_id, resource_ids, person_ids)
SELECT row_number() OVER (ORDER BY first_id), occurred_at, actor, actor_roles, unit_id, action, resource_type, request_id, resource_ids, person_ids
FROM (
  SELECT min(id) AS first_id, occurred_at, actor, actor_roles, unit_id, action, resource_type, request_id,
         array_agg(resource_id ORDER BY id) AS resource_ids, array_agg(person_id ORDER BY id) AS person_ids
  FROM (
    SELECT a.*, (row_number() OVER (PARTITION BY occurred_at, actor, actor_roles, unit_id, action, resource_type, request_id ORDER BY id) - 1) / 1000 AS chunk
    FROM audit_events a
  ) numbered
  GROUP BY occurred_at, actor, actor_roles, unit_id, action, resource_type, request_id, chunk
) requests;
SELECT setval('access_log_id_seq', greatest((SELECT max(id) FROM access_log), 1), (SELECT max(id) FROM access_log) IS NOT NULL);

DROP TABLE audit_events;

CREATE VIEW audit_events AS
SELECT l.id * 1000 + e.ord - 1 AS id, l.occurred_at, l.actor, l.actor_roles, l.unit_id, l.action, l.resource_type,
       e.resource_id, e.person_id, l.request_id
FROM access_log l
CROSS JOIN LATERAL unnest(l.resource_ids, l.person_ids) WITH ORDINALITY AS e(resource_id, person_id, ord);

CREATE FUNCTION audit_events_append() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO access_log (occurred_at, actor, actor_roles, unit_id, action, resource_type, request_id, resource_ids, person_ids)
  VALUES (coalesce(NEW.occurred_at, now()), NEW.actor, NEW.actor_roles, NEW.unit_id, NEW.action, NEW.resource_type, NEW.request_id,
          ARRAY[NEW.resource_id], ARRAY[NEW.person_id]);
  RETURN NEW;
END
$$;
CREATE TRIGGER audit_events_append INSTEAD OF INSERT ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_append();
CREATE TRIGGER audit_events_no_update_delete INSTEAD OF UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
REVOKE UPDATE, DELETE, TRUNCATE ON audit_events FROM PUBLIC;
