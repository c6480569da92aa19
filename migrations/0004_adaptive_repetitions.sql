-- 0004_adaptive_repetitions.sql: the rule of a run measured with `repetitions: auto`.
-- NULL for runs with a fixed number of repetitions. For adaptive runs, `repetitions` holds the
-- most a point may get; a point stops earlier once the 95% CI of its median is within
-- ±adaptivePrecision of the median (after adaptiveMinimum repetitions), or once it has used
-- adaptiveBudgetSeconds of measured time.
ALTER TABLE run ADD COLUMN adaptivePrecision REAL;
ALTER TABLE run ADD COLUMN adaptiveMinimum INTEGER;
ALTER TABLE run ADD COLUMN adaptiveBudgetSeconds REAL;
