-- 0005_sample_metrics_json.sql (PostgreSQL): a sample's metrics as one JSON object on its row.
-- `json` (not `jsonb`) keeps the object as written, key order included, so a run copied between
-- stores is unchanged; `sampleMetric` becomes a view with the columns of the table it replaces.
ALTER TABLE sample ADD COLUMN metrics JSON;
UPDATE sample SET metrics = m.object
FROM (SELECT sampleId, json_object_agg(name, value) AS object FROM sampleMetric GROUP BY sampleId) m
WHERE m.sampleId = sample.id;
DROP TABLE sampleMetric;
CREATE VIEW sampleMetric AS
SELECT s.id AS sampleId, j.key AS name, (j.value #>> '{}')::DOUBLE PRECISION AS value
FROM sample s, json_each(s.metrics) AS j
WHERE s.metrics IS NOT NULL;
