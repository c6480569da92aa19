-- 0006_run_http_round_trip.sql: the round trip of an empty HTTP request on a warm connection
-- (median of a few hundred, zero latency), measured when a run with `transport: http` points
-- starts. Ideal times of http points add it once per call on the critical path. NULL for runs
-- without http points.
ALTER TABLE run ADD COLUMN httpRoundTripNanos REAL;
