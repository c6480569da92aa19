-- 0003_run_heartbeat.sql: when the process measuring a run last showed it was alive.
-- The writer updates it when a run opens, every 30 s while it measures, and when it ends, so
-- a `running` run whose heartbeat is old is crashed, on this host or any other, and a crashed
-- run's duration ends at its last sign of life instead of growing.
ALTER TABLE run ADD COLUMN heartbeatAt TEXT;
-- Runs from before this migration have none, unless they finished: their liveness is judged
-- by process id as before.
UPDATE run SET heartbeatAt = finishedAt WHERE finishedAt IS NOT NULL;
