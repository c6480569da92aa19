-- 0008_run_uuid.sql (PostgreSQL): every run's identity across stores (`speedlab import` keeps
-- it, and skips a run whose UUID is already here). Runs from before get a random one, and so
-- does a run a script inserts without one.
ALTER TABLE run ADD COLUMN uuid UUID DEFAULT gen_random_uuid();
UPDATE run SET uuid = gen_random_uuid() WHERE uuid IS NULL;
ALTER TABLE run ALTER COLUMN uuid SET NOT NULL;
CREATE UNIQUE INDEX run_by_uuid ON run(uuid);
