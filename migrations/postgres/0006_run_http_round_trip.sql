-- 0006_run_http_round_trip.sql (PostgreSQL): the round trip of an empty HTTP request measured
-- when a run with `transport: http` points starts (NULL otherwise).
ALTER TABLE run ADD COLUMN httpRoundTripNanos DOUBLE PRECISION;
