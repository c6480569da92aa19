import GRDB
import SpeedLabCore

/// The measured wall and CPU times of one point, in storage order.
public struct PointSamples: Sendable, Hashable {
    public var wallNanos: [Double] = []
    public var cpuNanos: [Double] = []

    public init(wallNanos: [Double] = [], cpuNanos: [Double] = []) {
        self.wallNanos = wallNanos
        self.cpuNanos = cpuNanos
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
}

/// One stored sample, as `samples.csv` lists it.
public struct SampleRow: Sendable, Hashable {
    public var pointID: PointID
    public var repetition: Int64
    public var isWarmup: Bool
    public var wallNanos: Int64
    public var userNanos: Int64
    public var systemNanos: Int64
    public var voluntarySwitches: Int64
    public var involuntarySwitches: Int64
    public var peakRSSBytes: Int64
    public var checksum: UInt64
}

extension RunStore {
    /// Wall and CPU times of every measured (not warm-up) sample of a run, by point, read with
    /// one scan of the sample table.
    public func measuredSamples(ofRun run: RunID) throws(StoreError) -> [PointID: PointSamples] {
        var result: [PointID: PointSamples] = [:]
        try read { db in
            let scan = try PreparedStatement(
                db,
                sql: """
                    SELECT s.pointId, s.wallNanos, s.userNanos + s.systemNanos FROM sample s
                    WHERE s.isWarmup = 0 AND s.pointId IN (SELECT id FROM point WHERE runId = ?)
                    ORDER BY s.pointId, s.repetition
                    """)
            scan.bind(1, run)
            var current: PointID = -1
            var samples = PointSamples()
            try scan.forEachRow { row in
                let id = row.int64(0)
                if id != current {
                    if current >= 0 { result[current] = samples }
                    current = id
                    samples = PointSamples()
                }
                samples.wallNanos.append(Double(row.int64(1)))
                samples.cpuNanos.append(Double(row.int64(2)))
            }
            if current >= 0 { result[current] = samples }
        }
        return result
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
                let count: Int = row["count"]
                let total: Double = row["total"]
                result[row["pointId"], default: [:]][row["name"]] = MetricSummary(
                    count: count, mean: count > 0 ? total / Double(count) : .nan,
                    minimum: row["minimum"], maximum: row["maximum"])
            }
            return result
        }
    }

    /// Calls `body` with every sample of a run (warm-ups included), in point and repetition order.
    public func forEachSample(ofRun run: RunID, _ body: (SampleRow) throws -> Void) throws {
        try read { db in
            let scan = try PreparedStatement(
                db,
                sql: """
                    SELECT s.pointId, s.repetition, s.isWarmup, s.wallNanos, s.userNanos, s.systemNanos,
                      s.voluntarySwitches, s.involuntarySwitches, s.peakRSSBytes, s.checksum
                    FROM sample s WHERE s.pointId IN (SELECT id FROM point WHERE runId = ?)
                    ORDER BY s.pointId, s.isWarmup DESC, s.repetition
                    """)
            scan.bind(1, run)
            try scan.forEachRow { row in
                try body(SampleRow(
                    pointID: row.int64(0), repetition: row.int64(1), isWarmup: row.int64(2) == 1,
                    wallNanos: row.int64(3), userNanos: row.int64(4), systemNanos: row.int64(5),
                    voluntarySwitches: row.int64(6), involuntarySwitches: row.int64(7),
                    peakRSSBytes: row.int64(8), checksum: UInt64(bitPattern: row.int64(9))))
            }
        }
    }
}
