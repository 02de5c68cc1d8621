-- No existence oracle for a protected identity (issue 20). A caller who may not see persons with
-- protected identity and registers (or corrects a person to) the number of such a person gets a
-- new record, as if nobody held the number; the clash is kept here for those who hold the
-- `protected_identity` permission to resolve (merge or keep apart). So the number is unique in a
-- unit among the persons without protected identity only; the service checks the rest.
ALTER TABLE persons DROP CONSTRAINT persons_unit_id_personal_identity_number_key;
CREATE UNIQUE INDEX persons_unit_number_unprotected_idx ON persons (unit_id, personal_identity_number) WHERE NOT protected_identity;
CREATE INDEX persons_unit_number_idx ON persons (unit_id, personal_identity_number);

CREATE TABLE identity_clashes (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  unit_id             uuid NOT NULL REFERENCES units (id),
  -- The hidden person whose number was used, and the record registered or corrected with it.
  protected_person_id uuid NOT NULL REFERENCES persons (id),
  person_id           uuid NOT NULL REFERENCES persons (id),
  detected_at         timestamptz NOT NULL DEFAULT now(),
  resolved_at         timestamptz
);
CREATE INDEX identity_clashes_open_idx ON identity_clashes (unit_id, detected_at) WHERE resolved_at IS NULL;
