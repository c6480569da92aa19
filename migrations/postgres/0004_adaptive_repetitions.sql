-- 0004_adaptive_repetitions.sql (PostgreSQL): the rule of a run measured with `repetitions: auto`
-- (NULL for a fixed number of repetitions).
ALTER TABLE run ADD COLUMN adaptivePrecision DOUBLE PRECISION;
ALTER TABLE run ADD COLUMN adaptiveMinimum BIGINT;
ALTER TABLE run ADD COLUMN adaptiveBudgetSeconds DOUBLE PRECISION;
