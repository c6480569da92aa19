import Dispatch
import GRDB
import SpeedLabCore

/// The measured wall and CPU times of one point, in storage order.
public struct PointTimings: Sendable, Hashable {
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

    /// The summary of a `pointMetric` row's running totals (the mean of no values is NaN).
    public init(count: Int, total: Double, minimum: Double, maximum: Double) {
        self.init(count: count, mean: count > 0 ? total / Double(count) : .nan, minimum: minimum, maximum: maximum)
    }
}

extension PointTimings {
    /// The measured (not warm-up) samples of `rows`, grouped by point.
    public static func grouped(_ rows: [PointSample]) -> [PointID: PointTimings] {
        var slots: [PointID: Int] = [:]
        var collected: [PointTimings] = []
        for row in rows where !row.sample.isWarmup {
            let slot: Int
            if let known = slots[row.pointID] {
                slot = known
            } else {
                slot = collected.count
                slots[row.pointID] = slot
                collected.append(PointTimings())
            }
            collected[slot].wallNanos.append(Double(row.sample.wallNanos))  // appended in place
            collected[slot].cpuNanos.append(Double(row.sample.cpuNanos))
        }
        return slots.mapValues { collected[$0] }
    }
}

extension RunStore {
    /// Wall and CPU times of every measured (not warm-up) sample of a run, by point.
    public func measuredSamples(ofRun run: RunID) throws(StoreError) -> [PointID: PointTimings] {
        PointTimings.grouped(try samples(ofRun: run))
    }

    /// Every sample of a run (warm-ups included), in the order they were measured, read in
    /// sequential passes over the run's rowid range (no index walk, no lookup per row): a large
    /// run's range is read in two halves at once, on two connections, and joined in order.
    /// Metrics are not read (reports use the `pointMetric` totals).
    public func samples(ofRun run: RunID) throws(StoreError) -> [PointSample] {
        try samples(ofRun: run, readingInHalvesFrom: 200_000)
    }

    /// ``samples(ofRun:)``, reading the range in two halves at once when the run has at least
    /// `threshold` samples: the same rows in the same order either way.
    public func samples(ofRun run: RunID, readingInHalvesFrom threshold: Int) throws(StoreError) -> [PointSample] {
        let (span, lowerHalf) = try read { db -> (SampleSpan?, [PointSample]) in
            let points = Set(try PointID.fetchAll(db, sql: "SELECT id FROM point WHERE runId = ?", arguments: [run]))
            guard !points.isEmpty else { return (nil, []) }
            let range = try Row.fetchOne(
                db,
                sql: """
                    SELECT MIN(s.id), MAX(s.id), COUNT(*) FROM sample s
                    WHERE s.pointId IN (SELECT id FROM point WHERE runId = ?)
                    """,
                arguments: [run])
            guard let first = range?[0] as Int64?, let last = range?[1] as Int64?, let count = range?[2] as Int64?
            else { return (nil, []) }
            let span = SampleSpan(points: points, first: first, last: last, count: Int(count), splitFrom: threshold)
            guard span.isWorthSplitting else { return (span, try span.rows(from: first, to: last, in: db)) }
            return (span, [])
        }
        guard let span, span.isWorthSplitting else { return lowerHalf }
        // The upper half is read by another thread on its own connection while this one reads
        // the lower half; rows are only ever appended above the range, so both see the same rows.
        let middle = span.first + (span.last - span.first) / 2
        let upper = UpperHalfRead()
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) {
            upper.result = Result { () throws(StoreError) in
                try self.read { db in try span.rows(from: middle + 1, to: span.last, in: db) }
            }
        }
        let lower = Result { () throws(StoreError) in
            try read { db in try span.rows(from: span.first, to: middle, in: db) }
        }
        group.wait()
        var rows = try lower.get()
        rows.append(contentsOf: try upper.result!.get())
        return rows
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

/// A run's samples as a rowid range of the `sample` table, and how to read part of it.
private struct SampleSpan: Sendable {
    /// The run's points: rows of other runs that wrote while it ran sit in the same range.
    var points: Set<PointID>
    var first: Int64
    var last: Int64
    /// The run's samples in the range.
    var count: Int
    /// From how many samples the range is read in two halves at once.
    var splitFrom: Int

    /// Whether the range holds rows of other runs too.
    var isShared: Bool { last - first + 1 != Int64(count) }

    /// Whether reading the range in two halves on two connections pays for the second one.
    var isWorthSplitting: Bool { count >= splitFrom && last > first }

    /// The run's samples with rowids in `from...to`, in rowid order.
    func rows(from: Int64, to: Int64, in db: Database) throws -> [PointSample] {
        let scan = try PreparedStatement(
            db,
            sql: """
                SELECT s.pointId, s.repetition, s.isWarmup, s.wallNanos, s.userNanos, s.systemNanos,
                  s.voluntarySwitches, s.involuntarySwitches, s.peakRSSBytes, s.checksum
                FROM sample s WHERE s.id BETWEEN ? AND ?
                """)
        scan.bind(1, from)
        scan.bind(2, to)
        var rows: [PointSample] = []
        rows.reserveCapacity(min(count, Int(to - from + 1)))
        let isShared = self.isShared
        try scan.forEachRow { row in
            let point = row.int64(0)
            guard !isShared || points.contains(point) else { return }
            rows.append(
                PointSample(
                    pointID: point,
                    sample: Sample(
                        repetition: Int(row.int64(1)), isWarmup: row.int64(2) == 1,
                        wallNanos: row.int64(3), userNanos: row.int64(4), systemNanos: row.int64(5),
                        voluntarySwitches: row.int64(6), involuntarySwitches: row.int64(7),
                        peakRSSBytes: row.int64(8), checksum: UInt64(bitPattern: row.int64(9)), metrics: [:])))
        }
        return rows
    }
}

/// Where the thread reading the upper half of a run's samples leaves them.
private final class UpperHalfRead: @unchecked Sendable {
    // Safe to share: written once by the reading thread before it leaves the dispatch group,
    // and read by the waiting thread only after `group.wait()` returns.
    var result: Result<[PointSample], StoreError>?
}
