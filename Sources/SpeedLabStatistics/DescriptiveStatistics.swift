/// Summary statistics of one sample, computed once and kept with the sorted values.
///
/// Made from a timing sample to report count, mean, median, spread and
/// quantiles. Conventions (all match numpy/scipy defaults):
/// - `standardDeviation` is the sample deviation with n − 1 in the denominator
///   (numpy `std(ddof=1)`); it is `nil` for a single value.
/// - `mad` is the raw median absolute deviation, median(|xᵢ − median|)
///   (scipy `median_abs_deviation(scale=1.0)`); `scaledMAD` = 1.4826 · MAD
///   estimates σ for normal data.
/// - `quantile(_:)` is type 7 (numpy `method='linear'`).
///
/// Empty input or non-finite values make the initialiser throw
/// (`StatisticsError.emptySample`, `.nonFiniteValue`); it never traps.
public struct DescriptiveStatistics: Sendable, Equatable {
    /// Constant that turns the raw MAD into a consistent estimate of σ for normal data.
    public static let madNormalScale = 1.4826

    /// The sample, sorted ascending.
    public let sortedValues: [Double]
    /// Arithmetic mean.
    public let mean: Double
    /// Median (mean of the two middle values for an even count).
    public let median: Double
    /// Sample standard deviation (n − 1 denominator); `nil` when `count` is 1.
    public let standardDeviation: Double?
    /// Raw median absolute deviation from the median.
    public let mad: Double

    /// Summarises `values`; throws for an empty sample or a NaN/infinite value.
    public init(_ values: [Double]) throws(StatisticsError) {
        try StatisticsError.validate(values)
        let sorted = values.sorted()
        sortedValues = sorted
        let count = Double(sorted.count)
        let mean = sorted.reduce(0, +) / count
        self.mean = mean
        median = OrderStatistics.median(sorted: sorted)
        if sorted.count > 1 {
            let squares = sorted.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
            standardDeviation = (squares / (count - 1)).squareRoot()
        } else {
            standardDeviation = nil
        }
        let median = self.median
        let deviations = sorted.map { abs($0 - median) }.sorted()
        mad = OrderStatistics.median(sorted: deviations)
    }

    /// Number of values.
    public var count: Int { sortedValues.count }
    /// Smallest value.
    public var min: Double { sortedValues[0] }
    /// Largest value.
    public var max: Double { sortedValues[sortedValues.count - 1] }
    /// 1.4826 · MAD, a robust estimate of the standard deviation.
    public var scaledMAD: Double { Self.madNormalScale * mad }
    /// Inter-quartile range Q3 − Q1 (type-7 quartiles).
    public var interquartileRange: Double { quantile(0.75) - quantile(0.25) }

    /// Type-7 quantile (numpy `quantile(method='linear')`); `p` is clamped to [0, 1].
    public func quantile(_ p: Double) -> Double {
        OrderStatistics.quantile(sorted: sortedValues, probability: p)
    }
}
