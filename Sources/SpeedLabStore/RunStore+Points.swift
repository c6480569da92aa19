import GRDB
import SpeedLabCore

extension RunStore {
    /// Registers the points of a run (baselines linked by ordinal) and returns ids by ordinal.
    /// Points that already exist (same scenario and parameters) keep their ids.
    @discardableResult
    public func registerPoints(_ points: [NewPoint], run: RunID) throws(StoreError) -> [Int: PointID] {
        try write { db in
            var ids: [Int: PointID] = [:]
            for point in points {
                try db.execute(
                    sql: """
                        INSERT INTO point (runId, ordinal, scenario, parameters, idealNanos, idealIONanos, idealCPUNanos)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (runId, scenario, parameters) DO NOTHING
                        """,
                    arguments: [
                        run, point.ordinal, point.scenario, point.parameters.canonicalJSON, point.idealNanos,
                        point.idealIONanos, point.idealCPUNanos,
                    ])
                ids[point.ordinal] = try PointID.fetchOne(
                    db, sql: "SELECT id FROM point WHERE runId = ? AND scenario = ? AND parameters = ?",
                    arguments: [run, point.scenario, point.parameters.canonicalJSON])
            }
            for point in points {
                guard let baseline = point.baselineOrdinal, let id = ids[point.ordinal] else { continue }
                try db.execute(
                    sql: "UPDATE point SET baselinePointId = ? WHERE id = ?", arguments: [ids[baseline], id])
            }
            return ids
        }
    }

    /// The points of a run in schedule order; with `withRepetitions`, also the repetitions each
    /// already has (what `--resume` needs; it reads every sample of the run).
    public func points(ofRun run: RunID, withRepetitions: Bool = false) throws(StoreError) -> [StoredPoint] {
        try read { db in
            let rows = try Row.fetchAll(
                db, sql: "SELECT * FROM point WHERE runId = ? ORDER BY ordinal", arguments: [run])
            var repetitions: [PointID: Set<Int>] = [:]
            guard withRepetitions else { return rows.map { Self.point($0, repetitions: &repetitions) } }
            let sampleRows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT s.pointId, s.repetition FROM sample s JOIN point p ON p.id = s.pointId
                    WHERE p.runId = ? AND s.isWarmup = 0
                    """,
                arguments: [run])
            while let row = try sampleRows.next() {
                repetitions[row[0], default: []].insert(row[1])
            }
            return rows.map { Self.point($0, repetitions: &repetitions) }
        }
    }

    private static func point(_ row: Row, repetitions: inout [PointID: Set<Int>]) -> StoredPoint {
        StoredPoint(
            id: row["id"], ordinal: row["ordinal"], scenario: row["scenario"],
            parametersJSON: row["parameters"], baselinePointID: row["baselinePointId"],
            idealNanos: row["idealNanos"], idealIONanos: row["idealIONanos"], idealCPUNanos: row["idealCPUNanos"],
            status: PointStatus(rawValue: row["status"]) ?? .pending,
            error: row["error"], measuredRepetitions: repetitions[row["id"]] ?? [])
    }
}
