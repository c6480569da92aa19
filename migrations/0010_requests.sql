-- 0010_requests.sql: every request of an llm repetition.
-- One row per request of a measured (not warm-up) repetition. Times are nanoseconds on the
-- monotonic clock from the repetition's start; a time the request never reached is NULL.
-- `arrivals` holds every content chunk's arrival compactly: each as its distance in
-- nanoseconds from the one before (the first from sentNanos), an unsigned LEB128 varint.
CREATE TABLE request (
  pointId         INTEGER NOT NULL REFERENCES point(id) ON DELETE CASCADE,
  repetition      INTEGER NOT NULL,
  request         INTEGER NOT NULL,
  scheduledNanos  INTEGER,           -- an open loop's due time (NULL in a closed loop)
  sentNanos       INTEGER NOT NULL,
  firstByteNanos  INTEGER,
  firstTokenNanos INTEGER,
  endNanos        INTEGER,
  promptTokens    INTEGER,
  outputTokens    INTEGER NOT NULL,
  tokenSource     TEXT NOT NULL CHECK (tokenSource IN ('usage', 'chunks')),
  chunks          INTEGER NOT NULL,
  status          INTEGER,
  error           TEXT,
  arrivals        BLOB NOT NULL,
  PRIMARY KEY (pointId, repetition, request)
) STRICT, WITHOUT ROWID;

-- A traced fetch of a streamed answer keeps when its first token arrived (the timeline's tick).
ALTER TABLE span ADD COLUMN firstTokenNanos INTEGER;
