/// The run-to-run noise of a series, estimated robustly, relative to its level.
///
/// σ̂ = 1.4826 · median(|xᵢ₊₁ − xᵢ|) / √2, divided by the series' median. Differences of
/// neighbours are immune to a step (it moves one difference) and to a single outlier (it moves
/// two); the median of their absolute values ignores those few, and 1.4826/√2 turns it into the
/// standard deviation of the values for normal noise. A series whose neighbours never differ
/// has no noise (0).
public enum SeriesNoise {
    /// Relative noise σ̂ / |median| (0.005 = 0.5 %), or nil for fewer than 3 values or a zero median.
    public static func relative(_ series: [Double]) -> Double? {
        guard series.count >= 3 else { return nil }
        let level = OrderStatistics.median(sorted: series.sorted())
        guard level != 0, level.isFinite else { return nil }
        let differences = zip(series.dropFirst(), series).map { abs($0 - $1) }.sorted()
        let sigma = 1.4826 * OrderStatistics.median(sorted: differences) / 2.0.squareRoot()
        return sigma / abs(level)
    }
}
