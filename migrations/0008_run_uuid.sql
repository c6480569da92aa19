-- 0008_run_uuid.sql: every run's identity across stores.
-- Run ids are numbers local to one database; a run copied into another store (`speedlab
-- import`) keeps its UUID, which is how a second import of the same run is recognised and
-- skipped. Runs from before this migration get a random (version 4) UUID here, and so does a
-- run a script inserts without one (the trigger below). Each randomblob() call is evaluated
-- per row.
ALTER TABLE run ADD COLUMN uuid TEXT;
UPDATE run SET uuid = lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4'
  || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1)
  || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)));
CREATE UNIQUE INDEX run_by_uuid ON run(uuid);

CREATE TRIGGER run_uuid_default AFTER INSERT ON run WHEN NEW.uuid IS NULL
BEGIN
  UPDATE run SET uuid = lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4'
    || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1)
    || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))
  WHERE id = NEW.id;
END;
