import Foundation
import GRDB
import SpeedLabCore

extension RunStore: RunRecorder {
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
        let (rows, repetitions, checksums, walls) = try read { db in
            let points = try Row.fetchAll(
                db, sql: "SELECT id, scenario, parameters FROM point WHERE runId = ? ORDER BY ordinal", arguments: [id])
            var repetitions: [PointID: Set<Int>] = [:]
            var checksums: [PointID: UInt64] = [:]
            var walls: [PointID: [Double]] = [:]
            let samples = try Row.fetchCursor(
                db,
                sql: """
                    SELECT s.pointId, s.repetition, s.isWarmup, s.checksum, s.wallNanos FROM sample s
                    JOIN point p ON p.id = s.pointId
                    WHERE p.runId = ?
                    """,
                arguments: [id])
            while let row = try samples.next() {
                let point: PointID = row[0]
                if (row[2] as Int64) == 0 {
                    repetitions[point, default: []].insert(row[1])
                    walls[point, default: []].append(Double(row[4] as Int64))
                }
                if checksums[point] == nil { checksums[point] = UInt64(bitPattern: row[3] as Int64) }
            }
            return (points, repetitions, checksums, walls)
        }
        let traced = try tracedPoints(ofRun: id)
        var points: [PointKey: RecordedPoint] = [:]
        for row in rows {
            let pointID: PointID = row["id"]
            let key = try pointKey(run: id, point: pointID, scenario: row["scenario"], parameters: row["parameters"])
            points[key] = RecordedPoint(
                id: pointID, measuredRepetitions: repetitions[pointID] ?? [], checksum: checksums[pointID],
                measuredWallNanos: walls[pointID] ?? [], hasTrace: traced.contains(pointID))
        }
        return RecordedRun(
            id: id, status: run.status, storedStatus: run.storedStatus, processID: run.environment.processID,
            host: run.environment.host, sweepYAML: run.sweepYAML,
            sweepSource: run.sweepSource, repetitions: run.repetitions, warmup: run.warmup,
            kernelNanosPerUnit: run.kernelNanosPerUnit, adaptive: run.adaptive,
            httpRoundTripNanos: run.httpRoundTripNanos, points: points)
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
            let sampleInsert = try PreparedStatement(
                db,
                sql: """
                    INSERT INTO sample (pointId, repetition, isWarmup, wallNanos, userNanos, systemNanos,
                      voluntarySwitches, involuntarySwitches, peakRSSBytes, checksum, metrics)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (pointId, isWarmup, repetition) DO NOTHING
                    """)
            var json = MetricsJSON()
            var totals = MetricTotals()
            for item in batch {
                let sample = item.sample
                sampleInsert.bind(1, item.pointID)
                sampleInsert.bind(2, Int64(sample.repetition))
                sampleInsert.bind(3, Int64(sample.isWarmup ? 1 : 0))
                sampleInsert.bind(4, sample.wallNanos)
                sampleInsert.bind(5, sample.userNanos)
                sampleInsert.bind(6, sample.systemNanos)
                sampleInsert.bind(7, sample.voluntarySwitches)
                sampleInsert.bind(8, sample.involuntarySwitches)
                sampleInsert.bind(9, sample.peakRSSBytes)
                sampleInsert.bind(10, Int64(bitPattern: sample.checksum))
                if let text = json.encode(sample.metrics) {
                    sampleInsert.bind(11, text: text)
                } else {
                    sampleInsert.bindNull(11)
                }
                guard try sampleInsert.insert() else { continue }  // a stored repetition is kept as it was
                if !sample.isWarmup { totals.add(sample.metrics, point: item.pointID) }
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
