import GRDB
import SpeedLabCore
import SpeedLabStore

extension SQLiteRunStore {
    /// Wall and CPU times of every measured (not warm-up) sample of a run, by point.
    public func measuredSamples(ofRun run: RunID) throws(StoreError) -> [PointID: PointTimings] {
        PointTimings.grouped(try samples(ofRun: run))
    }

    /// The sum of the wall times of a run's measured samples, in nanoseconds (one SQL sum).
    public func measuredWallNanosTotal(ofRun run: RunID) throws(StoreError) -> Int64 {
        try read { db in
            try Int64.fetchOne(
                db,
                sql: """
                    SELECT COALESCE(SUM(s.wallNanos), 0) FROM sample s JOIN point p ON p.id = s.pointId
                    WHERE p.runId = ? AND s.isWarmup = 0
                    """, arguments: [run]) ?? 0
        }
    }

    /// The summary of every metric of every point of a run, from the `pointMetric` totals.
    public func metricSummaries(ofRun run: RunID) throws(StoreError) -> [PointID: [String: MetricSummary]] {
        try read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT m.pointId, m.name, m.count, m.total, m.minimum, m.maximum FROM pointMetric m
                    JOIN point p ON p.id = m.pointId WHERE p.runId = ?
                    """,
                arguments: [run])
            var result: [PointID: [String: MetricSummary]] = [:]
            for row in rows {
                result[row["pointId"], default: [:]][row["name"]] = MetricSummary(
                    count: row["count"], total: row["total"], minimum: row["minimum"], maximum: row["maximum"])
            }
            return result
        }
    }
}

extension SQLiteRunStore {
    public func sampleMetric(_ name: String, ofPoints points: [PointID]) throws(StoreError) -> [PointID: [Double]] {
        guard !points.isEmpty else { return [:] }
        return try read { db in
            var result: [PointID: [Double]] = [:]
            for chunk in stride(from: 0, to: points.count, by: 500).map({
                Array(points[$0..<min($0 + 500, points.count)])
            }) {
                let rows = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT pointId, json_extract(metrics, '$."' || ? || '"') AS value FROM sample
                        WHERE isWarmup = 0 AND pointId IN (\(chunk.map { _ in "?" }.joined(separator: ",")))
                        ORDER BY pointId, repetition
                        """,
                    arguments: StatementArguments(
                        [name] + chunk.map { DatabaseValue(value: $0) as any DatabaseValueConvertible }))
                for row in rows {
                    guard let value = row["value"] as Double? else { continue }
                    result[row["pointId"], default: []].append(value)
                }
            }
            return result
        }
    }
}
