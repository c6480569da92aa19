/// A sample sorted once, from which medians, quantiles, the median's confidence interval and
/// Tukey's fences are read without sorting again: the cheap path for reports over many points.
public struct SortedSample: Sendable, Hashable {
    public let values: [Double]

    /// Sorts `values`; throws for an empty sample or a NaN/infinite value.
    public init(_ values: [Double]) throws(StatisticsError) {
        try StatisticsError.validate(values)
        self.values = values.sorted()
    }

    public var count: Int { values.count }
    public var median: Double { OrderStatistics.median(sorted: values) }

    /// The `p` quantile by linear interpolation (numpy's default, R type 7).
    public func quantile(_ p: Double) -> Double {
        OrderStatistics.quantile(sorted: values, probability: p)
    }

    /// The distribution-free confidence interval of the median (same ranks as
    /// ``MedianConfidenceInterval``).
    public func medianInterval(level: Double = 0.95) throws(StatisticsError) -> (lower: Double, upper: Double) {
        let ranks = try MedianConfidenceInterval.ranks(count: count, level: level)
        return (values[ranks.lowerRank - 1], values[ranks.upperRank - 1])
    }

    /// How many values lie beyond Tukey's inner fences only (mild) and beyond the outer ones
    /// (severe), with quartiles as ``TukeyOutliers`` computes them.
    public var tukeyCounts: (mild: Int, severe: Int) {
        let q1 = quantile(0.25)
        let q3 = quantile(0.75)
        let iqr = q3 - q1
        var mild = 0
        var severe = 0
        for value in values {
            if value < q1 - 3 * iqr || value > q3 + 3 * iqr {
                severe += 1
            } else if value < q1 - 1.5 * iqr || value > q3 + 1.5 * iqr {
                mild += 1
            }
        }
        return (mild, severe)
    }
}
