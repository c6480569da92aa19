-- 0002_run_lookup_indexes.sql: indexes for the lookups `history` and run names make.
-- Runs are found by label (`speedlab compare nightly …`, `history --label`), and a point's
-- series across runs by scenario and parameters.
CREATE INDEX run_by_label ON run(label, id);
CREATE INDEX point_by_key ON point(scenario, parameters, runId);
