import Dispatch
import GRDB
import SpeedLabCore
import SpeedLabStore
import Synchronization

extension SQLiteRunStore {
    /// Every sample of a run (warm-ups included), in the order they were measured, read in
    /// sequential passes over the run's rowid range (no index walk, no lookup per row): a large
    /// run's range is read in two halves at once, on two connections, and joined in order.
    /// Metrics are not read (reports use the `pointMetric` totals).
    public func samples(ofRun run: RunID) throws(StoreError) -> [PointSample] {
        try samples(ofRun: run, readingInHalvesFrom: 200_000)
    }

    /// ``samples(ofRun:)``, reading the range in two halves at once when the run has at least
    /// `threshold` samples: the same rows in the same order either way.
    ///
    /// The range is first taken from the ends of each point's repetitions in the sample index
    /// (a few seeks per point), which holds every sample when each point's repetitions were
    /// stored in increasing order, as SpeedLab stores them. The rows read are counted against
    /// the run's samples in the index; if any lies outside (stored out of order, by hand), the
    /// exact range is found by walking the index and read again.
    public func samples(ofRun run: RunID, readingInHalvesFrom threshold: Int) throws(StoreError) -> [PointSample] {
        let points = try read { db in
            try PointID.fetchAll(db, sql: "SELECT id FROM point WHERE runId = ? ORDER BY id", arguments: [run])
        }
        let slots = PointSlots(points)
        guard let likely = try read({ db in try SampleSpan.likely(of: slots, run: run, in: db) }) else { return [] }
        if let rows = try rows(in: likely, readingInHalvesFrom: threshold) { return rows }
        guard let exact = try exactSpan(of: slots, run: run) else { return [] }
        return try rows(in: exact, readingInHalvesFrom: threshold) ?? []
    }

    /// The run's samples in `span`, in rowid order, or nil when fewer than `span.count` lie in it.
    private func rows(in span: SampleSpan, readingInHalvesFrom threshold: Int) throws(StoreError) -> [PointSample]? {
        var rows: [PointSample]
        if span.count >= threshold, span.last > span.first {
            // Rows are only ever added above the range, so both halves see the same rows.
            let middle = span.first + (span.last - span.first) / 2
            let upper: [PointSample]
            (rows, upper) = try bothAtOnce(
                { db in try span.rows(from: span.first, to: middle, reserving: span.count, in: db) },
                { db in
                    try span.rows(
                        from: middle + 1, to: span.last, reserving: min(span.count, Int(span.last - middle)), in: db)
                })
            rows.append(contentsOf: upper)
        } else {
            rows = try read { db in try span.rows(from: span.first, to: span.last, reserving: span.count, in: db) }
        }
        return rows.count == span.count ? rows : nil
    }

    /// The exact rowid range of the samples of the run's points (`slots`, in increasing order)
    /// and their count, or nil when they have none. Finding it walks their entries of the sample
    /// index, a tenth of a second per million samples: a run of many points does it for two
    /// halves of its points at once.
    private func exactSpan(of slots: PointSlots, run: RunID) throws(StoreError) -> SampleSpan? {
        let points = slots.ids
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
        return SampleSpan(points: slots, first: first, last: last, count: Int(found.map(\.2).reduce(0, +)))
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
}

/// A run's samples as a rowid range of the `sample` table, and how to read part of it.
private struct SampleSpan: Sendable {
    /// The run's points: rows of other runs that wrote while it ran sit in the same range.
    var points: PointSlots
    var first: Int64
    var last: Int64
    /// The run's samples in the whole table (all of them in the range, unless they were stored
    /// out of order).
    var count: Int

    /// The range between the first and the last repetition of each point and phase in the sample
    /// index, with the run's count of samples, read in one snapshot; nil when the run has none.
    /// `slots` holds the run's point ids in increasing order.
    static func likely(of slots: PointSlots, run: RunID, in db: Database) throws -> SampleSpan? {
        let points = slots.ids
        guard let lowest = points.first, let highest = points.last else { return nil }
        guard
            let ends = try Row.fetchOne(
                db,
                sql: """
                    SELECT MIN(first), MAX(last) FROM (
                      SELECT (SELECT s.id FROM sample s WHERE s.pointId = p.id AND s.isWarmup = phase.value
                                ORDER BY s.repetition LIMIT 1) AS first,
                             (SELECT s.id FROM sample s WHERE s.pointId = p.id AND s.isWarmup = phase.value
                                ORDER BY s.repetition DESC LIMIT 1) AS last
                      FROM point p CROSS JOIN (SELECT 0 AS value UNION ALL SELECT 1) phase WHERE p.runId = ?)
                    """, arguments: [run]),
            let first = ends[0] as Int64?, let last = ends[1] as Int64?
        else { return nil }
        // Counting walks the run's entries of the index without decoding them; when the run's
        // point ids are contiguous, no other run's entries lie between them.
        let contiguous = highest - lowest + 1 == Int64(points.count)
        let count =
            try Int.fetchOne(
                db,
                sql: "SELECT COUNT(*) FROM sample WHERE pointId BETWEEN ? AND ?"
                    + (contiguous ? "" : " AND pointId IN (SELECT id FROM point WHERE runId = ?)"),
                arguments: contiguous ? [lowest, highest] : [lowest, highest, run]) ?? 0
        return SampleSpan(points: slots, first: first, last: last, count: count)
    }

    /// The run's samples with rowids in `from...to`, in rowid order, in an array with room for
    /// `reserving` rows (all of the run's for the lower half of a range, which the upper joins).
    func rows(from: Int64, to: Int64, reserving: Int, in db: Database) throws -> [PointSample] {
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
        rows.reserveCapacity(reserving)
        let points = self.points
        try scan.forEachRow { row in
            let point = row.int64(0)
            guard points[point] != nil else { return }
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
