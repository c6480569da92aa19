-- 0007_traces.sql: the traced repetition of each point and its spans.
-- A point gets one traced repetition after its measured ones (`speedlab run --no-trace` skips
-- it). It is kept here, not as a row of `sample`, so no statistic can ever count it: `trace`
-- holds its wall time, `span` what happened when and on which thread. Times are nanoseconds
-- on the monotonic clock from the repetition's start.
CREATE TABLE trace (
  pointId   INTEGER PRIMARY KEY REFERENCES point(id) ON DELETE CASCADE,
  wallNanos INTEGER NOT NULL,
  spanCount INTEGER NOT NULL
);

CREATE TABLE span (
  id         INTEGER PRIMARY KEY,
  pointId    INTEGER NOT NULL REFERENCES trace(pointId) ON DELETE CASCADE,
  kind       TEXT NOT NULL CHECK (kind IN ('fetch', 'permit', 'backoff', 'rejection', 'compute')),
  item       INTEGER NOT NULL,   -- the item (query) it belongs to
  service    INTEGER,            -- 0: the workload's fetch; 1 llm, 2 vector, 3 db, 4 final
  attempt    INTEGER,            -- from 1
  outcome    TEXT,               -- fetches: ok, error, timeout, cancelled, rejected, transport;
                                 -- permits: connection for a wait for an http pool's connection
  startNanos INTEGER NOT NULL,
  endNanos   INTEGER NOT NULL CHECK (endNanos >= startNanos),
  thread     TEXT NOT NULL       -- where it ran (compute) or its task resumed (fetch)
);

CREATE INDEX span_by_point ON span (pointId, startNanos);
