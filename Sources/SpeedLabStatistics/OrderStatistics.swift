/// Quantiles and medians of samples that are already sorted ascending.
///
/// Shared by `DescriptiveStatistics`, `TukeyOutliers`, `BootstrapCI` and
/// `HodgesLehmann` so that every quantile in the module follows one rule:
/// numpy's default `method='linear'` (Hyndman & Fan type 7).
enum OrderStatistics {
    /// Type-7 quantile of an ascending, non-empty sample.
    ///
    /// h = (n − 1)·p, j = ⌊h⌋, g = h − j, Q = x[j] + g·(x[j+1] − x[j]).
    /// For g ≥ 0.5 the value is computed as x[j+1] − (1 − g)·(x[j+1] − x[j]),
    /// exactly as numpy's `_lerp` does, so results agree bit for bit in
    /// ordinary cases. `p` is clamped to [0, 1].
    static func quantile(sorted values: [Double], probability p: Double) -> Double {
        let count = values.count
        precondition(count > 0, "quantile of an empty sample")
        let clamped = min(max(p, 0), 1)
        let position = Double(count - 1) * clamped
        let lowerIndex = min(Int(position.rounded(.down)), count - 1)
        let upperIndex = min(lowerIndex + 1, count - 1)
        let fraction = position - Double(lowerIndex)
        let lower = values[lowerIndex]
        let upper = values[upperIndex]
        let difference = upper - lower
        if fraction >= 0.5 {
            return upper - difference * (1 - fraction)
        }
        return lower + difference * fraction
    }

    /// Median of an ascending, non-empty sample (mean of the two middle values for even counts).
    static func median(sorted values: [Double]) -> Double {
        let count = values.count
        precondition(count > 0, "median of an empty sample")
        let middle = count / 2
        if count % 2 == 1 { return values[middle] }
        return (values[middle - 1] + values[middle]) / 2
    }
}
