-- Decisions are checked for a protected identity without joining their person: a small index of
-- just the protected persons answers "is this person protected?" without reading person rows.
CREATE INDEX persons_protected_idx ON persons (id) WHERE protected_identity;
