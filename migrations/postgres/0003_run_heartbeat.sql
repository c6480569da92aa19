-- 0003_run_heartbeat.sql (PostgreSQL): when the process measuring a run last showed it was alive.
-- The writer updates it with every round it stores and at least every 30 s, so a `running` run
-- whose heartbeat is old is crashed, whichever host measured it.
ALTER TABLE run ADD COLUMN heartbeatAt TEXT;
UPDATE run SET heartbeatAt = finishedAt WHERE finishedAt IS NOT NULL;
