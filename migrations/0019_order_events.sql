-- Orders (migration 0013) announce their answers and monthly reports, and discharge episodes
-- (migration 0012) their notices and planning, as change events (migration 0009): 'order' and
-- 'discharge_episode' become subject types of the outbox.
ALTER TABLE change_events DROP CONSTRAINT change_events_subject_type_check;
ALTER TABLE change_events ADD CONSTRAINT change_events_subject_type_check CHECK (subject_type IN (
  'application', 'decision', 'execution', 'follow_up', 'complaint', 'deviation', 'lex_sarah_report', 'indicator_value', 'person', 'order', 'discharge_episode'
));
