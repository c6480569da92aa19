-- 0008_run_uuid.sql: every run's identity across stores.
-- Run ids are numbers local to one database; a run copied into another store (`speedlab
-- import`) keeps its UUID, which is how a second import of the same run is recognised and
-- skipped. Runs from before this migration get a random (version 4) UUID here, and so does a
-- run a script inserts without one (the trigger below).
ALTER TABLE run ADD COLUMN uuid TEXT;
UPDATE run SET uuid = (
  WITH r(h) AS (SELECT lower(hex(randomblob(16))))
  SELECT substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-4' || substr(h, 14, 3) || '-'
    || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(h, 18, 3) || '-' || substr(h, 21, 12)
  FROM r
);
CREATE UNIQUE INDEX run_by_uuid ON run(uuid);

CREATE TRIGGER run_uuid_default AFTER INSERT ON run WHEN NEW.uuid IS NULL
BEGIN
  UPDATE run SET uuid = (
    WITH r(h) AS (SELECT lower(hex(randomblob(16))))
    SELECT substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-4' || substr(h, 14, 3) || '-'
      || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(h, 18, 3) || '-' || substr(h, 21, 12)
    FROM r
  ) WHERE id = NEW.id;
END;
