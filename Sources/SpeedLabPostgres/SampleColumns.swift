#if PostgreSQLStore
    import SpeedLabCore
    import SpeedLabStore

    /// A batch of samples as one array per column, the shape `unnest` inserts in one statement.
    struct SampleColumns {
        var points: [Int64] = []
        var repetitions: [Int64] = []
        var warmups: [Int64] = []
        var walls: [Int64] = []
        var users: [Int64] = []
        var systems: [Int64] = []
        var voluntary: [Int64] = []
        var involuntary: [Int64] = []
        var rss: [Int64] = []
        var checksums: [Int64] = []
        /// Each sample's metrics as JSON, `""` for none (inserted as NULL).
        var metrics: [String] = []
        private var json = MetricsJSON()

        init(capacity: Int) {
            points.reserveCapacity(capacity)
            repetitions.reserveCapacity(capacity)
            warmups.reserveCapacity(capacity)
            walls.reserveCapacity(capacity)
            users.reserveCapacity(capacity)
            systems.reserveCapacity(capacity)
            voluntary.reserveCapacity(capacity)
            involuntary.reserveCapacity(capacity)
            rss.reserveCapacity(capacity)
            checksums.reserveCapacity(capacity)
            metrics.reserveCapacity(capacity)
        }

        mutating func append(_ item: PointSample) {
            let sample = item.sample
            points.append(item.pointID)
            repetitions.append(Int64(sample.repetition))
            warmups.append(sample.isWarmup ? 1 : 0)
            walls.append(sample.wallNanos)
            users.append(sample.userNanos)
            systems.append(sample.systemNanos)
            voluntary.append(sample.voluntarySwitches)
            involuntary.append(sample.involuntarySwitches)
            rss.append(sample.peakRSSBytes)
            checksums.append(Int64(bitPattern: sample.checksum))
            metrics.append(json.encode(sample.metrics).map { String(decoding: $0, as: UTF8.self) } ?? "")
        }
    }
#endif
