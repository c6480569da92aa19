import GRDB
import SpeedLabCore

/// The measured wall and CPU times of one point, in storage order.
public struct PointTimings: Sendable, Hashable {
    public var wallNanos: [Double] = []
    public var cpuNanos: [Double] = []
    /// The values of the one sample metric a comparison or history follows (empty otherwise).
    public var metric: [Double] = []

    public init(wallNanos: [Double] = [], cpuNanos: [Double] = [], metric: [Double] = []) {
        self.wallNanos = wallNanos
        self.cpuNanos = cpuNanos
        self.metric = metric
    }
}

/// Count, mean, minimum and maximum of one metric over a point's measured samples.
public struct MetricSummary: Sendable, Hashable {
    public var count: Int
    public var mean: Double
    public var minimum: Double
    public var maximum: Double

    public init(count: Int, mean: Double, minimum: Double, maximum: Double) {
        self.count = count
        self.mean = mean
        self.minimum = minimum
        self.maximum = maximum
    }

    /// The summary of a `pointMetric` row's running totals (the mean of no values is NaN).
    public init(count: Int, total: Double, minimum: Double, maximum: Double) {
        self.init(count: count, mean: count > 0 ? total / Double(count) : .nan, minimum: minimum, maximum: maximum)
    }
}

extension PointTimings {
    /// The measured (not warm-up) samples of `rows`, grouped by point.
    public static func grouped(_ rows: [PointSample]) -> [PointID: PointTimings] {
        rows.withUnsafeBufferPointer { rows in
            // Fields are read in place: copying a whole sample would retain its metrics.
            let slots = PointSlots(pointsOf: rows)
            var wall = [[Double]](repeating: [], count: slots.count)
            var cpu = [[Double]](repeating: [], count: slots.count)
            for index in rows.indices where !rows[index].sample.isWarmup {
                guard let slot = slots[rows[index].pointID] else { continue }
                wall[slot].append(Double(rows[index].sample.wallNanos))  // appended in place
                cpu[slot].append(Double(rows[index].sample.cpuNanos))
            }
            var grouped: [PointID: PointTimings] = [:]
            for (slot, id) in slots.ids.enumerated() where !wall[slot].isEmpty {
                grouped[id] = PointTimings(wallNanos: wall[slot], cpuNanos: cpu[slot])
            }
            return grouped
        }
    }
}

extension RunStore {
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

extension RunStore {
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
