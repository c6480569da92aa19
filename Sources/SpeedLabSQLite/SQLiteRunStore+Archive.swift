import Foundation
import GRDB
import SpeedLabCore
import SpeedLabStore

extension SQLiteRunStore: RunDatabase {
    public var location: String { path }

    /// Folds the write-ahead log into the file, as the last connection closing would.
    public func close() throws(StoreError) { try checkpoint() }

    public func runUUIDs() throws(StoreError) -> Set<UUID> {
        let texts = try read { db in try String.fetchAll(db, sql: "SELECT uuid FROM run WHERE uuid IS NOT NULL") }
        return Set(texts.compactMap(UUID.init(uuidString:)))
    }

    public func archive(ofRun id: RunID) throws(StoreError) -> RunArchive {
        let archive: RunArchive? = try read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM run WHERE id = ?", arguments: [id]) else {
                return nil
            }
            let pointRows = try Row.fetchAll(
                db, sql: "SELECT * FROM point WHERE runId = ? ORDER BY ordinal", arguments: [id])
            var ordinalOf: [PointID: Int64] = [:]
            for point in pointRows { ordinalOf[point["id"]] = point["ordinal"] }
            let points = pointRows.map { row in
                RunArchive.Point(
                    ordinal: row["ordinal"], scenario: row["scenario"], parameters: row["parameters"],
                    baselineOrdinal: (row["baselinePointId"] as PointID?).flatMap { ordinalOf[$0] },
                    idealNanos: row["idealNanos"], idealIONanos: row["idealIONanos"],
                    idealCPUNanos: row["idealCPUNanos"], status: row["status"], error: row["error"],
                    command: row["command"])
            }
            var samples: [RunArchive.Sample] = []
            let sampleRows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT \(SampleTable.table.columnList(alias: "s"))
                    FROM sample s JOIN point p ON p.id = s.pointId WHERE p.runId = ? ORDER BY s.id
                    """, arguments: [id])
            while let row = try sampleRows.next() {
                samples.append(
                    RunArchive.Sample(
                        pointOrdinal: ordinalOf[row[0]] ?? -1, repetition: row[1], isWarmup: (row[2] as Int64) == 1,
                        wallNanos: row[3], userNanos: row[4], systemNanos: row[5], voluntarySwitches: row[6],
                        involuntarySwitches: row[7], peakRSSBytes: row[8], checksum: row[9], metrics: row[10]))
            }
            let metrics = try Row.fetchAll(
                db,
                sql: """
                    SELECT m.pointId, m.name, m.count, m.total, m.minimum, m.maximum FROM pointMetric m
                    JOIN point p ON p.id = m.pointId WHERE p.runId = ? ORDER BY p.ordinal, m.name
                    """, arguments: [id]
            ).map { row in
                RunArchive.PointMetric(
                    pointOrdinal: ordinalOf[row[0]] ?? -1, name: row[1], count: row[2], total: row[3],
                    minimum: row[4], maximum: row[5])
            }
            var traces: [RunArchive.Trace] = []
            let traceRows = try Row.fetchAll(
                db,
                sql: """
                    SELECT t.pointId, t.wallNanos, t.spanCount FROM trace t JOIN point p ON p.id = t.pointId
                    WHERE p.runId = ? ORDER BY p.ordinal
                    """, arguments: [id])
            for trace in traceRows {
                let spans = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT kind, item, service, attempt, outcome, startNanos, endNanos, thread, firstTokenNanos
                        FROM span WHERE pointId = ? ORDER BY id
                        """, arguments: [trace[0] as PointID]
                ).compactMap { row -> Span? in
                    guard let kind = Span.Kind(rawValue: row[0]) else { return nil }
                    return Span(
                        kind: kind, item: row[1], service: row[2], attempt: row[3], outcome: row[4],
                        startNanos: row[5], endNanos: row[6], thread: row[7], firstTokenNanos: row[8])
                }
                traces.append(
                    RunArchive.Trace(
                        pointOrdinal: ordinalOf[trace[0]] ?? -1, wallNanos: trace[1], spanCount: trace[2],
                        spans: spans))
            }
            let stored = try runRow(row)
            guard let uuid = stored.uuid else {
                throw StoreError.sqlite(path: path, detail: "run \(id) has no valid uuid")
            }
            return RunArchive(
                uuid: uuid, run: stored.run, points: points, samples: samples, pointMetrics: metrics, traces: traces)
        }
        guard var archive else { throw .unknownRun(reference: String(id), path: path) }
        archive.requests = try archivedRequests(of: archive, run: id)
        return archive
    }

    public func insert(_ archive: RunArchive) throws(StoreError) -> RunID? {
        try write { db -> RunID? in
            let uuid = archive.uuid.uuidString.lowercased()
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM run WHERE uuid = ?", arguments: [uuid]) == true {
                return nil
            }
            let runID = try Self.insertRun(RunRow(run: archive.run, uuid: archive.uuid), in: db)
            var pointIDs: [Int64: PointID] = [:]
            for point in archive.points {
                try db.execute(
                    sql: """
                        INSERT INTO point (runId, ordinal, scenario, parameters, idealNanos, idealIONanos, idealCPUNanos,
                          status, error, command) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        runID, point.ordinal, point.scenario, point.parameters, point.idealNanos, point.idealIONanos,
                        point.idealCPUNanos, point.status, point.error, point.command,
                    ])
                pointIDs[point.ordinal] = db.lastInsertedRowID
            }
            for point in archive.points {
                guard let baseline = point.baselineOrdinal else { continue }
                try db.execute(
                    sql: "UPDATE point SET baselinePointId = ? WHERE id = ?",
                    arguments: [pointIDs[baseline], pointIDs[point.ordinal]])
            }
            let insertSample = try SampleInsert(db, skippingStored: false)
            for sample in archive.samples {
                guard let point = pointIDs[sample.pointOrdinal] else { continue }
                _ = try insertSample.insert(
                    point: point, repetition: sample.repetition, isWarmup: sample.isWarmup,
                    wallNanos: sample.wallNanos, userNanos: sample.userNanos, systemNanos: sample.systemNanos,
                    voluntarySwitches: sample.voluntarySwitches, involuntarySwitches: sample.involuntarySwitches,
                    peakRSSBytes: sample.peakRSSBytes, checksum: sample.checksum,
                    metrics: sample.metrics.map { Array($0.utf8) })
            }
            for metric in archive.pointMetrics {
                try db.execute(
                    sql: """
                        INSERT INTO pointMetric (pointId, name, count, total, minimum, maximum) VALUES (?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        pointIDs[metric.pointOrdinal], metric.name, metric.count, metric.total, metric.minimum,
                        metric.maximum,
                    ])
            }
            for trace in archive.traces {
                guard let point = pointIDs[trace.pointOrdinal] else { continue }
                try db.execute(
                    sql: "INSERT INTO trace (pointId, wallNanos, spanCount) VALUES (?, ?, ?)",
                    arguments: [point, trace.wallNanos, trace.spanCount])
                try Self.insertSpans(trace.spans, of: point, in: db)
            }
            if !archive.requests.isEmpty {
                let insertRequest = try RequestInsert(db)
                for request in archive.requests {
                    guard let point = pointIDs[request.pointOrdinal] else { continue }
                    try insertRequest.insert(request.record, point: point, repetition: request.repetition)
                }
            }
            return runID
        }
    }
}
