-- A decision is in its person's unit. Access checks on decisions rely on it (they test the
-- decision's unit and look up only protected identities, see routes/access.ts), so the database
-- enforces it rather than trusting every writer.
ALTER TABLE persons ADD CONSTRAINT persons_id_unit_key UNIQUE (id, unit_id);
ALTER TABLE decisions ADD CONSTRAINT decisions_person_unit_fkey
  FOREIGN KEY (person_id, unit_id) REFERENCES persons (id, unit_id);
