import Dispatch
import GRDB
import SpeedLabCore
import Synchronization

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
        let points = try read { db in
            try PointID.fetchAll(db, sql: "SELECT id FROM point WHERE runId = ? ORDER BY id", arguments: [run])
        }
        guard let span = try sampleSpan(of: points, run: run) else { return [] }
        guard span.count >= threshold, span.last > span.first else {
            return try read { db in try span.rows(from: span.first, to: span.last, in: db) }
        }
        // Rows are only ever appended above the range, so both halves see the same rows.
        let middle = span.first + (span.last - span.first) / 2
        var (rows, upper) = try bothAtOnce(
            { db in try span.rows(from: span.first, to: middle, in: db) },
            { db in try span.rows(from: middle + 1, to: span.last, in: db) })
        rows.append(contentsOf: upper)
        return rows
    }

    /// The rowid range of the samples of `points` (run `run`'s, in increasing order) and their count, or
    /// nil when they have none. Finding it walks their entries of the sample index, a tenth of
    /// a second per million samples: a run of many points does it for two halves of its points
    /// at once.
    private func sampleSpan(of points: [PointID], run: RunID) throws(StoreError) -> SampleSpan? {
        guard let lowest = points.first, let highest = points.last else { return nil }
        let sql = """
            SELECT MIN(s.id), MAX(s.id), COUNT(*) FROM sample s
            WHERE s.pointId BETWEEN ? AND ? AND s.pointId IN (SELECT id FROM point WHERE runId = ?)
            """
        @Sendable func range(_ db: Database, _ from: PointID, _ to: PointID) throws -> (Int64, Int64, Int64)? {
            guard let row = try Row.fetchOne(db, sql: sql, arguments: [from, to, run]),
                let first = row[0] as Int64?, let last = row[1] as Int64?, let count = row[2] as Int64?
            else { return nil }
            return (first, last, count)
        }
        let found: [(Int64, Int64, Int64)]
        if points.count >= 16 {
            let cut = points[points.count / 2]
            let (lower, upper) = try bothAtOnce(
                { db in try range(db, lowest, cut - 1) }, { db in try range(db, cut, highest) })
            found = [lower, upper].compactMap { $0 }
        } else {
            found = try read { db in try range(db, lowest, highest) }.map { [$0] } ?? []
        }
        guard let first = found.map(\.0).min(), let last = found.map(\.1).max() else { return nil }
        return SampleSpan(
            points: Set(points), first: first, last: last, count: Int(found.map(\.2).reduce(0, +)))
    }

    /// Runs `lower` here and `upper` on another thread, each in a read of its own connection,
    /// and returns both results (the first error, if any).
    private func bothAtOnce<T: Sendable>(
        _ lower: (Database) throws -> T, _ upper: @escaping @Sendable (Database) throws -> T
    ) throws(StoreError) -> (T, T) {
        let other = Mutex<Result<T, StoreError>?>(nil)
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) {
            let result = Result { () throws(StoreError) in try self.read(upper) }
            other.withLock { $0 = result }
        }
        let here = Result { () throws(StoreError) in try read(lower) }
        group.wait()
        return (try here.get(), try other.withLock { $0 }!.get())
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

    /// Whether the range holds rows of other runs too.
    var isShared: Bool { last - first + 1 != Int64(count) }

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
