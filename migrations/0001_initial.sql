-- 0001_initial.sql: runs, their measured points, the samples of every repetition and
-- the scenario counters of every sample, plus views for the sqlite3 shell.
-- A shipped migration is never edited: change the schema in 0002_*.sql.

CREATE TABLE run (
  id                 INTEGER PRIMARY KEY,
  label              TEXT,
  sweepName          TEXT NOT NULL,
  sweepYAML          TEXT NOT NULL,     -- the sweep exactly as given
  sweepSource        TEXT NOT NULL,     -- file path, or 'built-in'
  status             TEXT NOT NULL CHECK (status IN ('running', 'completed', 'interrupted', 'failed')),
  startedAt          TEXT NOT NULL,     -- ISO 8601, UTC
  finishedAt         TEXT,
  repetitions        INTEGER NOT NULL,
  warmup             INTEGER NOT NULL,
  seed               INTEGER NOT NULL,
  host               TEXT NOT NULL,
  operatingSystem    TEXT NOT NULL,
  kernel             TEXT NOT NULL,
  cpuModel           TEXT NOT NULL,
  logicalCores       INTEGER NOT NULL,
  memoryBytes        INTEGER NOT NULL,
  swiftVersion       TEXT NOT NULL,
  buildConfiguration TEXT NOT NULL,
  toolVersion        TEXT NOT NULL,
  gitCommit          TEXT,
  loadAverage        REAL NOT NULL,
  kernelNanosPerUnit REAL NOT NULL,     -- FNV-1a kernel cost measured at start, for ideal times
  processId          INTEGER NOT NULL   -- to tell a crashed run from a live one
) STRICT;

CREATE TABLE point (
  id               INTEGER PRIMARY KEY,
  runId            INTEGER NOT NULL REFERENCES run(id) ON DELETE CASCADE,
  ordinal          INTEGER NOT NULL,    -- position in the sweep's schedule
  scenario         TEXT NOT NULL,
  parameters       TEXT NOT NULL,       -- canonical JSON, sorted keys
  baselinePointId  INTEGER REFERENCES point(id) ON DELETE SET NULL,
  idealNanos       INTEGER,             -- lower bound of the wall time, see the scenario
  idealIONanos     INTEGER,             -- its I/O term
  idealCPUNanos    INTEGER,             -- its CPU term
  status           TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'measured', 'failed')),
  error            TEXT,
  UNIQUE (runId, scenario, parameters)
) STRICT;
CREATE INDEX point_by_scenario ON point(scenario, parameters);

CREATE TABLE sample (
  id                   INTEGER PRIMARY KEY,
  pointId              INTEGER NOT NULL REFERENCES point(id) ON DELETE CASCADE,
  repetition           INTEGER NOT NULL,
  isWarmup             INTEGER NOT NULL CHECK (isWarmup IN (0, 1)),
  wallNanos            INTEGER NOT NULL,
  userNanos            INTEGER NOT NULL,
  systemNanos          INTEGER NOT NULL,
  voluntarySwitches    INTEGER NOT NULL,
  involuntarySwitches  INTEGER NOT NULL,
  peakRSSBytes         INTEGER NOT NULL,
  checksum             INTEGER NOT NULL,  -- UInt64 kernel checksum, stored as its bit pattern
  UNIQUE (pointId, isWarmup, repetition)
) STRICT;

CREATE TABLE sampleMetric (
  sampleId  INTEGER NOT NULL REFERENCES sample(id) ON DELETE CASCADE,
  name      TEXT NOT NULL,
  value     REAL NOT NULL,
  PRIMARY KEY (sampleId, name)
) STRICT, WITHOUT ROWID;

-- Running totals of each metric per point (measured samples only), kept in step with
-- sampleMetric by every insert, so reports need not read every sample's metrics.
CREATE TABLE pointMetric (
  pointId  INTEGER NOT NULL REFERENCES point(id) ON DELETE CASCADE,
  name     TEXT NOT NULL,
  count    INTEGER NOT NULL,
  total    REAL NOT NULL,
  minimum  REAL NOT NULL,
  maximum  REAL NOT NULL,
  PRIMARY KEY (pointId, name)
) STRICT, WITHOUT ROWID;

-- Every measured (non-warm-up) repetition with its run and point, in milliseconds.
CREATE VIEW measurement AS
SELECT r.id AS runId, r.label, r.startedAt, r.status AS runStatus, r.host, r.buildConfiguration,
       p.id AS pointId, p.scenario, p.parameters, s.repetition,
       s.wallNanos / 1e6 AS wallMs,
       (s.userNanos + s.systemNanos) / 1e6 AS cpuMs,
       s.voluntarySwitches, s.involuntarySwitches, s.peakRSSBytes, s.checksum
FROM sample s
JOIN point p ON p.id = s.pointId
JOIN run r ON r.id = p.runId
WHERE s.isWarmup = 0;

-- One row per point: sample count, mean/min/max wall time, ideal time and the baseline.
CREATE VIEW pointSummary AS
SELECT p.runId, p.id AS pointId, p.scenario, p.parameters, p.status,
       COUNT(s.id) AS samples,
       AVG(s.wallNanos) / 1e6 AS meanWallMs,
       MIN(s.wallNanos) / 1e6 AS minWallMs,
       MAX(s.wallNanos) / 1e6 AS maxWallMs,
       p.idealNanos / 1e6 AS idealMs,
       p.baselinePointId
FROM point p
LEFT JOIN sample s ON s.pointId = p.id AND s.isWarmup = 0
GROUP BY p.id;
