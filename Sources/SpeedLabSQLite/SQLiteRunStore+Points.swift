import GRDB
import SpeedLabCore
import SpeedLabStore

extension SQLiteRunStore {
    /// Registers the points of a run (baselines linked by ordinal) and returns their ids.
    /// Points that already exist (same scenario and parameters) keep their ids and samples.
    @discardableResult
    public func registerPoints(_ points: [NewPoint], run: RunID) throws(StoreError) -> [PointKey: PointID] {
        try write { db in
            var ids: [PointKey: PointID] = [:]
            var byOrdinal: [Int: PointID] = [:]
            for point in points {
                let parameters = point.parameters.canonicalJSON
                try db.execute(
                    sql: """
                        INSERT INTO point (runId, ordinal, scenario, parameters, idealNanos, idealIONanos, idealCPUNanos,
                          command)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (runId, scenario, parameters) DO UPDATE SET command = excluded.command
                          WHERE excluded.command IS NOT NULL
                        """,
                    arguments: [
                        run, point.ordinal, point.scenario, parameters, point.idealNanos, point.idealIONanos,
                        point.idealCPUNanos, point.command,
                    ])
                let id = try PointID.fetchOne(
                    db, sql: "SELECT id FROM point WHERE runId = ? AND scenario = ? AND parameters = ?",
                    arguments: [run, point.scenario, parameters])
                ids[point.key] = id
                byOrdinal[point.ordinal] = id
            }
            for point in points {
                guard let baseline = point.baselineOrdinal, let id = byOrdinal[point.ordinal] else { continue }
                try db.execute(
                    sql: "UPDATE point SET baselinePointId = ? WHERE id = ?", arguments: [byOrdinal[baseline], id])
            }
            return ids
        }
    }

    /// The points of a run in schedule order.
    public func points(ofRun run: RunID) throws(StoreError) -> [StoredPoint] {
        let rows = try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM point WHERE runId = ? ORDER BY ordinal", arguments: [run])
        }
        var points: [StoredPoint] = []
        points.reserveCapacity(rows.count)
        for row in rows {
            points.append(
                StoredPoint(
                    id: row["id"], ordinal: row["ordinal"],
                    key: try pointKey(
                        run: run, point: row["id"], scenario: row["scenario"], parameters: row["parameters"]),
                    baselinePointID: row["baselinePointId"], idealNanos: row["idealNanos"],
                    idealIONanos: row["idealIONanos"], idealCPUNanos: row["idealCPUNanos"],
                    status: PointStatus(rawValue: row["status"]) ?? .pending, error: row["error"],
                    command: row["command"]))
        }
        return points
    }
}
