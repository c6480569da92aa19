-- 0010_requests.sql (PostgreSQL): every request of an llm repetition (nanoseconds on the
-- monotonic clock from the repetition's start; `arrivals` as LEB128 varints of the gaps between
-- content chunks, the first from sentNanos). Only measured repetitions are kept.
CREATE TABLE request (
  pointId         BIGINT NOT NULL REFERENCES point(id) ON DELETE CASCADE,
  repetition      BIGINT NOT NULL,
  request         BIGINT NOT NULL,
  scheduledNanos  BIGINT,           -- an open loop's due time (NULL in a closed loop)
  sentNanos       BIGINT NOT NULL,
  firstByteNanos  BIGINT,
  firstTokenNanos BIGINT,
  endNanos        BIGINT,
  promptTokens    BIGINT,
  outputTokens    BIGINT NOT NULL,
  tokenSource     TEXT NOT NULL CHECK (tokenSource IN ('usage', 'chunks')),
  chunks          BIGINT NOT NULL,
  status          BIGINT,
  error           TEXT,
  arrivals        BYTEA NOT NULL,
  PRIMARY KEY (pointId, repetition, request)
);

-- A traced fetch of a streamed answer keeps when its first token arrived (the timeline's tick).
ALTER TABLE span ADD COLUMN firstTokenNanos BIGINT;
