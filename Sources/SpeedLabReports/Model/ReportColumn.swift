import SpeedLabCore

/// A column of a speedup report's table that shows a metric: which metric (and which of a
/// distribution's percentiles), its heading, and how its values are written. The table's
/// metric columns follow from this list, not from names written in the renderer.
public struct ReportColumn: Sendable, Hashable {
    public let metric: Metric
    public let percentile: Metric.Percentile?
    /// Shown only for rows that also carry this metric (call latencies: http points only).
    public let onlyWith: Metric?

    public init(_ metric: Metric, _ percentile: Metric.Percentile? = nil, onlyWith: Metric? = nil) {
        self.metric = metric
        self.percentile = percentile
        self.onlyWith = onlyWith
    }

    /// The name its values are stored under in a sample's metrics.
    public var storedName: String { percentile.map(metric.name(of:)) ?? metric.name }

    /// The column's heading (`retries`, `wake late p99 ms`).
    public var heading: String { metric.heading(percentile) }

    /// A value as the table writes it: two decimals for times, one otherwise.
    public func format(_ value: Double) -> String { HumanFormat.fixed(value, metric.decimals) }

    /// Whether `counters` (a row's metric means) has a value for this column.
    public func applies(to counters: [String: Double]) -> Bool {
        counters[storedName] != nil && (onlyWith.map { counters[$0.name] != nil } ?? true)
    }

    /// The metric columns a report shows, in order, each where any row of a section has it.
    public static let shown: [ReportColumn] = [
        ReportColumn(.retries), ReportColumn(.timeouts), ReportColumn(.degraded), ReportColumn(.failed),
        ReportColumn(.wakeLate, .p99), ReportColumn(.answerTTFT, .p50),
        ReportColumn(.callLatency, .p50, onlyWith: .httpRequests),
        ReportColumn(.callLatency, .p99, onlyWith: .httpRequests),
    ]
}
