-- Change events (issue 13): the transactional outbox. Every state change of a case object
-- writes one row here in the transaction of the change, so an event exists exactly when its
-- change committed. Thin: ids and states, never names, personnummer or free text.
--
-- `xid` is the writing transaction's id. The feed hands out only events whose transaction is
-- older than the oldest transaction still in flight (xid < pg_snapshot_xmin), ordered by
-- (xid, position): an event that commits later can then never sort before a cursor already
-- handed out, however the transactions interleave (see src/features/change-events).
CREATE TABLE change_events (
  position     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  id           uuid NOT NULL DEFAULT gen_random_uuid() UNIQUE,
  xid          xid8 NOT NULL DEFAULT pg_current_xact_id(),
  type         text NOT NULL CHECK (type IN ('application.received', 'application.corrected', 'application.case_worker_assigned', 'application.investigated', 'application.communicated', 'application.reviewed', 'application.withdrawn', 'application.decided', 'decision.taken', 'decision.dates_changed', 'decision.appealed', 'decision.reconsidered', 'decision.forwarded_to_court', 'decision.court_outcome_recorded', 'execution.ordered', 'execution.plan_received', 'execution.started', 'execution.hours_changed', 'execution.interrupted', 'execution.resumed', 'execution.ended', 'execution.offer_made', 'execution.offer_answered', 'execution.delay_accounted', 'follow_up.planned', 'follow_up.replanned', 'follow_up.performed', 'follow_up.cancelled', 'complaint.received', 'complaint.investigation_started', 'complaint.answered', 'complaint.closed', 'complaint.escalated', 'deviation.sent', 'deviation.responded', 'deviation.closed', 'lex_sarah_report.reported', 'lex_sarah_report.investigation_started', 'lex_sarah_report.assessed', 'lex_sarah_report.notified_to_ivo', 'lex_sarah_report.ivo_responded', 'lex_sarah_report.closed', 'indicator_value.recorded', 'indicator_value.computed', 'person.registered', 'person.corrected')),
  occurred_at  timestamptz NOT NULL DEFAULT now(),
  actor        text NOT NULL,
  unit_id      uuid NOT NULL REFERENCES units (id),
  subject_type text NOT NULL CHECK (subject_type IN ('application', 'decision', 'execution', 'follow_up', 'complaint', 'deviation', 'lex_sarah_report', 'indicator_value', 'person')),
  subject_id   uuid NOT NULL,
  person_id    uuid,
  changes      jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX change_events_feed_idx ON change_events (unit_id, xid, position);
CREATE INDEX change_events_subject_idx ON change_events (subject_id, position);

-- Like the access log, the outbox is a record of what happened: never changed afterwards.
CREATE FUNCTION change_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'change_events is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER change_events_no_update_delete BEFORE UPDATE OR DELETE ON change_events
  FOR EACH ROW EXECUTE FUNCTION change_events_append_only();

-- Webhook subscriptions of a unit. Each subscription has its own cursor into the feed
-- (cursor_xid, cursor_position): a delivery advances it only after the receiver answered 2xx,
-- so nothing is lost across a restart (at least once), and events go out one at a time in feed
-- order (in order per subject, and per subscription). A dispatcher claims a due subscription
-- with FOR UPDATE SKIP LOCKED and a short lease, so several instances share the work without
-- sending an event twice at the same moment.
CREATE TABLE webhook_subscriptions (
  id                         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  unit_id                    uuid NOT NULL REFERENCES units (id),
  target_url                 text NOT NULL,
  event_types                text[] NOT NULL DEFAULT '{}',
  description                text,
  secret                     text NOT NULL,
  previous_secret            text,
  previous_secret_expires_at timestamptz,
  sees_protected             boolean NOT NULL DEFAULT false,
  status                     text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'failing')),
  cursor_xid                 xid8 NOT NULL DEFAULT pg_snapshot_xmin(pg_current_snapshot()),
  cursor_position            bigint NOT NULL DEFAULT 0,
  failing_since              timestamptz,
  attempts                   integer NOT NULL DEFAULT 0,
  next_attempt_at            timestamptz NOT NULL DEFAULT now(),
  leased_until               timestamptz,
  created_by                 text NOT NULL,
  created_at                 timestamptz NOT NULL DEFAULT now(),
  version                    integer NOT NULL DEFAULT 1
);
CREATE INDEX webhook_subscriptions_unit_idx ON webhook_subscriptions (unit_id, created_at, id);
CREATE INDEX webhook_subscriptions_due_idx ON webhook_subscriptions (next_attempt_at) WHERE status = 'active';

-- Every delivery attempt, for the subscription's delivery log.
CREATE TABLE webhook_deliveries (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  subscription_id uuid NOT NULL REFERENCES webhook_subscriptions (id) ON DELETE CASCADE,
  event_id        uuid NOT NULL,
  attempt         integer NOT NULL,
  attempted_at    timestamptz NOT NULL DEFAULT now(),
  status_code     integer,
  error           text,
  duration_ms     integer NOT NULL,
  succeeded       boolean NOT NULL
);
CREATE INDEX webhook_deliveries_subscription_idx ON webhook_deliveries (subscription_id, id);
