import SpeedLabCore

/// Count, sum, minimum and maximum of each metric per point over one batch, added to the
/// `pointMetric` table in the batch's transaction (one upsert per point and metric, written by
/// each backend in its own SQL).
public struct MetricTotals {
    private struct Key: Hashable {
        var point: PointID
        var name: String
    }

    private struct Total {
        var count = 0
        var sum = 0.0
        var minimum = Double.infinity
        var maximum = -Double.infinity

        mutating func include(_ value: Double) {
            count += 1
            sum += value
            minimum = min(minimum, value)
            maximum = max(maximum, value)
        }
    }

    private var totals: [Key: Total] = [:]

    public init() {}

    /// One row per point and metric: what the batch adds to `pointMetric`.
    public var rows: [(point: PointID, name: String, count: Int, sum: Double, minimum: Double, maximum: Double)] {
        totals.map { key, total in (key.point, key.name, total.count, total.sum, total.minimum, total.maximum) }
    }

    public mutating func add(_ metrics: [String: Double], point: PointID) {
        for (name, value) in metrics where value.isFinite {
            totals[Key(point: point, name: name), default: Total()].include(value)
        }
    }
}
