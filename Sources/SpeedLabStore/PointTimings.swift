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
