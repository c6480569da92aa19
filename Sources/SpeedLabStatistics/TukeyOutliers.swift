/// Tukey-fence classification of every value in a sample as normal, mild or severe.
///
/// Flags suspicious timings without removing anything. With type-7 quartiles
/// Q1, Q3 and IQR = Q3 − Q1 (Tukey 1977, *Exploratory Data Analysis*):
/// - severe: below Q1 − 3·IQR or above Q3 + 3·IQR (outer fences);
/// - mild: outside the inner fences Q1 − 1.5·IQR … Q3 + 1.5·IQR but not severe;
/// - normal: everything else. Values exactly on a fence are inside it.
public struct TukeyOutliers: Sendable, Equatable {
    /// Classification of one value.
    ///
    /// Which fences the value lies beyond; the raw values match the fixture labels.
    public enum Kind: String, Sendable, Equatable, CaseIterable {
        /// Inside the inner fences.
        case normal
        /// Between the inner and outer fences.
        case mild
        /// Beyond an outer fence.
        case severe
    }

    /// First quartile (type 7).
    public let firstQuartile: Double
    /// Third quartile (type 7).
    public let thirdQuartile: Double
    /// Classification of `values[i]` at index `i`, in input order.
    public let kinds: [Kind]

    /// Classifies each value of `values`; throws for an empty sample or a non-finite value.
    public init(_ values: [Double]) throws(StatisticsError) {
        try StatisticsError.validate(values)
        let sorted = values.sorted()
        let q1 = OrderStatistics.quantile(sorted: sorted, probability: 0.25)
        let q3 = OrderStatistics.quantile(sorted: sorted, probability: 0.75)
        firstQuartile = q1
        thirdQuartile = q3
        let iqr = q3 - q1
        let inner = (low: q1 - 1.5 * iqr, high: q3 + 1.5 * iqr)
        let outer = (low: q1 - 3 * iqr, high: q3 + 3 * iqr)
        kinds = values.map { value in
            if value < outer.low || value > outer.high { return .severe }
            if value < inner.low || value > inner.high { return .mild }
            return .normal
        }
    }

    /// Inter-quartile range Q3 − Q1.
    public var interquartileRange: Double { thirdQuartile - firstQuartile }
    /// Inner fences (Q1 − 1.5·IQR, Q3 + 1.5·IQR).
    public var innerFences: (low: Double, high: Double) {
        (firstQuartile - 1.5 * interquartileRange, thirdQuartile + 1.5 * interquartileRange)
    }
    /// Outer fences (Q1 − 3·IQR, Q3 + 3·IQR).
    public var outerFences: (low: Double, high: Double) {
        (firstQuartile - 3 * interquartileRange, thirdQuartile + 3 * interquartileRange)
    }
    /// Number of values classified as normal.
    public var normalCount: Int { kinds.count { $0 == .normal } }
    /// Number of mild outliers.
    public var mildCount: Int { kinds.count { $0 == .mild } }
    /// Number of severe outliers.
    public var severeCount: Int { kinds.count { $0 == .severe } }
    /// Indices of all mild or severe outliers, ascending.
    public var outlierIndices: [Int] { kinds.indices.filter { kinds[$0] != .normal } }
}
