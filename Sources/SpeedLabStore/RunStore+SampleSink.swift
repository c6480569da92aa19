import GRDB
import SpeedLabCore

extension RunStore: SampleSink {
    /// Inserts a batch of samples and their metrics in one write transaction, binding
    /// through two prepared statements (see `docs/performance.md` for the rate).
    public func record(_ batch: [PointSample]) throws {
        guard !batch.isEmpty else { return }
        try write { db in
            let sampleInsert = try PreparedStatement(
                db,
                sql: """
                    INSERT INTO sample (pointId, repetition, isWarmup, wallNanos, userNanos, systemNanos,
                      voluntarySwitches, involuntarySwitches, peakRSSBytes, checksum)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (pointId, isWarmup, repetition) DO NOTHING
                    """)
            let metricInsert = try PreparedStatement(
                db, sql: "INSERT INTO sampleMetric (sampleId, name, value) VALUES (?, ?, ?)")
            var names = MetricNames()
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
                guard try sampleInsert.insert() else { continue }  // a stored repetition is kept as it was
                let sampleID = sampleInsert.lastInsertedRowID
                if !sample.isWarmup { totals.add(sample.metrics, point: item.pointID) }
                for (name, value) in sample.metrics where value.isFinite {
                    try names.withCString(name) { text in
                        metricInsert.bind(1, sampleID)
                        metricInsert.bind(2, staticText: text)
                        metricInsert.bind(3, value)
                        _ = try metricInsert.insert()
                    }
                }
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

/// C strings of metric names, converted once per batch rather than once per row.
private struct MetricNames {
    private var cache: [String: [CChar]] = [:]

    mutating func withCString<T>(_ name: String, _ body: (UnsafePointer<CChar>) throws -> T) rethrows -> T {
        if cache[name] == nil { cache[name] = Array(name.utf8CString) }
        return try cache[name, default: []].withUnsafeBufferPointer { buffer in
            try body(buffer.baseAddress!)
        }
    }
}
