import Foundation
import GRDB
import SpeedLabCore
import SpeedLabStore

extension SQLiteRunStore: RunRecorder {
    public func createRun(_ run: NewRun) throws(StoreError) -> RunID {
        try createRun(run, startedAt: Date())
    }

    public func finishRun(_ run: RunID, status: RunStatus) throws(StoreError) {
        try setStatus(status, ofRun: run)
    }

    /// The run's sweep and schedule, and per point its id, stored repetitions and checksum,
    /// read in one snapshot (it reads every sample's repetition number and checksum).
    public func recordedRun(_ id: RunID) throws(StoreError) -> RecordedRun {
        let run = try self.run(id, counting: false)
        var builder = RecordedRunBuilder()
        let rows = try read { db in
            let points = try Row.fetchAll(
                db, sql: "SELECT id, scenario, parameters FROM point WHERE runId = ? ORDER BY ordinal", arguments: [id])
            let samples = try Row.fetchCursor(
                db,
                sql: """
                    SELECT s.pointId, s.repetition, s.isWarmup, s.checksum, s.wallNanos FROM sample s
                    JOIN point p ON p.id = s.pointId
                    WHERE p.runId = ?
                    """,
                arguments: [id])
            while let row = try samples.next() {
                builder.addSample(
                    point: row[0], repetition: row[1], isWarmup: (row[2] as Int64) != 0, checksum: row[3],
                    wallNanos: row[4])
            }
            return points
        }
        let traced = try tracedPoints(ofRun: id)
        for row in rows {
            let pointID: PointID = row["id"]
            let key = try pointKey(run: id, point: pointID, scenario: row["scenario"], parameters: row["parameters"])
            builder.addPoint(pointID, key: key, hasTrace: traced.contains(pointID))
        }
        return builder.build(run)
    }

    /// Inserts a batch of samples, each with its metrics as one JSON object on its row, in one
    /// write transaction through one prepared statement (see `docs/performance.md` for the rate),
    /// and updates the run's heartbeat in the same transaction: every stored round is a sign of
    /// life that other hosts can see.
    public func record(_ batch: [PointSample]) throws {
        guard !batch.isEmpty else { return }
        try write { db in
            try db.execute(
                sql: "UPDATE run SET heartbeatAt = ? WHERE id = (SELECT runId FROM point WHERE id = ?)",
                arguments: [Timestamp.string(Date()), batch[0].pointID])
            let sampleInsert = try SampleInsert(db, skippingStored: true)
            let requestInsert = batch.contains { !$0.sample.requests.isEmpty } ? try RequestInsert(db) : nil
            var json = MetricsJSON()
            var totals = MetricTotals()
            for item in batch {
                let sample = item.sample
                let written = try sampleInsert.insert(
                    point: item.pointID, repetition: Int64(sample.repetition), isWarmup: sample.isWarmup,
                    wallNanos: sample.wallNanos, userNanos: sample.userNanos, systemNanos: sample.systemNanos,
                    voluntarySwitches: sample.voluntarySwitches, involuntarySwitches: sample.involuntarySwitches,
                    peakRSSBytes: sample.peakRSSBytes, checksum: Int64(bitPattern: sample.checksum),
                    metrics: json.encode(sample.metrics))
                guard written else { continue }  // a stored repetition is kept as it was
                if !sample.isWarmup { totals.add(sample.metrics, point: item.pointID) }
                for request in sample.requests {
                    try requestInsert?.insert(request, point: item.pointID, repetition: Int64(sample.repetition))
                }
            }
            try totals.store(in: db)
        }
    }

    public func setStatus(_ status: PointStatus, error: String?, of point: PointID) throws {
        try write { db in
            try db.execute(
                sql: "UPDATE point SET status = ?, error = ? WHERE id = ?",
                arguments: [status.rawValue, error, point])
        }
    }
}
