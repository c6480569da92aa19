-- 0002_run_lookup_indexes.sql (PostgreSQL): indexes for the lookups `history` and run names make.
CREATE INDEX run_by_label ON run(label, id);
CREATE INDEX point_by_key ON point(scenario, parameters, runId);
