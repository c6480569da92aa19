-- 0005_sample_metrics_json.sql: a sample's metrics as one JSON object on its row.
-- One row per metric per sample made every stored sample cost several inserts; the metrics now
-- travel with their sample (`{"calls":16,"wake_late_p99_ms":0.25}`), and `sampleMetric`
-- becomes a view with the same columns as the table it replaces, so queries keep working.
ALTER TABLE sample ADD COLUMN metrics TEXT;
UPDATE sample SET metrics = (
  SELECT json_group_object(m.name, m.value) FROM sampleMetric m WHERE m.sampleId = sample.id
) WHERE EXISTS (SELECT 1 FROM sampleMetric m WHERE m.sampleId = sample.id);
DROP TABLE sampleMetric;
CREATE VIEW sampleMetric AS
SELECT s.id AS sampleId, j.key AS name, j.value AS value
FROM sample s, json_each(s.metrics) AS j
WHERE s.metrics IS NOT NULL;

-- Rows written into the view land in their sample's JSON, so scripts and tools that wrote
-- one row per metric keep working.
CREATE TRIGGER sampleMetric_insert INSTEAD OF INSERT ON sampleMetric
BEGIN
  UPDATE sample
  SET metrics = json_set(COALESCE(metrics, '{}'), '$."' || replace(NEW.name, '"', '""') || '"', NEW.value)
  WHERE id = NEW.sampleId;
END;
